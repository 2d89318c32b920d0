package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vividly-edu/vividly"
)

// ClaimLesson records that a student asked for request requestID. With an
// idempotency key the student already used, nothing is recorded and the
// request id first claimed with that key is returned, with fresh false.
func (db *DB) ClaimLesson(ctx context.Context, studentID, requestID, question, idempotencyKey string) (id string, fresh bool, err error) {
	sid, err := canonicalID("claim lesson", studentID)
	if err != nil {
		return "", false, err
	}
	rid, err := canonicalID("claim lesson", requestID)
	if err != nil {
		return "", false, err
	}
	tag, err := db.pool.Exec(ctx, `
		INSERT INTO student_lessons (request_id, student_id, question, idempotency_key) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, rid, sid, question, nullIfEmpty(idempotencyKey))
	if err != nil {
		return "", false, fmt.Errorf("postgres: claim lesson %s: %w", rid, err)
	}
	if tag.RowsAffected() == 1 {
		return rid, true, nil
	}
	if idempotencyKey == "" {
		return "", false, fmt.Errorf("postgres: claim lesson %s: the request id is taken", rid)
	}
	err = db.pool.QueryRow(ctx, `SELECT request_id::text FROM student_lessons WHERE student_id = $1 AND idempotency_key = $2`,
		sid, idempotencyKey).Scan(&id)
	if err != nil {
		return "", false, fmt.Errorf("postgres: claim lesson %s: %w", rid, err)
	}
	return id, false, nil
}

// OwnsLesson reports whether the student asked for the request: through the
// API, or as the student id of a request submitted another way.
func (db *DB) OwnsLesson(ctx context.Context, studentID, requestID string) (bool, error) {
	sid, err := canonicalID("owns lesson", studentID)
	if err != nil {
		return false, nil
	}
	rid, err := canonicalID("owns lesson", requestID)
	if err != nil {
		return false, nil
	}
	var owns bool
	err = db.pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM student_lessons WHERE request_id = $1 AND student_id = $2)
			OR EXISTS (SELECT 1 FROM requests WHERE id = $1 AND student_id = $2)`, rid, sid).Scan(&owns)
	if err != nil {
		return false, fmt.Errorf("postgres: owns lesson %s: %w", rid, err)
	}
	return owns, nil
}

// LessonSummary is a line of a student's list of lessons.
type LessonSummary struct {
	RequestID string
	AskedAt   time.Time
	Question  string
	Status    vividly.Status
	Progress  int
}

// LessonsOf lists the lessons a student asked for through the API, newest
// first: up to limit of them asked before (AskedAt, RequestID) of the last
// line of the previous page, or the newest when after is nil.
func (db *DB) LessonsOf(ctx context.Context, studentID string, after *LessonSummary, limit int) ([]LessonSummary, error) {
	sid, err := canonicalID("lessons of", studentID)
	if err != nil {
		return nil, err
	}
	at, rid := time.Now().Add(24*time.Hour), "ffffffff-ffff-ffff-ffff-ffffffffffff"
	if after != nil {
		at, rid = after.AskedAt, after.RequestID
	}
	rows, err := db.pool.Query(ctx, `
		SELECT l.request_id::text, l.created_at, COALESCE(r.question, l.question),
			COALESCE(r.status, 'pending'), COALESCE(r.progress, 0)
		FROM student_lessons l LEFT JOIN requests r ON r.id = l.request_id
		WHERE l.student_id = $1 AND (l.created_at, l.request_id) < ($2, $3::uuid)
		ORDER BY l.created_at DESC, l.request_id DESC LIMIT $4`, sid, at, rid, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: lessons of student %s: %w", sid, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (LessonSummary, error) {
		var l LessonSummary
		var status string
		err := row.Scan(&l.RequestID, &l.AskedAt, &l.Question, &status, &l.Progress)
		l.Status = vividly.Status(status)
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: lessons of student %s: %w", sid, err)
	}
	return out, nil
}

// ClaimedQuestion returns the question a student asked for a lesson, for
// the time before the workflow has stored the request.
func (db *DB) ClaimedQuestion(ctx context.Context, requestID string) (string, error) {
	var q string
	err := db.pool.QueryRow(ctx, `SELECT question FROM student_lessons WHERE request_id = $1`, requestID).Scan(&q)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("postgres: lesson %s: %w", requestID, vividly.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("postgres: lesson %s: %w", requestID, err)
	}
	return q, nil
}

// LessonAskedAt returns when a student asked for a lesson through the API,
// for a page cursor; an unknown one wraps vividly.ErrNotFound.
func (db *DB) LessonAskedAt(ctx context.Context, studentID, requestID string) (time.Time, error) {
	var at time.Time
	err := db.pool.QueryRow(ctx, `SELECT created_at FROM student_lessons WHERE student_id = $1 AND request_id = $2`,
		studentID, requestID).Scan(&at)
	if errors.Is(err, pgx.ErrNoRows) {
		return at, fmt.Errorf("postgres: lesson %s: %w", requestID, vividly.ErrNotFound)
	}
	if err != nil {
		return at, fmt.Errorf("postgres: lesson %s: %w", requestID, err)
	}
	return at, nil
}

// ForgetClaim removes a student's claim on a lesson that was never started.
func (db *DB) ForgetClaim(ctx context.Context, studentID, requestID string) (bool, error) {
	tag, err := db.pool.Exec(ctx, `DELETE FROM student_lessons WHERE student_id = $1 AND request_id = $2`, studentID, requestID)
	if err != nil {
		return false, fmt.Errorf("postgres: forget claim on %s: %w", requestID, err)
	}
	return tag.RowsAffected() > 0, nil
}
