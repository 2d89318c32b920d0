package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/starter"
)

// RequestState is where a request is, as stored.
type RequestState struct {
	Found     bool // the request has a row: its workflow started and validated it
	Status    vividly.Status
	CreatedAt time.Time // the first history entry
	// SettledAt is the first history entry that is terminal or
	// clarification_needed; zero while there is none.
	SettledAt time.Time
}

// Settled reports whether a load test stops waiting for a request in status s:
// it ended, or it waits for a student's answer that will not come.
func Settled(s vividly.Status) bool {
	return s.Terminal() || s == vividly.StatusClarificationNeeded
}

// DeadLetter is a message found in the dead-letter subscription.
type DeadLetter struct {
	ID                string
	OriginalMessageID string
	Reason            starter.Reason
}

// WorkflowRun is one run of a workflow, as Temporal's visibility lists it.
type WorkflowRun struct {
	WorkflowID string
	RunID      string
	StartTime  time.Time
}

// Env is what a load test talks to. Every function must be safe to call from
// several goroutines at once.
type Env struct {
	// Publish publishes one message to the requests topic and returns the id
	// Pub/Sub gave it.
	Publish func(ctx context.Context, data []byte) (messageID string, err error)
	// Request reads a request's state; a request without a row is not an error.
	Request func(ctx context.Context, requestID string) (RequestState, error)
	// DeadLetters reads the dead-letter subscription without consuming it.
	DeadLetters func(ctx context.Context) ([]DeadLetter, error)
	// Workflows lists the runs of the request workflow type started at or after since.
	Workflows func(ctx context.Context, since time.Time) ([]WorkflowRun, error)
	// WorkflowID is the workflow id of a request.
	WorkflowID func(requestID string) string
	// StartDirect starts the lesson of r straight through the Temporal
	// client, with the same call the starter makes, so the workers run it like
	// any other; Run gives it a copy of a valid request under a fresh id.
	// TerminateDirect ends one that has not settled when the run stops
	// waiting for it. Nil StartDirect skips the baseline.
	StartDirect     func(ctx context.Context, r vividly.Request) error
	TerminateDirect func(ctx context.Context, requestID string) error
	// NewID makes the baseline's request ids (default uuid.NewString).
	NewID func() string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// RunOptions tune a Run.
type RunOptions struct {
	// Concurrency is how many publishers run at once.
	Concurrency int
	// DirectConcurrency is how many direct starts run at once: the starter's
	// own concurrency (its max outstanding messages), so that both rates are
	// measured with as many starts in flight. Default: Concurrency.
	DirectConcurrency int
	// Timeout bounds publishing and waiting; the checks after it have their own bounds.
	Timeout time.Duration
	// PollInterval is how often request states are read (default 500ms).
	PollInterval time.Duration
	// DeadLetterInterval is the pause between looks at the dead letters (default 1s).
	DeadLetterInterval time.Duration
	// VisibilityWait bounds the wait for Temporal's visibility to list every
	// started workflow (default 30s).
	VisibilityWait time.Duration
	// Progress receives the progress bar (nil: none); TTY redraws it in place.
	Progress io.Writer
	TTY      bool
	// RunID names the run in the report.
	RunID string
	// StartsOnly measures the two rates and nothing else: the first copy of
	// each valid request is published, the run waits for their workflows to
	// start (at most VisibilityWait), starts the baseline, and terminates
	// every lesson either side started. Meant for a system with no worker,
	// where both rates are measured before any worker processes a lesson.
	StartsOnly bool
}

func (o RunOptions) withDefaults() RunOptions {
	if o.Concurrency < 1 {
		o.Concurrency = 1
	}
	if o.DirectConcurrency < 1 {
		o.DirectConcurrency = o.Concurrency
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Minute
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 500 * time.Millisecond
	}
	if o.DeadLetterInterval <= 0 {
		o.DeadLetterInterval = time.Second
	}
	if o.VisibilityWait <= 0 {
		o.VisibilityWait = 30 * time.Second
	}
	return o
}

// publishAttempts is how often a publish is tried before the message is given up.
const publishAttempts = 3

// run is the state of one load test.
type run struct {
	plan *Plan
	opts RunOptions
	env  Env
	now  func() time.Time
	rep  *Report

	start          time.Time // the first publish
	publishedCount int       // messages tried so far, for the progress bar
	msgIDs         []string  // per plan message; "" when not published
	publishAt      []time.Time
	firstPub       []time.Time    // per valid request: when its first copy was published
	invalidOf      map[string]int // message id -> invalid index
	validOf        map[string]int // message id -> valid index
	states         []RequestState // per valid request
	startTimes     []time.Time    // per valid request: its workflow's start, from visibility
	deadLetter     struct {
		sync.Mutex
		byOriginal map[string][]DeadLetter
		err        error
	}
}

// Run publishes the plan, waits until every request has settled and every
// invalid message is dead-lettered (or the timeout), checks that each valid
// request has exactly one workflow, measures the direct-start baseline and
// reports. Problems found go into the report (see Report.Problems); the error
// is only for a run that could not be made at all.
func Run(ctx context.Context, plan *Plan, opts RunOptions, env Env) (*Report, error) {
	if plan == nil || len(plan.Messages) == 0 {
		return nil, ErrEmptyPlan
	}
	if env.Publish == nil || env.Request == nil || env.DeadLetters == nil {
		return nil, errors.New("loadtest: Publish, Request and DeadLetters are required")
	}
	r := &run{plan: plan, opts: opts.withDefaults(), env: env, now: env.Now}
	if r.now == nil {
		r.now = time.Now
	}
	r.rep = newReport(plan, r.opts)
	r.deadLetter.byOriginal = map[string][]DeadLetter{}

	deadline := r.now().Add(r.opts.Timeout)
	wctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	if r.opts.StartsOnly {
		return r.startsOnly(ctx, wctx), nil
	}
	// The first copy of every valid request goes first and alone, and the
	// duplicates and invalid messages only once those have started: the
	// starter's rate then counts the same work as the direct baseline's (one
	// start per distinct valid request) and nothing else.
	bar := NewBar(r.opts.Progress, r.opts.TTY, "publishing", len(plan.Messages))
	r.msgIDs, r.publishAt = make([]string, len(plan.Messages)), make([]time.Time, len(plan.Messages))
	r.start = r.now()
	firsts, rest := plan.split()
	errs := r.publish(wctx, firsts, bar)
	r.waitStarted(wctx, r.validIndices(firsts))
	errs = append(errs, r.publish(wctx, rest, bar)...)
	r.rep.PublishDuration = Duration(r.now().Sub(r.start))
	bar.Finish(fmt.Sprintf("in %s", r.rep.PublishDuration))
	r.published(errors.Join(errs...), append(firsts, rest...))
	r.wait(wctx)
	switch {
	case ctx.Err() != nil:
		r.rep.Interrupted = true
	case wctx.Err() != nil:
		r.rep.TimedOut = true
	}
	r.collect()
	if ctx.Err() == nil {
		r.checkInvalidNeverStarted(ctx)
		r.checkWorkflows(ctx)
	}
	r.measureThroughput()
	if ctx.Err() == nil && env.StartDirect != nil {
		r.baseline(ctx)
	}
	r.rep.finish()
	return r.rep, nil
}

// startsOnly is Run for RunOptions.StartsOnly. The two sides take turns,
// direct, starter, starter, direct, each on half the requests, so that a
// drift in the server's speed over the run (its history grows, other load
// comes and goes) falls on both alike.
func (r *run) startsOnly(ctx, wctx context.Context) *Report {
	bar := NewBar(r.opts.Progress, r.opts.TTY, "publishing", len(r.plan.Valid))
	r.msgIDs, r.publishAt = make([]string, len(r.plan.Messages)), make([]time.Time, len(r.plan.Messages))
	r.states = make([]RequestState, len(r.plan.Valid))
	firsts, _ := r.plan.split()
	halves := [2][]int{firsts[:len(firsts)/2], firsts[len(firsts)/2:]}
	d := r.newDirect()
	r.start = r.now()
	r.startDirect(wctx, d, r.validIndices(halves[0]))
	var errs []error
	for _, h := range halves {
		errs = append(errs, r.publish(wctx, h, bar)...)
		r.waitStarted(wctx, r.validIndices(h))
	}
	r.startDirect(wctx, d, r.validIndices(halves[1]))
	r.rep.PublishDuration = Duration(r.now().Sub(r.start))
	bar.Finish(fmt.Sprintf("in %s", r.rep.PublishDuration))
	r.published(errors.Join(errs...), firsts)
	r.rep.Interrupted = ctx.Err() != nil
	if !r.rep.Interrupted {
		r.checkWorkflows(ctx)
	}
	// The starter's time is each half's, from its first publish to its last start.
	var window time.Duration
	n := 0
	for _, h := range halves {
		w, started := r.startWindow(h)
		window += w
		n += started
	}
	if n > 0 {
		r.rep.StartWindow, r.rep.StarterRate = Duration(window), Rate(n, window)
	}
	r.rep.LostValid = len(r.plan.Valid) - r.rep.Started
	r.endDirect(ctx, wctx, d)
	if r.env.TerminateDirect != nil {
		tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		var mu sync.Mutex
		parallel(len(r.plan.Valid), r.opts.DirectConcurrency, func(i int) {
			err := r.env.TerminateDirect(tctx, r.plan.Valid[i].Request.ID)
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				r.rep.Terminated++
			}
		})
	}
	r.rep.StartsOnly = true
	r.rep.finish()
	return r.rep
}

