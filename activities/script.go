package activities

import (
	"context"
	"errors"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
)

// WriteScriptInput is everything the script is written from.
type WriteScriptInput struct {
	RequestID string              `json:"request_id"`
	Script    vividly.ScriptInput `json:"script"`
}

// WriteScriptResult is the written script.
type WriteScriptResult struct {
	Script vividly.Script `json:"script"`
}

// WriteScript writes the lesson script. Output is checked before use: a script with
// nothing to narrate is not passed on.
func (a *Activities) WriteScript(ctx context.Context, in WriteScriptInput) (WriteScriptResult, error) {
	s, err := a.Writer.WriteScript(ctx, in.Script)
	if err != nil {
		return WriteScriptResult{}, fmt.Errorf("write script: %w", err)
	}
	if err := checkScript(s); err != nil {
		return WriteScriptResult{}, fmt.Errorf("write script: %w", err)
	}
	return WriteScriptResult{Script: s}, nil
}

func checkScript(s vividly.Script) error {
	if s.Title == "" {
		return errors.New("script has no title")
	}
	if len(s.Segments) == 0 || s.Words() == 0 {
		return errors.New("script has nothing to narrate")
	}
	return nil
}
