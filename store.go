package vividly

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned when a request id is unknown.
var ErrNotFound = errors.New("not found")

// StatusUpdate moves a request to a new status. Seq orders the updates of one
// request: a retried write carries the same Seq and changes nothing, and a write
// older than the latest one is kept in the history but does not move the request back.
type StatusUpdate struct {
	Snapshot
	Seq int `json:"seq"`
}

// RequestRecord is a request as stored, with where it is now.
type RequestRecord struct {
	Request `json:"request"`
	Snapshot
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// StatusChange is one entry of a request's append-only status history.
type StatusChange struct {
	Seq    int       `json:"seq"`
	Status Status    `json:"status"`
	Stage  Status    `json:"stage"`
	At     time.Time `json:"at"`
}

// RequestStore keeps requests and their status for the API, the CLI and the web page.
type RequestStore interface {
	// CreateRequest stores a new request as pending; storing the same id again
	// changes nothing.
	CreateRequest(ctx context.Context, r Request) error
	// BeginRun notes that run runID of the request's workflow is working on
	// it and returns the run's base: the last sequence number of the history
	// before the run began (0 for the first run), the same for every call of
	// the run. The run's own update numbers are added to it.
	BeginRun(ctx context.Context, id, runID string) (int, error)
	// RecordStatus applies u; see StatusUpdate for its idempotence.
	RecordStatus(ctx context.Context, u StatusUpdate) error
	// GetRequest returns the request with id, or ErrNotFound.
	GetRequest(ctx context.Context, id string) (RequestRecord, error)
	// History returns the status changes of a request, oldest first.
	History(ctx context.Context, id string) ([]StatusChange, error)
}