// validIndices is the valid request of each message at indices.
func (r *run) validIndices(indices []int) []int {
	var out []int
	for _, i := range indices {
		if v := r.plan.Messages[i].Valid; v >= 0 {
			out = append(out, v)
		}
	}
	return out
}

// startWindow is the time from the first publish of the messages at indices
// to the last start of their workflows (by visibility), and how many started.
func (r *run) startWindow(indices []int) (time.Duration, int) {
	var first, last time.Time
	n := 0
	for _, i := range indices {
		v := r.plan.Messages[i].Valid
		if t := r.publishAt[i]; !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
		if v < 0 || r.startTimes == nil || r.startTimes[v].IsZero() {
			continue
		}
		n++
		if t := r.startTimes[v]; t.After(last) {
			last = t
		}
	}
	if n == 0 {
		return 0, 0
	}
	return last.Sub(first), n
}

// publish sends the plan's messages at the indices given with Concurrency
// publishers, and returns the errors of the messages given up.
func (r *run) publish(ctx context.Context, indices []int, bar *Bar) []error {
	errs := make([]error, len(r.plan.Messages))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range r.opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r.publishAt[i] = r.now()
				data := r.plan.Data(r.plan.Messages[i])
				for attempt := 1; ; attempt++ {
					id, err := r.env.Publish(ctx, data)
					if err == nil {
						r.msgIDs[i], errs[i] = id, nil
						break
					}
					errs[i] = err
					if attempt == publishAttempts || !sleep(ctx, time.Duration(attempt)*200*time.Millisecond) {
						break
					}
				}
				mu.Lock()
				r.publishedCount++
				bar.Set(r.publishedCount, "")
				mu.Unlock()
			}
		}()
	}
	for _, i := range indices {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	var failed []error
	for _, i := range indices {
		if r.msgIDs[i] == "" && errs[i] != nil {
			failed = append(failed, errs[i])
		}
	}
	return failed
}

