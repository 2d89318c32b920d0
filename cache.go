package vividly

import (
	"context"
	"time"
)

// A lesson made once can be given again: the same question (as the writer
// reads it), understood as the same topic, at the same grade, for the
// same interest and modality, made by the same providers from the same
// library, gives the same lesson. CachedLesson is what a new request needs to
// reuse one: where its files are and what its result says.
type CachedLesson struct {
	// Key names the lesson's content (see activities.LessonKey).
	Key string `json:"key"`
	// RequestID is the request that made the lesson; its stored files,
	// content/<RequestID>/<name>, are copied for a new request.
	RequestID string   `json:"request_id"`
	Modality  Modality `json:"modality"`
	Files     []string `json:"files"`

	Title     string   `json:"title"`
	Topic     string   `json:"topic"`
	Subject   string   `json:"subject"`
	DurationS float64  `json:"duration_seconds,omitempty"`
	Sources   []Source `json:"sources,omitempty"`
	// CostUSD is what making the lesson cost: what each reuse saves.
	CostUSD   float64   `json:"cost_usd"`
	CreatedAt time.Time `json:"created_at"`
}

// LessonCache keeps the lessons that can be reused.
type LessonCache interface {
	// FindLesson returns the lesson kept under key, made after notBefore,
	// or false.
	FindLesson(ctx context.Context, key string, notBefore time.Time) (CachedLesson, bool, error)
	// KeepLesson keeps l under l.Key, replacing what was there.
	KeepLesson(ctx context.Context, l CachedLesson) error
	// DropLesson forgets the lesson under key (its files are gone).
	DropLesson(ctx context.Context, key string) error
}

// Copier is an ObjectStore that can copy a stored object to another key
// without the bytes passing through the caller, as a reused lesson needs.
// A missing source is ErrNotFound.
type Copier interface {
	Copy(ctx context.Context, srcKey, dstKey string) (uri string, err error)
}
