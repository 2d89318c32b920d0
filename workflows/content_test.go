package workflows

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
)

// harness runs ContentWorkflow in the SDK's test environment with the stages mocked
// and every status write captured, as the database would see it.
type harness struct {
	t   *testing.T
	env *testsuite.TestWorkflowEnvironment

	mu       sync.Mutex
	statuses []vividly.Status
	syncs    int // SyncStatus calls
	// syncErr, if set, is asked first by every SyncStatus call.
	syncErr func(context.Context) error
	notices []vividly.Notification
}

var testRequest = vividly.Request{
	ID:             "8a1f6c2e-3b4d-4e5f-9a6b-7c8d9e0f1a2b",
	StudentID:      "0b5e2f7a-1c3d-4e6f-8a9b-0c1d2e3f4a5b",
	Question:       "Explain photosynthesis for basketball fans",
	Grade:          10,
	Interest:       "basketball",
	Modality:       vividly.ModalityVideo,
	TargetDuration: 2 * time.Minute,
}

var photosynthesis = vividly.Understanding{TopicID: "photosynthesis", Topic: "Photosynthesis", Subject: "science", GradeFit: true, Confidence: 0.9}

var testScript = vividly.Script{Title: "Photosynthesis, explained through basketball", Topic: "Photosynthesis", Subject: "science",
	Segments: []vividly.Segment{{Heading: "Hook", Narration: "Think of a fast break."}}}

func newHarness(t *testing.T) *harness {
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	h := &harness{t: t, env: suite.NewTestWorkflowEnvironment()}
	h.env.RegisterWorkflow(ContentWorkflow)
	h.env.RegisterActivity(&activities.Activities{})
	h.env.RegisterActivity(&hostActivities{queue: "vividly-content-test-host"})
	h.env.OnActivity(a.RecordStatus, mock.Anything, mock.Anything).Return(
		func(_ context.Context, u vividly.StatusUpdate) error {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.statuses = append(h.statuses, u.Status)
			return nil
		})
	h.env.OnActivity(a.SyncStatus, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, in activities.SyncStatusInput) error {
			h.mu.Lock()
			defer h.mu.Unlock()
			if h.syncErr != nil {
				if err := h.syncErr(ctx); err != nil {
					return err
				}
			}
			for _, u := range in.Updates {
				h.statuses = append(h.statuses, u.Status)
			}
			if in.Notification != nil {
				h.notices = append(h.notices, *in.Notification)
			}
			h.syncs++
			return nil
		})
	return h
}

// happy mocks every stage to succeed, with understanding answering u.
func (h *harness) happy(u vividly.Understanding) {
	h.env.OnActivity(a.Validate, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ValidateInput) (activities.ValidateResult, error) {
			h.mu.Lock()
			defer h.mu.Unlock()
			if in.Status.Status != "" {
				h.statuses = append(h.statuses, in.Status.Status) // runs that store inline: the request, then its status
			}
			return activities.ValidateResult{}, nil
		})
	h.env.OnActivity(a.Understand, mock.Anything, mock.Anything).Return(activities.UnderstandResult{Understanding: u}, nil)
	h.env.OnActivity(a.Retrieve, mock.Anything, mock.Anything).Return(activities.RetrieveResult{Passages: []vividly.Passage{{ID: "p1", Text: "Plants make sugar."}}}, nil)
	h.env.OnActivity(a.WriteScript, mock.Anything, mock.Anything).Return(activities.WriteScriptResult{Script: testScript}, nil)
	h.env.OnActivity(a.Narrate, mock.Anything, mock.Anything).Return(activities.NarrateResult{Narration: vividly.Narration{AudioPath: "narration.wav", Duration: 95 * time.Second}}, nil)
	h.env.OnActivity(a.Render, mock.Anything, mock.Anything).Return(activities.RenderResult{Video: vividly.Video{VideoPath: "lesson.mp4", CaptionsPath: "lesson.vtt", Duration: 95 * time.Second}}, nil)
	h.env.OnActivity(a.Upload, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.UploadInput) (activities.UploadResult, error) {
			out := activities.UploadResult{Script: "/lessons/script.md"}
			if in.Video != nil {
				out.Video, out.Captions = "/lessons/lesson.mp4", "/lessons/lesson.vtt"
			}
			return out, nil
		})
	h.env.OnActivity(a.Notify, mock.Anything, mock.Anything).Return(nil)
}

