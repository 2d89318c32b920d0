package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vividly-edu/vividly"
)

// CreateRequest stores r as pending, with progress 0 and the first history entry
// (seq 0). Storing the same id again changes nothing, so a retried create is
// harmless. r must pass r.Validate; call r.Normalize first to fill defaults.
func (db *DB) CreateRequest(ctx context.Context, r vividly.Request) error {
	if err := r.Validate(); err != nil {
		// ValidationError names the field and limit, never the student's text.
		return fmt.Errorf("postgres: create request: %w", err)
	}
	id, err := canonicalID("create request", r.ID)
	if err != nil {
		return err
	}
	if err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error { return createRequest(ctx, tx, id, r) }); err != nil {
		return fmt.Errorf("postgres: create request %s: %w", id, err)
	}
	return nil
}

// createRequest is CreateRequest inside tx, for a request already checked.
func createRequest(ctx context.Context, tx pgx.Tx, id string, r vividly.Request) error {
	created, err := insertRequest(ctx, tx, id, r, "")
	if err != nil || !created {
		// An existing request keeps its row and its history.
		return err
	}
	_, err = tx.Exec(ctx, creationEntry, id, string(vividly.StatusPending), vividly.StatusPending.Progress())
	return err
}

// insertRequest inserts the request's row, pending, with runID (when not
// empty) as the run working on it from the start of its history; created
// is false when the request was there already, and then nothing changed.
// The creation entry of its history (creationEntry) is the caller's to add.
func insertRequest(ctx context.Context, tx pgx.Tx, id string, r vividly.Request, runID string) (created bool, err error) {
	tag, err := tx.Exec(ctx, `
		INSERT INTO requests (id, student_id, organization_id, question, grade_level,
			interest, modality, target_duration_seconds, correlation_id,
			status, stage, progress, run_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)
		ON CONFLICT (id) DO NOTHING`,
		id, r.StudentID, nullIfEmpty(r.OrganizationID), r.Question, r.Grade,
		nullIfEmpty(r.Interest), string(r.Modality), int(r.TargetDuration/time.Second),
		nullIfEmpty(r.CorrelationID), string(vividly.StatusPending), vividly.StatusPending.Progress(),
		nullIfEmpty(runID))
	return err == nil && tag.RowsAffected() == 1, err
}

// creationEntry is the first entry of a request's history (seq 0, pending):
// arguments the request id, the status and its progress.
const creationEntry = `
		INSERT INTO request_status_history (request_id, seq, status, stage, progress)
		VALUES ($1, 0, $2, $2, $3)
		ON CONFLICT (request_id, seq) DO NOTHING`

// GetRequest returns the request with id and where it is now, or an error
// wrapping vividly.ErrNotFound.
func (db *DB) GetRequest(ctx context.Context, id string) (vividly.RequestRecord, error) {
	id, err := canonicalID("get request", id)
	if err != nil {
		return vividly.RequestRecord{}, err
	}
	var (
		rec       vividly.RequestRecord
		modality  string
		status    string
		stage     string
		seconds   int
		questions []byte
		result    []byte
	)
	err = db.pool.QueryRow(ctx, `
		SELECT id::text, student_id::text, COALESCE(organization_id::text, ''), question,
			grade_level, COALESCE(interest, ''), modality, target_duration_seconds,
			COALESCE(correlation_id, ''), status, COALESCE(stage, ''), progress,
			clarifying_questions, result, COALESCE(error, ''), degraded, created_at, updated_at
		FROM requests WHERE id = $1`, id).Scan(
		&rec.ID, &rec.StudentID, &rec.OrganizationID, &rec.Question,
		&rec.Grade, &rec.Interest, &modality, &seconds,
		&rec.CorrelationID, &status, &stage, &rec.Progress,
		&questions, &result, &rec.Error, &rec.Degraded, &rec.CreatedAt, &rec.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return vividly.RequestRecord{}, fmt.Errorf("postgres: get request %s: %w", id, vividly.ErrNotFound)
	}
	if err != nil {
		return vividly.RequestRecord{}, fmt.Errorf("postgres: get request %s: %w", id, err)
	}
	rec.RequestID = rec.ID
	rec.Modality = vividly.Modality(modality)
	rec.TargetDuration = time.Duration(seconds) * time.Second
	rec.Status = vividly.Status(status)
	rec.Stage = vividly.Status(stage)
	if err := json.Unmarshal(questions, &rec.ClarifyingQuestions); err != nil {
		return vividly.RequestRecord{}, fmt.Errorf("postgres: get request %s: decode clarifying questions: %w", id, err)
	}
	if result != nil {
		rec.Result = new(vividly.Result)
		if err := json.Unmarshal(result, rec.Result); err != nil {
			return vividly.RequestRecord{}, fmt.Errorf("postgres: get request %s: decode result: %w", id, err)
		}
	}
	return rec, nil
}

