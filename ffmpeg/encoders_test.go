package ffmpeg

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vividly-edu/vividly/narration"
)

// countingFFmpeg is an ffmpeg that adds a line to the file it returns each
// time it starts as an AAC encoder of raw samples.
func countingFFmpeg(t *testing.T) (ffmpeg, starts string) {
	t.Helper()
	real, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Skip("ffmpeg is not in PATH")
	}
	dir := t.TempDir()
	ffmpeg, starts = filepath.Join(dir, "ffmpeg"), filepath.Join(dir, "starts")
	script := "#!/bin/sh\ncase \"$*\" in *s16le*) echo started >> '" + starts + "';; esac\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(ffmpeg, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return ffmpeg, starts
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

// A renderer's AAC encoders keep running between renders: the second render
// of a narration in parts starts no ffmpeg to encode it, and sounds as the
// first does. An encoder that dies while idle is replaced, not used.
func TestEncodersStayRunning(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	ffmpeg, starts := countingFFmpeg(t)
	s := lessonScript()
	for i := range s.Segments {
		s.Segments[i].Narration = strings.Repeat(s.Segments[i].Narration+" ", 3)
	}
	dir := t.TempDir()
	nar := narrate(t, s, dir)
	r := New(Config{FFmpeg: ffmpeg, AudioParts: 2})

	first, err := r.Render(context.Background(), vividlyInput(s, nar, filepath.Join(dir, "first")), nil)
	if err != nil {
		t.Fatal(err)
	}
	started := countLines(t, starts)
	if started < 1 || started > 2 {
		t.Fatalf("the first render started %d encoders, want 1 or 2 (its parts at once)", started)
	}
	second, err := r.Render(context.Background(), vividlyInput(s, nar, filepath.Join(dir, "second")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := countLines(t, starts) - started; n != 0 {
		t.Errorf("the second render started %d encoders, want none", n)
	}
	a, b := decodeAudio(t, first.VideoPath), decodeAudio(t, second.VideoPath)
	if at, off := sampleDiff(a, b, 0), sampleDiff(a, b, aacFrame); len(a) != len(b) || at > 0.05 || off < 10*at {
		t.Errorf("the second render (%d samples) differs from the first (%d) by %.3f of its level in place, %.3f a frame later",
			len(b), len(a), at, off)
	}

	// Every idle encoder is killed from outside: the next render starts new
	// ones and succeeds.
	r.encoders.mu.Lock()
	var idle []*aacEncoder
	for _, list := range r.encoders.idle {
		idle = append(idle, list...)
	}
	r.encoders.mu.Unlock()
	if len(idle) == 0 {
		t.Fatal("no encoder was kept")
	}
	for _, e := range idle {
		_ = e.cmd.Process.Kill()
		<-e.exited
	}
	before := countLines(t, starts)
	if _, err := r.Render(context.Background(), vividlyInput(s, nar, filepath.Join(dir, "third")), nil); err != nil {
		t.Fatalf("render after the encoders were killed: %v", err)
	}
	if countLines(t, starts) == before {
		t.Error("no encoder was started in place of the killed ones")
	}
}

// A part said in an encoder that has encoded other sound sounds as it does
// in an encoder of its own: the same length, the same samples in place.
func TestEncoderPartSoundsAsAlone(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	dir := t.TempDir()
	nar := narrate(t, lessonScript(), dir)
	pcm, err := narration.ReadPCM(nar.AudioPath)
	if err != nil {
		t.Fatal(err)
	}
	third := len(pcm.Data) / 3 / 2 * 2
	part := pcm.Data[third:]
	ctx := context.Background()
	alone, err := newEncoders("ffmpeg").encode(ctx, pcm.SampleRate, pcm.Channels, [][]byte{part})
	if err != nil {
		t.Fatal(err)
	}
	used := newEncoders("ffmpeg")
	after, err := used.encode(ctx, pcm.SampleRate, pcm.Channels, [][]byte{pcm.Data[:third], part})
	if err != nil {
		t.Fatal(err)
	}
	a, b := decodeADTS(t, alone[0]), decodeADTS(t, after[1])
	if at, off := sampleDiff(a, b, 0), sampleDiff(a, b, aacFrame); len(a) != len(b) || at > 0.05 || off < 10*at {
		t.Errorf("after other sound (%d samples) the part differs from it alone (%d) by %.3f of its level in place, %.3f a frame later",
			len(b), len(a), at, off)
	}
	// As many frames as an encoder of its own makes: its priming, then one
	// per block begun.
	want := (len(part)/2+aacFrame-1)/aacFrame + 1
	if n, m := countADTS(t, alone[0]), countADTS(t, after[1]); n != want || m != want {
		t.Errorf("the part encoded to %d frames alone and %d after other sound, want %d", n, m, want)
	}
}

// countADTS counts the frames of an ADTS stream.
func countADTS(t *testing.T, b []byte) int {
	t.Helper()
	r := bufio.NewReader(bytes.NewReader(b))
	n := 0
	for {
		if _, err := readADTS(r); err == io.EOF {
			return n
		} else if err != nil {
			t.Fatal(err)
		}
		n++
	}
}

// decodeADTS decodes an ADTS stream to 16-bit mono samples, its priming
// frame left out.
func decodeADTS(t *testing.T, b []byte) []int16 {
	t.Helper()
	cmd := exec.Command("ffmpeg", "-v", "error", "-f", "aac", "-i", "pipe:0", "-f", "s16le", "-ac", "1", "pipe:1")
	cmd.Stdin = bytes.NewReader(b)
	raw, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	samples := make([]int16, len(raw)/2)
	for i := range samples {
		samples[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return samples[min(len(samples), aacFrame):]
}
