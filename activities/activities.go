// Package activities holds one method per lifecycle stage on Activities, the struct
// that carries the stages' dependencies. Each stage lives in a file named for it.
package activities

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/temporal"
)

// Error types of permanent failures: retrying them cannot help.
const (
	ErrTypeInvalidRequest = "InvalidRequest"
	ErrTypePermanent      = "Permanent"
)

// ErrTypeWorkFilesLost: a file an earlier stage left on this worker's disk
// is not there (the stage ran on another worker, or this one lost its disk).
// Retrying here cannot bring it back; the workflow makes the lesson's media
// again, from the narration on, on one worker.
const ErrTypeWorkFilesLost = "WorkFilesLost"

// workFilesLost reports a missing hand-over file.
func workFilesLost(what string, err error) error {
	return temporal.NewNonRetryableApplicationError(what+" is not on this worker", ErrTypeWorkFilesLost, err)
}

// Activities carries what the stages need. Fields are set once by the worker.
type Activities struct {
	Store        vividly.RequestStore
	Understander vividly.Understander
	Retriever    vividly.Retriever
	Writer       vividly.ScriptWriter
	// Planner works out what a lesson must do (band, ask, interest frame)
	// before any writer runs; optional.
	Planner vividly.LessonPlanner
	// Candidates finds library topics for a model understander to choose
	// from; optional.
	Candidates vividly.CandidateFinder
	Narrator   vividly.Narrator
	Renderer   vividly.Renderer
	Objects    vividly.ObjectStore
	Notifier   vividly.Notifier
	// WorkDir holds each request's intermediate files, in WorkDir/<request_id>.
	WorkDir string
	// PassagesPerLesson bounds how much material a script is written from.
	PassagesPerLesson int

	// Fallback holds the offline providers to use when production ones keep
	// failing, after FallbackAfterAttempts attempts (0 means the default).
	Fallback              Fallbacks
	FallbackAfterAttempts int
	// Prices turn each stage's usage into an estimated cost.
	Prices vividly.Prices
	// MaxRenders bounds renders running at once on this worker, counting
	// narrations by a narrator that runs on this machine (0: one per CPU).
	MaxRenders int

	// Cache keeps lessons for reuse; nil makes every lesson anew. CacheTTL
	// is how long one is reused (0: DefaultCacheTTL), and ContentVersion
	// names the providers and library lessons are made with (see LessonKey).
	Cache          vividly.LessonCache
	CacheTTL       time.Duration
	ContentVersion string
	// CorpusVersion names the state of the knowledge library lessons are
	// retrieved from; optional.
	CorpusVersion func(context.Context) (string, error)
	// LocalStages says this worker understands, retrieves, writes and
	// stores in process, in milliseconds (the offline providers and a local
	// store): the workflow then runs those stages inside its own task, as
	// local activities, instead of one task each.
	LocalStages bool

	slotsOnce sync.Once
	slots     *mediaSlots
}

// workDir is where the intermediate files of one request go. The request id is a
// validated UUID, so it is safe as a path element; check again anyway.
func (a *Activities) workDir(requestID string) (string, error) {
	if requestID == "" || filepath.Base(requestID) != requestID || requestID == "." || requestID == ".." {
		return "", temporal.NewNonRetryableApplicationError("bad request id for a work directory", ErrTypeInvalidRequest, nil)
	}
	return filepath.Join(a.WorkDir, requestID), nil
}

// objectKey is the deterministic storage name of a lesson file, so a retried
// upload replaces rather than duplicates.
func objectKey(requestID, name string) string {
	return fmt.Sprintf("content/%s/%s", requestID, name)
}

// permanent marks err as not worth retrying, keeping its message.
func permanent(errType string, err error) error {
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) {
		return err
	}
	return temporal.NewNonRetryableApplicationError(err.Error(), errType, err)
}

// stageError gives err the stage's context. An error a provider marked
// vividly.Permanent becomes a non-retryable application error: Temporal only
// sees the error type at the top, so the mark must be made here.
func stageError(what string, err error) error {
	err = fmt.Errorf("%s: %w", what, err)
	if vividly.IsPermanent(err) {
		return temporal.NewNonRetryableApplicationError(err.Error(), ErrTypePermanent, err)
	}
	return err
}