// BeginRun records runID as the run working on the request and returns the
// run's base: the last sequence number of the request's history before the
// run began (0 for a request's first run), which the run's own sequence
// numbers are added to. Calling it again for the same run returns the same
// base, so a retried call changes nothing.
func (db *DB) BeginRun(ctx context.Context, id, runID string) (int, error) {
	id, err := canonicalID("begin run", id)
	if err != nil {
		return 0, err
	}
	if runID == "" {
		return 0, errors.New("postgres: begin run: the run id is required")
	}
	var base int
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) (err error) {
		base, err = beginRun(ctx, tx, id, runID)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: begin run of request %s: %w", id, err)
	}
	return base, nil
}

// beginRun is BeginRun inside tx.
func beginRun(ctx context.Context, tx pgx.Tx, id, runID string) (int, error) {
	var prev *string
	var base int
	err := tx.QueryRow(ctx, `SELECT run_id, run_base FROM requests WHERE id = $1 FOR UPDATE`, id).Scan(&prev, &base)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, vividly.ErrNotFound
	}
	if err != nil || prev != nil && *prev == runID {
		return base, err
	}
	// A new run follows whatever history there is: none but the creation
	// (seq 0) for a request's first run.
	if err := tx.QueryRow(ctx, `SELECT COALESCE(max(seq), 0) FROM request_status_history WHERE request_id = $1`, id).Scan(&base); err != nil {
		return 0, err
	}
	_, err = tx.Exec(ctx, `UPDATE requests SET run_id = $2, run_base = $3 WHERE id = $1`, id, runID, base)
	return base, err
}

// RequestsOf lists the ids of a student's requests, oldest first: those
// stored, and those asked through the API and not stored yet.
func (db *DB) RequestsOf(ctx context.Context, studentID string) ([]string, error) {
	studentID, err := canonicalID("requests of student", studentID)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `
		SELECT id::text FROM (
			SELECT id, created_at FROM requests WHERE student_id = $1
			UNION
			SELECT request_id, created_at FROM student_lessons
			WHERE student_id = $1 AND request_id NOT IN (SELECT id FROM requests)
		) mine ORDER BY created_at, id`, studentID)
	if err != nil {
		return nil, fmt.Errorf("postgres: requests of student %s: %w", studentID, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: requests of student %s: %w", studentID, err)
	}
	return ids, nil
}

// DeleteRequest removes a request with its status history, notifications
// and the student's claim on it; deleted is false when there was none.
func (db *DB) DeleteRequest(ctx context.Context, id string) (deleted bool, err error) {
	id, err = canonicalID("delete request", id)
	if err != nil {
		return false, err
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// The lessons kept for reuse from this request, and a student's
		// claim on it (which holds their question too), go with it.
		kept, err := tx.Exec(ctx, `DELETE FROM lesson_cache WHERE request_id = $1`, id)
		if err != nil {
			return err
		}
		claim, err := tx.Exec(ctx, `DELETE FROM student_lessons WHERE request_id = $1`, id)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `DELETE FROM requests WHERE id = $1`, id)
		deleted = tag.RowsAffected()+kept.RowsAffected()+claim.RowsAffected() > 0
		return err
	})
	if err != nil {
		return false, fmt.Errorf("postgres: delete request %s: %w", id, err)
	}
	return deleted, nil
}

// RequestsBefore lists the ids of up to limit requests created before t,
// oldest first.
func (db *DB) RequestsBefore(ctx context.Context, t time.Time, limit int) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT id::text FROM requests WHERE created_at < $1 ORDER BY created_at, id LIMIT $2`, t, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: requests before %s: %w", t.Format(time.RFC3339), err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: requests before %s: %w", t.Format(time.RFC3339), err)
	}
	return ids, nil
}
