package loadtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/starter"
)

// fakeSystem is the bridge, worker and database in one: a published message is
// parsed at once, a valid one settles as its kind says, an invalid one becomes a
// dead letter. Its faults make it misbehave on purpose.
type fakeSystem struct {
	plan *Plan
	faults

	mu        sync.Mutex
	next      int
	states    map[string]RequestState
	runs      []WorkflowRun
	dead      []DeadLetter
	direct    map[string]bool // baseline lessons started and not terminated
	published int
}

type faults struct {
	startTwice   bool          // every duplicate copy starts a new run
	wrongReason  bool          // dead letters say invalid_field
	lose         int           // this many valid requests are never started
	fail         int           // this many end failed
	dropInvalid  int           // this many invalid messages vanish
	publishError map[int]error // the n-th publish (from 1) fails this way, every time
	statusError  error         // reading a request fails
	directStuck  bool          // the baseline's lessons never settle
	kinds        map[string]Kind
}

func newFake(p *Plan, f faults) *fakeSystem {
	s := &fakeSystem{plan: p, faults: f, states: map[string]RequestState{}, direct: map[string]bool{}}
	s.kinds = map[string]Kind{}
	for _, v := range p.Valid {
		s.kinds[v.Request.ID] = v.Kind
	}
	return s
}

func (s *fakeSystem) env() Env {
	return Env{
		Publish: func(_ context.Context, data []byte) (string, error) {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.published++
			if err := s.publishError[s.published]; err != nil {
				return "", err
			}
			s.next++
			id := fmt.Sprint(s.next)
			now := time.Now()
			r, err := starter.Parse(data)
			if err != nil {
				if s.dropInvalid > 0 {
					s.dropInvalid--
					return id, nil
				}
				var rej *starter.Rejection
				errors.As(err, &rej)
				reason := rej.Reason
				if s.wrongReason {
					reason = starter.ReasonInvalidField
				}
				s.dead = append(s.dead, DeadLetter{ID: "d" + id, OriginalMessageID: id, Reason: reason})
				return id, nil
			}
			if st, ok := s.states[r.ID]; ok {
				if s.startTwice {
					s.runs = append(s.runs, WorkflowRun{WorkflowID: "content-" + r.ID, RunID: "run-" + id, StartTime: st.CreatedAt})
				}
				return id, nil
			}
			if s.lose > 0 {
				s.lose--
				s.states[r.ID] = RequestState{} // never started: no row
				return id, nil
			}
			status := s.kinds[r.ID].Expected()
			if s.fail > 0 {
				s.fail--
				status = vividly.StatusFailed
			}
			s.states[r.ID] = RequestState{Found: true, Status: status, CreatedAt: now, SettledAt: now.Add(20 * time.Millisecond)}
			s.runs = append(s.runs, WorkflowRun{WorkflowID: "content-" + r.ID, RunID: "run-" + id, StartTime: now})
			return id, nil
		},
		Request: func(_ context.Context, id string) (RequestState, error) {
			if s.statusError != nil {
				return RequestState{}, s.statusError
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			return s.states[id], nil
		},
		DeadLetters: func(context.Context) ([]DeadLetter, error) {
			s.mu.Lock()
			defer s.mu.Unlock()
			return append([]DeadLetter(nil), s.dead...), nil
		},
		Workflows: func(context.Context, time.Time) ([]WorkflowRun, error) {
			s.mu.Lock()
			defer s.mu.Unlock()
			return append([]WorkflowRun(nil), s.runs...), nil
		},
		WorkflowID: func(id string) string { return "content-" + id },
		StartDirect: func(_ context.Context, r vividly.Request) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			if _, ok := s.states[r.ID]; ok || s.kinds[r.ID] != "" {
				return fmt.Errorf("baseline request %s reuses an id of the run", r.ID)
			}
			s.direct[r.ID] = true
			s.runs = append(s.runs, WorkflowRun{WorkflowID: "content-" + r.ID, RunID: "direct-" + r.ID, StartTime: time.Now()})
			if !s.directStuck {
				now := time.Now()
				s.states[r.ID] = RequestState{Found: true, Status: vividly.StatusCompleted, CreatedAt: now, SettledAt: now}
			}
			return nil
		},
		TerminateDirect: func(_ context.Context, id string) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			delete(s.direct, id)
			return nil
		},
	}
}

func fastOptions() RunOptions {
	return RunOptions{Concurrency: 4, Timeout: 2 * time.Second, PollInterval: 5 * time.Millisecond,
		DeadLetterInterval: 5 * time.Millisecond, VisibilityWait: 50 * time.Millisecond, RunID: "lt-test"}
}

