package workflows

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
)

// inProcess makes Validate say the worker runs its stages in process.
func (h *harness) inProcess() {
	h.env.OnActivity(a.Validate, mock.Anything, mock.Anything).Return(activities.ValidateResult{LocalStages: true}, nil)
}

// upserts counts the workflow's search-attribute upserts.
func (h *harness) upserts() *atomic.Int32 {
	var n atomic.Int32
	h.env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(mock.Arguments) { n.Add(1) }).Return(nil)
	return &n
}

func startedAsClientsStart(h *harness, req vividly.Request) {
	if err := h.env.SetTypedSearchAttributesOnStart(StartOptions(req).TypedSearchAttributes); err != nil {
		h.t.Fatal(err)
	}
}

// A lesson made in process records every status, in order, in one write
// with the notification, and shows its end in one upsert.
func TestInProcessLessonStoresItsStatusesAtOnce(t *testing.T) {
	h := newHarness(t)
	h.inProcess()
	h.happy(photosynthesis)
	upserts := h.upserts()
	req := testRequest
	req.Modality = vividly.ModalityText
	startedAsClientsStart(h, req)
	out, err := h.run(req, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	if out.Status != vividly.StatusCompleted {
		t.Fatalf("lesson ended %s", out.Status)
	}
	want := statusPath(vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusRetrieving,
		vividly.StatusGeneratingScript, vividly.StatusUploading, vividly.StatusNotifying, vividly.StatusCompleted)
	if got := statusPath(h.recorded()...); got != want {
		t.Errorf("stored statuses %s, want %s", got, want)
	}
	if h.syncs != 1 {
		t.Errorf("statuses stored in %d writes, want 1", h.syncs)
	}
	if len(h.notices) != 1 || h.notices[0].Status != vividly.StatusCompleted || h.notices[0].RequestID != req.ID {
		t.Errorf("notifications sent with the status: %+v, want one for the completed lesson", h.notices)
	}
	h.env.AssertNotCalled(t, "Notify", mock.Anything, mock.Anything)
	if n := upserts.Load(); n != 1 {
		t.Errorf("%d search-attribute upserts, want 1 (the end, with subject and degraded)", n)
	}
	if p := h.progress(); p.Status != vividly.StatusCompleted || p.Progress != 100 {
		t.Errorf("progress = %s %d%%", p.Status, p.Progress)
	}
}

// A clarifying question is shown (search attributes, database) while the
// lesson waits for the answer, even when the stages run in process.
func TestInProcessLessonShowsItsQuestionWhileWaiting(t *testing.T) {
	h := newHarness(t)
	h.inProcess()
	vague := vividly.Understanding{NeedsClarification: true, ClarifyingQuestions: []string{"Which subject?"}}
	h.env.OnActivity(a.Understand, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.UnderstandInput) (activities.UnderstandResult, error) {
			if len(in.Question.Answers) == 0 {
				return activities.UnderstandResult{Understanding: vague}, nil
			}
			return activities.UnderstandResult{Understanding: photosynthesis}, nil
		})
	h.happy(photosynthesis)
	var shown []vividly.Status
	h.env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		if v, ok := args.Get(0).(temporal.SearchAttributes).GetKeyword(AttrStatus); ok {
			shown = append(shown, vividly.Status(v))
		}
	}).Return(nil)
	startedAsClientsStart(h, testRequest)
	h.env.RegisterDelayedCallback(func() {
		h.env.SignalWorkflow(SignalClarification, ClarificationSignal{Answer: "biology"})
	}, time.Minute)
	out, err := h.run(testRequest, Options{})
	if err != nil || out.Status != vividly.StatusCompleted {
		t.Fatalf("lesson ended %v %v", out.Status, err)
	}
	// What passed in the task before the question is stored with it, and the
	// question is the first thing the search attributes show.
	if got, want := statusPath(h.recorded()...), statusPath(vividly.StatusValidating, vividly.StatusUnderstanding,
		vividly.StatusClarificationNeeded, vividly.StatusUnderstanding); !strings.HasPrefix(got, want) {
		t.Errorf("stored statuses %s, want them to begin %s", got, want)
	}
	if h.syncs < 2 {
		t.Errorf("statuses stored in %d writes: the question was not stored while the lesson waited", h.syncs)
	}
	if len(shown) == 0 || shown[0] != vividly.StatusClarificationNeeded {
		t.Errorf("search attributes showed %v, first clarification_needed", shown)
	}
}

