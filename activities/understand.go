package activities

import (
	"context"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
)

// UnderstandInput is the question and the answers given so far.
type UnderstandInput struct {
	RequestID string                  `json:"request_id"`
	Question  vividly.UnderstandInput `json:"question"`
}

// UnderstandResult is what the question is about, or what to ask, or why not.
type UnderstandResult struct {
	Understanding vividly.Understanding `json:"understanding"`
}

// Understand works out the topic of a question.
func (a *Activities) Understand(ctx context.Context, in UnderstandInput) (UnderstandResult, error) {
	u, err := a.Understander.Understand(ctx, in.Question)
	if err != nil {
		return UnderstandResult{}, fmt.Errorf("understand: %w", err)
	}
	return UnderstandResult{Understanding: u}, nil
}
