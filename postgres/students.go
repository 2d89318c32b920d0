package postgres

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/vividly-edu/vividly"
)

// Student is a person lessons belong to.
type Student struct {
	ID   string
	Name string
}

// TokenPrefix starts every bearer token, so a leaked one is easy to spot.
const TokenPrefix = "vvd_"

// EnsureStudent returns the student the identity provider calls subject,
// creating them with name the first time; a later sign-in updates the name.
func (db *DB) EnsureStudent(ctx context.Context, subject, name string) (Student, error) {
	s := Student{Name: name}
	err := db.pool.QueryRow(ctx, `
		INSERT INTO students (id, name, subject) VALUES ($1, $2, $3)
		ON CONFLICT (subject) DO UPDATE SET name = EXCLUDED.name
		RETURNING id::text`, uuid.NewString(), name, subject).Scan(&s.ID)
	if err != nil {
		return Student{}, fmt.Errorf("postgres: ensure student: %w", err)
	}
	return s, nil
}

// GetStudent returns the student with id, or an error wrapping vividly.ErrNotFound.
func (db *DB) GetStudent(ctx context.Context, id string) (Student, error) {
	id, err := canonicalID("get student", id)
	if err != nil {
		return Student{}, err
	}
	s := Student{ID: id}
	err = db.pool.QueryRow(ctx, `SELECT name FROM students WHERE id = $1`, id).Scan(&s.Name)
	if errors.Is(err, pgx.ErrNoRows) {
		return Student{}, fmt.Errorf("postgres: student %s: %w", id, vividly.ErrNotFound)
	}
	if err != nil {
		return Student{}, fmt.Errorf("postgres: student %s: %w", id, err)
	}
	return s, nil
}

// DeleteStudent removes a student with their tokens, sessions and claims on
// lessons (the lessons themselves are erased by forget); deleted is false
// when there was none.
func (db *DB) DeleteStudent(ctx context.Context, id string) (deleted bool, err error) {
	id, err = canonicalID("delete student", id)
	if err != nil {
		return false, err
	}
	tag, err := db.pool.Exec(ctx, `DELETE FROM students WHERE id = $1`, id)
	if err != nil {
		return false, fmt.Errorf("postgres: delete student %s: %w", id, err)
	}
	return tag.RowsAffected() > 0, nil
}

// secret returns a new random secret with prefix and the hash kept of it.
func secret(prefix string) (string, []byte) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	s := prefix + base64.RawURLEncoding.EncodeToString(b)
	return s, hashSecret(s)
}

func hashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// CreateToken makes a bearer token for a student and returns it; only its
// hash is stored, so it is shown once.
func (db *DB) CreateToken(ctx context.Context, studentID string) (string, error) {
	id, err := canonicalID("create token", studentID)
	if err != nil {
		return "", err
	}
	token, hash := secret(TokenPrefix)
	if _, err := db.pool.Exec(ctx, `INSERT INTO student_tokens (hash, student_id) VALUES ($1, $2)`, hash, id); err != nil {
		return "", fmt.Errorf("postgres: create token for student %s: %w", id, err)
	}
	return token, nil
}

// StudentByToken returns the student a bearer token belongs to, or an error
// wrapping vividly.ErrNotFound for an unknown token or a deleted student.
func (db *DB) StudentByToken(ctx context.Context, token string) (Student, error) {
	var s Student
	err := db.pool.QueryRow(ctx, `
		SELECT s.id::text, s.name FROM student_tokens t JOIN students s ON s.id = t.student_id
		WHERE t.hash = $1`, hashSecret(token)).Scan(&s.ID, &s.Name)
	if errors.Is(err, pgx.ErrNoRows) {
		return Student{}, fmt.Errorf("postgres: token: %w", vividly.ErrNotFound)
	}
	if err != nil {
		return Student{}, fmt.Errorf("postgres: token: %w", err)
	}
	return s, nil
}

// Session is a signed-in page's session.
type Session struct {
	Student Student
	// CSRF is the token the page must send with every change it asks for.
	CSRF string
}

// CreateSession signs a student in for ttl and returns the session's id (the
// cookie's value; only its hash is stored) and its CSRF token.
func (db *DB) CreateSession(ctx context.Context, studentID string, ttl time.Duration) (string, string, error) {
	id, err := canonicalID("create session", studentID)
	if err != nil {
		return "", "", err
	}
	sid, hash := secret("")
	csrf, _ := secret("")
	// Expired sessions of anyone go with each sign-in, so the table stays small.
	if _, err := db.pool.Exec(ctx, `DELETE FROM student_sessions WHERE expires_at < now()`); err != nil {
		return "", "", fmt.Errorf("postgres: create session: %w", err)
	}
	_, err = db.pool.Exec(ctx, `INSERT INTO student_sessions (hash, student_id, csrf, expires_at) VALUES ($1, $2, $3, $4)`,
		hash, id, csrf, time.Now().Add(ttl))
	if err != nil {
		return "", "", fmt.Errorf("postgres: create session for student %s: %w", id, err)
	}
	return sid, csrf, nil
}

// SessionByID returns an unexpired session, or an error wrapping
// vividly.ErrNotFound.
func (db *DB) SessionByID(ctx context.Context, sessionID string) (Session, error) {
	var s Session
	err := db.pool.QueryRow(ctx, `
		SELECT st.id::text, st.name, se.csrf FROM student_sessions se JOIN students st ON st.id = se.student_id
		WHERE se.hash = $1 AND se.expires_at > now()`, hashSecret(sessionID)).Scan(&s.Student.ID, &s.Student.Name, &s.CSRF)
	if errors.Is(err, pgx.ErrNoRows) {
		return Session{}, fmt.Errorf("postgres: session: %w", vividly.ErrNotFound)
	}
	if err != nil {
		return Session{}, fmt.Errorf("postgres: session: %w", err)
	}
	return s, nil
}

// DeleteSession signs a session out.
func (db *DB) DeleteSession(ctx context.Context, sessionID string) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM student_sessions WHERE hash = $1`, hashSecret(sessionID)); err != nil {
		return fmt.Errorf("postgres: delete session: %w", err)
	}
	return nil
}
