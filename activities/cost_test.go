package activities_test

import (
	"context"
	"errors"
	"math"
	"testing"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/offline/offlinetest"
	"go.temporal.io/sdk/testsuite"
)

// billed is what a model call that went wrong still cost: the provider
// reported its tokens before the reply was refused.
var billed = vividly.Usage{InputTokens: 2400, OutputTokens: 900}

// billingUnderstander is a model whose reply did not parse, after billing.
type billingUnderstander struct{}

func (billingUnderstander) Understand(context.Context, vividly.UnderstandInput) (vividly.Understanding, error) {
	return vividly.Understanding{Usage: billed}, vividly.Permanent(errors.New("gemini understand: invalid understanding"))
}

// emptyWriter is a model whose script fails the activity's own checks: it
// has nothing to narrate, but its tokens were spent.
type emptyWriter struct{}

func (emptyWriter) WriteScript(context.Context, vividly.ScriptInput) (vividly.Script, error) {
	return vividly.Script{Title: "Volcanoes", Usage: billed}, nil
}

func costOf(u vividly.Usage) float64 { return prices.Estimate(u) }

var prices = vividly.Prices{InputTokensPerMillion: 0.30, OutputTokensPerMillion: 2.50, TTSCharactersPerMillion: 4}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// understandBilled runs Understand with a primary that bills and fails, and
// fallback in its place.
func understandBilled(t *testing.T, fallback vividly.Understander) activities.UnderstandResult {
	t.Helper()
	acts := &activities.Activities{Understander: billingUnderstander{}, Prices: prices,
		Fallback: activities.Fallbacks{Understander: fallback}}
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	var res activities.UnderstandResult
	get(t, env, &res, acts.Understand, activities.UnderstandInput{RequestID: request.ID,
		Question: vividly.UnderstandInput{Question: "How do volcanoes erupt?", Grade: 6}})
	return res
}

func TestFailedPrimaryUnderstandingIsCountedAfterFallback(t *testing.T) {
	res := understandBilled(t, offlinetest.Understander(t))
	if !res.FellBack || res.Understanding.TopicID != "volcanoes" {
		t.Fatalf("result %+v, want the offline understanding", res)
	}
	u := res.Understanding.Usage
	if u.InputTokens != billed.InputTokens || u.OutputTokens != billed.OutputTokens {
		t.Errorf("usage %+v, want the failed model call's %+v counted", u, billed)
	}
	if want := costOf(billed); !near(res.CostUSD, want) || !near(u.Cost.Understanding, want) || want == 0 {
		t.Errorf("cost %v (understanding part %v), want %v", res.CostUSD, u.Cost.Understanding, want)
	}
}

func TestUnderstandingAskingTheStudentStillCountsWhatWasBilled(t *testing.T) {
	res := understandBilled(t, failingUnderstander{vividly.Permanent(errors.New("down"))})
	if !res.Understanding.NeedsClarification || !near(res.CostUSD, costOf(billed)) {
		t.Fatalf("result %+v, want a clarifying question that still costs %v", res, costOf(billed))
	}
}

func TestScriptThatFailedItsChecksIsCountedAfterFallback(t *testing.T) {
	acts := &activities.Activities{Writer: emptyWriter{}, Prices: prices, FallbackAfterAttempts: 1,
		Fallback: activities.Fallbacks{Writer: offline.NewScriptWriter()}}
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	understood, err := offlinetest.Understander(t).Understand(context.Background(),
		vividly.UnderstandInput{Question: "How do volcanoes erupt?", Grade: 6})
	if err != nil {
		t.Fatal(err)
	}
	var res activities.WriteScriptResult
	get(t, env, &res, acts.WriteScript, activities.WriteScriptInput{RequestID: request.ID, Script: vividly.ScriptInput{
		Question: "How do volcanoes erupt?", Grade: 6, Understanding: understood}})
	if !res.FellBack || len(res.Script.Segments) == 0 {
		t.Fatalf("result %+v, want the offline script", res)
	}
	if u := res.Script.Usage; u.InputTokens != billed.InputTokens || u.OutputTokens != billed.OutputTokens {
		t.Errorf("usage %+v, want the rejected script's %+v counted", u, billed)
	}
	if want := costOf(billed); !near(res.CostUSD, want) || !near(res.Script.Usage.Cost.Script, want) {
		t.Errorf("cost %v (script part %v), want %v", res.CostUSD, res.Script.Usage.Cost.Script, want)
	}
}
