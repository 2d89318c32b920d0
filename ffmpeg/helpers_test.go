package ffmpeg

import (
	"context"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/espeak"
)

// requireTools skips a test when a binary it runs is not installed.
func requireTools(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := exec.LookPath(name); err != nil {
			t.Skipf("%s is not in PATH; install it (apt-get install ffmpeg espeak-ng) to run this test", name)
		}
	}
}

func lessonScript() vividly.Script {
	return vividly.Script{
		Title: "How Volcanoes Erupt", Topic: "Volcanoes", Subject: "science", Grade: 6, Interest: "skateboarding",
		Segments: []vividly.Segment{
			{
				Heading:   "Drop in: a mountain with a pressure problem",
				Narration: "Imagine dropping into a half-pipe that's sitting on a pressure cooker. That's a volcano!",
				KeyPoints: []string{"Volcanoes are openings in Earth's crust", "Pressure builds up underneath"},
			},
			{
				Heading:   "Magma, gas & pressure",
				Narration: "Deep underground, rock melts into magma, at about 1,200 °C. Gas bubbles in the magma expand, e.g. like shaking a soda. When the pressure is too great, it erupts.",
				KeyPoints: []string{"Magma is melted rock: about 700–1,300 °C", "Dissolved gases expand as magma rises", "Eruption = pressure > strength of the rock above"},
			},
			{
				Heading:   "Recap",
				Narration: "So, magma plus gas plus pressure makes an eruption. Can you explain why a soda fizzes when you open it?",
			},
		},
	}
}

// narrate speaks s with espeak-ng into dir.
func narrate(t *testing.T, s vividly.Script, dir string) vividly.Narration {
	t.Helper()
	nar, err := espeak.New(espeak.Config{}).Narrate(context.Background(), s, dir)
	if err != nil {
		t.Fatal(err)
	}
	return nar
}

// syntheticNarration writes a WAV of a quiet tone lasting d with one cue every
// few seconds, for tests that need a long narration without speaking one.
func syntheticNarration(t *testing.T, s vividly.Script, dir string, d time.Duration) vividly.Narration {
	t.Helper()
	const rate = 16000
	frames := int(d.Seconds() * rate)
	pcm := make([]byte, 2*frames)
	for i := 0; i < frames; i++ {
		binary.LittleEndian.PutUint16(pcm[2*i:], uint16(int16(2000*math.Sin(2*math.Pi*220*float64(i)/rate))))
	}
	var h []byte
	h = append(h, "RIFF"...)
	h = binary.LittleEndian.AppendUint32(h, uint32(36+len(pcm)))
	h = append(h, "WAVEfmt "...)
	h = binary.LittleEndian.AppendUint32(h, 16)
	h = binary.LittleEndian.AppendUint16(h, 1)
	h = binary.LittleEndian.AppendUint16(h, 1)
	h = binary.LittleEndian.AppendUint32(h, rate)
	h = binary.LittleEndian.AppendUint32(h, rate*2)
	h = binary.LittleEndian.AppendUint16(h, 2)
	h = binary.LittleEndian.AppendUint16(h, 16)
	h = append(h, "data"...)
	h = binary.LittleEndian.AppendUint32(h, uint32(len(pcm)))
	path := filepath.Join(dir, "narration.wav")
	if err := os.WriteFile(path, append(h, pcm...), 0o644); err != nil {
		t.Fatal(err)
	}
	nar := vividly.Narration{AudioPath: path, Duration: d, Voice: "tone"}
	n := len(s.Segments)
	for i := range n {
		end := d * time.Duration(i+1) / time.Duration(n)
		start := d * time.Duration(i) / time.Duration(n)
		for t := start; t+3*time.Second < end; t += 4 * time.Second {
			nar.Cues = append(nar.Cues, vividly.Cue{Start: t, End: t + 3*time.Second,
				Text: "Sentence at " + t.Round(time.Second).String() + " " + strings.Repeat("la ", 8)})
		}
		nar.SegmentEnds = append(nar.SegmentEnds, end)
	}
	return nar
}

// names lists a directory.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func vividlyInput(s vividly.Script, n vividly.Narration, dir string) vividly.RenderInput {
	return vividly.RenderInput{Script: s, Narration: n, Dir: dir}
}

// decodeAudio is a video's sound, decoded to 16-bit mono samples.
func decodeAudio(t *testing.T, video string) []int16 {
	t.Helper()
	raw, err := exec.Command("ffmpeg", "-v", "error", "-i", video, "-map", "0:a", "-f", "s16le", "-ac", "1", "pipe:1").Output()
	if err != nil {
		t.Fatal(err)
	}
	samples := make([]int16, len(raw)/2)
	for i := range samples {
		samples[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return samples
}

// sampleDiff is the mean difference between a and b, b shifted by shift
// samples, as a fraction of a's mean level, leaving out the first and last
// frame.
func sampleDiff(a, b []int16, shift int) float64 {
	var sum, level float64
	for i := aacFrame; i+aacFrame < min(len(a), len(b)) && i+shift < len(b); i++ {
		x, y := float64(a[i]), float64(b[i+shift])
		sum += max(x-y, y-x)
		level += max(x, -x)
	}
	return sum / level
}
