package activities

import (
	"context"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
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
	if err != nil {
		return RetrieveResult{}, fmt.Errorf("retrieve material on %q: %w", in.Understanding.TopicID, err)
	}
	if len(ps) == 0 {
		return RetrieveResult{}, permanent(ErrTypeNoTopic, fmt.Errorf("no material found on topic %q", in.Understanding.TopicID))
	}
	return RetrieveResult{Passages: ps}, nil
}
