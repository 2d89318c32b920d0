package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/vividly-edu/vividly"
)

// RecordStatus applies u in one transaction. The history entry for (request,
// seq) is written once: a retried write with the same Seq changes nothing. The
// request itself moves only when u.Seq is newer than the last update it
// reflects, so a stale write is kept in the history without moving the request
// back.
//
// When the request moves, its status, stage, progress (from u.Status) and error
// take the values of u; so do the clarifying questions (the workflow sends the
// questions still open with every update, none once answered); the result is
// replaced only when u carries one, so a later status does not erase it; and degraded, once set, stays set, as a fallback makes the whole lesson
// degraded.
//
// Seq 0 is the request's creation, so u.Seq must be at least 1. An unknown
// request id gives an error wrapping vividly.ErrNotFound.
func (db *DB) RecordStatus(ctx context.Context, u vividly.StatusUpdate) error {
	return db.RecordStatuses(ctx, []vividly.StatusUpdate{u})
}

// RecordStatuses applies updates of one request, oldest first, as
// RecordStatus would one after another, in one transaction: one commit
// instead of one each, which was most of a lesson's time in the database.
// RecordStatus is RecordStatuses of one update.
func (db *DB) RecordStatuses(ctx context.Context, us []vividly.StatusUpdate) error {
	if len(us) == 0 {
		return nil
	}
	id, enc, err := encodeUpdates(us)
	if err != nil {
		return err
	}
	if err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error { return recordStatuses(ctx, tx, id, enc) }); err != nil {
		return fmt.Errorf("postgres: record status (seq %d to %d) for request %s: %w", us[0].Seq, us[len(us)-1].Seq, id, err)
	}
	return nil
}

// encodedUpdate is a checked update with its JSON columns.
type encodedUpdate struct {
	u                 vividly.StatusUpdate
	questions, result []byte
}

// encodeUpdates checks updates of one request and encodes them.
func encodeUpdates(us []vividly.StatusUpdate) (string, []encodedUpdate, error) {
	id, err := canonicalID("record statuses", us[0].RequestID)
	if err != nil {
		return "", nil, err
	}
	enc := make([]encodedUpdate, len(us))
	for i, u := range us {
		if uid, err := canonicalID("record statuses", u.RequestID); err != nil || uid != id {
			return "", nil, fmt.Errorf("postgres: record statuses: updates of more than one request")
		}
		if err := checkUpdate(u); err != nil {
			return "", nil, fmt.Errorf("postgres: record status for request %s: %w", id, err)
		}
		q, r, err := encodeUpdate(u)
		if err != nil {
			return "", nil, fmt.Errorf("postgres: record status for request %s: %w", id, err)
		}
		enc[i] = encodedUpdate{u, q, r}
	}
	return id, enc, nil
}

// recordStatuses is RecordStatuses inside tx.
func recordStatuses(ctx context.Context, tx pgx.Tx, id string, enc []encodedUpdate) error {
	var lastSeq int
	err := tx.QueryRow(ctx, `SELECT last_seq FROM requests WHERE id = $1 FOR UPDATE`, id).Scan(&lastSeq)
	if errors.Is(err, pgx.ErrNoRows) {
		return vividly.ErrNotFound
	}
	if err != nil {
		return err
	}
	b := &pgx.Batch{}
	queueStatuses(b, id, enc, lastSeq)
	return tx.SendBatch(ctx, b).Close()
}

// queueStatuses queues the statements that record enc for a request whose
// row reflects the update numbered lastSeq: each update in its history, and
// the row moved as the updates newer than it would move it one by one: to
// the newest, keeping the latest result given and degraded once any was.
func queueStatuses(b *pgx.Batch, id string, enc []encodedUpdate, lastSeq int) {
	var last *encodedUpdate
	var result []byte
	degraded := false
	for i := range enc {
		e := &enc[i]
		b.Queue(`
			INSERT INTO request_status_history (request_id, seq, status, stage, progress, error)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (request_id, seq) DO NOTHING`,
			id, e.u.Seq, string(e.u.Status), nullIfEmpty(string(e.u.Stage)), e.u.Status.Progress(), nullIfEmpty(e.u.Error))
		if e.u.Seq <= lastSeq {
			continue
		}
		lastSeq, last = e.u.Seq, e
		degraded = degraded || e.u.Degraded
		if e.result != nil {
			result = e.result
		}
	}
	if last != nil {
		b.Queue(`
			UPDATE requests SET
				status = $2,
				stage = $3,
				progress = $4,
				clarifying_questions = COALESCE($5::jsonb, '[]'::jsonb),
				result = COALESCE($6::jsonb, result),
				error = $7,
				degraded = degraded OR $8,
				last_seq = $9,
				updated_at = now()
			WHERE id = $1`,
			id, string(last.u.Status), nullIfEmpty(string(last.u.Stage)), last.u.Status.Progress(),
			last.questions, result, nullIfEmpty(last.u.Error), degraded, last.u.Seq)
	}
}

// checkUpdate rejects an update the schema could not hold, with a clearer
// message than the constraint violation would give.
func checkUpdate(u vividly.StatusUpdate) error {
	if !u.Status.Valid() {
		return fmt.Errorf("unknown status %q", u.Status)
	}
	if u.Stage != "" && !u.Stage.Valid() {
		return fmt.Errorf("unknown stage %q", u.Stage)
	}
	if u.Seq < 1 {
		return fmt.Errorf("seq %d: updates start at 1, seq 0 is the request's creation", u.Seq)
	}
	return nil
}

// encodeUpdate returns u's clarifying questions and result as JSON, or nil for
// those u does not carry.
func encodeUpdate(u vividly.StatusUpdate) (questions, result []byte, err error) {
	if u.ClarifyingQuestions != nil {
		if questions, err = json.Marshal(u.ClarifyingQuestions); err != nil {
			return nil, nil, fmt.Errorf("encode clarifying questions: %w", err)
		}
	}
	if u.Result != nil {
		if result, err = json.Marshal(u.Result); err != nil {
			return nil, nil, fmt.Errorf("encode result: %w", err)
		}
	}
	return questions, result, nil
}

// History returns the status changes of a request in Seq order, which is the
// order the workflow made them, even when a stale write arrived late. An
// unknown request gives an error wrapping vividly.ErrNotFound: every stored
// request has at least its creation entry.
func (db *DB) History(ctx context.Context, id string) ([]vividly.StatusChange, error) {
	id, err := canonicalID("history", id)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `
		SELECT seq, status, COALESCE(stage, ''), at
		FROM request_status_history WHERE request_id = $1
		ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: history of request %s: %w", id, err)
	}
	changes, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (vividly.StatusChange, error) {
		var (
			c             vividly.StatusChange
			status, stage string
		)
		err := row.Scan(&c.Seq, &status, &stage, &c.At)
		c.Status, c.Stage = vividly.Status(status), vividly.Status(stage)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: history of request %s: %w", id, err)
	}
	if len(changes) == 0 {
		return nil, fmt.Errorf("postgres: history of request %s: %w", id, vividly.ErrNotFound)
	}
	return changes, nil
}
