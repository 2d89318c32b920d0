package workflows

import (
	"errors"
	"fmt"
	"slices"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"github.com/vividly-edu/vividly/telemetry"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// ContentWorkflow is the lifecycle of one request: validate, understand (asking the
// student to clarify when needed, or declining what is not a school topic),
// retrieve, write the script, and for a video narrate and render; then upload and
// notify. Every stage is an activity with its own timeout and retries; the only
// wall clock is the bounded wait for a clarification.
func ContentWorkflow(ctx workflow.Context, in Input) (Output, error) {
	w := &content{in: in, opts: in.Options.withDefaults()}
	if err := w.setup(ctx); err != nil {
		return Output{}, err
	}
	return w.run(ctx)
}

// content is the state of one run.
type content struct {
	in   Input
	opts Options

	seq       int
	status    vividly.Status
	stage     vividly.Status
	questions []string
	round     int
	answers   []string
	result    *vividly.Result
	errMsg    string

	// narrated is the latest narration of a video, tried first when its
	// media start over on another worker (media.go).
	narrated *activities.NarrateResult

	// fallbacks names the stages whose production provider failed; usage and
	// cost add up what the stages consumed.
	fallbacks []vividly.Status
	usage     vividly.Usage
	cost      float64
	// since is when the current status began, for the stage-duration metric.
	since time.Time

	// The database follows the lesson in the background (see sync.go):
	// background is set on runs that sync that way, unsynced holds the
	// updates not yet stored, syncing is set while a sync runs, and
	// validated once the request may be stored.
	background bool
	// oneMarker is set on runs that record one version marker for all the
	// changes below (see setup) and skip waits that have nothing to wait for.
	oneMarker bool
	syncCtx   workflow.Context
	unsynced  []vividly.StatusUpdate
	syncing   bool
	validated bool

	// quiet is set on runs that publish their status only when it can be
	// seen (see publish.go): search attributes and the background store
	// follow at the points where the lesson waits, and the notification
	// goes with the last status. local is set while the worker runs the
	// stages in process: they then run as local activities, inside the
	// workflow task. shown is what the search attributes say now.
	quiet bool
	local bool
	// inProcess is set when the worker runs the stages in process, for the
	// whole run; inTaskFailed once storing statuses inside the workflow
	// task failed, so the background store does it from then on.
	inProcess, inTaskFailed bool
	shown                   shownAttrs
	subject                 string
	notice                  *vividly.Notification
	// keep is the key a lesson made now is kept under for reuse.
	keep string
}

// a names the activities for ExecuteActivity; its methods are never called here.
var a *activities.Activities

// failure is a reason the lifecycle stopped that a person can act on.
type failure struct {
	stage vividly.Status
	err   error
}

func (f *failure) Error() string { return fmt.Sprintf("%s failed: %v", f.stage, f.err) }

func (f *failure) Unwrap() error { return f.err }

func (w *content) setup(ctx workflow.Context) error {
	w.status, w.stage = vividly.StatusPending, vividly.StatusPending
	// Each GetVersion records a marker and an upsert of its change in the
	// search attributes, which the server stores and indexes: work for every
	// lesson. Runs begun since "one-marker" record that one for all the
	// changes before it ("status-in-background", "publish-when-seen",
	// "media-on-one-worker"); older runs replay their own markers.
	w.oneMarker = workflow.GetVersion(ctx, "one-marker", workflow.DefaultVersion, 1) >= 1
	// Runs begun before status writes left the critical path wrote them
	// inline; they replay that way.
	w.background = w.oneMarker || workflow.GetVersion(ctx, "status-in-background", workflow.DefaultVersion, 1) >= 1
	w.syncCtx, _ = workflow.NewDisconnectedContext(ctx)
	if err := w.setClarifyUpdate(ctx); err != nil {
		return err
	}
	return workflow.SetQueryHandler(ctx, QueryProgress, func() (vividly.Snapshot, error) {
		s := w.snapshot()
		if s.ClarifyingQuestions == nil {
			s.ClarifyingQuestions = []string{}
		}
		return s, nil
	})
}

func (w *content) run(ctx workflow.Context) (out Output, err error) {
	defer w.flush(ctx)
	defer func() {
		if err == nil {
			return
		}
		// Cancellation and failure still end in a status a person can read.
		dctx, cancel := workflow.NewDisconnectedContext(ctx)
		defer cancel()
		if temporal.IsCanceledError(err) || errors.Is(ctx.Err(), workflow.ErrCanceled) {
			w.errMsg = "cancelled before the lesson was finished"
			w.setStatus(dctx, vividly.StatusCancelled)
			return
		}
		w.errMsg = describeFailure(err)
		// The cause in full is for operators; students see errMsg.
		workflow.GetLogger(ctx).Error("lesson failed", "stage", string(w.stage), "error", err.Error())
		w.setStatus(dctx, vividly.StatusFailed)
		err = temporal.NewNonRetryableApplicationError(w.errMsg, "LessonFailed", err)
	}()

	req := w.in.Request
	// Runs begun before the status was published only when seen upserted
	// every change at once, and ran every stage as a task of its own.
	w.quiet = w.oneMarker || w.background && workflow.GetVersion(ctx, "publish-when-seen", workflow.DefaultVersion, 1) >= 1
	if w.quiet {
		w.shown = startAttrs(ctx)
	} else {
		_ = workflow.UpsertTypedSearchAttributes(ctx,
			AttrGradeLevel.ValueSet(int64(req.Grade)),
			AttrModality.ValueSet(string(req.Modality)),
			AttrDegraded.ValueSet(false))
	}

	var validated activities.ValidateResult
	if w.quiet {
		// Validation is a check of the input in memory: always in the task,
		// with its status shown when the lesson next waits.
		w.local = true
		w.setStatus(ctx, vividly.StatusValidating)
		if err := workflow.ExecuteLocalActivity(validatePolicy.local(ctx), a.Validate,
			activities.ValidateInput{Request: req}).Get(ctx, &validated); err != nil {
			w.unsynced = nil // an invalid request is never stored
			return Output{}, &failure{vividly.StatusValidating, err}
		}
		w.validated = true
		w.local, w.inProcess = validated.LocalStages, validated.LocalStages
		w.publish(ctx)
	} else if w.background {
		// Validation needs no database; the row follows in the background.
		w.setStatus(ctx, vividly.StatusValidating)
		if err := workflow.ExecuteActivity(validatePolicy.options(ctx), a.Validate,
			activities.ValidateInput{Request: req}).Get(ctx, &validated); err != nil {
			w.unsynced = nil // an invalid request is never stored
			return Output{}, &failure{vividly.StatusValidating, err}
		}
		w.validated = true
		w.startSync()
	} else {
		// The request has no row before it is validated, so Validate records this status.
		validating := w.advance(ctx, vividly.StatusValidating)
		if err := workflow.ExecuteActivity(validatePolicy.options(ctx), a.Validate,
			activities.ValidateInput{Request: req, Status: validating}).Get(ctx, &validated); err != nil {
			return Output{}, &failure{vividly.StatusValidating, err}
		}
		if validated.Seq > w.seq {
			w.seq = validated.Seq // a run after a failed one: its history goes on
		}
	}

	u, done, err := w.understand(ctx)
	if err != nil || done {
		return w.output(), err
	}

	scriptIn := vividly.ScriptInput{
		Question: req.Question, Answers: w.answers, Grade: req.Grade, Interest: req.Interest,
		Understanding: u, TargetDuration: req.TargetDuration,
	}
	if w.quiet {
		// A lesson made before for the same question, grade and interest is
		// given again (activities.ReuseLesson).
		var reused activities.ReuseLessonResult
		if err := w.exec(ctx, understandPolicy, a.ReuseLesson, activities.ReuseLessonInput{
			RequestID: req.ID, Modality: req.Modality, Script: scriptIn,
		}, &reused); err != nil {
			return Output{}, &failure{vividly.StatusUnderstanding, err}
		}
		if reused.Lesson != nil {
			return w.finish(ctx, w.reusedResult(u, reused), time.Duration(reused.Lesson.DurationS*float64(time.Second)))
		}
		w.keep = reused.Key
	}

	w.setStatus(ctx, vividly.StatusRetrieving)
	var retrieved activities.RetrieveResult
	if err := w.exec(ctx, retrievePolicy, a.Retrieve,
		activities.RetrieveInput{RequestID: req.ID, Understanding: u, Grade: req.Grade}, &retrieved); err != nil {
		return Output{}, &failure{vividly.StatusRetrieving, err}
	}

	w.setStatus(ctx, vividly.StatusGeneratingScript)
	scriptIn.Passages = retrieved.Passages
	var written activities.WriteScriptResult
	if err := w.exec(ctx, scriptPolicy, a.WriteScript,
		activities.WriteScriptInput{RequestID: req.ID, Script: scriptIn}, &written); err != nil {
		return Output{}, &failure{vividly.StatusGeneratingScript, err}
	}
	script := written.Script
	w.account(ctx, vividly.StatusGeneratingScript, written.FellBack, script.Usage, written.CostUSD)

	var video *vividly.Video
	var stored activities.UploadResult
	// Runs begun before the media stages kept to one worker ran them on any.
	if w.oneMarker || workflow.GetVersion(ctx, "media-on-one-worker", workflow.DefaultVersion, 1) >= 1 {
		if video, stored, err = w.media(ctx, script); err != nil {
			return Output{}, err
		}
	} else if video, stored, err = w.mediaAnywhere(ctx, script); err != nil {
		return Output{}, err
	}
	result := &vividly.Result{
		Title: script.Title, Topic: u.Topic, Subject: u.Subject,
		Script: stored.Script, Video: stored.Video, Captions: stored.Captions, VideoURL: stored.VideoURL,
		Degraded: len(w.fallbacks) > 0, FallbackStages: w.fallbacks,
		Usage: w.usage, CostUSD: w.cost, Sources: script.Credits, Grounded: len(script.Credits) > 0,
	}
	var length time.Duration
	if video != nil {
		length = video.Duration
	}
	return w.finish(ctx, result, length)
}

// finish tells the student the lesson is ready and ends it completed.
func (w *content) finish(ctx workflow.Context, result *vividly.Result, length time.Duration) (Output, error) {
	req := w.in.Request
	w.result = result
	if length > 0 {
		w.result.DurationS = length.Seconds()
		w.result.Message = fmt.Sprintf("Your video lesson %q is ready (%s).", result.Title, length.Round(time.Second))
	} else {
		w.result.Message = fmt.Sprintf("Your text lesson %q is ready. This was a text request, so it stops after the script: no narration or video was made.", result.Title)
	}

	if w.oneMarker && w.inProcess {
		// What is left happens inside this task: its statuses are shown
		// together, at the end.
		w.local = true
	}
	w.setStatus(ctx, vividly.StatusNotifying)
	if w.quiet {
		// The student is told with the write that records the lesson's end
		// (sync.go): PostgreSQL stays off the lesson's path.
		w.notice = &vividly.Notification{RequestID: req.ID, StudentID: req.StudentID,
			Status: vividly.StatusCompleted, Message: w.result.Message}
		w.setStatus(ctx, vividly.StatusCompleted)
		return w.output(), nil
	}
	if err := workflow.ExecuteActivity(notifyPolicy.options(ctx), a.Notify, activities.NotifyInput{
		Notification: vividly.Notification{RequestID: req.ID, StudentID: req.StudentID,
			Status: vividly.StatusCompleted, Message: w.result.Message},
	}).Get(ctx, nil); err != nil {
		return Output{}, &failure{vividly.StatusNotifying, err}
	}

	w.setStatus(ctx, vividly.StatusCompleted)
	return w.output(), nil
}

// mediaAnywhere is how runs begun before media.go made and stored their
// files: each stage on whichever worker took it. They replay this way.
func (w *content) mediaAnywhere(ctx workflow.Context, script vividly.Script) (video *vividly.Video, stored activities.UploadResult, err error) {
	req := w.in.Request
	if req.Modality == vividly.ModalityVideo {
		w.setStatus(ctx, vividly.StatusGeneratingAudio)
		var narrated activities.NarrateResult
		if err := workflow.ExecuteActivity(narratePolicy.options(ctx), a.Narrate,
			activities.NarrateInput{RequestID: req.ID, Script: script}).Get(ctx, &narrated); err != nil {
			return nil, stored, &failure{vividly.StatusGeneratingAudio, err}
		}
		w.account(ctx, vividly.StatusGeneratingAudio, narrated.FellBack, narrated.Narration.Usage, narrated.CostUSD)

		w.setStatus(ctx, vividly.StatusGeneratingVideo)
		rctx := renderPolicy.withHeartbeat(w.opts.RenderHeartbeatTimeout).options(ctx)
		var rendered activities.RenderResult
		if err := workflow.ExecuteActivity(rctx, a.Render, activities.RenderInput{
			RequestID: req.ID, Script: script, Narration: narrated.Narration,
		}).Get(ctx, &rendered); err != nil {
			return nil, stored, &failure{vividly.StatusGeneratingVideo, err}
		}
		video = &rendered.Video
		w.account(ctx, vividly.StatusGeneratingVideo, false, vividly.Usage{RenderSeconds: video.RenderTime.Seconds()}, rendered.CostUSD)
	}

	w.setStatus(ctx, vividly.StatusUploading)
	if err := workflow.ExecuteActivity(uploadPolicy.options(ctx), a.Upload,
		activities.UploadInput{RequestID: req.ID, Script: script, Video: video}).Get(ctx, &stored); err != nil {
		return nil, stored, &failure{vividly.StatusUploading, err}
	}
	w.account(ctx, vividly.StatusUploading, stored.FellBack, vividly.Usage{}, 0)
	return video, stored, nil
}

// account adds a stage's usage and cost, and notes a fallback: the lesson is then
// degraded, which the Web UI shows as a search attribute.
func (w *content) account(ctx workflow.Context, stage vividly.Status, fellBack bool, u vividly.Usage, cost float64) {
	w.usage = w.usage.Add(u)
	w.cost += cost
	if fellBack && !slices.Contains(w.fallbacks, stage) {
		w.fallbacks = append(w.fallbacks, stage)
		if !w.quiet {
			_ = workflow.UpsertTypedSearchAttributes(ctx, AttrDegraded.ValueSet(true))
		} // else shown with the next status
	}
}

// understand runs understanding until the topic is clear, asking the student to
// clarify at most MaxClarificationRounds times. done is true when the lifecycle
// ended here (out of scope or expired).
func (w *content) understand(ctx workflow.Context) (u vividly.Understanding, done bool, err error) {
	req := w.in.Request
	answers := workflow.GetSignalChannel(ctx, SignalClarification)
	for {
		w.setStatus(ctx, vividly.StatusUnderstanding)
		var res activities.UnderstandResult
		if err := w.exec(ctx, understandPolicy, a.Understand, activities.UnderstandInput{
			RequestID: req.ID,
			Question: vividly.UnderstandInput{Question: req.Question, Answers: w.answers,
				Grade: req.Grade, Interest: req.Interest},
		}, &res); err != nil {
			return u, false, &failure{vividly.StatusUnderstanding, err}
		}
		u = res.Understanding
		w.account(ctx, vividly.StatusUnderstanding, res.FellBack, u.Usage, res.CostUSD)

		switch {
		case u.OutOfScope:
			w.result = &vividly.Result{Message: u.OutOfScopeMessage, Reason: u.Reason}
			w.setStatus(ctx, vividly.StatusOutOfScope)
			return u, true, nil
		case !u.NeedsClarification && u.TopicID != "":
			w.questions = nil
			if w.quiet {
				w.subject = u.Subject // shown with the next status
			} else {
				_ = workflow.UpsertTypedSearchAttributes(ctx, AttrSubject.ValueSet(u.Subject))
			}
			return u, false, nil
		case w.round >= w.opts.MaxClarificationRounds:
			w.result = &vividly.Result{Reason: "unclear", Message: "We couldn't match your question to a school topic, even with your answers. " +
				"Try asking again and name the topic, for example \"fractions\" or \"the water cycle\"."}
			w.setStatus(ctx, vividly.StatusOutOfScope)
			return u, true, nil
		}

		w.round++
		w.questions = u.ClarifyingQuestions
		if len(w.questions) == 0 {
			w.questions = []string{"Which school topic is your question about?"}
		}
		w.setStatus(ctx, vividly.StatusClarificationNeeded)
		answer, ok, err := w.awaitAnswer(ctx, answers)
		if err != nil {
			return u, false, err
		}
		if !ok {
			w.errMsg = fmt.Sprintf("no answer to the clarifying question within %s", w.opts.ClarificationTimeout)
			w.setStatus(ctx, vividly.StatusExpired)
			return u, true, nil
		}
		w.answers = append(w.answers, answer)
	}
}

// awaitAnswer waits for a valid answer until the clarification timeout. Answers that
// cannot be used (empty, too long, not JSON of the expected shape) are logged and
// ignored, and the wait goes on.
func (w *content) awaitAnswer(ctx workflow.Context, ch workflow.ReceiveChannel) (string, bool, error) {
	logger := workflow.GetLogger(ctx)
	w.settle(ctx) // the student and the Web UI see the question now
	deadline := workflow.Now(ctx).Add(w.opts.ClarificationTimeout)
	for {
		remaining := deadline.Sub(workflow.Now(ctx))
		if remaining <= 0 {
			return "", false, nil
		}
		tctx, cancelTimer := workflow.WithCancel(ctx)
		var raw any
		got := false
		sel := workflow.NewSelector(ctx)
		sel.AddReceive(ch, func(c workflow.ReceiveChannel, _ bool) {
			c.Receive(ctx, &raw)
			got = true
		})
		sel.AddFuture(workflow.NewTimer(tctx, remaining), func(workflow.Future) {})
		sel.Select(ctx)
		cancelTimer()
		if err := ctx.Err(); err != nil {
			return "", false, err
		}
		if !got {
			return "", false, nil
		}
		answer, round, err := parseAnswer(raw)
		if err != nil {
			logger.Warn("clarification signal ignored", "reason", err.Error())
			continue
		}
		// An answer to an earlier round (a retried send) is not a reply to
		// the question now open, which the student may not have seen yet.
		if round != 0 && round != w.round {
			logger.Info("clarification answer for another round ignored", "round", w.round, "answered", round)
			continue
		}
		return answer, true, nil
	}
}

func (w *content) output() Output {
	return Output{Status: w.status, Result: w.result}
}

// setStatus moves the request to s: the query, the search attributes and the
// database all follow. A database that cannot be written is logged, not fatal:
// Temporal still holds the truth and the next write catches the row up.
func (w *content) setStatus(ctx workflow.Context, s vividly.Status) {
	u := w.advance(ctx, s)
	if !w.background {
		w.record(ctx, u)
		return
	}
	w.unsynced = append(w.unsynced, u)
	if w.quiet {
		w.publish(ctx)
		return
	}
	w.startSync()
}

// advance moves the query and the search attributes to s and returns the update
// the database should get.
func (w *content) advance(ctx workflow.Context, s vividly.Status) vividly.StatusUpdate {
	w.measure(ctx, s)
	w.status = s
	if !s.Terminal() {
		w.stage = s
	}
	w.seq++
	if !w.quiet {
		_ = workflow.UpsertTypedSearchAttributes(ctx, AttrStatus.ValueSet(string(s)), AttrStage.ValueSet(string(w.stage)))
	}
	workflow.SetCurrentDetails(ctx, fmt.Sprintf("**%s** (%d%%)", s, s.Progress()))
	return vividly.StatusUpdate{Seq: w.seq, Snapshot: w.snapshot()}
}

// snapshot is where the lesson stands now.
func (w *content) snapshot() vividly.Snapshot {
	return vividly.Snapshot{
		RequestID: w.in.Request.ID, Status: w.status, Stage: w.stage, Progress: w.status.Progress(),
		ClarifyingQuestions: w.questions, ClarificationRound: w.round,
		Result: w.result, Error: w.errMsg, Degraded: len(w.fallbacks) > 0,
	}
}

// measure feeds the metrics: how long the status being left lasted, how requests
// end, and how often students are asked to clarify. The SDK's workflow metrics
// handler emits nothing during replay, so each is counted once.
func (w *content) measure(ctx workflow.Context, next vividly.Status) {
	m := workflow.GetMetricsHandler(ctx)
	now := workflow.Now(ctx)
	// A wait for the student is not a stage's work, and may last days.
	if !w.since.IsZero() && w.status != vividly.StatusPending && w.status != vividly.StatusClarificationNeeded {
		telemetry.RecordStageDuration(m, w.status, now.Sub(w.since))
	}
	w.since = now
	switch {
	case next.Terminal():
		telemetry.RecordTerminal(m, next)
	case next == vividly.StatusClarificationNeeded:
		telemetry.RecordClarification(m)
	}
}

// record writes a status update to the database.
func (w *content) record(ctx workflow.Context, u vividly.StatusUpdate) {
	s := u.Status
	lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    10 * time.Second,
		ScheduleToCloseTimeout: statusWriteBudget(s),
		RetryPolicy:            &temporal.RetryPolicy{InitialInterval: time.Second, BackoffCoefficient: 2, MaximumInterval: 30 * time.Second},
	})
	if err := workflow.ExecuteLocalActivity(lctx, a.RecordStatus, u).Get(ctx, nil); err != nil {
		workflow.GetLogger(ctx).Error("status not stored", "status", string(s), "error", err.Error())
	}
}

// statusWriteBudget is how long a status write may keep retrying. A terminal status
// is the one people read last, so it gets the longest.
func statusWriteBudget(s vividly.Status) time.Duration {
	if s.Terminal() {
		return 30 * time.Minute
	}
	return 2 * time.Minute
}
