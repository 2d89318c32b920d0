package activities_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"github.com/vividly-edu/vividly/espeak"
	"github.com/vividly-edu/vividly/ffmpeg"
	"github.com/vividly-edu/vividly/localstore"
	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
)

// stages builds the activities on the real adapters: a fresh PostgreSQL database,
// the offline AI, espeak-ng, ffmpeg and a local store in temp directories.
func stages(t *testing.T) (*activities.Activities, *postgres.DB, *testsuite.TestActivityEnvironment) {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	if _, err := offline.LoadLibrary(context.Background(), db, nil); err != nil {
		t.Fatal(err)
	}
	store, err := localstore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	acts := &activities.Activities{
		Store: db, Understander: offline.NewUnderstander(db), Retriever: offline.NewRetriever(db),
		Writer: offline.NewScriptWriter(), Narrator: espeak.New(espeak.Config{}), Renderer: ffmpeg.New(ffmpeg.Config{}),
		Objects: store, Notifier: db, WorkDir: t.TempDir(),
	}
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	return acts, db, env
}

var request = vividly.Request{
	ID: "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f", StudentID: "6e7f8091-a2b3-4c4d-9e5f-6a7b8c9d0e1f",
	Question: "Explain photosynthesis for basketball fans", Grade: 10, Interest: "basketball",
	Modality: vividly.ModalityVideo, TargetDuration: time.Minute,
}

// TestSyncStatusStoresTheRequestOnce: syncing a run's updates creates the
// row and history once, however often it is retried, and a later run of the
// same request continues the history after the first run's.
func TestSyncStatusStoresTheRequestOnce(t *testing.T) {
	acts, db, env := stages(t)
	first := activities.SyncStatusInput{Request: request, RunID: "run-1", Updates: []vividly.StatusUpdate{
		{Seq: 1, Snapshot: vividly.Snapshot{RequestID: request.ID, Status: vividly.StatusValidating, Stage: vividly.StatusValidating}},
		{Seq: 2, Snapshot: vividly.Snapshot{RequestID: request.ID, Status: vividly.StatusFailed, Stage: vividly.StatusValidating, Error: "validating could not be finished"}},
	}}
	for i := 0; i < 2; i++ { // a retried activity
		if _, err := env.ExecuteActivity(acts.SyncStatus, first); err != nil {
			t.Fatalf("sync: %v", err)
		}
	}
	rec, err := db.GetRequest(context.Background(), request.ID)
	if err != nil || rec.Status != vividly.StatusFailed || rec.Grade != 10 {
		t.Fatalf("stored request = %+v, %v", rec, err)
	}
	if h, _ := db.History(context.Background(), request.ID); len(h) != 3 {
		t.Errorf("history after two syncs has %d entries, want 3 (pending, validating, failed)", len(h))
	}
	again := activities.SyncStatusInput{Request: request, RunID: "run-2", Updates: []vividly.StatusUpdate{
		{Seq: 1, Snapshot: vividly.Snapshot{RequestID: request.ID, Status: vividly.StatusValidating, Stage: vividly.StatusValidating}},
	}}
	if _, err := env.ExecuteActivity(acts.SyncStatus, again); err != nil {
		t.Fatalf("sync of the second run: %v", err)
	}
	rec, _ = db.GetRequest(context.Background(), request.ID)
	h, _ := db.History(context.Background(), request.ID)
	if rec.Status != vividly.StatusValidating || len(h) != 4 || h[3].Seq != 3 {
		t.Errorf("after a second run began: %s, history %+v; want validating, its entry after the first run's", rec.Status, h)
	}
}

func TestValidateRefusesBadInputPermanently(t *testing.T) {
	acts, db, env := stages(t)
	bad := request
	bad.ID = "6f708192-b3c4-4d5e-8f60-7a8b9c0d1e2f"
	bad.Grade = 14
	_, err := env.ExecuteActivity(acts.Validate, activities.ValidateInput{Request: bad})
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || !appErr.NonRetryable() || appErr.Type() != activities.ErrTypeInvalidRequest {
		t.Fatalf("err = %v, want a non-retryable %s", err, activities.ErrTypeInvalidRequest)
	}
	if !strings.Contains(err.Error(), "grade_level") {
		t.Errorf("error does not name the field: %v", err)
	}
	if _, err := db.GetRequest(context.Background(), bad.ID); !errors.Is(err, vividly.ErrNotFound) {
		t.Errorf("an invalid request was stored (%v)", err)
	}
}

