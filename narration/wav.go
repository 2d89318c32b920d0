package narration

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"time"
)

// wavFormat is the fmt chunk of a WAV file. The raw bytes are kept so the
// joined file repeats the format exactly, and so two files compare equal only
// when everything about their samples agrees.
type wavFormat struct {
	Tag           uint16
	Channels      uint16
	SampleRate    uint32
	BlockAlign    uint16
	BitsPerSample uint16
	raw           []byte
}

func (f wavFormat) equal(g wavFormat) bool { return bytes.Equal(f.raw, g.raw) }

func (f wavFormat) String() string {
	return fmt.Sprintf("format %d, %d channel(s), %d Hz, %d bit", f.Tag, f.Channels, f.SampleRate, f.BitsPerSample)
}

// frames is how many sample frames n bytes of PCM hold.
func (f wavFormat) frames(n int) int64 { return int64(n) / int64(f.BlockAlign) }

// duration converts a frame count to time without overflowing or drifting.
func (f wavFormat) duration(frames int64) time.Duration {
	rate := int64(f.SampleRate)
	return time.Duration(frames/rate*int64(time.Second) + frames%rate*int64(time.Second)/rate)
}

// framesIn is how many frames last d, rounded down.
func (f wavFormat) framesIn(d time.Duration) int64 {
	return int64(d) * int64(f.SampleRate) / int64(time.Second)
}

// parseWAV finds the fmt and data chunks of a RIFF/WAVE file, whatever other
// chunks come before them. A data chunk whose size runs past the end of the
// file (as streaming writers leave it) is cut to what is there, and to whole
// frames.
func parseWAV(b []byte) (wavFormat, []byte, error) {
	var format wavFormat
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return format, nil, errors.New("not a RIFF/WAVE file")
	}
	var data []byte
	haveFmt, haveData := false, false
	for p := 12; p+8 <= len(b); {
		id := string(b[p : p+4])
		size := int64(binary.LittleEndian.Uint32(b[p+4 : p+8]))
		body := int64(p + 8)
		end := body + size
		if end > int64(len(b)) {
			if id != "data" {
				return format, nil, fmt.Errorf("chunk %q is truncated", id)
			}
			end = int64(len(b))
		}
		switch id {
		case "fmt ":
			if size < 16 {
				return format, nil, fmt.Errorf("fmt chunk is %d bytes, want at least 16", size)
			}
			c := b[body:end]
			format = wavFormat{
				Tag:           binary.LittleEndian.Uint16(c[0:2]),
				Channels:      binary.LittleEndian.Uint16(c[2:4]),
				SampleRate:    binary.LittleEndian.Uint32(c[4:8]),
				BlockAlign:    binary.LittleEndian.Uint16(c[12:14]),
				BitsPerSample: binary.LittleEndian.Uint16(c[14:16]),
				raw:           bytes.Clone(c),
			}
			haveFmt = true
		case "data":
			data = b[body:end]
			haveData = true
		}
		p = int(end + size&1) // chunks are padded to an even size
	}
	switch {
	case !haveFmt:
		return format, nil, errors.New("no fmt chunk")
	case !haveData:
		return format, nil, errors.New("no data chunk")
	case format.Channels == 0 || format.SampleRate == 0 || format.BlockAlign == 0:
		return format, nil, fmt.Errorf("unusable %s, block align %d", format, format.BlockAlign)
	}
	return format, data[:len(data)-len(data)%int(format.BlockAlign)], nil
}

// The silence trimSilence keeps before and after the sound.
const (
	leadMargin = 10 * time.Millisecond
	tailMargin = 50 * time.Millisecond
)

// trimSilence cuts leading and trailing near-silence from 16-bit PCM, keeping
// a little margin so soft onsets and decays are not clipped. Synthesizers pad
// every utterance with some silence (espeak-ng about 350 ms); trimming it makes
// the pauses between sentences exactly what we insert and puts cue times at the
// speech.
// Other sample formats, and audio with no sound at all, are returned as is.
func trimSilence(f wavFormat, pcm []byte) []byte {
	const threshold = 256 // about -42 dBFS
	if f.Tag != 1 || f.BitsPerSample != 16 {
		return pcm
	}
	frame := int(f.BlockAlign)
	loud := func(i int) bool {
		for c := 0; c < int(f.Channels); c++ {
			v := int16(binary.LittleEndian.Uint16(pcm[i*frame+2*c:]))
			if v > threshold || v < -threshold {
				return true
			}
		}
		return false
	}
	n := len(pcm) / frame
	first := 0
	for first < n && !loud(first) {
		first++
	}
	if first == n {
		return pcm
	}
	last := n - 1
	for !loud(last) {
		last--
	}
	first = max(0, first-int(f.framesIn(leadMargin)))
	last = min(n-1, last+int(f.framesIn(tailMargin)))
	return pcm[first*frame : (last+1)*frame]
}

// wavWriter streams PCM into a WAV file and fixes the header sizes at the end.
type wavWriter struct {
	f      *os.File
	w      *bufio.Writer
	format wavFormat
	data   int64 // bytes of PCM written
}

// maxWAVData keeps the RIFF size, a 32-bit field, from overflowing.
const maxWAVData = 1<<32 - 1 - 1024

func newWAVWriter(f *os.File, format wavFormat) (*wavWriter, error) {
	w := &wavWriter{f: f, w: bufio.NewWriterSize(f, 64<<10), format: format}
	// Sizes are written as zero now and patched by finish.
	if _, err := w.w.Write(wavHeader(format, 0, 0)); err != nil {
		return nil, err
	}
	return w, nil
}

