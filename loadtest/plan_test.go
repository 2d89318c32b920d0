package loadtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/offline/offlinetest"
	"github.com/vividly-edu/vividly/starter"
)

// counterIDs makes predictable UUIDs, so two plans can be compared whole.
func counterIDs() func() string {
	n := 0
	return func() string {
		n++
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	}
}

func plan(t *testing.T, o PlanOptions) *Plan {
	t.Helper()
	if o.NewID == nil {
		o.NewID = counterIDs()
	}
	if o.Modality == "" {
		o.Modality = vividly.ModalityText
	}
	p, err := NewPlan(o)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanCounts(t *testing.T) {
	p := plan(t, PlanOptions{N: 200, InvalidRatio: 0.1, Duplicates: 2, Seed: 1})
	if len(p.Invalid) != 20 || len(p.Valid) != 180 || len(p.Messages) != 180*3+20 {
		t.Fatalf("%d invalid, %d valid, %d messages; want 20, 180, 560", len(p.Invalid), len(p.Valid), len(p.Messages))
	}
	copies := map[int]int{}
	adjacent := 0
	for i, m := range p.Messages {
		if m.Valid >= 0 {
			copies[m.Valid]++
			if i > 0 && p.Messages[i-1].Valid == m.Valid {
				adjacent++
			}
		}
	}
	for i := range p.Valid {
		if copies[i] != 3 {
			t.Fatalf("valid request %d published %d times; want 3", i, copies[i])
		}
	}
	if adjacent > 20 {
		t.Errorf("%d copies follow their own request: not shuffled", adjacent)
	}
	kinds := map[Kind]int{}
	ids := map[string]bool{}
	for _, v := range p.Valid {
		kinds[v.Kind]++
		if ids[v.Request.ID] {
			t.Fatalf("request id %s used twice", v.Request.ID)
		}
		ids[v.Request.ID] = true
	}
	if kinds[KindVague] == 0 || kinds[KindOutOfScope] == 0 || kinds[KindClear] < 150 {
		t.Errorf("kinds %v: want mostly clear, a few vague and out of scope", kinds)
	}
}

func TestPlanRounding(t *testing.T) {
	for _, c := range []struct {
		n       int
		ratio   float64
		invalid int
	}{{10, 0.25, 3}, {10, 0, 0}, {3, 1, 3}, {1, 0.4, 0}, {1, 0.5, 1}, {200, 0.1, 20}} {
		p := plan(t, PlanOptions{N: c.n, InvalidRatio: c.ratio})
		if len(p.Invalid) != c.invalid || len(p.Valid) != c.n-c.invalid {
			t.Errorf("n=%d r=%v: %d invalid, %d valid; want %d invalid", c.n, c.ratio, len(p.Invalid), len(p.Valid), c.invalid)
		}
	}
}

func TestPlanOptionsChecked(t *testing.T) {
	for _, o := range []PlanOptions{
		{N: 0, Modality: vividly.ModalityText},
		{N: 5, InvalidRatio: 1.5, Modality: vividly.ModalityText},
		{N: 5, InvalidRatio: -0.1, Modality: vividly.ModalityText},
		{N: 5, Duplicates: -1, Modality: vividly.ModalityText},
		{N: 5, Modality: "podcast"},
	} {
		if _, err := NewPlan(o); err == nil {
			t.Errorf("NewPlan(%+v) accepted", o)
		}
	}
}

func TestPlanRepeatsWithSeed(t *testing.T) {
	o := PlanOptions{N: 60, InvalidRatio: 0.3, Duplicates: 1, Seed: 42}
	a, b := plan(t, o), plan(t, o)
	a.Options.NewID, b.Options.NewID = nil, nil
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different plans")
	}
	o.Seed = 43
	c := plan(t, o)
	c.Options.NewID = nil
	if reflect.DeepEqual(a.Messages, c.Messages) {
		t.Fatal("another seed gave the same order")
	}
}

func TestPlanIDsFreshByDefault(t *testing.T) {
	o := PlanOptions{N: 5, Seed: 7, Modality: vividly.ModalityText}
	a, err := NewPlan(o)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewPlan(o)
	if a.Valid[0].Request.ID == b.Valid[0].Request.ID {
		t.Fatal("two runs with one seed share a request id: the second would start nothing")
	}
	if a.Valid[0].Request.Question != b.Valid[0].Request.Question {
		t.Fatal("the seed no longer decides the questions")
	}
}