func TestRunHealthySystemPasses(t *testing.T) {
	p := plan(t, PlanOptions{N: 60, InvalidRatio: 0.2, Duplicates: 2, Seed: 11})
	sys := newFake(p, faults{})
	var progress strings.Builder
	opts := fastOptions()
	opts.Progress = &progress
	rep, err := Run(context.Background(), p, opts, sys.env())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Pass {
		t.Fatalf("healthy run failed: %v", rep.Problems)
	}
	kinds := map[Kind]int{}
	for _, v := range p.Valid {
		kinds[v.Kind]++
	}
	switch {
	case rep.Published != 48*3+12 || rep.Requests != 60 || rep.Started != 48 || rep.DeadLettered != 12:
		t.Fatalf("published %d, requests %d, started %d, dead-lettered %d", rep.Published, rep.Requests, rep.Started, rep.DeadLettered)
	case rep.Statuses[vividly.StatusCompleted] != kinds[KindClear] ||
		rep.Statuses[vividly.StatusClarificationNeeded] != kinds[KindVague] ||
		rep.Statuses[vividly.StatusOutOfScope] != kinds[KindOutOfScope]:
		t.Fatalf("statuses %v; kinds %v", rep.Statuses, kinds)
	case rep.Lost != 0 || len(rep.DuplicateRuns) != 0 || rep.Latency.Count != 48 || rep.StarterRate <= 0:
		t.Fatalf("lost %d, duplicates %v, latency %+v, rate %v", rep.Lost, rep.DuplicateRuns, rep.Latency, rep.StarterRate)
	case !rep.Baseline.Measured || rep.Baseline.Started != 48 || rep.Baseline.Settled != 48 || rep.Baseline.Terminated != 0 ||
		len(sys.direct) != 48 || rep.Baseline.Concurrency != 4:
		t.Fatalf("baseline %+v, %d left running", rep.Baseline, len(sys.direct))
	}
	if !strings.Contains(progress.String(), "publishing") || !strings.Contains(progress.String(), "waiting") {
		t.Errorf("no progress: %q", progress.String())
	}

	var out strings.Builder
	if err := rep.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"published:              156 messages (48 valid requests × 3 copies + 12 invalid)",
		"distinct requests:      60 (48 valid, 12 invalid)",
		"started:                48 distinct workflows of 48 valid requests",
		"dead-lettered:          12 of 12 invalid messages, every one with the expected reason",
		"lost:                   0\n",
		"workflows per request:  exactly one",
		"latency:                p50 ",
		"starter: ",
		"; direct Temporal starts: ",
		"PASS",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	for _, v := range p.Valid {
		if strings.Contains(text, v.Request.Question) {
			t.Fatalf("report quotes a student's question:\n%s", text)
		}
	}

	var js strings.Builder
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(js.String()), &back); err != nil {
		t.Fatal(err)
	}
	if back["pass"] != true || back["lost"] != 0.0 || back["started"] != 48.0 {
		t.Fatalf("JSON report %s", js.String())
	}
	if _, ok := back["latency"].(map[string]any)["p95_seconds"].(float64); !ok {
		t.Fatalf("latency not in seconds: %v", back["latency"])
	}
}

