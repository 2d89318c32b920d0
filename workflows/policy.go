package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// stagePolicy is how one stage's activity runs. Infrastructure faults (a
// worker lost, a database or service briefly down) are ridden out inside a
// time budget with as many attempts as fit; only errors the activities type
// as permanent stop the stage at once. A lost worker is noticed by its
// missing heartbeats, long before an attempt's own timeout.
type stagePolicy struct {
	startToClose time.Duration // one attempt
	heartbeat    time.Duration // 0: the activity is short and does not heartbeat
	budget       time.Duration // all attempts together (schedule-to-close)
	// queue is the task queue of one worker (see media.go); empty for the
	// shared TaskQueue.
	queue string
}

// stageHeartbeat is the heartbeat timeout of the stages that heartbeat
// (activities record one every two seconds), rendering aside, which is
// configurable.
const stageHeartbeat = 20 * time.Second

// The stages' policies. Budgets are generous against outages — a database
// restart, a region's hiccup — and short against a request a student waits for.
var (
	validatePolicy   = stagePolicy{startToClose: 10 * time.Second, budget: 15 * time.Minute}
	understandPolicy = stagePolicy{startToClose: 90 * time.Second, heartbeat: stageHeartbeat, budget: 15 * time.Minute}
	retrievePolicy   = stagePolicy{startToClose: 30 * time.Second, budget: 15 * time.Minute}
	scriptPolicy     = stagePolicy{startToClose: 2 * time.Minute, heartbeat: stageHeartbeat, budget: 20 * time.Minute}
	narratePolicy    = stagePolicy{startToClose: 5 * time.Minute, heartbeat: stageHeartbeat, budget: 30 * time.Minute}
	renderPolicy     = stagePolicy{startToClose: 20 * time.Minute, budget: time.Hour} // heartbeat from Options
	uploadPolicy     = stagePolicy{startToClose: 5 * time.Minute, heartbeat: stageHeartbeat, budget: 30 * time.Minute}
	notifyPolicy     = stagePolicy{startToClose: 30 * time.Second, budget: 15 * time.Minute}

	hostPolicy = stagePolicy{startToClose: 10 * time.Second, budget: 15 * time.Minute}
)

// hostStartWithin is how long a stage may wait on one worker's queue before
// that worker is taken for lost. A live worker polls its queue all the time
// (renders wait for a slot inside the activity, not in the queue), so a
// task still waiting after this has no one left to run it.
const hostStartWithin = 20 * time.Second

// options applies the policy to ctx for the next activity.
func (p stagePolicy) options(ctx workflow.Context) workflow.Context {
	o := workflow.ActivityOptions{
		StartToCloseTimeout:    p.startToClose,
		HeartbeatTimeout:       p.heartbeat,
		ScheduleToCloseTimeout: p.budget,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    p.maxBackoff(),
			MaximumAttempts:    0, // unlimited: the budget bounds them
		},
	}
	if p.queue != "" {
		// On one worker's queue, a missed heartbeat means that worker is
		// gone, and so are the files the stages hand each other: retrying
		// there cannot help, and the workflow starts the media over on
		// another worker (media.go). Other errors retry on the same worker.
		o.TaskQueue = p.queue
		o.ScheduleToStartTimeout = hostStartWithin
		o.RetryPolicy.NonRetryableErrorTypes = []string{heartbeatTimeoutType}
	}
	return workflow.WithActivityOptions(ctx, o)
}

// heartbeatTimeoutType names a heartbeat timeout in a retry policy's
// non-retryable error types, as the Temporal server matches it.
const heartbeatTimeoutType = "TemporalTimeout:Heartbeat"

// on is the policy on one worker's task queue.
func (p stagePolicy) on(queue string) stagePolicy {
	p.queue = queue
	return p
}

// maxBackoff caps the pause between attempts. A stage that heartbeats
// mostly fails by losing its worker, and is noticed a heartbeat timeout
// later; pausing at most half that again keeps a lesson still for less than
// twice its heartbeat timeout after a crash, however many crashes came before.
func (p stagePolicy) maxBackoff() time.Duration {
	if p.heartbeat > 0 {
		return max(time.Second, min(30*time.Second, p.heartbeat/2))
	}
	return 30 * time.Second
}

// withHeartbeat is the policy with another heartbeat timeout.
func (p stagePolicy) withHeartbeat(d time.Duration) stagePolicy {
	p.heartbeat = d
	return p
}

// local is the policy for a local activity: the stage runs inside the
// workflow task, on the worker that runs the workflow, with the same
// attempt timeout, budget and backoff. Only stages the worker says run
// in-process in milliseconds are run this way (see content.exec).
func (p stagePolicy) local(ctx workflow.Context) workflow.Context {
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    p.startToClose,
		ScheduleToCloseTimeout: p.budget,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    p.maxBackoff(),
		},
	})
}
