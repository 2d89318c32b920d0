package ffmpeg

import (
	"context"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vividly-edu/vividly/narration"
)

// A narration encoded in parts sounds as it does encoded whole, sample for
// sample in time: the parts' joins leave no gap, no overlap and no shift.
func TestAudioInPartsKeepsTheTimeline(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	s := lessonScript()
	for i := range s.Segments {
		s.Segments[i].Narration = strings.Repeat(s.Segments[i].Narration+" ", 3)
	}
	dir := t.TempDir()
	nar := narrate(t, s, dir)
	pcm, err := narration.ReadPCM(nar.AudioPath)
	if err != nil {
		t.Fatal(err)
	}
	if cuts := cutPoints(pcm, 3); len(cuts) != 2 {
		t.Fatalf("cuts %v in %s of narration, want 2", cuts, nar.Duration)
	}

	decoded := map[int][]int16{}
	for _, parts := range []int{1, 3} {
		out := filepath.Join(dir, "parts", string(rune('0'+parts)))
		v, err := New(Config{AudioParts: parts}).Render(context.Background(), vividlyInput(s, nar, out), nil)
		if err != nil {
			t.Fatal(err)
		}
		decoded[parts] = decodeAudio(t, v.VideoPath)
	}
	whole, inParts := decoded[1], decoded[3]
	if d := len(inParts) - len(whole); d < -aacFrame || d > 2*aacFrame {
		t.Errorf("%d samples in parts, %d whole", len(inParts), len(whole))
	}
	diff := func(shift int) float64 { return sampleDiff(whole, inParts, shift) }
	at, off := diff(0), diff(aacFrame)
	t.Logf("parts differ from the whole by %.4f of its level in place, %.4f a frame later", at, off)
	if at > 0.1 || off < 5*at {
		t.Errorf("parts differ from the whole by %.3f of its level in place, %.3f a frame later", at, off)
	}
}

// Cuts fall on frame boundaries inside silences wide enough, near equal
// shares, and nowhere else.
func TestCutPoints(t *testing.T) {
	const rate = 16000
	n := 60 * rate
	data := make([]byte, 2*n)
	for i := range n {
		binary.LittleEndian.PutUint16(data[2*i:], 1000)
	}
	quiet := func(from, to int) {
		clear(data[2*from : 2*to])
	}
	quiet(19*rate, 19*rate+rate/2)     // a pause near a third
	quiet(30*rate, 30*rate+4*aacFrame) // too narrow for a cut
	quiet(41*rate, 41*rate+rate/2)     // a pause near two thirds
	pcm := narration.PCM{SampleRate: rate, Channels: 1, BitsPerSample: 16, Integer: true, Data: data}
	cuts := cutPoints(pcm, 3)
	if len(cuts) != 2 {
		t.Fatalf("cuts %v", cuts)
	}
	for i, c := range cuts {
		start := []int{19 * rate, 41 * rate}[i]
		if c%aacFrame != 0 || c < start+2*aacFrame || c+3*aacFrame > start+rate/2 {
			t.Errorf("cut %d at %d, outside the pause at %d with its margins", i, c, start)
		}
	}
	// In two parts: not at the middle, where the pause is too narrow, but
	// in the nearest pause wide enough.
	if cuts := cutPoints(pcm, 2); len(cuts) != 1 || cuts[0] < 19*rate || cuts[0] > 19*rate+rate/2 {
		t.Errorf("cuts %v in two parts, want one in the pause at 19 s", cuts)
	}
}

// A video whose sound was cut short fails the check, however long its
// pictures last.
func TestVerifyRefusesShortAudio(t *testing.T) {
	info := Info{Streams: map[string][]Stream{
		"video": {{Type: "video", Duration: 60 * time.Second}},
		"audio": {{Type: "audio", Duration: 31 * time.Second}},
	}}
	if err := Verify(info, 60*time.Second); err == nil || !strings.Contains(err.Error(), "audio lasts") {
		t.Errorf("short audio: %v", err)
	}
	info.Streams["audio"][0].Duration = 60*time.Second + 30*time.Millisecond
	if err := Verify(info, 60*time.Second); err != nil {
		t.Errorf("whole audio: %v", err)
	}
}

// A part of the narration that fails to encode fails the render, with its
// own error, and leaves nothing behind: no half video, no waiting forever.
func TestAudioPartFailureFailsTheRender(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	real, _ := exec.LookPath("ffmpeg")
	wrapper := filepath.Join(t.TempDir(), "ffmpeg")
	script := "#!/bin/sh\ncase \"$*\" in *s16le*) echo 'part refused' >&2; exit 1;; esac\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	s := lessonScript()
	for i := range s.Segments {
		s.Segments[i].Narration = strings.Repeat(s.Segments[i].Narration+" ", 3)
	}
	dir := t.TempDir()
	nar := narrate(t, s, dir)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out := filepath.Join(dir, "out")
	_, err := New(Config{FFmpeg: wrapper, AudioParts: 2}).Render(ctx, vividlyInput(s, nar, out), nil)
	if err == nil || !strings.Contains(err.Error(), "part refused") {
		t.Fatalf("render with a failing part: %v", err)
	}
	if ctx.Err() != nil {
		t.Fatal("the render waited for the failed part until the deadline")
	}
	if got := names(t, out); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}
