package narration

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"
)

// chunk builds one RIFF chunk, padded to an even size.
func chunk(id string, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString(id)
	binary.Write(&b, binary.LittleEndian, uint32(len(body)))
	b.Write(body)
	if len(body)%2 == 1 {
		b.WriteByte(0)
	}
	return b.Bytes()
}

func pcmFmt(rate uint32, channels, bits uint16) []byte {
	var b bytes.Buffer
	align := channels * bits / 8
	for _, v := range []any{uint16(1), channels, rate, rate * uint32(align), align, bits} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	return b.Bytes()
}

func riff(chunks ...[]byte) []byte {
	body := append([]byte("WAVE"), bytes.Join(chunks, nil)...)
	return append([]byte("RIFF"), append(binary.LittleEndian.AppendUint32(nil, uint32(len(body))), body...)...)
}

func TestParseWAVFindsChunks(t *testing.T) {
	data := []byte{1, 0, 2, 0, 3, 0}
	// An odd-sized LIST chunk before fmt: its pad byte must be skipped.
	b := riff(chunk("LIST", []byte("abc")), chunk("fmt ", pcmFmt(22050, 1, 16)), chunk("data", data))
	f, pcm, err := parseWAV(b)
	if err != nil {
		t.Fatal(err)
	}
	if f.SampleRate != 22050 || f.Channels != 1 || f.BitsPerSample != 16 || !bytes.Equal(pcm, data) {
		t.Errorf("got %s, pcm %v", f, pcm)
	}
}

func TestParseWAVStreamingSize(t *testing.T) {
	// Writers that stream leave the data size at its maximum; take what is
	// there, in whole frames.
	b := riff(chunk("fmt ", pcmFmt(8000, 2, 16)))
	b = append(b, []byte("data\xff\xff\xff\xff")...)
	b = append(b, 1, 2, 3, 4, 5, 6)
	_, pcm, err := parseWAV(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(pcm) != 4 {
		t.Errorf("got %d bytes of PCM, want 4 (one whole stereo frame)", len(pcm))
	}
}

func TestParseWAVRejects(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":     nil,
		"not riff":  []byte("RIFX\x00\x00\x00\x00WAVE"),
		"no fmt":    riff(chunk("data", []byte{0, 0})),
		"no data":   riff(chunk("fmt ", pcmFmt(8000, 1, 16))),
		"short fmt": riff(chunk("fmt ", []byte{1, 0}), chunk("data", []byte{0, 0})),
	} {
		if _, _, err := parseWAV(b); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

func TestWAVWriterRoundTrip(t *testing.T) {
	format, _, err := parseWAV(riff(chunk("fmt ", pcmFmt(1000, 1, 16)), chunk("data", nil)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out.wav"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := newWAVWriter(f, format)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.write([]byte{9, 0, 8, 0}); err != nil {
		t.Fatal(err)
	}
	if err := w.silence(250 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if got := format.duration(w.frames()); got != 252*time.Millisecond {
		t.Errorf("duration %s, want 252ms", got)
	}
	if err := w.finish(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if got := binary.LittleEndian.Uint32(b[4:8]); int(got) != len(b)-8 {
		t.Errorf("RIFF size %d, file is %d bytes", got, len(b))
	}
	got, pcm, err := parseWAV(b)
	if err != nil {
		t.Fatal(err)
	}
	if !got.equal(format) || len(pcm) != 504 || pcm[0] != 9 || pcm[503] != 0 {
		t.Errorf("round trip: %s, %d bytes", got, len(pcm))
	}
}

func TestTrimSilence(t *testing.T) {
	format, _, _ := parseWAV(riff(chunk("fmt ", pcmFmt(1000, 1, 16)), chunk("data", nil)))
	pcm := make([]byte, 2*1000) // one second, loud from 400 ms to 500 ms
	for i := 400; i < 500; i++ {
		binary.LittleEndian.PutUint16(pcm[2*i:], uint16(10000))
	}
	got := format.frames(len(trimSilence(format, pcm)))
	if want := int64(100 + 10 + 50); got != want {
		t.Errorf("trimmed to %d frames, want %d", got, want)
	}
	silent := make([]byte, 200)
	if len(trimSilence(format, silent)) != 200 {
		t.Error("silent audio was trimmed away")
	}
}

// Silences are runs of exact zero in every channel, long enough; quiet
// sound and a zero in one channel only are not silence.
func TestSilences(t *testing.T) {
	frame := []byte{1, 0, 0, 0} // 16-bit stereo: sound in the left channel only
	var data []byte
	add := func(b []byte, n int) {
		for range n {
			data = append(data, b...)
		}
	}
	add(make([]byte, 4), 5) // frames 0–4: silence at the start
	add(frame, 3)
	add(make([]byte, 4), 2) // too short
	add(frame, 1)
	add(make([]byte, 4), 4) // frames 11–14
	p := PCM{SampleRate: 8000, Channels: 2, BitsPerSample: 16, Integer: true, Data: data}
	if got, want := p.Silences(3), [][2]int{{0, 5}, {11, 15}}; !reflect.DeepEqual(got, want) {
		t.Errorf("silences %v, want %v", got, want)
	}
}

// TestSilencesMatchAFrameByFrameScan compares the scan with the plainest
// reading of its rule, frame by frame, on audio made of sound, near-silence
// (zero bytes inside sound) and silences of every length.
func TestSilencesMatchAFrameByFrameScan(t *testing.T) {
	plain := func(pcm []byte, frame, min int) [][2]int {
		var runs [][2]int
		frames := len(pcm) / frame
		from := -1
		for i := 0; i <= frames; i++ {
			silent := i < frames && !slices.ContainsFunc(pcm[i*frame:(i+1)*frame], func(b byte) bool { return b != 0 })
			if silent && from < 0 {
				from = i
			} else if !silent && from >= 0 {
				if i-from >= min {
					runs = append(runs, [2]int{from, i})
				}
				from = -1
			}
		}
		return runs
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		var pcm []byte
		for len(pcm) < 4000 {
			n := rng.IntN(60)
			switch rng.IntN(3) {
			case 0: // silence
				pcm = append(pcm, make([]byte, n)...)
			case 1: // sound
				for range n {
					pcm = append(pcm, byte(1+rng.IntN(255)))
				}
			default: // sound with zero bytes in it
				for range n {
					pcm = append(pcm, byte(rng.IntN(3)))
				}
			}
		}
		pcm = pcm[:len(pcm)-rng.IntN(7)]
		for _, frame := range []int{1, 2, 4, 6} {
			for _, min := range []int{1, 3, 17} {
				if got, want := silences(pcm, frame, min), plain(pcm, frame, min); !reflect.DeepEqual(got, want) {
					t.Fatalf("trial %d, frame %d, min %d: got %v, want %v", trial, frame, min, got, want)
				}
			}
		}
	}
}
