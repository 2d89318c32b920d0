package activities

import (
	"context"
	"errors"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/activity"
)

// RecordStatus writes a status change for the API, the CLI and the web page. It is
// idempotent on (request id, seq), so a retry never duplicates history.
func (a *Activities) RecordStatus(ctx context.Context, u vividly.StatusUpdate) error {
	err := a.Store.RecordStatus(ctx, u)
	if errors.Is(err, vividly.ErrNotFound) {
		// The request never made it into the store (it failed validation);
		// Temporal still holds its status, and retrying cannot create the row.
		activity.GetLogger(ctx).Warn("status of an unrecorded request not stored", "status", u.Status)
		return nil
	}
	return err
}

// SyncStatusInput is what a run has to tell the database: the request, for
// its row, and the run's status updates not yet stored, oldest first, with
// the run's own sequence numbers.
type SyncStatusInput struct {
	Request vividly.Request        `json:"request"`
	RunID   string                 `json:"run_id"`
	Updates []vividly.StatusUpdate `json:"updates"`
	// Notification, when set, is delivered once the updates are stored: a
	// lesson that ended tells the student with the write that records it.
	Notification *vividly.Notification `json:"notification,omitempty"`
}

// SyncStatus brings the request's row and history up to date with a run: it
// creates the row if it is missing (the request stored as received), notes
// the run, and applies the updates numbered after any earlier run's history.
// Every step is idempotent, so a retry after a database outage, or a second
// sync of the same updates, leaves one row and one history. Workflows run it
// in the background, so a database outage delays the row, never the lesson.
func (a *Activities) SyncStatus(ctx context.Context, in SyncStatusInput) error {
	if s, ok := a.Store.(runSyncer); ok && (in.Notification == nil || any(a.Notifier) == any(s)) {
		// The database that also notifies: everything in one transaction.
		err := s.SyncRun(ctx, in.Request, in.RunID, in.Updates, in.Notification)
		var invalid *vividly.ValidationError
		if errors.As(err, &invalid) {
			return permanent(ErrTypeInvalidRequest, err)
		}
		if err != nil {
			return stageError("store statuses", err)
		}
		return nil
	}
	if err := a.Store.CreateRequest(ctx, in.Request); err != nil {
		var invalid *vividly.ValidationError
		if errors.As(err, &invalid) {
			return permanent(ErrTypeInvalidRequest, err) // retrying cannot fix it
		}
		return fmt.Errorf("store request: %w", err)
	}
	base, err := a.Store.BeginRun(ctx, in.Request.ID, in.RunID)
	if err != nil {
		return fmt.Errorf("begin run: %w", err)
	}
	updates := make([]vividly.StatusUpdate, len(in.Updates))
	for i, u := range in.Updates {
		u.Seq += base
		updates[i] = u
	}
	if b, ok := a.Store.(batchRecorder); ok {
		if err := b.RecordStatuses(ctx, updates); err != nil {
			return fmt.Errorf("record statuses: %w", err)
		}
	} else {
		for _, u := range updates {
			if err := a.Store.RecordStatus(ctx, u); err != nil {
				return fmt.Errorf("record status: %w", err)
			}
		}
	}
	if in.Notification != nil {
		if err := a.Notifier.Notify(ctx, *in.Notification); err != nil {
			return stageError("notify", err)
		}
	}
	return nil
}

// runSyncer is a store that also notifies and stores a run's sync in one
// transaction (PostgreSQL does).
type runSyncer interface {
	SyncRun(ctx context.Context, r vividly.Request, runID string, us []vividly.StatusUpdate, n *vividly.Notification) error
}

// batchRecorder is a store that records a request's updates in one
// transaction (PostgreSQL does).
type batchRecorder interface {
	RecordStatuses(ctx context.Context, us []vividly.StatusUpdate) error
}
