package activities

import (
	"context"
	"fmt"
	"os"

	vividly "github.com/vividly-edu/vividly"
)

// NarrateInput is the script to speak.
type NarrateInput struct {
	RequestID string         `json:"request_id"`
	Script    vividly.Script `json:"script"`
}

// NarrateResult is the spoken script and its timing.
type NarrateResult struct {
	Narration vividly.Narration `json:"narration"`
}

// Narrate speaks the script into an audio file in the request's work directory.
func (a *Activities) Narrate(ctx context.Context, in NarrateInput) (NarrateResult, error) {
	dir, err := a.workDir(in.RequestID)
	if err != nil {
		return NarrateResult{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return NarrateResult{}, fmt.Errorf("narrate: %w", err)
	}
	n, err := a.Narrator.Narrate(ctx, in.Script, dir)
	if err != nil {
		return NarrateResult{}, fmt.Errorf("narrate: %w", err)
	}
	return NarrateResult{Narration: n}, nil
}
