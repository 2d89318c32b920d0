package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
	"go.temporal.io/api/serviceerror"
)

// pollEvery is how often a follower reads the request's status. Its end is
// known at once (runEnded); the polls show the stages on the way, each with
// the time it was reached, and a class's followers all poll at once (twelve
// at 200 ms took a tenth of a core with PostgreSQL).
const pollEvery = 500 * time.Millisecond

// checkRunEvery is how often a follower that sees no row, or a row that
// disagrees with Temporal (ended while a new run goes on, or still under way
// when Temporal says the run is over), asks Temporal how the lesson stands.
const checkRunEvery = 2 * time.Second

// startGrace is how long a follower waits for a workflow that does not exist
// yet (a message still on its way through Pub/Sub) before giving up.
const startGrace = time.Minute

// follow prints each status the request reaches, from its history so that no
// stage is missed however fast it passes, until a terminal one, and returns it.
// onStatus, when set, is called on every change.
//
// The database is the lesson's record for people, but not its truth: a lesson
// that ended before its row existed (the database was down), or a row still
// showing an earlier run's failure while a new run goes on, is settled by
// asking Temporal, so following always ends with the lesson's own outcome.
// A request with no workflow at all ends the wait after startGrace.
func (a *app) follow(ctx context.Context, id string, w io.Writer, onStatus func(view)) (view, error) {
	printed := -1 // the last history seq printed
	var first time.Time
	started := time.Now()
	warned := false
	var checked time.Time
	var seen time.Time // the row's last change whose history was read
	// settle asks Temporal how the lesson stands, at most every checkRunEvery:
	// ended (with its outcome), running, or missing past the grace period.
	settle := func() (view, bool, error) {
		if time.Since(checked) < checkRunEvery {
			return view{}, false, nil
		}
		checked = time.Now()
		rs, err := a.latestRun(ctx, id)
		if errors.Is(err, errNoWorkflow) && time.Since(started) < startGrace {
			return view{}, false, nil
		}
		if err != nil || rs.Running {
			return view{}, false, err
		}
		return a.runOutcome(ctx, id, rs), true, nil
	}
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	ended := a.runEnded(ctx, id)
	// runOver: Temporal has said the run ended (or could not say it is
	// running), so a row that is not terminal must be settled by asking it.
	runOver := false
	for {
		rec, err := a.db.GetRequest(ctx, id)
		switch {
		case errors.Is(err, vividly.ErrNotFound):
			// The workflow has not recorded the request yet, and may never:
			// it can end before the database is back.
			if v, ended, err := settle(); err != nil || ended {
				return v, err
			}
		case err != nil:
			// A database that cannot be read does not stop the lesson, nor
			// the wait: Temporal says when it ends.
			if v, ended, serr := settle(); serr != nil || ended {
				return v, serr
			}
		default:
			// The history grows with the row: it is read again only when
			// the row has changed.
			var history []vividly.StatusChange
			if !rec.UpdatedAt.Equal(seen) {
				if history, err = a.db.History(ctx, id); err != nil {
					return view{}, err
				}
				seen = rec.UpdatedAt
			}
			v := viewOf(rec)
			changed := false
			for _, h := range history {
				if h.Seq <= printed {
					continue
				}
				printed, changed = h.Seq, true
				if first.IsZero() {
					first = h.At
				}
				fmt.Fprintf(w, "[%3d%%] %-21s +%.1fs\n", h.Status.Progress(), h.Status, h.At.Sub(first).Seconds())
			}
			if changed {
				if v.Status == vividly.StatusClarificationNeeded {
					writeClarification(w, v)
				}
				if onStatus != nil {
					onStatus(v)
				}
			}
			if v.Status.Terminal() {
				// The row may show an earlier run's end while a new run of
				// the same request goes on.
				rs, err := a.latestRun(ctx, id)
				if err != nil && !errors.Is(err, errNoWorkflow) {
					return view{}, err
				}
				if err != nil || !rs.Running {
					return v, nil
				}
			} else if runOver {
				// A run stopped from outside (terminated, timed out) writes
				// no last status: its row stays where it was. Temporal is
				// asked only once it has said the run is over: a follower of
				// a lesson under way costs it nothing more.
				if v, ended, err := settle(); err != nil || ended {
					return v, err
				}
			}
		}
		if !warned && printed <= 0 && time.Since(started) > 15*time.Second {
			warned = true
			fmt.Fprintln(w, "  (still waiting to start: is a worker running? start one with `vividly dev` or `vividly worker`)")
		}
		select {
		case <-ctx.Done():
			return view{}, ctx.Err()
		case <-t.C:
		case <-ended:
			ended = nil // once: the ticker goes on for a run started again
			runOver = true
			// Temporal has news: a row still missing (the lesson ended
			// before the database took it) is settled now, not at the
			// next checkRunEvery.
			checked = time.Time{}
		}
	}
}

// runEnded is closed when the request's current run ends, as Temporal tells
// it the moment it happens, so that a follower reads the lesson's last status
// then rather than at its next tick (up to pollEvery later). A run not
// started yet is waited for, up to startGrace; then it is closed too, and
// the follower finds out from Temporal what became of the lesson.
func (a *app) runEnded(ctx context.Context, id string) <-chan struct{} {
	ended := make(chan struct{})
	if a.temporal == nil {
		return ended
	}
	started := time.Now()
	go func() {
		for ctx.Err() == nil {
			err := a.temporal.GetWorkflow(ctx, workflows.WorkflowID(id), "").Get(ctx, nil)
			var nf *serviceerror.NotFound
			if errors.As(err, &nf) && time.Since(started) < startGrace {
				select {
				case <-ctx.Done():
				case <-time.After(checkRunEvery):
				}
				continue
			}
			close(ended)
			return
		}
	}()
	return ended
}

// followToEnd follows the request, printing its progress (to standard error
// when the outcome is printed as JSON), then prints the outcome as finish does.
func (a *app) followToEnd(cmd *cobra.Command, id string, jsonOut bool) error {
	progress := cmd.OutOrStdout()
	if jsonOut {
		progress = cmd.ErrOrStderr()
	}
	v, err := a.follow(cmd.Context(), id, progress, nil)
	if err != nil {
		return err
	}
	return finish(v, jsonOut, cmd.OutOrStdout())
}

// finish prints the outcome and turns it into the exit status: 0 for an outcome a
// student can read (completed, out of scope, expired), 1 for failed or cancelled.
func finish(v view, jsonOut bool, w io.Writer) error {
	if jsonOut {
		if err := v.writeJSON(w); err != nil {
			return err
		}
	} else {
		v.writeText(w)
	}
	if v.Status == vividly.StatusFailed || v.Status == vividly.StatusCancelled {
		return exitCode(1)
	}
	return nil
}