// TestValidMessagesMeetTheContract: what the starter reads back is the request made.
func TestValidMessagesMeetTheContract(t *testing.T) {
	for _, m := range []vividly.Modality{vividly.ModalityText, vividly.ModalityVideo} {
		p := plan(t, PlanOptions{N: 300, Duplicates: 0, Seed: 3, Modality: m, CorrelationID: "lt-test"})
		for _, v := range p.Valid {
			r, err := starter.Parse(v.Data)
			if err != nil {
				t.Fatalf("valid request refused: %v", err)
			}
			if r != v.Request {
				t.Fatalf("parsed %+v; want %+v", r, v.Request)
			}
			if r.Modality != m || r.CorrelationID != "lt-test" {
				t.Fatalf("modality %s, correlation %q", r.Modality, r.CorrelationID)
			}
		}
	}
}

// TestInvalidMessagesGetTheirReason: the starter refuses every invalid message
// with the reason the plan expects, and a plan of a few covers many reasons.
func TestInvalidMessagesGetTheirReason(t *testing.T) {
	p := plan(t, PlanOptions{N: 400, InvalidRatio: 1, Seed: 5})
	cases := map[string]bool{}
	reasons := map[starter.Reason]bool{}
	for _, inv := range p.Invalid {
		_, err := starter.Parse(inv.Data)
		var rej *starter.Rejection
		if !errors.As(err, &rej) {
			t.Fatalf("%s: accepted; want %s", inv.Case, inv.Reason)
		}
		if rej.Reason != inv.Reason {
			t.Fatalf("%s: refused for %s (%s); want %s", inv.Case, rej.Reason, rej.Detail, inv.Reason)
		}
		if inv.RequestID != "" && !bytes.Contains(inv.Data, []byte(inv.RequestID)) {
			t.Fatalf("%s: request id %s is not in the message", inv.Case, inv.RequestID)
		}
		cases[inv.Case] = true
		reasons[inv.Reason] = true
	}
	if len(cases) != len(invalidCases()) {
		t.Errorf("%d of %d cases used", len(cases), len(invalidCases()))
	}
	if len(reasons) < 10 {
		t.Errorf("only %d reasons: %v", len(reasons), reasons)
	}

	small := plan(t, PlanOptions{N: 20, InvalidRatio: 0.5, Seed: 9})
	seen := map[string]bool{}
	for _, inv := range small.Invalid {
		if seen[inv.Case] {
			t.Fatalf("case %q twice among %d invalid messages: not varied", inv.Case, len(small.Invalid))
		}
		seen[inv.Case] = true
	}
}

// TestQuestionsEndAsTheirKind: the embedded understander reads every question
// of the mix as its kind, whatever the interest and grade it is paired with.
func TestQuestionsEndAsTheirKind(t *testing.T) {
	u := offlinetest.Understander(t)
	check := func(q string, grade int, interest string, k Kind) {
		t.Helper()
		got, err := u.Understand(context.Background(), vividly.UnderstandInput{Question: q, Grade: grade, Interest: interest})
		if err != nil {
			t.Fatal(err)
		}
		var kind Kind
		switch {
		case got.OutOfScope:
			kind = KindOutOfScope
		case got.NeedsClarification || got.TopicID == "":
			kind = KindVague
		default:
			kind = KindClear
		}
		if kind != k {
			t.Errorf("%q (grade %d, interest %q) reads as %s; want %s", q, grade, interest, kind, k)
		}
	}
	for _, in := range interests {
		for _, q := range clearQuestions {
			check(q.text, q.gradeMin, in, KindClear)
			check(q.text, q.gradeMax, in, KindClear)
		}
		for _, q := range vagueQuestions {
			for _, g := range []int{3, 10} {
				check(q, g, in, KindVague)
			}
		}
		for _, q := range outOfScopeQuestions {
			for _, g := range []int{5, 12} {
				check(q, g, in, KindOutOfScope)
			}
		}
	}
}