// published indexes what was published of the messages at indices, and
// counts what was not; errs are the errors of the messages given up.
func (r *run) published(errs error, indices []int) {
	if errs != nil {
		r.rep.FirstPublishError = strings.SplitN(errs.Error(), "\n", 2)[0]
	}
	r.invalidOf, r.validOf = map[string]int{}, map[string]int{}
	r.firstPub = make([]time.Time, len(r.plan.Valid))
	for _, i := range indices {
		m := r.plan.Messages[i]
		if r.msgIDs[i] == "" {
			r.rep.PublishErrors++
			continue
		}
		r.rep.Published++
		if m.Invalid >= 0 {
			r.invalidOf[r.msgIDs[i]] = m.Invalid
			continue
		}
		r.validOf[r.msgIDs[i]] = m.Valid
		if t := r.publishAt[i]; r.firstPub[m.Valid].IsZero() || t.Before(r.firstPub[m.Valid]) {
			r.firstPub[m.Valid] = t
		}
	}
}

// waitStarted waits until the workflow of the valid requests given is started, by
// Temporal's visibility (or, without it, by the request's row), for at most
// VisibilityWait after the last first copy was published: a request that
// never starts is reported lost later, and must not hold back the rest.
func (r *run) waitStarted(ctx context.Context, valid []int) {
	ctx, cancel := context.WithTimeout(ctx, r.opts.VisibilityWait)
	defer cancel()
	want := map[string]bool{}
	for _, i := range valid {
		want[r.plan.Valid[i].Request.ID] = true
	}
	for len(want) > 0 {
		if r.env.Workflows != nil && r.env.WorkflowID != nil {
			if runs, err := r.env.Workflows(ctx, r.start.Add(-time.Second).Truncate(time.Second)); err == nil {
				listed := map[string]bool{}
				for _, w := range runs {
					listed[w.WorkflowID] = true
				}
				for id := range want {
					if listed[r.env.WorkflowID(id)] {
						delete(want, id)
					}
				}
			}
		} else {
			for id := range want {
				if s, err := r.env.Request(ctx, id); err == nil && s.Found {
					delete(want, id)
				}
			}
		}
		if len(want) == 0 || !sleep(ctx, r.opts.PollInterval) {
			return
		}
	}
}