func (h *harness) run(req vividly.Request, opts Options) (Output, error) {
	h.t.Helper()
	h.env.ExecuteWorkflow(ContentWorkflow, Input{Request: req, Options: opts})
	if !h.env.IsWorkflowCompleted() {
		h.t.Fatal("workflow did not complete")
	}
	var out Output
	err := h.env.GetWorkflowError()
	if err == nil {
		if gerr := h.env.GetWorkflowResult(&out); gerr != nil {
			h.t.Fatal(gerr)
		}
	}
	return out, err
}

func (h *harness) progress() vividly.Snapshot {
	h.t.Helper()
	v, err := h.env.QueryWorkflow(QueryProgress)
	if err != nil {
		h.t.Fatalf("query progress: %v", err)
	}
	var p vividly.Snapshot
	if err := v.Get(&p); err != nil {
		h.t.Fatal(err)
	}
	return p
}

func (h *harness) recorded() []vividly.Status {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]vividly.Status(nil), h.statuses...)
}

func statusPath(ss ...vividly.Status) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, " → ")
}

func TestVideoLessonCompletes(t *testing.T) {
	h := newHarness(t)
	h.happy(photosynthesis)
	out, err := h.run(testRequest, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	if out.Status != vividly.StatusCompleted {
		t.Fatalf("status = %s, want completed", out.Status)
	}
	if out.Result.Video != "/lessons/lesson.mp4" || out.Result.Captions != "/lessons/lesson.vtt" || out.Result.Script == "" {
		t.Errorf("result misses the lesson files: %+v", out.Result)
	}
	want := statusPath(vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusRetrieving,
		vividly.StatusGeneratingScript, vividly.StatusGeneratingAudio, vividly.StatusGeneratingVideo,
		vividly.StatusUploading, vividly.StatusNotifying, vividly.StatusCompleted)
	if got := statusPath(h.recorded()...); got != want {
		t.Errorf("statuses stored:\n got %s\nwant %s", got, want)
	}
	p := h.progress()
	if p.Status != vividly.StatusCompleted || p.Progress != 100 || p.Result == nil {
		t.Errorf("progress after completion = %+v", p)
	}
}

func TestTextLessonStopsAfterScript(t *testing.T) {
	h := newHarness(t)
	h.happy(photosynthesis)
	req := testRequest
	req.Modality = vividly.ModalityText
	out, err := h.run(req, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	if out.Status != vividly.StatusCompleted || out.Result.Video != "" || out.Result.Script == "" {
		t.Fatalf("text lesson = %s %+v, want completed with a script and no video", out.Status, out.Result)
	}
	if !strings.Contains(out.Result.Message, "text request") {
		t.Errorf("result message does not say it stopped after the script: %q", out.Result.Message)
	}
	for _, s := range h.recorded() {
		if s == vividly.StatusGeneratingAudio || s == vividly.StatusGeneratingVideo {
			t.Errorf("text lesson went through %s", s)
		}
	}
	h.env.AssertNotCalled(t, "Render", mock.Anything, mock.Anything)
}

func TestClarificationAnswered(t *testing.T) {
	h := newHarness(t)
	vague := vividly.Understanding{NeedsClarification: true, ClarifyingQuestions: []string{"Which subject is your homework for?"}}
	// The first understanding is vague; the second, with the answer, is clear.
	h.env.OnActivity(a.Understand, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.UnderstandInput) (activities.UnderstandResult, error) {
			if len(in.Question.Answers) == 0 {
				return activities.UnderstandResult{Understanding: vague}, nil
			}
			if in.Question.Answers[0] != "photosynthesis in biology" {
				t.Errorf("answer passed to understanding = %q", in.Question.Answers)
			}
			return activities.UnderstandResult{Understanding: photosynthesis}, nil
		})
	h.happy(photosynthesis) // after the override: the first matching mock wins
	var waiting vividly.Snapshot
	h.env.RegisterDelayedCallback(func() {
		waiting = h.progress()
		h.env.SignalWorkflow(SignalClarification, map[string]string{"answer": "  "}) // ignored: empty
		h.env.SignalWorkflow(SignalClarification, 42)                                // ignored: not an answer
		h.env.SignalWorkflow(SignalClarification, ClarificationSignal{Answer: "photosynthesis in biology"})
	}, time.Hour)
	req := testRequest
	req.Question = "help me with my homework"
	out, err := h.run(req, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	if waiting.Status != vividly.StatusClarificationNeeded || len(waiting.ClarifyingQuestions) != 1 {
		t.Errorf("while waiting, progress = %+v, want clarification_needed with the question", waiting)
	}
	if out.Status != vividly.StatusCompleted {
		t.Fatalf("status = %s, want completed", out.Status)
	}
}

func TestClarificationExpires(t *testing.T) {
	h := newHarness(t)
	h.happy(vividly.Understanding{NeedsClarification: true, ClarifyingQuestions: []string{"Which topic?"}})
	start := h.env.Now()
	out, err := h.run(testRequest, Options{ClarificationTimeout: 48 * time.Hour})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	if out.Status != vividly.StatusExpired {
		t.Fatalf("status = %s, want expired", out.Status)
	}
	if waited := h.env.Now().Sub(start); waited < 48*time.Hour {
		t.Errorf("expired after %s, before the 48h wait", waited)
	}
	if p := h.progress(); !strings.Contains(p.Error, "no answer") {
		t.Errorf("expired progress does not say why: %+v", p)
	}
}

func TestClarificationRoundsAreBounded(t *testing.T) {
	h := newHarness(t)
	h.happy(vividly.Understanding{NeedsClarification: true, ClarifyingQuestions: []string{"Which topic?"}})
	for i := 1; i <= 5; i++ {
		h.env.RegisterDelayedCallback(func() {
			h.env.SignalWorkflow(SignalClarification, ClarificationSignal{Answer: "still not sure"})
		}, time.Duration(i)*time.Hour)
	}
	out, err := h.run(testRequest, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	if out.Status != vividly.StatusOutOfScope || out.Result == nil || out.Result.Message == "" {
		t.Fatalf("after too many rounds: %s %+v, want out_of_scope with a message", out.Status, out.Result)
	}
	n := 0
	for _, s := range h.recorded() {
		if s == vividly.StatusClarificationNeeded {
			n++
		}
	}
	if n != DefaultMaxClarificationRounds {
		t.Errorf("asked %d times, want %d", n, DefaultMaxClarificationRounds)
	}
}

func TestOutOfScope(t *testing.T) {
	h := newHarness(t)
	h.happy(vividly.Understanding{OutOfScope: true, OutOfScopeMessage: "That isn't a school topic, but I'd love to help with one!"})
	out, err := h.run(testRequest, Options{})
	if err != nil {
		t.Fatalf("out of scope must not be a failure: %v", err)
	}
	if out.Status != vividly.StatusOutOfScope || !strings.Contains(out.Result.Message, "school topic") {
		t.Fatalf("got %s %+v, want out_of_scope with the kind message", out.Status, out.Result)
	}
	h.env.AssertNotCalled(t, "Retrieve", mock.Anything, mock.Anything)
}

func TestTransientFailuresAreRetried(t *testing.T) {
	h := newHarness(t)
	calls := 0
	h.env.OnActivity(a.Retrieve, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.RetrieveInput) (activities.RetrieveResult, error) {
			calls++
			if calls <= 2 {
				return activities.RetrieveResult{}, errors.New("corpus unavailable")
			}
			return activities.RetrieveResult{Passages: []vividly.Passage{{ID: "p1"}}}, nil
		})
	h.happy(photosynthesis) // after the override: the first matching mock wins
	out, err := h.run(testRequest, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	if out.Status != vividly.StatusCompleted || calls != 3 {
		t.Fatalf("status %s after %d calls, want completed after 3", out.Status, calls)
	}
}

func TestPermanentFailureEndsFailedWithReason(t *testing.T) {
	h := newHarness(t)
	calls := 0
	h.env.OnActivity(a.Validate, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.ValidateInput) (activities.ValidateResult, error) {
			calls++
			return activities.ValidateResult{}, temporal.NewNonRetryableApplicationError(
				"invalid grade_level: 14 is outside K–12", activities.ErrTypeInvalidRequest, nil)
		})
	h.happy(photosynthesis) // after the override: the first matching mock wins
	_, err := h.run(testRequest, Options{})
	if err == nil {
		t.Fatal("workflow succeeded, want failed")
	}
	if calls != 1 {
		t.Errorf("a permanent error was tried %d times", calls)
	}
	p := h.progress()
	if p.Status != vividly.StatusFailed || !strings.Contains(p.Error, "grade_level") || !strings.Contains(p.Error, "validating") {
		t.Errorf("failed progress = %+v, want failed naming the stage and the field", p)
	}
	if got := h.recorded(); len(got) != 0 {
		t.Errorf("an invalid request was stored: %v", got)
	}
}

// TestExhaustedBudgetEndsFailed: a stage that keeps failing is retried for
// its whole time budget, not a fixed number of attempts, then fails with a
// reason that names the stage and what to do, and never the error's own text,
// which may name hosts and database users.
func TestExhaustedBudgetEndsFailed(t *testing.T) {
	h := newHarness(t)
	calls := 0
	h.env.OnActivity(a.Render, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.RenderInput) (activities.RenderResult, error) {
			calls++
			return activities.RenderResult{}, errors.New("failed to connect to `user=vividly database=lessons host=10.0.0.7 port=5432`")
		})
	h.happy(photosynthesis) // after the override: the first matching mock wins
	_, err := h.run(testRequest, Options{})
	if err == nil {
		t.Fatal("workflow succeeded, want failed")
	}
	// Attempts are unlimited inside the budget; the SDK's test environment
	// stops unlimited retries at 10 (the old policy allowed 5).
	if calls < 10 {
		t.Errorf("render tried %d times; want as many as its time budget allows", calls)
	}
	p := h.progress()
	if p.Status != vividly.StatusFailed || p.Stage != vividly.StatusGeneratingVideo ||
		!strings.Contains(p.Error, "generating_video") || !strings.Contains(p.Error, "same request id") {
		t.Errorf("progress = %+v, want failed at generating_video, saying to submit it again", p)
	}
	for _, leak := range []string{"10.0.0.7", "user=", "database=", "5432"} {
		if strings.Contains(p.Error, leak) {
			t.Errorf("the student-facing error %q carries %q", p.Error, leak)
		}
	}
}

func TestCancelEndsCancelled(t *testing.T) {
	h := newHarness(t)
	h.happy(vividly.Understanding{NeedsClarification: true, ClarifyingQuestions: []string{"Which topic?"}})
	h.env.RegisterDelayedCallback(h.env.CancelWorkflow, time.Hour)
	_, err := h.run(testRequest, Options{})
	if !temporal.IsCanceledError(err) {
		t.Fatalf("err = %v, want cancelled", err)
	}
	if got := h.recorded(); got[len(got)-1] != vividly.StatusCancelled {
		t.Errorf("last stored status = %s, want cancelled", got[len(got)-1])
	}
}

func TestFallbackMarksTheLessonDegraded(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.Narrate, mock.Anything, mock.Anything).Return(activities.NarrateResult{
		Narration: vividly.Narration{AudioPath: "narration.wav", Duration: 95 * time.Second}, FellBack: true, CostUSD: 0.002}, nil)
	h.env.OnActivity(a.WriteScript, mock.Anything, mock.Anything).Return(activities.WriteScriptResult{Script: testScript, CostUSD: 0.001}, nil)
	h.happy(photosynthesis) // after the overrides: the first matching mock wins
	out, err := h.run(testRequest, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	r := out.Result
	if out.Status != vividly.StatusCompleted || !r.Degraded || len(r.FallbackStages) != 1 || r.FallbackStages[0] != vividly.StatusGeneratingAudio {
		t.Fatalf("got %s %+v, want completed, degraded by generating_audio", out.Status, r)
	}
	if r.CostUSD < 0.00299 || r.CostUSD > 0.00301 {
		t.Errorf("cost = %v, want the stages' 0.003", r.CostUSD)
	}
	if p := h.progress(); !p.Degraded {
		t.Errorf("progress does not say degraded: %+v", p)
	}
}

// TestRetriedAnswerDoesNotAnswerTheNextRound: an answer sent again for a
// round already answered (a retried send) is ignored, so the next question
// waits for the student's own reply to it.
func TestRetriedAnswerDoesNotAnswerTheNextRound(t *testing.T) {
	h := newHarness(t)
	h.happy(vividly.Understanding{NeedsClarification: true, ClarifyingQuestions: []string{"Which topic?"}})
	send := func(at time.Duration, round int) {
		h.env.RegisterDelayedCallback(func() {
			h.env.SignalWorkflow(SignalClarification, ClarificationSignal{Answer: "still not sure", Round: round})
		}, at)
	}
	send(1*time.Hour, 1)
	send(90*time.Minute, 1) // the same send, retried
	send(2*time.Hour, 2)
	send(3*time.Hour, 3)
	start := h.env.Now()
	out, err := h.run(testRequest, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	if out.Status != vividly.StatusOutOfScope {
		t.Fatalf("after three rounds: %s, want out_of_scope", out.Status)
	}
	if took := h.env.Now().Sub(start); took < 3*time.Hour {
		t.Errorf("ended after %s: the retried answer was taken for a later round", took)
	}
}

// TestDatabaseOutageDoesNotStallTheLesson: with the database down for the
// first ten minutes, every stage still runs at once, and when it is back
// the row catches up with every status in order before the workflow ends.
func TestDatabaseOutageDoesNotStallTheLesson(t *testing.T) {
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflow(ContentWorkflow)
	env.RegisterActivity(&activities.Activities{})
	env.RegisterActivity(&hostActivities{queue: "vividly-content-test-host"})
	h := &harness{t: t, env: env}
	start := env.Now()
	backAt := start.Add(10 * time.Minute)
	var stored []vividly.Status
	var mu sync.Mutex
	env.OnActivity(a.SyncStatus, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.SyncStatusInput) error {
			if env.Now().Before(backAt) {
				return errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
			}
			mu.Lock()
			defer mu.Unlock()
			for _, u := range in.Updates {
				stored = append(stored, u.Status)
			}
			return nil
		})
	var rendered time.Time
	env.OnActivity(a.Render, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.RenderInput) (activities.RenderResult, error) {
			rendered = env.Now()
			return activities.RenderResult{Video: vividly.Video{VideoPath: "lesson.mp4", Duration: 95 * time.Second}}, nil
		})
	h.happy(photosynthesis)
	out, err := h.run(testRequest, Options{})
	if err != nil || out.Status != vividly.StatusCompleted {
		t.Fatalf("lesson during a database outage: %s, %v", out.Status, err)
	}
	if rendered.IsZero() || !rendered.Before(backAt) {
		t.Errorf("rendered at +%s, after the database came back at +10m: the lesson waited for it", rendered.Sub(start))
	}
	want := []vividly.Status{vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusRetrieving,
		vividly.StatusGeneratingScript, vividly.StatusGeneratingAudio, vividly.StatusGeneratingVideo,
		vividly.StatusUploading, vividly.StatusNotifying, vividly.StatusCompleted}
	if statusPath(stored...) != statusPath(want...) {
		t.Errorf("stored after the outage: %s\nwant %s", statusPath(stored...), statusPath(want...))
	}
}

