package workflows

import (
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Most of a lesson's stages take milliseconds when the worker makes lessons
// in process (the offline AI, a local store), and then a lesson's cost was
// Temporal's bookkeeping: a task for every stage, a search-attribute upsert
// for every status, a status write for every change. Runs from version
// "publish-when-seen" do less, and look the same to the student and in the
// Web UI:
//
//   - where the worker says its stages run in process (ValidateResult's
//     LocalStages), those stages run as local activities, inside the
//     workflow task, one after the other;
//   - the status is published — the search attributes, and the background
//     store (sync.go) — when the lesson next waits for something outside
//     that task: another worker's activity, the student's answer, its end.
//     Every status is stored, in order, as before; only the statuses a
//     lesson passes in the same few milliseconds are stored together;
//   - the search attributes are upserted once per wait, and only those that
//     changed; grade and modality are set when the workflow is started;
//   - the student is notified with the write that records the lesson's end.

// shownAttrs is what the lesson's search attributes say.
type shownAttrs struct {
	status, stage, subject string
	degraded, hasDegraded  bool
	hasGrade, hasModality  bool
}

// startAttrs reads the search attributes the workflow was started with.
func startAttrs(ctx workflow.Context) shownAttrs {
	sa := workflow.GetTypedSearchAttributes(ctx)
	var s shownAttrs
	s.status, _ = sa.GetKeyword(AttrStatus)
	s.stage, _ = sa.GetKeyword(AttrStage)
	s.subject, _ = sa.GetKeyword(AttrSubject)
	s.degraded, s.hasDegraded = sa.GetBool(AttrDegraded)
	_, s.hasGrade = sa.GetInt64(AttrGradeLevel)
	_, s.hasModality = sa.GetKeyword(AttrModality)
	return s
}

// exec runs one stage's activity: inside the workflow task when the worker
// runs its stages in process, else as a task of its own, after publishing
// where the lesson stands, as the lesson waits for it.
func (w *content) exec(ctx workflow.Context, p stagePolicy, activity, in, out any) error {
	if w.local {
		return workflow.ExecuteLocalActivity(p.local(ctx), activity, in).Get(ctx, out)
	}
	w.settle(ctx)
	return workflow.ExecuteActivity(p.options(ctx), activity, in).Get(ctx, out)
}

// publish shows a status change now, or, while stages run inside the
// workflow task, when the lesson next waits.
func (w *content) publish(ctx workflow.Context) {
	if !w.local {
		w.settle(ctx)
	}
}

// settle brings the search attributes up to date, in one upsert of what
// changed, and starts storing the queued statuses. Runs before
// "publish-when-seen" did both at every change instead.
func (w *content) settle(ctx workflow.Context) {
	if !w.quiet {
		return
	}
	var set []temporal.SearchAttributeUpdate
	if st := string(w.status); st != w.shown.status {
		set = append(set, AttrStatus.ValueSet(st))
		w.shown.status = st
	}
	if st := string(w.stage); st != w.shown.stage {
		set = append(set, AttrStage.ValueSet(st))
		w.shown.stage = st
	}
	if w.subject != "" && w.subject != w.shown.subject {
		set = append(set, AttrSubject.ValueSet(w.subject))
		w.shown.subject = w.subject
	}
	if d := len(w.fallbacks) > 0; !w.shown.hasDegraded || d != w.shown.degraded {
		set = append(set, AttrDegraded.ValueSet(d))
		w.shown.degraded, w.shown.hasDegraded = d, true
	}
	req := w.in.Request
	if !w.shown.hasGrade { // started by a client that did not set it
		set = append(set, AttrGradeLevel.ValueSet(int64(req.Grade)))
		w.shown.hasGrade = true
	}
	if !w.shown.hasModality {
		set = append(set, AttrModality.ValueSet(string(req.Modality)))
		w.shown.hasModality = true
	}
	if len(set) > 0 {
		_ = workflow.UpsertTypedSearchAttributes(ctx, set...)
	}
	// A worker that makes lessons in process stores the statuses inside
	// the workflow task, as a text lesson does at its end, rather than as
	// an activity of its own and the workflow task that follows it.
	if w.oneMarker && w.inProcess {
		w.storeInTask()
	}
	w.startSync()
}

// reusedResult is the result of a lesson given again: the copy stored for
// this request, with nothing written, narrated or rendered.
func (w *content) reusedResult(u vividly.Understanding, r activities.ReuseLessonResult) *vividly.Result {
	l := r.Lesson
	return &vividly.Result{
		Title: l.Title, Topic: u.Topic, Subject: u.Subject,
		Script: r.Stored.Script, Video: r.Stored.Video, Captions: r.Stored.Captions, VideoURL: r.Stored.VideoURL,
		Sources: l.Sources, Grounded: len(l.Sources) > 0,
		Degraded: len(w.fallbacks) > 0, FallbackStages: w.fallbacks,
		Usage: w.usage, CostUSD: w.cost, Cached: true, SavedUSD: l.CostUSD,
	}
}