// wait polls until every valid request has settled and every invalid message
// has its dead letter, or ctx ends.
func (r *run) wait(ctx context.Context) {
	r.states = make([]RequestState, len(r.plan.Valid))
	total := len(r.plan.Valid) + len(r.plan.Invalid)
	bar := NewBar(r.opts.Progress, r.opts.TTY, "waiting   ", total)

	dctx, stopDeadLetters := context.WithCancel(ctx)
	defer stopDeadLetters()
	go r.watchDeadLetters(dctx)

	tick := time.NewTicker(r.opts.PollInterval)
	defer tick.Stop()
	for {
		r.pollRequests(ctx)
		settled, started := 0, 0
		for _, s := range r.states {
			if s.Found {
				started++
			}
			if !s.SettledAt.IsZero() {
				settled++
			}
		}
		dead := r.deadLettersFound()
		bar.Set(settled+dead, fmt.Sprintf("started %d/%d  settled %d/%d  dead-lettered %d/%d",
			started, len(r.states), settled, len(r.states), dead, len(r.plan.Invalid)))
		if settled == len(r.states) && dead == len(r.plan.Invalid) {
			bar.Finish("")
			return
		}
		select {
		case <-ctx.Done():
			bar.Finish("stopped waiting: " + context.Cause(ctx).Error())
			return
		case <-tick.C:
		}
	}
}

// pollRequests reads the state of every valid request not settled yet.
func (r *run) pollRequests(ctx context.Context) {
	for i, v := range r.plan.Valid {
		if !r.states[i].SettledAt.IsZero() {
			continue
		}
		s, err := r.env.Request(ctx, v.Request.ID)
		if err != nil {
			if ctx.Err() == nil {
				r.rep.PollErrors++
				r.rep.LastPollError = err.Error()
			}
			continue
		}
		r.states[i] = s
	}
}

// watchDeadLetters looks at the dead letters until ctx ends.
func (r *run) watchDeadLetters(ctx context.Context) {
	for {
		dls, err := r.env.DeadLetters(ctx)
		r.deadLetter.Lock()
		if err != nil {
			if ctx.Err() == nil {
				r.deadLetter.err = err
			}
		} else {
			// Every look sees them all again; keep one entry per dead letter.
			for _, d := range dls {
				seen := r.deadLetter.byOriginal[d.OriginalMessageID]
				if !slices.ContainsFunc(seen, func(s DeadLetter) bool { return s.ID == d.ID }) {
					r.deadLetter.byOriginal[d.OriginalMessageID] = append(seen, d)
				}
			}
		}
		r.deadLetter.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.opts.DeadLetterInterval):
		}
	}
}

// deadLettersFound counts the invalid messages whose dead letter was seen.
func (r *run) deadLettersFound() int {
	r.deadLetter.Lock()
	defer r.deadLetter.Unlock()
	n := 0
	for id := range r.invalidOf {
		if len(r.deadLetter.byOriginal[id]) > 0 {
			n++
		}
	}
	return n
}