// wavHeader is a WAV file's start, up to its samples: the RIFF chunk's
// size, the fmt chunk, and the data chunk's size.
func wavHeader(format wavFormat, riffSize, dataSize uint32) []byte {
	var h bytes.Buffer
	h.WriteString("RIFF")
	binary.Write(&h, binary.LittleEndian, riffSize)
	h.WriteString("WAVEfmt ")
	binary.Write(&h, binary.LittleEndian, uint32(len(format.raw)))
	h.Write(format.raw)
	if len(format.raw)%2 == 1 {
		h.WriteByte(0)
	}
	h.WriteString("data")
	binary.Write(&h, binary.LittleEndian, dataSize)
	return h.Bytes()
}

func (w *wavWriter) headerSize() int64 {
	return 12 + 8 + int64(len(w.format.raw)+len(w.format.raw)%2) + 8
}

// frames is the number of frames written so far, which is the current time.
func (w *wavWriter) frames() int64 { return w.data / int64(w.format.BlockAlign) }

func (w *wavWriter) write(pcm []byte) error {
	if w.data+int64(len(pcm)) > maxWAVData {
		return errors.New("narration is too long for a WAV file")
	}
	n, err := w.w.Write(pcm)
	w.data += int64(n)
	return err
}

// silence appends d of silence: zero for signed and float samples, the
// midpoint for 8-bit PCM, which is unsigned.
func (w *wavWriter) silence(d time.Duration) error {
	return w.silentFrames(w.format.framesIn(d))
}

// silentFrames appends n frames of silence.
func (w *wavWriter) silentFrames(n int64) error {
	fill := byte(0)
	if w.format.BitsPerSample == 8 {
		fill = 0x80
	}
	chunk := bytes.Repeat([]byte{fill}, int(w.format.BlockAlign)*1024)
	left := n * int64(w.format.BlockAlign)
	for left > 0 {
		n := min(left, int64(len(chunk)))
		if err := w.write(chunk[:n]); err != nil {
			return err
		}
		left -= n
	}
	return nil
}

// finish pads the data chunk to an even size and writes the real sizes into
// the header.
func (w *wavWriter) finish() error {
	if w.data%2 == 1 {
		if err := w.w.WriteByte(0); err != nil {
			return err
		}
	}
	if err := w.w.Flush(); err != nil {
		return err
	}
	total := w.headerSize() + w.data + w.data%2
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(total-8))
	if _, err := w.f.WriteAt(b[:], 4); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(b[:], uint32(w.data))
	if _, err := w.f.WriteAt(b[:], w.headerSize()-4); err != nil {
		return err
	}
	return nil
}

// PCM is the audio of a WAV file: its samples, interleaved, and their format.
type PCM struct {
	SampleRate, Channels, BitsPerSample int
	// Integer is set for integer PCM (format tag 1).
	Integer bool
	Data    []byte
}

// Silences returns the runs [from, to) of at least min frames (a sample of
// every channel) in which every sample is exactly zero, in order: the pauses
// Assemble and synthesizers put between utterances, as opposed to quiet
// speech.
func (p PCM) Silences(min int) [][2]int {
	return silences(p.Data, p.Channels*p.BitsPerSample/8, min)
}

func silences(pcm []byte, frame, min int) [][2]int {
	if frame <= 0 {
		return nil
	}
	frames := len(pcm) / frame
	pcm = pcm[:frames*frame]
	var runs [][2]int
	for i := 0; i < frames; {
		from := nextSilentFrame(pcm, frame, i)
		if from >= frames {
			break
		}
		// Every byte up to the first that is not zero is silence; the
		// frame holding that byte is sound.
		to := (from*frame + zeroBytes(pcm[from*frame:])) / frame
		if to-from >= min {
			runs = append(runs, [2]int{from, to})
		}
		i = to
	}
	return runs
}

// nextSilentFrame is the first frame from frame i on whose bytes are all
// zero, or the number of frames if there is none. Sixteen-bit mono, the
// narration's own format, is searched four samples at a time.
func nextSilentFrame(pcm []byte, frame, i int) int {
	frames := len(pcm) / frame
	if frame == 2 {
		const ones, highs = 0x0001000100010001, 0x8000800080008000
		p := i * 2
		// A word has a zero 16-bit lane exactly when this is not zero.
		for p+8 <= len(pcm) {
			if w := binary.LittleEndian.Uint64(pcm[p:]); (w-ones)&^w&highs != 0 {
				break
			}
			p += 8
		}
		i = p / 2
	}
	for ; i < frames; i++ {
		if zeroBytes(pcm[i*frame:(i+1)*frame]) == frame {
			return i
		}
	}
	return frames
}

// zeroBytes is how many bytes b starts with that are zero, read eight at a
// time.
func zeroBytes(b []byte) int {
	n := 0
	for n+8 <= len(b) && binary.LittleEndian.Uint64(b[n:]) == 0 {
		n += 8
	}
	for n < len(b) && b[n] == 0 {
		n++
	}
	return n
}

// ReadPCM reads a WAV file's samples, as Assemble writes them.
func ReadPCM(path string) (PCM, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return PCM{}, err
	}
	f, data, err := parseWAV(b)
	if err != nil {
		return PCM{}, fmt.Errorf("%s: %w", path, err)
	}
	return PCM{SampleRate: int(f.SampleRate), Channels: int(f.Channels), BitsPerSample: int(f.BitsPerSample),
		Integer: f.Tag == 1, Data: data}, nil
}
