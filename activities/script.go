package activities

import (
	"context"
	"errors"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/screen"
)

// WriteScriptInput is everything the script is written from.
type WriteScriptInput struct {
	RequestID string              `json:"request_id"`
	Script    vividly.ScriptInput `json:"script"`
}

// WriteScriptResult is the written script.
type WriteScriptResult struct {
	Script   vividly.Script `json:"script"`
	FellBack bool           `json:"fell_back,omitempty"`
	CostUSD  float64        `json:"cost_usd,omitempty"`
}

// WriteScript writes the lesson script. Output is checked before use: a script with
// nothing to narrate counts as a failure of the writer, so it is retried and, if
// it persists, the offline writer stands in.
func (a *Activities) WriteScript(ctx context.Context, in WriteScriptInput) (WriteScriptResult, error) {
	defer heartbeating(ctx, nil)() // a model's draft and its repair take up to minutes
	// The plan is worked out here, not carried in the workflow's history: it
	// follows from the input and the library the worker runs with.
	if a.Planner != nil && in.Script.Plan == nil {
		if plan, ok := a.Planner.Plan(in.Script); ok {
			in.Script.Plan = &plan
		}
	}
	write := func(w vividly.ScriptWriter) func() (vividly.Script, error) {
		return func() (vividly.Script, error) {
			s, err := w.WriteScript(ctx, in.Script)
			if err == nil {
				err = checkScript(s)
			}
			return s, err
		}
	}
	var fallback func() (vividly.Script, error)
	if a.Fallback.Writer != nil {
		fallback = write(a.Fallback.Writer)
	}
	s, spent, fellBack, err := withFallback(ctx, a, string(vividly.StatusGeneratingScript), write(a.Writer), fallback,
		func(s vividly.Script) vividly.Usage { return s.Usage })
	if err != nil {
		return WriteScriptResult{}, stageError("write script", err)
	}
	s = s.WithCredits(in.Script.Passages)
	s.Usage = s.Usage.Add(spent)
	cost := a.Prices.Estimate(s.Usage)
	s.Usage.Cost = vividly.CostParts{Script: cost}
	return WriteScriptResult{Script: s, FellBack: fellBack, CostUSD: cost}, nil
}

func checkScript(s vividly.Script) error {
	if s.Title == "" {
		return errors.New("script has no title")
	}
	if len(s.Segments) == 0 || s.Words() == 0 {
		return errors.New("script has nothing to narrate")
	}
	// Model output passes the same K–12 screen as the student's request.
	for _, seg := range s.Segments {
		if v := screen.Output(seg.Heading + ". " + seg.Narration); !v.Allowed() {
			return vividly.Permanent(fmt.Errorf("script segment %q fails the K–12 screen (%s)", seg.Heading, v.Reason()))
		}
	}
	return nil
}
