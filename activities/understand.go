package activities

import (
	"context"

	"go.temporal.io/sdk/activity"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/screen"
)

// UnderstandInput is the question and the answers given so far.
type UnderstandInput struct {
	RequestID string                  `json:"request_id"`
	Question  vividly.UnderstandInput `json:"question"`
}

// maxCandidates is how many library topics a model is offered.
const maxCandidates = 5

// UnderstandResult is what the question is about, or what to ask, or why not.
type UnderstandResult struct {
	Understanding vividly.Understanding `json:"understanding"`
	// FellBack is set when the production provider failed and the offline one
	// (or, failing that too, a question to the student) stood in.
	FellBack bool    `json:"fell_back,omitempty"`
	CostUSD  float64 `json:"cost_usd,omitempty"`
}

// Understand works out the topic of a question. When the production provider
// keeps failing, the offline one stands in; when that fails too, the student is
// asked to say more, which needs no provider at all.
//
// Every request passes the K–12 screen first, before any model sees it: an
// unsafe or non-school ask ends here, the same whichever provider is set.
func (a *Activities) Understand(ctx context.Context, in UnderstandInput) (UnderstandResult, error) {
	if v := screen.Request(in.Question.Question, in.Question.Answers...); !v.Allowed() {
		return UnderstandResult{Understanding: vividly.Understanding{
			OutOfScope: true, OutOfScopeMessage: v.Message, Reason: v.Reason(), Confidence: 0.95,
		}}, nil
	}
	defer heartbeating(ctx, nil)() // a model call can take tens of seconds
	if a.Candidates != nil && len(in.Question.Candidates) == 0 {
		// The library topics retrieval finds go to the model to choose from;
		// without them it still understands, so a failed search is only logged.
		cs, err := a.Candidates.Candidates(ctx, in.Question, maxCandidates)
		if err != nil {
			activity.GetLogger(ctx).Warn("finding candidate topics failed", "error", err)
		}
		in.Question.Candidates = cs
	}
	primary := func() (vividly.Understanding, error) { return a.Understander.Understand(ctx, in.Question) }
	var fallback func() (vividly.Understanding, error)
	if a.Fallback.Understander != nil {
		fallback = func() (vividly.Understanding, error) { return a.Fallback.Understander.Understand(ctx, in.Question) }
	}
	u, spent, fellBack, err := withFallback(ctx, a, string(vividly.StatusUnderstanding), primary, fallback,
		func(u vividly.Understanding) vividly.Usage { return u.Usage })
	if err != nil && fellBack {
		u = vividly.Understanding{
			NeedsClarification:  true,
			ClarifyingQuestions: []string{"Which school subject and topic would you like a lesson on?"},
		}
		err = nil
	}
	if err != nil {
		return UnderstandResult{}, stageError("understand", err)
	}
	u.Usage = u.Usage.Add(spent)
	cost := a.Prices.Estimate(u.Usage)
	u.Usage.Cost = vividly.CostParts{Understanding: cost}
	return UnderstandResult{Understanding: u, FellBack: fellBack, CostUSD: cost}, nil
}
