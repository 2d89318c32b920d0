package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

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
	// StartDirect starts the i-th baseline workflow straight through the
	// Temporal client, where no worker runs it; TerminateDirect ends it. Nil
	// StartDirect skips the baseline.
	StartDirect     func(ctx context.Context, i int) error
	TerminateDirect func(ctx context.Context, i int) error
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// RunOptions tune a Run.
type RunOptions struct {
	// Concurrency is how many publishers (and baseline starters) run at once.
	Concurrency int
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
}

func (o RunOptions) withDefaults() RunOptions {
	if o.Concurrency < 1 {
		o.Concurrency = 1
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

	start      time.Time // the first publish
	msgIDs     []string  // per plan message; "" when not published
	publishAt  []time.Time
	firstPub   []time.Time    // per valid request: when its first copy was published
	invalidOf  map[string]int // message id -> invalid index
	validOf    map[string]int // message id -> valid index
	states     []RequestState // per valid request
	startTimes []time.Time    // per valid request: its workflow's start, from visibility
	deadLetter struct {
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
	r.publish(wctx)
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
		r.rep.Baseline = baseline(ctx, len(plan.Valid), r.opts.Concurrency, env.StartDirect, env.TerminateDirect, r.now, r.opts.Timeout)
		r.rep.Baseline.Measured = true
	}
	r.rep.finish()
	return r.rep, nil
}

// publish sends every message with Concurrency publishers.
func (r *run) publish(ctx context.Context) {
	n := len(r.plan.Messages)
	r.msgIDs = make([]string, n)
	r.publishAt = make([]time.Time, n)
	errs := make([]error, n)
	bar := NewBar(r.opts.Progress, r.opts.TTY, "publishing", n)

	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	r.start = r.now()
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
				done++
				bar.Set(done, "")
				mu.Unlock()
			}
		}()
	}
	for i := range n {
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
	r.rep.PublishDuration = Duration(r.now().Sub(r.start))
	bar.Finish(fmt.Sprintf("in %s", r.rep.PublishDuration))

	r.invalidOf, r.validOf = map[string]int{}, map[string]int{}
	r.firstPub = make([]time.Time, len(r.plan.Valid))
	for i, m := range r.plan.Messages {
		if r.msgIDs[i] == "" {
			r.rep.PublishErrors++
			if errs[i] != nil && r.rep.FirstPublishError == "" {
				r.rep.FirstPublishError = errs[i].Error()
			}
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

// baseline starts n workflows directly through Temporal with c goroutines,
// times it, then terminates every one it started.
func baseline(ctx context.Context, n, c int, start, terminate func(context.Context, int) error, now func() time.Time, bound time.Duration) Baseline {
	b := Baseline{Requested: n}
	if n == 0 {
		return b
	}
	ok := make([]bool, n)
	var mu sync.Mutex
	each := func(ctx context.Context, f func(context.Context, int) error, only []bool) (errs int, first string) {
		jobs := make(chan int)
		var wg sync.WaitGroup
		for range min(c, n) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					err := f(ctx, i)
					mu.Lock()
					if err != nil {
						errs++
						if first == "" {
							first = err.Error()
						}
					} else if only == nil {
						ok[i] = true
					}
					mu.Unlock()
				}
			}()
		}
		for i := range n {
			if only != nil && !only[i] {
				continue
			}
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		return errs, first
	}

	sctx, cancel := context.WithTimeout(ctx, bound)
	t0 := now()
	b.Errors, b.FirstError = each(sctx, start, nil)
	elapsed := now().Sub(t0)
	b.Duration = Duration(elapsed)
	cancel()
	for _, s := range ok {
		if s {
			b.Started++
		}
	}
	b.Rate = Rate(b.Started, elapsed)

	if terminate != nil {
		// Terminate even when interrupted: the baseline must not outlive the run.
		tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		errs, first := each(tctx, terminate, ok)
		b.Terminated = b.Started - errs
		b.TerminateErrors = errs
		if b.FirstError == "" {
			b.FirstError = first
		}
	}
	return b
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