func TestRunFindsEveryFault(t *testing.T) {
	p := plan(t, PlanOptions{N: 40, InvalidRatio: 0.25, Duplicates: 1, Seed: 12})
	sys := newFake(p, faults{startTwice: true, wrongReason: true, lose: 2, fail: 1, dropInvalid: 1})
	opts := fastOptions()
	opts.Timeout = 300 * time.Millisecond
	rep, err := Run(context.Background(), p, opts, sys.env())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pass || !rep.TimedOut {
		t.Fatalf("faulty run passed (timed out %v)", rep.TimedOut)
	}
	if rep.LostValid != 2 || rep.LostInvalid != 1 || rep.Lost != 3 {
		t.Errorf("lost %d valid, %d invalid", rep.LostValid, rep.LostInvalid)
	}
	if rep.Statuses[vividly.StatusFailed] != 1 {
		t.Errorf("failed %d", rep.Statuses[vividly.StatusFailed])
	}
	if len(rep.DuplicateRuns) == 0 || rep.DuplicateRuns[0].Runs != 2 {
		t.Errorf("duplicate runs %v", rep.DuplicateRuns)
	}
	// "misspelt field" and "duration of an hour" may be among them, whose reason is right anyway.
	if len(rep.WrongReason) < 5 {
		t.Errorf("wrong reasons %v", rep.WrongReason)
	}
	var out strings.Builder
	rep.WriteText(&out)
	text := out.String()
	for _, want := range []string{"FAIL", "lost 3:", "1 requests failed", "more than one workflow run", "the wrong reason",
		"workflows per request:  NOT exactly one", "not settled", "no row: never started"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
}

func TestRunReportsPublishErrorsAndUnreadableStatus(t *testing.T) {
	p := plan(t, PlanOptions{N: 10, InvalidRatio: 0, Duplicates: 0, Seed: 13})
	down := errors.New("pubsub: unavailable")
	sys := newFake(p, faults{publishError: map[int]error{1: down, 2: down, 3: down}, statusError: errors.New("db down")})
	opts := fastOptions()
	opts.Concurrency = 1 // so the first three publishes are the three attempts of one message
	opts.Timeout = 1500 * time.Millisecond
	rep, err := Run(context.Background(), p, opts, sys.env())
	if err != nil {
		t.Fatal(err)
	}
	// Three attempts of the first message fail; it is given up, the rest publish.
	if rep.PublishErrors != 1 || rep.Published != 9 || rep.Pass {
		t.Fatalf("publish errors %d, published %d, pass %v", rep.PublishErrors, rep.Published, rep.Pass)
	}
	if rep.PollErrors == 0 || rep.LastPollError != "db down" || rep.LostValid != 10 {
		t.Fatalf("poll errors %d (%q), lost %d", rep.PollErrors, rep.LastPollError, rep.LostValid)
	}
}

func TestRunInterrupted(t *testing.T) {
	p := plan(t, PlanOptions{N: 10, Seed: 14})
	sys := newFake(p, faults{lose: 10})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	rep, err := Run(ctx, p, fastOptions(), sys.env())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Interrupted || rep.Pass || rep.Baseline.Measured {
		t.Fatalf("interrupted %v, pass %v, baseline %v", rep.Interrupted, rep.Pass, rep.Baseline.Measured)
	}
}

func TestRunComparesLikeWithLike(t *testing.T) {
	p := plan(t, PlanOptions{N: 30, InvalidRatio: 0.2, Duplicates: 2, Seed: 15})
	sys := newFake(p, faults{directStuck: true})
	var order []bool // per publish: is it the first copy of a valid request
	firsts := map[string]bool{}
	for _, v := range p.Valid {
		firsts[string(v.Data)] = true
	}
	env := sys.env()
	publish := env.Publish
	var mu sync.Mutex
	env.Publish = func(ctx context.Context, data []byte) (string, error) {
		mu.Lock()
		first := firsts[string(data)]
		delete(firsts, string(data))
		order = append(order, first)
		mu.Unlock()
		return publish(ctx, data)
	}
	opts := fastOptions()
	opts.DirectConcurrency = 7
	rep, err := Run(context.Background(), p, opts, env)
	if err != nil {
		t.Fatal(err)
	}
	// Every first copy is published before any duplicate or invalid message,
	// so the starter's rate counts one start per distinct request, as the
	// baseline does.
	for i, first := range order {
		if first && i >= len(p.Valid) {
			t.Fatalf("publish %d is a first copy after other messages: %v", i, order)
		}
	}
	bl := rep.Baseline
	if bl.Requested != len(p.Valid) || bl.Started != len(p.Valid) || bl.Concurrency != 7 {
		t.Fatalf("baseline %+v for %d valid requests", bl, len(p.Valid))
	}
	// Lessons of the baseline that never settle are terminated, not left running.
	if bl.Settled != 0 || bl.Terminated != len(p.Valid) || len(sys.direct) != 0 {
		t.Fatalf("baseline settled %d, terminated %d, %d left running", bl.Settled, bl.Terminated, len(sys.direct))
	}
	if !rep.Pass || rep.Ratio <= 0 || !rep.Baseline.ByServerTime {
		t.Fatalf("pass %v (%v), ratio %v, by server time %v", rep.Pass, rep.Problems, rep.Ratio, rep.Baseline.ByServerTime)
	}
}

func TestRunStartsOnly(t *testing.T) {
	p := plan(t, PlanOptions{N: 20, InvalidRatio: 0.2, Duplicates: 1, Seed: 16})
	sys := newFake(p, faults{directStuck: true})
	opts := fastOptions()
	opts.StartsOnly = true
	env := sys.env()
	var mu sync.Mutex
	var turns []string // "direct" or "starter", one entry per change of side
	took := func(side string) {
		mu.Lock()
		defer mu.Unlock()
		if len(turns) == 0 || turns[len(turns)-1] != side {
			turns = append(turns, side)
		}
	}
	publish, start := env.Publish, env.StartDirect
	env.Publish = func(ctx context.Context, data []byte) (string, error) { took("starter"); return publish(ctx, data) }
	env.StartDirect = func(ctx context.Context, r vividly.Request) error { took("direct"); return start(ctx, r) }
	rep, err := Run(context.Background(), p, opts, env)
	if err != nil {
		t.Fatal(err)
	}
	// Half the direct starts, all the publishing, the other half: a drift
	// in the server's speed falls on both sides alike.
	if got := strings.Join(turns, ","); got != "direct,starter,direct" {
		t.Errorf("turns %s, want direct,starter,direct", got)
	}
	// Only the first copies are published; both sides' lessons are ended.
	if sys.published != len(p.Valid) || rep.Started != len(p.Valid) || rep.StarterRate <= 0 {
		t.Fatalf("published %d, started %d (rate %v) of %d valid", sys.published, rep.Started, rep.StarterRate, len(p.Valid))
	}
	if rep.Terminated != len(p.Valid) || rep.Baseline.Terminated != len(p.Valid) || len(sys.direct) != 0 {
		t.Fatalf("terminated %d and %d of the baseline, %d left", rep.Terminated, rep.Baseline.Terminated, len(sys.direct))
	}
	if !rep.Pass || rep.Ratio <= 0 || !rep.Baseline.ByServerTime {
		t.Fatalf("pass %v (%v), ratio %v, by server time %v", rep.Pass, rep.Problems, rep.Ratio, rep.Baseline.ByServerTime)
	}
}