// A lesson made before for the same key is given again: nothing is written,
// narrated or rendered, and the result says so and what it saved.
func TestReusedLessonIsGivenAgain(t *testing.T) {
	h := newHarness(t)
	h.inProcess()
	kept := &vividly.CachedLesson{Key: "k", RequestID: "0d6a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c", Modality: vividly.ModalityVideo,
		Title: testScript.Title, DurationS: 95, CostUSD: 0.012, Sources: []vividly.Source{{Title: "Biology 2e"}}}
	h.env.OnActivity(a.ReuseLesson, mock.Anything, mock.Anything).Return(activities.ReuseLessonResult{
		Key: "k", Lesson: kept,
		Stored: activities.UploadResult{Script: "/lessons/new/script.md", Video: "/lessons/new/lesson.mp4", Captions: "/lessons/new/lesson.vtt"},
	}, nil)
	h.happy(photosynthesis)
	out, err := h.run(testRequest, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	r := out.Result
	if out.Status != vividly.StatusCompleted || !r.Cached || r.SavedUSD != 0.012 || r.CostUSD != 0 ||
		r.Video != "/lessons/new/lesson.mp4" || r.DurationS != 95 || !r.Grounded || r.Topic != "Photosynthesis" {
		t.Fatalf("reused lesson = %s %+v", out.Status, r)
	}
	for _, stage := range []string{"Retrieve", "WriteScript", "Narrate", "Render", "Upload"} {
		h.env.AssertNotCalled(t, stage, mock.Anything, mock.Anything)
	}
	want := statusPath(vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusNotifying, vividly.StatusCompleted)
	if got := statusPath(h.recorded()...); got != want {
		t.Errorf("stored statuses %s, want %s", got, want)
	}
}

// A lesson made now is kept under the key ReuseLesson gave, unless a
// fallback made it (a degraded lesson is not given again).
func TestLessonMadeIsKeptUnlessDegraded(t *testing.T) {
	for _, degraded := range []bool{false, true} {
		h := newHarness(t)
		h.inProcess()
		h.env.OnActivity(a.ReuseLesson, mock.Anything, mock.Anything).Return(activities.ReuseLessonResult{Key: "k2"}, nil)
		if degraded {
			h.env.OnActivity(a.WriteScript, mock.Anything, mock.Anything).Return(activities.WriteScriptResult{Script: testScript, FellBack: true}, nil)
		}
		var keep *vividly.CachedLesson
		h.env.OnActivity(a.Upload, mock.Anything, mock.Anything).Return(
			func(_ context.Context, in activities.UploadInput) (activities.UploadResult, error) {
				keep = in.Keep
				return activities.UploadResult{Script: "/s.md", Video: "/v.mp4", Captions: "/v.vtt"}, nil
			})
		h.happy(photosynthesis)
		out, err := h.run(testRequest, Options{})
		if err != nil || out.Status != vividly.StatusCompleted {
			t.Fatalf("lesson ended %v %v", out.Status, err)
		}
		switch {
		case degraded && keep != nil:
			t.Errorf("degraded lesson kept for reuse: %+v", keep)
		case !degraded && (keep == nil || keep.Key != "k2" || keep.Subject != "science"):
			t.Errorf("lesson kept as %+v, want under k2", keep)
		}
	}
}

// A video made by a worker that runs the workflow in process stores its
// statuses and names its queue inside the workflow task: the only activities
// that are tasks of their own are the media stages.
func TestInProcessVideoStoresItsStatusesInTheTask(t *testing.T) {
	h := newHarness(t)
	h.inProcess()
	h.happy(photosynthesis)
	var mu sync.Mutex
	var tasks, inTask []string
	h.env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		mu.Lock()
		defer mu.Unlock()
		tasks = append(tasks, info.ActivityType.Name)
	})
	h.env.SetOnLocalActivityStartedListener(func(info *activity.Info, _ context.Context, _ []any) {
		mu.Lock()
		defer mu.Unlock()
		inTask = append(inTask, info.ActivityType.Name)
	})
	startedAsClientsStart(h, testRequest)
	out, err := h.run(testRequest, Options{})
	if err != nil || out.Status != vividly.StatusCompleted {
		t.Fatalf("lesson ended %v %v", out.Status, err)
	}
	if want := []string{"Narrate", "Render", "Upload"}; !slices.Equal(tasks, want) {
		t.Errorf("activity tasks %v, want only %v", tasks, want)
	}
	if !slices.Contains(inTask, "HostQueue") || !slices.Contains(inTask, "SyncStatus") {
		t.Errorf("in the workflow task: %v, want HostQueue and SyncStatus among them", inTask)
	}
	want := statusPath(vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusRetrieving,
		vividly.StatusGeneratingScript, vividly.StatusGeneratingAudio, vividly.StatusGeneratingVideo,
		vividly.StatusUploading, vividly.StatusNotifying, vividly.StatusCompleted)
	if got := statusPath(h.recorded()...); got != want {
		t.Errorf("stored statuses %s, want %s", got, want)
	}
	if len(h.notices) != 1 || h.notices[0].Status != vividly.StatusCompleted {
		t.Errorf("notifications %+v, want one for the completed lesson", h.notices)
	}
}

// When the database does not answer inside the task, the statuses are
// stored in the background instead, for the rest of the run (each try in
// the task could hold the lesson up for seconds), and the lesson goes on.
func TestInProcessVideoStoresInTheBackgroundWhenTheTaskCannot(t *testing.T) {
	h := newHarness(t)
	h.inProcess()
	h.happy(photosynthesis)
	var inTaskTries, background int
	var mu sync.Mutex
	h.env.SetOnLocalActivityStartedListener(func(info *activity.Info, _ context.Context, _ []any) {
		if info.ActivityType.Name == "SyncStatus" {
			mu.Lock()
			inTaskTries++
			mu.Unlock()
		}
	})
	h.env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, _ converter.EncodedValues) {
		if info.ActivityType.Name == "SyncStatus" {
			mu.Lock()
			background++
			mu.Unlock()
		}
	})
	// The database is too slow for a write inside the task, every time;
	// the background store gets through.
	h.syncErr = func(ctx context.Context) error {
		if activity.GetInfo(ctx).IsLocalActivity {
			return errors.New("timeout: the database did not answer")
		}
		return nil
	}
	startedAsClientsStart(h, testRequest)
	out, err := h.run(testRequest, Options{})
	if err != nil || out.Status != vividly.StatusCompleted {
		t.Fatalf("lesson ended %v %v", out.Status, err)
	}
	if inTaskTries != 1 || background == 0 {
		t.Errorf("%d tries in the task, %d in the background; want one, then the background", inTaskTries, background)
	}
	if got, want := statusPath(h.recorded()...), statusPath(vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusRetrieving,
		vividly.StatusGeneratingScript, vividly.StatusGeneratingAudio, vividly.StatusGeneratingVideo,
		vividly.StatusUploading, vividly.StatusNotifying, vividly.StatusCompleted); got != want {
		t.Errorf("stored statuses %s, want %s", got, want)
	}
}
