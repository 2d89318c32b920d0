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

var _ vividly.LessonCache = (*DB)(nil)

// FindLesson returns the lesson kept under key, made after notBefore, and
// counts the hit.
func (db *DB) FindLesson(ctx context.Context, key string, notBefore time.Time) (vividly.CachedLesson, bool, error) {
	var raw []byte
	err := db.pool.QueryRow(ctx, `
		UPDATE lesson_cache SET hits = hits + 1
		WHERE key = $1 AND created_at >= $2
		RETURNING lesson`, key, notBefore).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return vividly.CachedLesson{}, false, nil
	}
	if err != nil {
		return vividly.CachedLesson{}, false, fmt.Errorf("postgres: find lesson: %w", err)
	}
	var l vividly.CachedLesson
	if err := json.Unmarshal(raw, &l); err != nil {
		return vividly.CachedLesson{}, false, fmt.Errorf("postgres: find lesson: %w", err)
	}
	return l, true, nil
}

// KeepLesson keeps l under l.Key. Its request must be stored: the row goes
// when the request is deleted.
func (db *DB) KeepLesson(ctx context.Context, l vividly.CachedLesson) error {
	id, err := canonicalID("keep lesson", l.RequestID)
	if err != nil {
		return err
	}
	if l.CreatedAt.IsZero() {
		l.CreatedAt = time.Now()
	}
	raw, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("postgres: keep lesson: %w", err)
	}
	_, err = db.pool.Exec(ctx, `
		INSERT INTO lesson_cache (key, request_id, lesson, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key) DO UPDATE SET request_id = $2, lesson = $3, created_at = $4, hits = 0`,
		l.Key, id, raw, l.CreatedAt)
	if err != nil {
		return fmt.Errorf("postgres: keep lesson: %w", err)
	}
	return nil
}

// DropLesson forgets the lesson kept under key.
func (db *DB) DropLesson(ctx context.Context, key string) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM lesson_cache WHERE key = $1`, key); err != nil {
		return fmt.Errorf("postgres: drop lesson: %w", err)
	}
	return nil
}

// CorpusVersion names the state of the knowledge library: it changes when a
// section is added, changed or removed, so lessons kept from another state
// are not given again (see activities.LessonKey).
func (db *DB) CorpusVersion(ctx context.Context) (string, error) {
	var n int64
	var latest *time.Time
	if err := db.pool.QueryRow(ctx, `SELECT count(*), max(ingested_at) FROM knowledge_sections`).Scan(&n, &latest); err != nil {
		return "", fmt.Errorf("postgres: corpus version: %w", err)
	}
	v := fmt.Sprintf("%d", n)
	if latest != nil {
		v += "@" + latest.UTC().Format(time.RFC3339Nano)
	}
	return v, nil
}