// TestPermanentFailureShowsNoToolOutput: a stage that fails for good after
// validation tells the student what could not be done, not the tool's error.
func TestPermanentFailureShowsNoToolOutput(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.Render, mock.Anything, mock.Anything).Return(activities.RenderResult{},
		temporal.NewNonRetryableApplicationError("render: ffmpeg exited 1; stderr: \"[libx264 @ 0x5581] broken pipe /srv/vividly/work\"", activities.ErrTypePermanent, nil))
	h.happy(photosynthesis)
	if _, err := h.run(testRequest, Options{}); err == nil {
		t.Fatal("workflow succeeded, want failed")
	}
	p := h.progress()
	if p.Status != vividly.StatusFailed || !strings.Contains(p.Error, "the video could not be made") {
		t.Errorf("progress = %+v, want failed saying the video could not be made", p)
	}
	for _, leak := range []string{"ffmpeg", "libx264", "/srv", "stderr"} {
		if strings.Contains(p.Error, leak) {
			t.Errorf("the student-facing error %q carries %q", p.Error, leak)
		}
	}
}

// A video's narration, render and upload run on the queue of the worker that
// HostQueue named; when a hand-over file is missing there (the worker lost
// its disk, or is gone), they start over on the next worker named, and the
// student's status never moves back.
func TestMediaStartOverOnAnotherWorkerWhenFilesAreLost(t *testing.T) {
	h := newHarness(t)
	hosts := []string{"vividly-content-host-a", "vividly-content-host-b"}
	picks := 0
	h.env.OnActivity(host.HostQueue, mock.Anything).Return(func(context.Context) (string, error) {
		q := hosts[min(picks, len(hosts)-1)]
		picks++
		return q, nil
	})
	var ranOn []string
	on := func(ctx context.Context, stage string) {
		h.mu.Lock()
		defer h.mu.Unlock()
		ranOn = append(ranOn, stage+"@"+activity.GetInfo(ctx).TaskQueue)
	}
	h.env.OnActivity(a.Narrate, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, _ activities.NarrateInput) (activities.NarrateResult, error) {
			on(ctx, "narrate")
			return activities.NarrateResult{Narration: vividly.Narration{AudioPath: "narration.wav", Duration: 95 * time.Second}, CostUSD: 0.001}, nil
		})
	renders := 0
	h.env.OnActivity(a.Render, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, _ activities.RenderInput) (activities.RenderResult, error) {
			on(ctx, "render")
			renders++
			if renders == 1 {
				return activities.RenderResult{}, temporal.NewNonRetryableApplicationError("render: the narration is not on this worker",
					activities.ErrTypeWorkFilesLost, os.ErrNotExist)
			}
			return activities.RenderResult{Video: vividly.Video{VideoPath: "lesson.mp4", CaptionsPath: "lesson.vtt", Duration: 95 * time.Second}}, nil
		})
	h.env.OnActivity(a.Upload, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, _ activities.UploadInput) (activities.UploadResult, error) {
			on(ctx, "upload")
			return activities.UploadResult{Script: "/lessons/script.md", Video: "/lessons/lesson.mp4", Captions: "/lessons/lesson.vtt"}, nil
		})
	h.happy(photosynthesis)
	out, err := h.run(testRequest, Options{})
	if err != nil || out.Status != vividly.StatusCompleted {
		t.Fatalf("workflow = %v, %v; want completed", out.Status, err)
	}
	want := "narrate@vividly-content-host-a render@vividly-content-host-a " +
		"narrate@vividly-content-host-b render@vividly-content-host-b upload@vividly-content-host-b"
	if got := strings.Join(ranOn, " "); got != want {
		t.Errorf("media stages ran\n got %s\nwant %s", got, want)
	}
	// The restart is recorded at the stage reached (generating_video twice):
	// the lesson is seen to move, and never back.
	wantPath := statusPath(vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusRetrieving,
		vividly.StatusGeneratingScript, vividly.StatusGeneratingAudio, vividly.StatusGeneratingVideo, vividly.StatusGeneratingVideo,
		vividly.StatusUploading, vividly.StatusNotifying, vividly.StatusCompleted)
	if got := statusPath(h.recorded()...); got != wantPath {
		t.Errorf("statuses stored:\n got %s\nwant %s", got, wantPath)
	}
	if out.Result.CostUSD < 0.00199 || out.Result.CostUSD > 0.00201 {
		t.Errorf("cost = %v, want both narrations counted (0.002)", out.Result.CostUSD)
	}
}

// A text lesson hands no files between stages: its upload runs on the
// shared queue, and no worker is picked.
func TestTextLessonUploadsOnAnyWorker(t *testing.T) {
	h := newHarness(t)
	var queue string
	h.env.OnActivity(a.Upload, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, _ activities.UploadInput) (activities.UploadResult, error) {
			queue = activity.GetInfo(ctx).TaskQueue
			return activities.UploadResult{Script: "/lessons/script.md"}, nil
		})
	h.env.OnActivity(host.HostQueue, mock.Anything).Return(func(context.Context) (string, error) {
		t.Error("a text lesson picked a worker for its media")
		return "vividly-content-host-a", nil
	}).Maybe()
	h.happy(photosynthesis)
	h.env.SetStartWorkflowOptions(StartOptions(testRequest))
	req := testRequest
	req.Modality = vividly.ModalityText
	if out, err := h.run(req, Options{}); err != nil || out.Status != vividly.StatusCompleted {
		t.Fatalf("workflow = %v, %v; want completed", out.Status, err)
	}
	if queue != TaskQueue {
		t.Errorf("upload ran on %q, want the shared queue %q", queue, TaskQueue)
	}
}