// collect turns what was seen into the report's counts and latencies.
func (r *run) collect() {
	rep := r.rep
	var latencies []time.Duration
	for i, s := range r.states {
		v := r.plan.Valid[i]
		if s.Found {
			rep.StartedInDatabase++
		}
		if s.SettledAt.IsZero() {
			rep.LostValid++
			rep.NotSettled = append(rep.NotSettled, Unsettled{RequestID: v.Request.ID, Status: s.Status, Kind: v.Kind})
			continue
		}
		rep.Statuses[s.Status]++
		if s.Status != v.Kind.Expected() {
			rep.UnexpectedOutcomes = append(rep.UnexpectedOutcomes, Outcome{RequestID: v.Request.ID, Kind: v.Kind, Status: s.Status})
		}
		if !r.firstPub[i].IsZero() {
			latencies = append(latencies, s.SettledAt.Sub(r.firstPub[i]))
		}
	}
	rep.Latency = Summarize(latencies)

	r.deadLetter.Lock()
	defer r.deadLetter.Unlock()
	if r.deadLetter.err != nil {
		rep.DeadLetterError = r.deadLetter.err.Error()
	}
	for i, m := range r.plan.Messages {
		id := r.msgIDs[i]
		dls := r.deadLetter.byOriginal[id]
		if id == "" {
			if m.Invalid >= 0 {
				rep.LostInvalid++ // never published, so never dead-lettered
			}
			continue
		}
		if m.Valid >= 0 {
			if len(dls) > 0 {
				rep.ValidDeadLettered = append(rep.ValidDeadLettered, id)
			}
			continue
		}
		inv := r.plan.Invalid[m.Invalid]
		if len(dls) == 0 {
			rep.LostInvalid++
			rep.NotDeadLettered = append(rep.NotDeadLettered, InvalidOutcome{MessageID: id, Case: inv.Case, Want: inv.Reason})
			continue
		}
		rep.DeadLettered++
		rep.ExtraDeadLetters += len(dls) - 1
		got := dls[0].Reason
		rep.DeadLettersByReason[got]++
		for _, d := range dls {
			if d.Reason != inv.Reason {
				rep.WrongReason = append(rep.WrongReason, InvalidOutcome{MessageID: id, Case: inv.Case, Want: inv.Reason, Got: d.Reason})
				break
			}
		}
	}
}

// checkInvalidNeverStarted makes sure no invalid message that carried a valid
// request id made a row (and so a workflow that validated it).
func (r *run) checkInvalidNeverStarted(ctx context.Context) {
	for _, inv := range r.plan.Invalid {
		if inv.RequestID == "" {
			continue
		}
		s, err := r.env.Request(ctx, inv.RequestID)
		if err != nil {
			r.rep.PollErrors++
			r.rep.LastPollError = err.Error()
			continue
		}
		if s.Found {
			r.rep.InvalidStarted = append(r.rep.InvalidStarted, inv.RequestID)
		}
	}
}

