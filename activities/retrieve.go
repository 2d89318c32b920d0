package activities

import (
	"context"
	"errors"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/activity"
)

// RetrieveInput names the topic to find material on.
type RetrieveInput struct {
	RequestID     string                `json:"request_id"`
	Understanding vividly.Understanding `json:"understanding"`
	Grade         int                   `json:"grade_level"`
}

// RetrieveResult is the material found.
type RetrieveResult struct {
	Passages []vividly.Passage `json:"passages"`
}

// Retrieve finds open educational material on the topic.
func (a *Activities) Retrieve(ctx context.Context, in RetrieveInput) (RetrieveResult, error) {
	limit := a.PassagesPerLesson
	if limit <= 0 {
		limit = 4
	}
	ps, err := a.Retriever.Retrieve(ctx, in.Understanding, in.Grade, limit)
	if errors.Is(err, vividly.ErrNotFound) {
		// No open material on this topic: a model can still write the lesson
		// from what it knows; a writer that needs material will say so.
		activity.GetLogger(ctx).Info("no material for the topic", "topic", in.Understanding.TopicID)
		return RetrieveResult{}, nil
	}
	if err != nil {
		return RetrieveResult{}, stageError(fmt.Sprintf("retrieve material on %q", in.Understanding.TopicID), err)
	}
	return RetrieveResult{Passages: ps}, nil
}
