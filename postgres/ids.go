package postgres

import (
	"fmt"

	"github.com/google/uuid"

	"github.com/vividly-edu/vividly"
)

// canonicalID returns id in PostgreSQL's canonical form. An id that is not a UUID
// names no request, so it is reported as vividly.ErrNotFound; the id itself is
// left out of the error, as it may be anything a client sent.
func canonicalID(op, id string) (string, error) {
	u, err := uuid.Parse(id)
	if err != nil {
		return "", fmt.Errorf("postgres: %s: request id is not a UUID: %w", op, vividly.ErrNotFound)
	}
	return u.String(), nil
}

// nullIfEmpty stores an empty string as NULL, so "not given" reads as NULL in SQL.
func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
