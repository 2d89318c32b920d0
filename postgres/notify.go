package postgres

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/vividly-edu/vividly"
)

// Notify records n as delivered. There is one notification per request and
// status, so delivering the same one twice is harmless: the second is ignored.
// A notification for an unknown request gives an error wrapping
// vividly.ErrNotFound.
func (db *DB) Notify(ctx context.Context, n vividly.Notification) error {
	id, student, err := checkNotification(n)
	if err != nil {
		return err
	}
	return notify(ctx, db.pool, id, student, n)
}

// checkNotification returns n's request and student ids in canonical form.
func checkNotification(n vividly.Notification) (id, student string, err error) {
	id, err = canonicalID("notify", n.RequestID)
	if err != nil {
		return "", "", err
	}
	if !n.Status.Valid() {
		return "", "", fmt.Errorf("postgres: notify request %s: unknown status %q", id, n.Status)
	}
	s, err := uuid.Parse(n.StudentID)
	if err != nil {
		return "", "", fmt.Errorf("postgres: notify request %s: student id is not a UUID", id)
	}
	return id, s.String(), nil
}

// notify is Notify on the pool or inside a transaction.
// notification stores a notification once: arguments the request id, the
// status, the student id and the message.
const notification = `
		INSERT INTO notifications (request_id, status, student_id, message)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (request_id, status) DO NOTHING`

func notify(ctx context.Context, q interface {
	Exec(context.Context, string, ...any) (pgconn.CommandTag, error)
}, id, student string, n vividly.Notification) error {
	_, err := q.Exec(ctx, notification, id, string(n.Status), student, n.Message)
	if hasCode(err, codeForeignKey) {
		return fmt.Errorf("postgres: notify request %s: %w", id, vividly.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("postgres: notify request %s of %s: %w", id, n.Status, err)
	}
	return nil
}

// Notifications returns the notifications sent for a request, oldest first; none
// for a request that has had none (or does not exist).
func (db *DB) Notifications(ctx context.Context, requestID string) ([]vividly.Notification, error) {
	id, err := canonicalID("notifications", requestID)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `
		SELECT request_id::text, student_id::text, status, message
		FROM notifications WHERE request_id = $1
		ORDER BY created_at, status`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: notifications of request %s: %w", id, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (vividly.Notification, error) {
		var (
			n      vividly.Notification
			status string
		)
		err := row.Scan(&n.RequestID, &n.StudentID, &status, &n.Message)
		n.Status = vividly.Status(status)
		return n, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: notifications of request %s: %w", id, err)
	}
	return out, nil
}