func TestRecordStatusRetriedWritesHistoryOnce(t *testing.T) {
	acts, db, env := stages(t)
	if _, err := env.ExecuteActivity(acts.SyncStatus, activities.SyncStatusInput{Request: request, RunID: "run-1"}); err != nil {
		t.Fatal(err)
	}
	u := vividly.StatusUpdate{Seq: 1, Snapshot: vividly.Snapshot{RequestID: request.ID, Status: vividly.StatusUnderstanding, Stage: vividly.StatusUnderstanding}}
	for i := 0; i < 3; i++ {
		if _, err := env.ExecuteActivity(acts.RecordStatus, u); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := db.History(context.Background(), request.ID)
	if len(h) != 2 || h[1].Status != vividly.StatusUnderstanding {
		t.Errorf("history = %+v, want pending then one understanding", h)
	}
}

// TestVideoStages runs understanding through upload on the real tools and checks
// what a student would: one video and one audio stream, a video as long as its
// narration, captions that cover it, and one stored copy however often it runs.
func TestVideoStages(t *testing.T) {
	acts, db, env := stages(t)
	if _, err := env.ExecuteActivity(acts.SyncStatus, activities.SyncStatusInput{Request: request, RunID: "run-1"}); err != nil {
		t.Fatal(err)
	}
	var understood activities.UnderstandResult
	get(t, env, &understood, acts.Understand, activities.UnderstandInput{RequestID: request.ID,
		Question: vividly.UnderstandInput{Question: request.Question, Grade: request.Grade, Interest: request.Interest}})
	if understood.Understanding.TopicID != "photosynthesis" {
		t.Fatalf("understood %+v", understood.Understanding)
	}
	var retrieved activities.RetrieveResult
	get(t, env, &retrieved, acts.Retrieve, activities.RetrieveInput{RequestID: request.ID, Understanding: understood.Understanding, Grade: 10})
	var written activities.WriteScriptResult
	get(t, env, &written, acts.WriteScript, activities.WriteScriptInput{RequestID: request.ID, Script: vividly.ScriptInput{
		Question: request.Question, Grade: 10, Interest: "basketball", Understanding: understood.Understanding,
		Passages: retrieved.Passages, TargetDuration: time.Minute}})
	var narrated activities.NarrateResult
	get(t, env, &narrated, acts.Narrate, activities.NarrateInput{RequestID: request.ID, Script: written.Script})
	var rendered activities.RenderResult
	get(t, env, &rendered, acts.Render, activities.RenderInput{RequestID: request.ID, Script: written.Script, Narration: narrated.Narration})

	n, v := narrated.Narration, rendered.Video
	info, err := ffmpeg.Probe(context.Background(), "ffprobe", v.VideoPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Video()) != 1 || len(info.Audio()) != 1 {
		t.Errorf("mp4 has %d video and %d audio streams, want 1 and 1", len(info.Video()), len(info.Audio()))
	}
	if d := info.Video()[0].Duration - n.Duration; d > 200*time.Millisecond || d < -200*time.Millisecond {
		t.Errorf("video %s vs narration %s: off by %s, more than 0.2 s", info.Video()[0].Duration, n.Duration, d)
	}
	checkCaptions(t, v.CaptionsPath, n.Duration)

	var stored activities.UploadResult
	get(t, env, &stored, acts.Upload, activities.UploadInput{RequestID: request.ID, Script: written.Script, Video: &v})
	// Once stored, the work files are gone, and the stored ones stay.
	if _, err := os.Stat(filepath.Join(acts.WorkDir, request.ID)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("work files left after the lesson was stored: %v", err)
	}
	// An upload that finds its video gone says so in a way the workflow
	// acts on (it makes the media again on one worker), not as a retry here.
	_, err = env.ExecuteActivity(acts.Upload, activities.UploadInput{RequestID: request.ID, Script: written.Script, Video: &v})
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != activities.ErrTypeWorkFilesLost || !appErr.NonRetryable() {
		t.Errorf("upload without its video: %v, want a non-retryable %s", err, activities.ErrTypeWorkFilesLost)
	}
	mp4s, _ := filepath.Glob(filepath.Join(filepath.Dir(stored.Video), "*.mp4"))
	if len(mp4s) != 1 {
		t.Errorf("stored videos: %v, want one", mp4s)
	}
	md, err := os.ReadFile(stored.Script)
	if err != nil || !strings.Contains(string(md), written.Script.Title) {
		t.Errorf("stored script: %v", err)
	}

	note := vividly.Notification{RequestID: request.ID, StudentID: request.StudentID, Status: vividly.StatusCompleted, Message: "ready"}
	for i := 0; i < 2; i++ {
		if _, err := env.ExecuteActivity(acts.Notify, activities.NotifyInput{Notification: note}); err != nil {
			t.Fatal(err)
		}
	}
	if ns, _ := db.Notifications(context.Background(), request.ID); len(ns) != 1 {
		t.Errorf("student notified %d times, want once", len(ns))
	}
	if _, err := os.Stat(stored.Video); err != nil {
		t.Errorf("the stored video went with the work files: %v", err)
	}
}

func get(t *testing.T, env *testsuite.TestActivityEnvironment, out any, activity any, in any) {
	t.Helper()
	v, err := env.ExecuteActivity(activity, in)
	if err != nil {
		t.Fatalf("activity: %v", err)
	}
	if err := v.Get(out); err != nil {
		t.Fatal(err)
	}
}

// checkCaptions reads a WebVTT file and checks its cues run in order from the
// start of the narration to its end.
func checkCaptions(t *testing.T, path string, narration time.Duration) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.HasPrefix(text, "WEBVTT") {
		t.Fatalf("captions do not start with WEBVTT")
	}
	var first, last, prevEnd time.Duration = -1, 0, 0
	cues := 0
	for _, line := range strings.Split(text, "\n") {
		from, to, ok := strings.Cut(line, " --> ")
		if !ok {
			continue
		}
		start, end := vttTime(t, from), vttTime(t, strings.Fields(to)[0])
		if start < prevEnd || end <= start {
			t.Errorf("cue %s --> %s out of order", from, to)
		}
		if first < 0 {
			first = start
		}
		prevEnd, last = end, end
		cues++
	}
	if cues < 3 || first > time.Second || narration-last > time.Second || last > narration+100*time.Millisecond {
		t.Errorf("%d cues from %s to %s do not cover the narration of %s", cues, first, last, narration)
	}
}

