package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// pollEvery is how often a follower reads the request's status.
const pollEvery = 200 * time.Millisecond

// follow prints each status the request reaches, from its history so that no
// stage is missed however fast it passes, until a terminal one, and returns it.
// onStatus, when set, is called on every change.
func (a *app) follow(ctx context.Context, id string, w io.Writer, onStatus func(view)) (view, error) {
	printed := -1 // the last history seq printed
	var first time.Time
	started := time.Now()
	warned := false
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		rec, err := a.db.GetRequest(ctx, id)
		switch {
		case errors.Is(err, vividly.ErrNotFound):
			// The workflow has not recorded the request yet.
		case err != nil:
			return view{}, err
		default:
			history, err := a.db.History(ctx, id)
			if err != nil {
				return view{}, err
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
				return v, nil
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
		}
	}
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
