package workflows

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
)

// updateOutcome collects what a clarify update came to.
type updateOutcome struct {
	rejected error
	result   vividly.Snapshot
	err      error
	done     bool
}

func (o *updateOutcome) callbacks() *testsuite.TestUpdateCallback {
	return &testsuite.TestUpdateCallback{
		OnReject:   func(err error) { o.rejected, o.done = err, true },
		OnAccept:   func() {},
		OnComplete: func(v any, err error) { o.result, _ = v.(vividly.Snapshot); o.err, o.done = err, true },
	}
}

func TestClarifyUpdateValidatesThenAnswers(t *testing.T) {
	h := newHarness(t)
	vague := vividly.Understanding{NeedsClarification: true, ClarifyingQuestions: []string{"Which subject is it?"}}
	var answers []string
	h.env.OnActivity(a.Understand, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.UnderstandInput) (activities.UnderstandResult, error) {
			if len(in.Question.Answers) == 0 {
				return activities.UnderstandResult{Understanding: vague}, nil
			}
			answers = in.Question.Answers
			return activities.UnderstandResult{Understanding: photosynthesis}, nil
		})
	h.happy(photosynthesis)
	var early, empty, long, good updateOutcome
	// Before the question is asked, the lesson is not waiting.
	h.env.RegisterDelayedCallback(func() {
		h.env.UpdateWorkflow(UpdateClarify, "early", early.callbacks(), ClarificationSignal{Answer: "biology"})
	}, 0)
	h.env.RegisterDelayedCallback(func() {
		h.env.UpdateWorkflow(UpdateClarify, "empty", empty.callbacks(), ClarificationSignal{Answer: "   "})
		h.env.UpdateWorkflow(UpdateClarify, "long", long.callbacks(), ClarificationSignal{Answer: strings.Repeat("a", vividly.MaxAnswerRunes+1)})
		h.env.UpdateWorkflow(UpdateClarify, "good", good.callbacks(), ClarificationSignal{Answer: "photosynthesis in biology"})
	}, time.Hour)
	out, err := h.run(testRequest, Options{})
	if err != nil {
		t.Fatalf("workflow failed: %v", err)
	}
	for name, o := range map[string]*updateOutcome{"early": &early, "empty": &empty, "long": &long} {
		var appErr *temporal.ApplicationError
		if !errors.As(o.rejected, &appErr) {
			t.Errorf("%s answer: rejected = %v, want an application error", name, o.rejected)
			continue
		}
		want := ErrTypeInvalidAnswer
		if name == "early" {
			want = ErrTypeNotWaiting
		}
		if appErr.Type() != want {
			t.Errorf("%s answer rejected as %s (%v), want %s", name, appErr.Type(), appErr, want)
		}
	}
	if good.rejected != nil || good.err != nil || !good.done {
		t.Fatalf("good answer: rejected %v, err %v, done %v", good.rejected, good.err, good.done)
	}
	if good.result.Status == vividly.StatusClarificationNeeded {
		t.Errorf("the update returned %s, want the status after the answer was taken", good.result.Status)
	}
	if len(answers) != 1 || answers[0] != "photosynthesis in biology" {
		t.Errorf("understanding got answers %q, want the update's answer alone", answers)
	}
	if out.Status != vividly.StatusCompleted {
		t.Errorf("status = %s, want completed", out.Status)
	}
}
