package postgres

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/vividly-edu/vividly"
)

// SyncRun stores what a run of a lesson has to tell the database in one
// transaction: the request, as CreateRequest would; the run, as BeginRun
// would; the run's updates, numbered from 1 within the run, after the
// history before it, as RecordStatuses would; and, when n is not nil, the
// notification, as Notify would. Each part is idempotent as those are, so a
// retried sync changes nothing. It was four transactions, four commits and
// a dozen round trips a lesson.
func (db *DB) SyncRun(ctx context.Context, r vividly.Request, runID string, us []vividly.StatusUpdate, n *vividly.Notification) error {
	if err := r.Validate(); err != nil {
		// ValidationError names the field and limit, never the student's text.
		return fmt.Errorf("postgres: create request: %w", err)
	}
	id, err := canonicalID("sync run", r.ID)
	if err != nil {
		return err
	}
	if runID == "" {
		return fmt.Errorf("postgres: sync run of request %s: the run id is required", id)
	}
	var enc []encodedUpdate
	if len(us) > 0 {
		uid, e, err := encodeUpdates(us)
		if err != nil {
			return err
		}
		if uid != id {
			return fmt.Errorf("postgres: sync run of request %s: updates of another request", id)
		}
		enc = e
	}
	var student string
	if n != nil {
		nid, s, err := checkNotification(*n)
		if err != nil {
			return err
		}
		if nid != id {
			return fmt.Errorf("postgres: sync run of request %s: a notification of another request", id)
		}
		student = s
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		created, err := insertRequest(ctx, tx, id, r, runID)
		if err != nil {
			return err
		}
		if !created {
			return syncExisting(ctx, tx, id, runID, enc, n, student)
		}
		// A new request, this run's from its start: its creation entry,
		// the updates numbered from 1 and the notification go in one round
		// trip, where an existing request's history is read first.
		b := &pgx.Batch{}
		b.Queue(creationEntry, id, string(vividly.StatusPending), vividly.StatusPending.Progress())
		queueStatuses(b, id, enc, 0)
		if n != nil {
			b.Queue(notification, id, string(n.Status), student, n.Message)
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("postgres: sync run of request %s: %w", id, err)
	}
	return nil
}

// syncExisting is SyncRun for a request already stored: its run is noted
// (a new one continues its history) and the updates and notification
// stored after what is there.
func syncExisting(ctx context.Context, tx pgx.Tx, id, runID string, enc []encodedUpdate, n *vividly.Notification, student string) error {
	base, err := beginRun(ctx, tx, id, runID)
	if err != nil {
		return err
	}
	if len(enc) > 0 {
		numbered := slices.Clone(enc)
		for i := range numbered {
			numbered[i].u.Seq += base
		}
		if err := recordStatuses(ctx, tx, id, numbered); err != nil {
			return err
		}
	}
	if n != nil {
		return notify(ctx, tx, id, student, *n)
	}
	return nil
}
