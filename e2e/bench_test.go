package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// BenchmarkLesson times a text and a video request end to end (CLI submit → worker
// → completed) and, in the same run, the bare espeak-ng + ffmpeg commands on the
// same script, so the pipeline's overhead shows as a ratio. It prints figures and
// never fails on speed.
func BenchmarkLesson(b *testing.B) {
	s := newSystem(b)
	s.startWorker()
	// One untimed request first: a fresh worker and database pay one-off costs
	// (workflow cache, first connections) that are not the pipeline's.
	s.vividly("submit", "What are fractions?", "--grade", "3", "--modality", "text", "--wait", "--json")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		textStart := time.Now()
		text := decode(b, s.vividly("submit", "Explain photosynthesis for basketball fans", "--grade", "10",
			"--interest", "basketball", "--modality", "text", "--wait", "--json"))
		textTime := time.Since(textStart)

		videoStart := time.Now()
		video := decode(b, s.vividly("submit", "Explain photosynthesis for basketball fans", "--grade", "10",
			"--interest", "basketball", "--modality", "video", "--wait", "--json"))
		videoTime := time.Since(videoStart)
		if text.Status != vividly.StatusCompleted || video.Status != vividly.StatusCompleted {
			b.Fatalf("lessons ended %s and %s", text.Status, video.Status)
		}

		bare := bareRender(b, video.Result)
		fmt.Printf("lesson benchmark: text %.2fs, video %.2fs (%.0fs of narration), bare espeak-ng+ffmpeg %.2fs; video/bare %.2fx, video %.1fx realtime\n",
			textTime.Seconds(), videoTime.Seconds(), video.Result.DurationS, bare.Seconds(),
			videoTime.Seconds()/bare.Seconds(), video.Result.DurationS/videoTime.Seconds())
		b.ReportMetric(textTime.Seconds(), "text-s")
		b.ReportMetric(videoTime.Seconds(), "video-s")
		b.ReportMetric(bare.Seconds(), "bare-s")
		b.ReportMetric(videoTime.Seconds()/bare.Seconds(), "video/bare")
	}
}

// bareRender narrates the lesson's script with one espeak-ng call and encodes it
// over one still frame with one ffmpeg call: the least any pipeline must do. It
// has no slides, no captions, no checks and no workflow.
func bareRender(b *testing.B, r *vividly.Result) time.Duration {
	b.Helper()
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(r.Script), "script.json"))
	if err != nil {
		b.Fatal(err)
	}
	var script vividly.Script
	if err := json.Unmarshal(raw, &script); err != nil {
		b.Fatal(err)
	}
	var text strings.Builder
	for _, seg := range script.Segments {
		text.WriteString(seg.Narration)
		text.WriteString("\n\n")
	}
	dir := b.TempDir()
	slide := filepath.Join(dir, "slide.png")
	runTool(b, "ffmpeg", "-v", "error", "-y", "-ss", "1", "-i", r.Video, "-frames:v", "1", slide)

	start := time.Now()
	wav := filepath.Join(dir, "bare.wav")
	espeak := exec.Command("espeak-ng", "-v", "en-us", "-s", "160", "--stdin", "-w", wav)
	espeak.Stdin = strings.NewReader(text.String())
	if out, err := espeak.CombinedOutput(); err != nil {
		b.Fatalf("espeak-ng: %v\n%s", err, out)
	}
	// The same encoder settings as the renderer, so the ratio is the pipeline's own cost.
	runTool(b, "ffmpeg", "-v", "error", "-y", "-loop", "1", "-framerate", "4", "-i", slide, "-i", wav,
		"-vf", "format=yuv420p", "-c:v", "libx264", "-tune", "stillimage", "-preset", "superfast", "-crf", "22",
		"-c:a", "aac", "-aac_coder", "fast", "-b:a", "64k", "-shortest", filepath.Join(dir, "bare.mp4"))
	return time.Since(start)
}

func runTool(b *testing.B, name string, args ...string) {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, name, args...).CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", name, err, out)
	}
}
