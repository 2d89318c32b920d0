package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	ps "cloud.google.com/go/pubsub/v2"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/loadtest"
	"github.com/vividly-edu/vividly/pubsub"
	"github.com/vividly-edu/vividly/starter"
	"github.com/vividly-edu/vividly/workflows"
	"go.temporal.io/api/workflowservice/v1"
	"golang.org/x/term"
)

// maxDeadLetterPeek bounds one look at the dead letters, on top of the run's own.
const maxDeadLetterPeek = 10000

func newLoadtestCmd(cfg *config) *cobra.Command {
	var (
		pf           pubsubFlags
		n, c, dups   int
		modality     string
		invalidRatio float64
		timeout      time.Duration
		seed         uint64
		jsonOut      bool
		direct       int
		startsOnly   bool
	)
	cmd := &cobra.Command{
		Use:   "loadtest",
		Short: "Publish a mix of requests through Pub/Sub and check each becomes one workflow or one dead letter",
		Long: `Publishes -n distinct requests to the requests topic with -c concurrent publishers:
round(n × --invalid-ratio) of them invalid messages (not JSON, bad UUIDs, missing or
over-long question, grade 14, unknown modality, wrong types, …, each with the reason
the starter must give), the rest valid requests — mostly clear school topics, a few
vague ones (they stop at clarification_needed) and a few out of scope. Each valid
request is published --duplicates more times, shuffled among the others.

It then waits (progress on stderr) until every valid request is terminal or
clarification_needed in PostgreSQL and every invalid message is in the dead-letter
subscription, or --timeout; checks in Temporal's visibility that each valid request
has exactly one workflow run; then, to compare rates, starts the same lessons under
fresh ids directly through the Temporal client and waits for the workers to run them;
and reports both rates and their ratio. The two rates count the same work: the first
copy of each valid request is published alone, and the duplicates and invalid
messages only once those have started; the direct starts run with
--starter-concurrency in flight (set it to the starter's --max-outstanding), and
both while the workers run the lessons being started. --starts-only measures the
rates alone, with no worker running, and terminates what it started. It exits 1 when anything is lost, failed, started twice, dead-lettered with
the wrong reason, or otherwise wrong.

Needs a running system: 'vividly dev' (or a server, a worker and a starter).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("seed") {
				seed = uint64(time.Now().UnixNano())
			}
			runID := "lt-" + time.Now().UTC().Format("20060102-150405") + "-" + uuid.NewString()[:4]
			plan, err := loadtest.NewPlan(loadtest.PlanOptions{
				N: n, InvalidRatio: invalidRatio, Duplicates: dups,
				Modality: vividly.Modality(strings.ToLower(modality)), Seed: seed, CorrelationID: runID,
			})
			if err != nil {
				return err
			}
			if c < 1 {
				return fmt.Errorf("-c %d: want at least one publisher", c)
			}
			if direct < 1 || direct > maxOutstandingLimit {
				return fmt.Errorf("--starter-concurrency %d: want 1 to %d", direct, maxOutstandingLimit)
			}
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			psc, err := pf.connect(ctx)
			if err != nil {
				return err
			}
			defer psc.Close()
			pub := psc.Publisher(pf.names.RequestsTopic)
			defer pub.Stop()

			env := a.loadtestEnv(psc, pub, pf, plan)
			a.log.Info("load test starting", "run_id", runID, "requests", n, "messages", len(plan.Messages),
				"invalid", len(plan.Invalid), "concurrency", c)
			stderr := cmd.ErrOrStderr()
			rep, err := loadtest.Run(ctx, plan, loadtest.RunOptions{
				Concurrency: c, DirectConcurrency: direct, Timeout: timeout, StartsOnly: startsOnly, Progress: stderr, TTY: isTerminal(stderr), RunID: runID,
			}, env)
			if err != nil {
				return err
			}
			if jsonOut {
				err = rep.WriteJSON(cmd.OutOrStdout())
			} else {
				err = rep.WriteText(cmd.OutOrStdout())
			}
			if err != nil {
				return err
			}
			if !rep.Pass {
				return exitCode(1)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVarP(&n, "requests", "n", 100, "distinct requests to publish (valid and invalid)")
	f.IntVarP(&c, "concurrency", "c", 10, "concurrent publishers")
	f.IntVar(&direct, "starter-concurrency", envInt("VIVIDLY_STARTER_MAX_OUTSTANDING", starter.DefaultMaxOutstandingMessages), "direct starts in flight for the baseline: the starter's --max-outstanding [VIVIDLY_STARTER_MAX_OUTSTANDING]")
	f.StringVar(&modality, "modality", "text", "modality of the valid requests: text or video (video renders every lesson: slow)")
	f.Float64Var(&invalidRatio, "invalid-ratio", 0.1, "share of the requests that break the message contract, 0 to 1")
	f.IntVar(&dups, "duplicates", 1, "extra copies of each valid request (1+k in all), to show a re-publish starts nothing twice")
	f.DurationVar(&timeout, "timeout", 10*time.Minute, "how long to publish and wait before counting what has not settled as lost")
	f.Uint64Var(&seed, "seed", 0, "seed of the mix (questions, cases, order), to repeat a run (default: from the clock; printed)")
	f.BoolVar(&jsonOut, "json", false, "print the report as JSON")
	f.BoolVar(&startsOnly, "starts-only", false, "measure the two start rates alone, before any worker runs a lesson: publish the valid requests once each and start their copies directly, taking turns on halves, then terminate every lesson started (run it with no worker polling)")
	pf.bind(f)
	return cmd
}

// loadtestEnv wires a load test to Pub/Sub, PostgreSQL and Temporal.
func (a *app) loadtestEnv(psc *ps.Client, pub *ps.Publisher, pf pubsubFlags, plan *loadtest.Plan) loadtest.Env {
	peekMax := maxDeadLetterPeek + len(plan.Invalid)
	return loadtest.Env{
		Publish: func(ctx context.Context, data []byte) (string, error) {
			return pub.Publish(ctx, &ps.Message{Data: data}).Get(ctx)
		},
		Request: a.requestState,
		DeadLetters: func(ctx context.Context) ([]loadtest.DeadLetter, error) {
			held, err := pubsub.Peek(ctx, psc, pf.names.DeadLetterSubscription, peekMax)
			if err != nil {
				return nil, err
			}
			out := make([]loadtest.DeadLetter, len(held))
			for i, h := range held {
				out[i] = loadtest.DeadLetter{ID: h.ID, OriginalMessageID: h.Attributes[starter.AttrOriginalMessageID],
					Reason: starter.Reason(h.Attributes[starter.AttrReason])}
			}
			return out, nil
		},
		Workflows:  a.contentRunsSince,
		WorkflowID: workflows.WorkflowID,
		// The same call the starter makes, so the baseline differs from the
		// starter by Pub/Sub alone.
		StartDirect: a.startLesson,
		TerminateDirect: func(ctx context.Context, id string) error {
			return a.temporal.TerminateWorkflow(ctx, workflows.WorkflowID(id), "", "load test baseline: did not settle in time")
		},
	}
}

// requestState reads where a request is from PostgreSQL.
func (a *app) requestState(ctx context.Context, id string) (loadtest.RequestState, error) {
	rec, err := a.db.GetRequest(ctx, id)
	if errors.Is(err, vividly.ErrNotFound) {
		return loadtest.RequestState{}, nil
	}
	if err != nil {
		return loadtest.RequestState{}, err
	}
	s := loadtest.RequestState{Found: true, Status: rec.Status, CreatedAt: rec.CreatedAt}
	if !loadtest.Settled(rec.Status) {
		return s, nil
	}
	hist, err := a.db.History(ctx, id)
	if err != nil {
		return loadtest.RequestState{}, err
	}
	if len(hist) > 0 {
		s.CreatedAt = hist[0].At
	}
	for _, h := range hist {
		if loadtest.Settled(h.Status) {
			s.SettledAt = h.At
			break
		}
	}
	if s.SettledAt.IsZero() { // settled by a write whose history entry is not visible yet
		s.SettledAt = rec.UpdatedAt
	}
	return s, nil
}

// contentRunsSince lists every ContentWorkflow run started at or after since.
func (a *app) contentRunsSince(ctx context.Context, since time.Time) ([]loadtest.WorkflowRun, error) {
	query := fmt.Sprintf("WorkflowType = '%s' AND StartTime >= '%s'", workflows.WorkflowType, since.UTC().Format(time.RFC3339))
	var runs []loadtest.WorkflowRun
	var token []byte
	for {
		resp, err := a.temporal.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: a.cfg.Namespace, Query: query, PageSize: 1000, NextPageToken: token,
		})
		if err != nil {
			return nil, fmt.Errorf("list workflows (%s): %w", query, err)
		}
		for _, e := range resp.GetExecutions() {
			runs = append(runs, loadtest.WorkflowRun{
				WorkflowID: e.GetExecution().GetWorkflowId(), RunID: e.GetExecution().GetRunId(),
				StartTime: e.GetStartTime().AsTime(),
			})
		}
		if token = resp.GetNextPageToken(); len(token) == 0 {
			return runs, nil
		}
	}
}

// isTerminal reports whether w is a terminal, where a progress bar can redraw in place.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
