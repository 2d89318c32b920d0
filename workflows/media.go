package workflows

import (
	"context"
	"errors"
	"slices"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// A video's stages hand files to each other: narration writes the audio,
// rendering reads it and writes the video, upload reads that and stores it.
// Workers share no disk, so the three run on one worker, through the queue
// that worker polls alone (every worker has one; see worker.go). A worker
// on the shared queue names its queue (HostQueue), and the stages go there.
// If that worker is lost — its heartbeats stop, its queue is not polled, or
// a file it should hold is gone — the media start over, from the narration,
// on whichever worker answers next.

// mediaBudget bounds how long a video's media may keep starting over on
// other workers.
const mediaBudget = time.Hour

// hostActivities answers which queue is this worker's own.
type hostActivities struct{ queue string }

// HostQueue names the task queue only this worker polls.
func (h *hostActivities) HostQueue(context.Context) (string, error) { return h.queue, nil }

// host names the host activities for ExecuteActivity; its methods are never called here.
var host *hostActivities

// media makes and stores the lesson's files: for a video on one worker,
// started over on another if that one is lost; for a text lesson, whose
// upload needs nothing from an earlier stage, on any worker.
func (w *content) media(ctx workflow.Context, script vividly.Script) (*vividly.Video, activities.UploadResult, error) {
	req := w.in.Request
	if req.Modality != vividly.ModalityVideo {
		w.setStatus(ctx, vividly.StatusUploading)
		if w.quiet {
			var stored activities.UploadResult
			if err := w.exec(ctx, uploadPolicy, a.Upload, w.uploadInput(script, nil), &stored); err != nil {
				return nil, stored, &failure{vividly.StatusUploading, err}
			}
			w.account(ctx, vividly.StatusUploading, stored.FellBack, vividly.Usage{}, 0)
			return nil, stored, nil
		}
		stored, err := w.upload(uploadPolicy.options(ctx), script, nil)
		return nil, stored, err
	}
	// A video's media run on one worker's queue, never in the workflow task.
	// Where the lesson waits first is shown then (a worker in process names
	// its queue inside the task, and the narration's status follows at once).
	w.local = false
	if !w.oneMarker || !w.inProcess {
		w.settle(ctx)
	}
	started := workflow.Now(ctx)
	for attempt := 1; ; attempt++ {
		var queue string
		// A worker that runs the workflow in process makes its media too:
		// its queue is named inside the workflow task.
		var hostQueue workflow.Future
		if w.oneMarker && w.inProcess {
			hostQueue = workflow.ExecuteLocalActivity(hostPolicy.local(ctx), host.HostQueue)
		} else {
			hostQueue = workflow.ExecuteActivity(hostPolicy.options(ctx), host.HostQueue)
		}
		if err := hostQueue.Get(ctx, &queue); err != nil {
			return nil, activities.UploadResult{}, &failure{w.mediaStage(), err}
		}
		video, stored, err := w.mediaOn(ctx, queue, script)
		if err == nil || !workerLost(err) || workflow.Now(ctx).Sub(started) > mediaBudget {
			return video, stored, err
		}
		workflow.GetLogger(ctx).Warn("the lesson's worker was lost; making its media again on another worker",
			"attempt", attempt, "stage", string(w.stage), "error", err.Error())
		w.restarted(ctx)
	}
}

// restarted records the current status again: the lesson's history shows
// that its media started over (the stage it is at does not change), and
// whoever follows it sees it move.
func (w *content) restarted(ctx workflow.Context) {
	w.seq++
	u := vividly.StatusUpdate{Seq: w.seq, Snapshot: w.snapshot()}
	if !w.background {
		w.record(ctx, u)
		return
	}
	w.unsynced = append(w.unsynced, u)
	w.startSync()
}

// mediaOn narrates, renders and uploads on the worker polling queue. A
// stage already passed on a worker that was lost is done again without
// moving the status back: for the student the lesson is still at its
// furthest stage. A narration made before is tried first: where workers
// share a disk, or the same worker answers again, its file is still there
// and only a render that finds it missing (WorkFilesLost) makes it again.
func (w *content) mediaOn(ctx workflow.Context, queue string, script vividly.Script) (*vividly.Video, activities.UploadResult, error) {
	var none activities.UploadResult
	rendered, err := w.render(ctx, queue, script)
	if err != nil {
		return nil, none, err
	}
	video := rendered.Video
	w.account(ctx, vividly.StatusGeneratingVideo, false, vividly.Usage{RenderSeconds: video.RenderTime.Seconds()}, rendered.CostUSD)

	w.reach(ctx, vividly.StatusUploading)
	stored, err := w.upload(uploadPolicy.on(queue).options(ctx), script, &video)
	if err != nil {
		return nil, none, err
	}
	return &video, stored, nil
}

// render renders the lesson on queue's worker, narrating it there first
// unless a narration made before is on that worker's disk.
func (w *content) render(ctx workflow.Context, queue string, script vividly.Script) (activities.RenderResult, error) {
	req := w.in.Request
	madeHere := false
	for {
		if w.narrated == nil {
			w.reach(ctx, vividly.StatusGeneratingAudio)
			var narrated activities.NarrateResult
			if err := workflow.ExecuteActivity(narratePolicy.on(queue).options(ctx), a.Narrate,
				activities.NarrateInput{RequestID: req.ID, Script: script, Since: workflow.GetInfo(ctx).WorkflowStartTime}).Get(ctx, &narrated); err != nil {
				return activities.RenderResult{}, &failure{vividly.StatusGeneratingAudio, err}
			}
			w.account(ctx, vividly.StatusGeneratingAudio, narrated.FellBack, narrated.Narration.Usage, narrated.CostUSD)
			w.narrated, madeHere = &narrated, true
		}
		w.reach(ctx, vividly.StatusGeneratingVideo)
		rctx := renderPolicy.withHeartbeat(w.opts.RenderHeartbeatTimeout).on(queue).options(ctx)
		var rendered activities.RenderResult
		err := workflow.ExecuteActivity(rctx, a.Render, activities.RenderInput{
			RequestID: req.ID, Script: script, Narration: w.narrated.Narration, Since: workflow.GetInfo(ctx).WorkflowStartTime,
		}).Get(ctx, &rendered)
		if err == nil {
			return rendered, nil
		}
		var appErr *temporal.ApplicationError
		if errors.As(err, &appErr) && appErr.Type() == activities.ErrTypeWorkFilesLost {
			// The narration is not on this worker's disk.
			w.narrated = nil
			if !madeHere {
				continue // made elsewhere: make it here
			}
		}
		return activities.RenderResult{}, &failure{vividly.StatusGeneratingVideo, err}
	}
}

// upload stores the script, and the video when there is one.
func (w *content) upload(ctx workflow.Context, script vividly.Script, video *vividly.Video) (activities.UploadResult, error) {
	var stored activities.UploadResult
	if err := workflow.ExecuteActivity(ctx, a.Upload, w.uploadInput(script, video)).Get(ctx, &stored); err != nil {
		return stored, &failure{vividly.StatusUploading, err}
	}
	w.account(ctx, vividly.StatusUploading, stored.FellBack, vividly.Usage{}, 0)
	return stored, nil
}

// reach moves the lesson to s unless it is there or further already.
func (w *content) reach(ctx workflow.Context, s vividly.Status) {
	if slices.Index(vividly.AllStatuses, w.status) < slices.Index(vividly.AllStatuses, s) {
		w.setStatus(ctx, s)
	}
}

// mediaStage is the stage a failure to find a worker is reported at.
func (w *content) mediaStage() vividly.Status {
	if w.stage == vividly.StatusGeneratingScript {
		return vividly.StatusGeneratingAudio
	}
	return w.stage
}

// workerLost reports whether a media stage failed because its worker, or
// the files on it, are gone: the stage timed out waiting on that worker's
// queue or for its heartbeat, or a file handed over is missing.
func workerLost(err error) bool {
	var timeout *temporal.TimeoutError
	if errors.As(err, &timeout) {
		switch timeout.TimeoutType() {
		case enumspb.TIMEOUT_TYPE_SCHEDULE_TO_START, enumspb.TIMEOUT_TYPE_HEARTBEAT:
			return true
		}
	}
	var appErr *temporal.ApplicationError
	return errors.As(err, &appErr) && appErr.Type() == activities.ErrTypeWorkFilesLost
}

// uploadInput is what Upload stores, and whether it keeps the lesson for
// reuse: a lesson with a key and made without a fallback (a degraded lesson
// is not given again).
func (w *content) uploadInput(script vividly.Script, video *vividly.Video) activities.UploadInput {
	in := activities.UploadInput{RequestID: w.in.Request.ID, Script: script, Video: video}
	if w.keep != "" && len(w.fallbacks) == 0 {
		in.Keep = &vividly.CachedLesson{Key: w.keep, Topic: script.Topic, Subject: script.Subject, CostUSD: w.cost}
	}
	return in
}
