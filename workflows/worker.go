package workflows

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/vividly-edu/vividly/activities"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// WorkerOptions tune a Worker; zero values take the defaults.
type WorkerOptions struct {
	// StopTimeout is how long a stopping worker lets activities in flight
	// finish before their contexts are cancelled.
	StopTimeout time.Duration
	// Forgetter, when set, lets this worker run RetentionWorkflow.
	Forgetter *Forgetter
}

// Worker runs lessons: ContentWorkflow and every stage on TaskQueue, and
// the media stages of the lessons it took on a queue of its own (see media.go).
type Worker struct {
	shared, own worker.Worker
	queue       string
	fatal       chan error
}

// NewWorker makes a worker for the stages in acts.
func NewWorker(c client.Client, acts *activities.Activities, o WorkerOptions) *Worker {
	queue := ownQueue()
	fatal := make(chan error, 2)
	opts := worker.Options{
		OnFatalError: func(err error) {
			select {
			case fatal <- err:
			default:
			}
		},
		WorkerStopTimeout: o.StopTimeout,
		// More pollers than the default 2: most tasks are short (status writes,
		// offline AI), so latency under load is spent waiting for a poll.
		MaxConcurrentWorkflowTaskPollers: WorkflowTaskPollers,
		MaxConcurrentActivityTaskPollers: 8,
	}
	shared := worker.New(c, TaskQueue, opts)
	shared.RegisterWorkflowWithOptions(ContentWorkflow, workflow.RegisterOptions{Name: WorkflowType})
	shared.RegisterActivity(acts)
	shared.RegisterActivity(&hostActivities{queue: queue})
	if o.Forgetter != nil {
		shared.RegisterWorkflowWithOptions(RetentionWorkflow, workflow.RegisterOptions{Name: RetentionWorkflowType})
		shared.RegisterActivity(o.Forgetter)
	}

	ownOpts := opts
	ownOpts.DisableWorkflowWorker = true
	ownOpts.MaxConcurrentActivityTaskPollers = 2
	own := worker.New(c, queue, ownOpts)
	own.RegisterActivity(acts)
	return &Worker{shared: shared, own: own, queue: queue, fatal: fatal}
}

// WorkflowTaskPollers is how many workflow task polls a worker keeps open.
// A text lesson is one workflow task of about 60 ms under load, and a poll
// that returns one waits for the server to record it started: with 300
// lessons at once on the dev server, 8 pollers took 34 lessons a second
// and 16 took 45, with tasks waiting 2.5 s on average for a poll at 8.
const WorkflowTaskPollers = 16

// Queue is the task queue only this worker polls.
func (w *Worker) Queue() string { return w.queue }

// Start starts polling both queues.
func (w *Worker) Start() error {
	if err := w.own.Start(); err != nil {
		return fmt.Errorf("start the worker on its own queue: %w", err)
	}
	if err := w.shared.Start(); err != nil {
		w.own.Stop()
		return fmt.Errorf("start the worker: %w", err)
	}
	return nil
}

// Run starts the worker and runs it until interrupt delivers or the
// worker fails for good (the namespace was deleted, say); then it stops it.
func (w *Worker) Run(interrupt <-chan any) error {
	if err := w.Start(); err != nil {
		return err
	}
	defer w.Stop()
	select {
	case <-interrupt:
		return nil
	case err := <-w.fatal:
		return fmt.Errorf("worker stopped: %w", err)
	}
}

// Stop stops taking new work and waits, up to the stop timeout, for the
// activities in flight.
func (w *Worker) Stop() {
	w.shared.Stop()
	w.own.Stop()
}

// ownQueue names a worker's own queue: after the host, for people reading
// the Web UI, and unique, so a restarted worker never takes over the queue
// (and the lost files) of the one it replaced.
func ownQueue() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		h = "worker"
	}
	h = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, h)
	return fmt.Sprintf("%s-%s-%s", TaskQueue, h, uuid.NewString()[:8])
}