// checkWorkflows counts the runs of each request's workflow in Temporal's
// visibility, waiting a little for it to catch up with what the database shows.
func (r *run) checkWorkflows(ctx context.Context) {
	rep := r.rep
	if r.env.Workflows == nil || r.env.WorkflowID == nil {
		return
	}
	since := r.start.Add(-time.Second).Truncate(time.Second)
	rep.VisibilitySince = since
	ours := map[string]int{} // workflow id -> valid index
	for i, v := range r.plan.Valid {
		ours[r.env.WorkflowID(v.Request.ID)] = i
	}
	invalid := map[string]bool{}
	for _, inv := range r.plan.Invalid {
		if inv.RequestID != "" {
			invalid[r.env.WorkflowID(inv.RequestID)] = true
		}
	}

	until := r.now().Add(r.opts.VisibilityWait)
	var runs []WorkflowRun
	for {
		var err error
		runs, err = r.env.Workflows(ctx, since)
		if err != nil {
			rep.VisibilityError = err.Error()
		} else {
			rep.VisibilityError = ""
			listed := map[string]bool{}
			for _, w := range runs {
				listed[w.WorkflowID] = true
			}
			missing := 0
			for i, v := range r.plan.Valid {
				if r.states[i].Found && !listed[r.env.WorkflowID(v.Request.ID)] {
					missing++
				}
			}
			if missing == 0 {
				break
			}
		}
		if r.now().After(until) || ctx.Err() != nil {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
	if rep.VisibilityError != "" {
		return
	}
	rep.VisibilityChecked = true
	r.startTimes = make([]time.Time, len(r.plan.Valid))
	perID := map[string]map[string]bool{}
	for _, w := range runs {
		i, ok := ours[w.WorkflowID]
		if !ok {
			if invalid[w.WorkflowID] {
				rep.InvalidStarted = append(rep.InvalidStarted, w.WorkflowID)
			} else {
				rep.OtherWorkflows++
			}
			continue
		}
		if perID[w.WorkflowID] == nil {
			perID[w.WorkflowID] = map[string]bool{}
		}
		perID[w.WorkflowID][w.RunID] = true
		if t := r.startTimes[i]; t.IsZero() || w.StartTime.Before(t) {
			r.startTimes[i] = w.StartTime
		}
	}
	rep.Started = len(perID)
	for i, v := range r.plan.Valid {
		id := r.env.WorkflowID(v.Request.ID)
		switch n := len(perID[id]); {
		case n > 1:
			rep.DuplicateRuns = append(rep.DuplicateRuns, Duplicate{WorkflowID: id, Runs: n})
		case n == 0 && r.states[i].Found:
			rep.MissingInVisibility = append(rep.MissingInVisibility, id)
		}
	}
	slices.SortFunc(rep.DuplicateRuns, func(a, b Duplicate) int { return b.Runs - a.Runs })
}

// measureThroughput is the starter's rate: valid requests started per second
// from the first publish to the start of the last one, by Temporal's start time
// when visibility was read, else by the request's first history entry.
func (r *run) measureThroughput() {
	var last time.Time
	n := 0
	for i := range r.plan.Valid {
		t := time.Time{}
		if r.startTimes != nil && !r.startTimes[i].IsZero() {
			t = r.startTimes[i]
		} else if r.states[i].Found {
			t = r.states[i].CreatedAt
			r.rep.ThroughputFromDatabase = true
		}
		if t.IsZero() {
			continue
		}
		n++
		if t.After(last) {
			last = t
		}
	}
	if n == 0 {
		return
	}
	r.rep.StartWindow = Duration(last.Sub(r.start))
	r.rep.StarterRate = Rate(n, last.Sub(r.start))
}

// baseline starts the lessons of copies of the valid requests, under fresh
// ids, straight through the Temporal client, with DirectConcurrency calls in
// flight, and times it. Its rate compares like with like with the starter's:
//   - the same requests: one start per distinct valid request (the starter's
//     rate counts those alone, and its duplicates and invalid messages came
//     after them);
//   - the same concurrency: as many starts in flight as the starter holds
//     messages;
//   - the same worker load: both measure starts while the workers run the
//     lessons started, from idle workers on. The run has waited for its own
//     lessons to settle, and the copies go to the queue the workers poll,
//     so each start competes with the lessons before it for the same cores,
//     as the starter's did.
//
// The copies are then waited for like the run's own requests; any not
// settled within the run's timeout are terminated.
func (r *run) baseline(ctx context.Context) {
	d := r.newDirect()
	sctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	all := make([]int, len(r.plan.Valid))
	for i := range all {
		all[i] = i
	}
	r.startDirect(sctx, d, all)
	r.endDirect(ctx, sctx, d)
}

// direct is a baseline under way: copies of the valid requests under fresh
// ids, and what starting them took.
type direct struct {
	reqs    []vividly.Request
	ok      []bool // started
	errs    []error
	b       Baseline
	elapsed time.Duration // the calls' own time, when visibility cannot tell
	batches []batch
}

// batch is one turn of direct starts: when its first call went out, and the
// valid requests whose copies it started.
type batch struct {
	t0    time.Time
	valid []int
}

func (r *run) newDirect() *direct {
	newID := r.env.NewID
	if newID == nil {
		newID = uuid.NewString
	}
	d := &direct{reqs: make([]vividly.Request, len(r.plan.Valid)), ok: make([]bool, len(r.plan.Valid)),
		b: Baseline{Measured: true, Requested: len(r.plan.Valid), Concurrency: r.opts.DirectConcurrency}}
	for i, v := range r.plan.Valid {
		d.reqs[i] = v.Request
		d.reqs[i].ID = newID()
	}
	return d
}

// startDirect starts the copies of the valid requests given, with
// DirectConcurrency in flight, and adds the time it took to d.
func (r *run) startDirect(ctx context.Context, d *direct, valid []int) {
	if r.env.StartDirect == nil || ctx.Err() != nil {
		return
	}
	var mu sync.Mutex
	t0 := r.now()
	parallel(len(valid), r.opts.DirectConcurrency, func(k int) {
		i := valid[k]
		err := r.env.StartDirect(ctx, d.reqs[i])
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			d.errs = append(d.errs, err)
			return
		}
		d.ok[i] = true
		d.b.Started++
	})
	d.elapsed += r.now().Sub(t0)
	d.batches = append(d.batches, batch{t0: t0, valid: valid})
}

// directWindow is the direct starts' time measured as the starter's is: from
// a batch's first call to the last start Temporal recorded, summed over the
// batches. Both sides then end at the server's start time, not at the reply
// that follows it (which under load takes a while). False when visibility
// does not list every start in time.
func (r *run) directWindow(ctx context.Context, d *direct) (time.Duration, bool) {
	if r.env.Workflows == nil || r.env.WorkflowID == nil {
		return 0, false
	}
	ctx, cancel := context.WithTimeout(ctx, r.opts.VisibilityWait)
	defer cancel()
	for {
		starts := map[string]time.Time{}
		if runs, err := r.env.Workflows(ctx, r.start.Add(-time.Second).Truncate(time.Second)); err == nil {
			for _, w := range runs {
				starts[w.WorkflowID] = w.StartTime
			}
		}
		var total time.Duration
		complete := true
		for _, bt := range d.batches {
			var last time.Time
			for _, i := range bt.valid {
				if !d.ok[i] {
					continue
				}
				t, listed := starts[r.env.WorkflowID(d.reqs[i].ID)]
				complete = complete && listed
				if t.After(last) {
					last = t
				}
			}
			if !last.IsZero() {
				total += last.Sub(bt.t0)
			}
		}
		if complete {
			return total, true
		}
		if !sleep(ctx, r.opts.PollInterval) {
			return 0, false
		}
	}
}

// endDirect waits, within wctx, for the copies started to settle (not when
// only the starts are measured), terminates the others and reports.
func (r *run) endDirect(ctx, wctx context.Context, d *direct) {
	if r.env.StartDirect == nil || d.b.Started+len(d.errs) == 0 {
		return
	}
	b := &d.b
	elapsed, byServer := r.directWindow(ctx, d)
	if !byServer {
		elapsed = d.elapsed
	}
	b.ByServerTime = byServer
	b.Duration, b.Rate, b.Errors = Duration(elapsed), Rate(b.Started, elapsed), len(d.errs)
	defer func() { r.rep.Baseline = *b }()
	settled := make([]bool, len(d.reqs))
	for !r.opts.StartsOnly && wctx.Err() == nil && b.Settled < b.Started {
		for i := range d.reqs {
			if !d.ok[i] || settled[i] {
				continue
			}
			if s, err := r.env.Request(wctx, d.reqs[i].ID); err == nil && !s.SettledAt.IsZero() {
				settled[i] = true
				b.Settled++
			}
		}
		if b.Settled < b.Started {
			sleep(wctx, r.opts.PollInterval)
		}
	}
	if r.env.TerminateDirect != nil && b.Settled < b.Started {
		// Terminate even when interrupted: the baseline must not outlive the run.
		tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		var mu sync.Mutex
		parallel(len(d.reqs), r.opts.DirectConcurrency, func(i int) {
			if !d.ok[i] || settled[i] {
				return
			}
			err := r.env.TerminateDirect(tctx, d.reqs[i].ID)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				b.TerminateErrors++
				d.errs = append(d.errs, err)
				return
			}
			b.Terminated++
		})
	}
	if len(d.errs) > 0 {
		b.FirstError = d.errs[0].Error()
	}
}

// parallel calls f(0..n-1) with c goroutines.
func parallel(n, c int, f func(i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(c, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f(i)
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// sleep waits for d, or less if ctx ends first; it reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
