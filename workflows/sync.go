package workflows

import (
	"time"

	"github.com/vividly-edu/vividly/activities"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// The database is where people read a lesson's status, but the lesson does
// not wait for it: each status change is queued, and one background
// coroutine stores the queue with the SyncStatus activity, all that is
// pending at once, retrying through an outage. The row appears, or catches
// up, as soon as the database is back; the lesson goes on meanwhile. Before
// the workflow ends it waits, within syncFlushWithin, for the queue to be
// stored, so the last status people read is the real one.

// syncPolicy: one attempt is short; the budget outlasts a long outage.
var syncPolicy = stagePolicy{startToClose: 30 * time.Second, budget: 2 * time.Hour}

// syncPause is the wait before a sync whose budget ran out is tried again.
const syncPause = time.Minute

// syncFlushWithin bounds how long an ended lesson waits for the database
// before it closes anyway; Temporal keeps its outcome either way.
const syncFlushWithin = 2 * time.Hour

// startSync starts the background store of the queued updates, unless one
// is running (it takes what is queued when it gets there) or the request is
// not yet known to be valid.
func (w *content) startSync() {
	if w.syncing || !w.validated || len(w.unsynced) == 0 {
		return
	}
	w.syncing = true
	workflow.Go(w.syncCtx, w.syncLoop)
}

// syncLoop stores the queue until it is empty.
func (w *content) syncLoop(ctx workflow.Context) {
	defer func() { w.syncing = false }()
	runID := workflow.GetInfo(ctx).WorkflowExecution.RunID
	for len(w.unsynced) > 0 {
		batch, notice := w.unsynced, w.notice
		w.unsynced, w.notice = nil, nil
		err := workflow.ExecuteActivity(syncPolicy.options(ctx), a.SyncStatus, activities.SyncStatusInput{
			Request: w.in.Request, RunID: runID, Updates: batch, Notification: notice,
		}).Get(ctx, nil)
		if err != nil {
			// Past one activity's budget: keep the batch, pause, try again.
			w.unsynced = append(batch, w.unsynced...)
			if w.notice == nil {
				w.notice = notice
			}
			workflow.GetLogger(ctx).Error("status not stored yet", "updates", len(w.unsynced), "error", err.Error())
			if err := workflow.Sleep(ctx, syncPause); err != nil {
				return
			}
		}
	}
}

// flush waits, within syncFlushWithin, for the queued updates to be stored.
func (w *content) flush(ctx workflow.Context) {
	if w.quiet {
		if w.local {
			w.storeInTask()
		}
		w.local = false
		w.settle(w.syncCtx) // the last status is shown, even of an invalid request
	}
	if !w.background || !w.validated {
		return
	}
	w.startSync()
	stored := func() bool { return !w.syncing && len(w.unsynced) == 0 }
	// Waiting starts a timer even when there is nothing to wait for: a
	// history event and a timer the server keeps for syncFlushWithin.
	if w.oneMarker && stored() {
		return
	}
	ok, err := workflow.AwaitWithTimeout(w.syncCtx, syncFlushWithin, stored)
	if err != nil || !ok {
		workflow.GetLogger(ctx).Error("lesson ended before its status was stored", "pending", len(w.unsynced))
	}
}

// syncInTaskWithin bounds the one attempt to store a lesson's statuses
// inside its workflow task.
const syncInTaskWithin = 5 * time.Second

// storeInTask stores what is queued with one attempt of SyncStatus as a
// local activity, so that a lesson made inside its workflow task also ends
// there: one task for the whole lesson. If that attempt fails (the
// database is down or slow) the background store takes over, as for any
// lesson.
func (w *content) storeInTask() {
	if !w.validated || w.syncing || w.inTaskFailed || len(w.unsynced) == 0 {
		return
	}
	ctx := workflow.WithLocalActivityOptions(w.syncCtx, workflow.LocalActivityOptions{
		StartToCloseTimeout: syncInTaskWithin,
		RetryPolicy:         &temporal.RetryPolicy{MaximumAttempts: 1},
	})
	err := workflow.ExecuteLocalActivity(ctx, a.SyncStatus, activities.SyncStatusInput{
		Request: w.in.Request, RunID: workflow.GetInfo(ctx).WorkflowExecution.RunID,
		Updates: w.unsynced, Notification: w.notice,
	}).Get(ctx, nil)
	if err != nil {
		// A database that is down or slow would hold up every later try,
		// so the background store takes over for the rest of the run.
		w.inTaskFailed = true
		workflow.GetLogger(ctx).Warn("status not stored in the lesson's task; storing it in the background", "error", err.Error())
		return
	}
	w.unsynced, w.notice = nil, nil
}