func vttTime(t *testing.T, s string) time.Duration {
	t.Helper()
	var h, m, sec, ms int
	if _, err := fmt.Sscanf(s, "%d:%d:%d.%d", &h, &m, &sec, &ms); err != nil {
		t.Fatalf("bad cue time %q: %v", s, err)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second + time.Duration(ms)*time.Millisecond
}

// putOnly is a store that can only copy files, as a store without
// PutContent would.
type putOnly struct{ store vividly.ObjectStore }

func (p putOnly) Put(ctx context.Context, key, localPath, contentType string) (string, error) {
	return p.store.Put(ctx, key, localPath, contentType)
}

// TestTextUploadStoresTheScript: a text lesson's script is stored as the
// student reads it (Markdown, and the JSON the page and a reuse read),
// whether the store takes content in hand or only files; either way the
// worker keeps no work files after.
func TestTextUploadStoresTheScript(t *testing.T) {
	acts, _, env := stages(t)
	script := vividly.Script{Title: "Photosynthesis on the court", Segments: []vividly.Segment{
		{Heading: "Light in", Narration: "Leaves catch light the way a guard catches a pass."},
	}}
	objects := acts.Objects
	for _, tc := range []struct {
		name  string
		store vividly.ObjectStore
		id    string
	}{
		{"content store", objects, "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"},
		{"file store", putOnly{objects}, "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acts.Objects = tc.store
			var stored activities.UploadResult
			get(t, env, &stored, acts.Upload, activities.UploadInput{RequestID: tc.id, Script: script})
			md, err := os.ReadFile(stored.Script)
			if err != nil || string(md) != script.Markdown() {
				t.Errorf("stored script.md = %q (%v), want the script's Markdown", md, err)
			}
			raw, err := os.ReadFile(filepath.Join(filepath.Dir(stored.Script), "script.json"))
			var back vividly.Script
			if err == nil {
				err = json.Unmarshal(raw, &back)
			}
			if err != nil || back.Title != script.Title || len(back.Segments) != 1 || back.Segments[0].Narration != script.Segments[0].Narration {
				t.Errorf("stored script.json = %s (%v), want the script", raw, err)
			}
			if _, err := os.Stat(filepath.Join(acts.WorkDir, tc.id)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("work files left after the script was stored: %v", err)
			}
		})
	}
}
