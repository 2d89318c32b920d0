package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

func TestVideoLessonCompletes(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	v := decode(t, s.vividly("submit", "Explain photosynthesis for basketball fans",
		"--grade", "10", "--interest", "basketball", "--modality", "video", "--wait", "--json"))
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("status = %s (%s), want completed", v.Status, v.Error)
	}
	r := v.Result
	if r == nil || r.Video == "" || r.Captions == "" || r.Script == "" {
		t.Fatalf("result lacks the lesson's files: %+v", r)
	}
	if r.Topic != "Photosynthesis" && !strings.Contains(strings.ToLower(r.Topic), "photosynthesis") {
		t.Errorf("topic = %q, want photosynthesis", r.Topic)
	}
	p := probe(t, r.Video)
	if p.videoStreams != 1 || p.audioStreams != 1 {
		t.Errorf("mp4 has %d video and %d audio streams, want 1 and 1", p.videoStreams, p.audioStreams)
	}
	if p.duration < 30 || p.duration > 300 {
		t.Errorf("video lasts %.1f s, want 30 s to 5 min", p.duration)
	}
	vtt, err := os.ReadFile(r.Captions)
	if err != nil || !strings.HasPrefix(string(vtt), "WEBVTT") {
		t.Fatalf("captions %s: %v %.40q", r.Captions, err, vtt)
	}
	script, err := os.ReadFile(r.Script)
	if err != nil || !strings.Contains(strings.ToLower(string(script)), "basketball") {
		t.Errorf("script %s does not weave in the interest (%v)", r.Script, err)
	}
}

func TestTextLessonStopsAfterScript(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	v := decode(t, s.vividly("submit", "How does the water cycle work?", "--grade", "4", "--modality", "text", "--wait", "--json"))
	if v.Status != vividly.StatusCompleted || v.Result == nil || v.Result.Script == "" || v.Result.Video != "" {
		t.Fatalf("text lesson = %+v %+v, want completed with a script and no video", v, v.Result)
	}
	if _, err := os.Stat(v.Result.Script); err != nil {
		t.Errorf("script not stored: %v", err)
	}
}

func TestClarificationAnsweredWithTemporalCLI(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	id := decode(t, s.vividly("submit", "help me with my homework", "--grade", "7", "--modality", "text", "--json")).RequestID
	v := s.waitFor(id, time.Minute, func(v view) bool { return v.Status == vividly.StatusClarificationNeeded })
	if len(v.ClarifyingQuestions) == 0 {
		t.Fatalf("clarification_needed without questions: %+v", v)
	}
	signal := exec.Command(temporalBin, "workflow", "signal", "--address", temporalAt,
		"--workflow-id", workflows.WorkflowID(id), "--name", workflows.SignalClarification,
		"--input", `{"answer":"photosynthesis in biology class"}`)
	if out, err := signal.CombinedOutput(); err != nil {
		t.Fatalf("temporal workflow signal: %v\n%s", err, out)
	}
	v = s.waitFor(id, 2*time.Minute, func(v view) bool { return v.Status.Terminal() })
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("after the answer: %s (%s), want completed", v.Status, v.Error)
	}
}

func TestOutOfScope(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	v := decode(t, s.vividly("submit", "what is the best pizza place near me", "--wait", "--json"))
	if v.Status != vividly.StatusOutOfScope || v.Result == nil || v.Result.Message == "" {
		t.Fatalf("got %s %+v, want out_of_scope with a message for the student", v.Status, v.Result)
	}
}

func TestSubmittingTwiceStartsOneLesson(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	args := []string{"submit", "What are fractions?", "--grade", "3", "--modality", "text",
		"--request-id", "3f2b8c1d-5e6a-4b7c-8d9e-0a1b2c3d4e5f", "--json"}
	s.vividly(args...)
	v := decode(t, s.vividly(append(args, "--wait")...))
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("status = %s", v.Status)
	}
	// Once it has ended, submitting again still starts nothing.
	s.vividly(args...)
	out, err := exec.Command(temporalBin, "workflow", "count", "--address", temporalAt,
		"--query", "WorkflowId = '"+workflows.WorkflowID(v.RequestID)+"'").CombinedOutput()
	if err != nil {
		t.Fatalf("temporal workflow count: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Total: 1") {
		t.Errorf("runs for one request id: %s", out)
	}
}

// TestWorkerKilledDuringRender: the worker dies mid-render; a new worker picks the
// render up after the heartbeat timeout and the lesson completes with one video.
func TestWorkerKilledDuringRender(t *testing.T) {
	s := newSystem(t)
	s.extra = []string{"VIVIDLY_RENDER_HEARTBEAT_TIMEOUT=4s"}
	first := s.startWorker()
	id := decode(t, s.vividly("submit", "How do volcanoes erupt?", "--grade", "6", "--interest", "skateboarding",
		"--duration", "5m", "--json")).RequestID
	s.waitFor(id, 2*time.Minute, func(v view) bool { return v.Status == vividly.StatusGeneratingVideo })
	// Give ffmpeg a moment to be writing, then kill the worker without warning.
	time.Sleep(500 * time.Millisecond)
	first.kill()
	if v := s.status(id); v.Status.Terminal() {
		t.Fatalf("render finished before the worker was killed (%s); make the lesson longer", v.Status)
	}
	s.startWorker()
	v := s.waitFor(id, 3*time.Minute, func(v view) bool { return v.Status.Terminal() })
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("after the crash: %s (%s), want completed", v.Status, v.Error)
	}
	videos := findFiles(t, s.dataDir, ".mp4")
	var stored []string
	for _, f := range videos {
		if strings.Contains(f, filepath.Join("lessons", "content", id)) {
			stored = append(stored, f)
		}
	}
	if len(stored) != 1 {
		t.Errorf("stored videos for the request: %v, want exactly one", stored)
	}
	if p := probe(t, v.Result.Video); p.videoStreams != 1 || p.audioStreams != 1 {
		t.Errorf("video after the crash has %d video / %d audio streams", p.videoStreams, p.audioStreams)
	}
}

func findFiles(t *testing.T, root, suffix string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, suffix) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

type probed struct {
	videoStreams, audioStreams int
	duration                   float64
}

// probe reads a media file's streams and duration with ffprobe.
func probe(t testing.TB, path string) probed {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ffprobe", "-v", "error", "-print_format", "json",
		"-show_streams", "-show_format", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var info struct {
		Streams []struct {
			CodecType string `json:"codec_type"`
		} `json:"streams"`
		Format struct {
			Duration string `json:"duration"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out, &info); err != nil {
		t.Fatal(err)
	}
	var p probed
	for _, s := range info.Streams {
		switch s.CodecType {
		case "video":
			p.videoStreams++
		case "audio":
			p.audioStreams++
		}
	}
	p.duration, _ = strconv.ParseFloat(info.Format.Duration, 64)
	return p
}
