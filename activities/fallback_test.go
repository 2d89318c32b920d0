package activities_test

import (
	"context"
	"errors"
	"testing"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/offline/offlinetest"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
)

// failingUnderstander stands for a production model that is down.
type failingUnderstander struct{ err error }

func (f failingUnderstander) Understand(context.Context, vividly.UnderstandInput) (vividly.Understanding, error) {
	return vividly.Understanding{}, f.err
}

func understandWith(t *testing.T, primary, fallback vividly.Understander) (activities.UnderstandResult, error) {
	t.Helper()
	acts := &activities.Activities{Understander: primary, Fallback: activities.Fallbacks{Understander: fallback}}
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	v, err := env.ExecuteActivity(acts.Understand, activities.UnderstandInput{RequestID: request.ID,
		Question: vividly.UnderstandInput{Question: "How do volcanoes erupt?", Grade: 6}})
	var res activities.UnderstandResult
	if err == nil {
		err = v.Get(&res)
	}
	return res, err
}

func TestTransientFailureIsRetriedBeforeFallingBack(t *testing.T) {
	_, err := understandWith(t, failingUnderstander{errors.New("503 unavailable")}, offlinetest.Understander(t))
	if err == nil {
		t.Fatal("the first attempt fell back at once; a transient error should be retried first")
	}
}

func TestPermanentFailureFallsBackToOffline(t *testing.T) {
	res, err := understandWith(t, failingUnderstander{vividly.Permanent(errors.New("404 model not found"))}, offlinetest.Understander(t))
	if err != nil {
		t.Fatalf("err = %v, want the offline understanding", err)
	}
	if !res.FellBack || res.Understanding.TopicID != "volcanoes" {
		t.Errorf("result = %+v, want volcanoes from the offline provider, marked as a fallback", res)
	}
}

func TestUnderstandingAsksTheStudentWhenEverythingFails(t *testing.T) {
	down := failingUnderstander{vividly.Permanent(errors.New("unavailable"))}
	res, err := understandWith(t, down, down)
	if err != nil {
		t.Fatalf("err = %v, want a clarifying question instead of a failure", err)
	}
	if !res.FellBack || !res.Understanding.NeedsClarification || len(res.Understanding.ClarifyingQuestions) == 0 {
		t.Errorf("result = %+v, want a clarifying question", res)
	}
}

func TestPermanentProviderErrorIsNotRetried(t *testing.T) {
	acts := &activities.Activities{Writer: offline.NewScriptWriter()}
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	// A topic a model found but the offline catalog does not know, with no material.
	_, err := env.ExecuteActivity(acts.WriteScript, activities.WriteScriptInput{RequestID: request.ID, Script: vividly.ScriptInput{
		Question: "What is a black hole?", Grade: 9,
		Understanding: vividly.Understanding{TopicID: "black-holes", Topic: "Black holes", Subject: "science", Confidence: 0.9}}})
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || !appErr.NonRetryable() {
		t.Fatalf("err = %v, want a non-retryable error: retrying cannot conjure material", err)
	}
}
