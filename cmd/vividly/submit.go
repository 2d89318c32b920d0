package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
	enumspb "go.temporal.io/api/enums/v1"
)

func newSubmitCmd(cfg *config) *cobra.Command {
	var f lessonFlags
	var wait bool
	cmd := &cobra.Command{
		Use:   `submit "<question>"`,
		Short: "Submit a question to a running Vividly (see `vividly dev`)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req, err := f.request(args[0])
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			// Say what submitting did: a new lesson, a new run after a failed
			// one, or nothing, because the id's lesson runs or is done.
			note := cmd.ErrOrStderr()
			rs, err := a.latestRun(ctx, req.ID)
			switch {
			case err != nil && !errors.Is(err, errNoWorkflow):
				return err
			case err == nil && rs.Running:
				fmt.Fprintf(note, "request %s is already running; nothing new was started\n", req.ID)
			case err == nil && rs.Status == enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
				fmt.Fprintf(note, "request %s has already ended; nothing new was started (`vividly status %s` shows it)\n", req.ID, req.ID)
			default:
				if err == nil {
					fmt.Fprintf(note, "request %s ended unsuccessfully before; starting it again\n", req.ID)
				}
				if err := a.startLesson(ctx, req); err != nil {
					return err
				}
			}
			if !wait {
				if f.json {
					return newView(vividly.Snapshot{RequestID: req.ID, Status: vividly.StatusPending,
						Stage: vividly.StatusPending}).writeJSON(cmd.OutOrStdout())
				}
				fmt.Fprintln(cmd.OutOrStdout(), req.ID)
				return nil
			}
			return a.followToEnd(cmd, req.ID, f.json)
		},
	}
	f.bind(cmd.Flags())
	cmd.Flags().BoolVar(&wait, "wait", false, "follow the request until it ends")
	return cmd
}

func newStatusCmd(cfg *config) *cobra.Command {
	var jsonOut, wait bool
	cmd := &cobra.Command{
		Use:   "status <request-id>",
		Short: "Show where a request is, and its result when done",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if wait {
				a, err := connect(ctx, cfg, requireServer)
				if err != nil {
					return err
				}
				defer a.Close()
				return a.followToEnd(cmd, args[0], jsonOut)
			}
			db, err := openStore(ctx, cfg)
			if err != nil {
				return err
			}
			defer db.Close()
			rec, err := db.GetRequest(ctx, args[0])
			if errors.Is(err, vividly.ErrNotFound) {
				return fmt.Errorf("no request %s (a request appears here once its workflow has validated it)", args[0])
			}
			if err != nil {
				return err
			}
			v := viewOf(rec)
			if jsonOut {
				return v.writeJSON(cmd.OutOrStdout())
			}
			v.writeText(cmd.OutOrStdout())
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print as JSON")
	cmd.Flags().BoolVar(&wait, "wait", false, "follow the request until it ends (needs the Temporal server)")
	return cmd
}

func newClarifyCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   `clarify <request-id> "<answer>"`,
		Short: "Answer a request's clarifying question",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			taken, err := a.clarify(ctx, args[0], args[1])
			if err != nil {
				return err
			}
			if taken {
				fmt.Fprintln(cmd.OutOrStdout(), "answer taken")
			} else {
				fmt.Fprintln(cmd.OutOrStdout(), "answer sent; the lesson has not read it yet (is a worker running?)")
			}
			return nil
		},
	}
}

// clarifyConfirmWithin is how long clarify watches for the lesson to take
// the answer before saying only that it was sent.
const clarifyConfirmWithin = 15 * time.Second

// clarify sends a student's answer to the round of questions now open, and
// reports whether the lesson took it. A lesson that is not waiting for an
// answer is an error, said before anything is sent; the answer names its
// round, so a send repeated after the round was answered is ignored by the
// lesson rather than taken as the reply to its next question.
func (a *app) clarify(ctx context.Context, id, answer string) (taken bool, err error) {
	if err := vividly.ValidateAnswer(answer); err != nil {
		return false, err
	}
	before, err := workflows.Progress(ctx, a.temporal, id)
	if errors.Is(err, errNoWorkflow) {
		return false, err
	}
	if err != nil {
		// No worker answers the query (all down, or busy): send the answer
		// for whatever round is open, as `temporal workflow signal` would;
		// the lesson reads it when a worker is back.
		a.log.Warn("could not ask the lesson which round is open; sending the answer anyway", "error", err)
		return false, workflows.Clarify(ctx, a.temporal, id, answer, 0)
	}
	if before.Status != vividly.StatusClarificationNeeded {
		return false, fmt.Errorf("request %s is not waiting for an answer (it is %s)", id, before.Status)
	}
	if err := workflows.Clarify(ctx, a.temporal, id, answer, before.ClarificationRound); err != nil {
		return false, err
	}
	deadline := time.Now().Add(clarifyConfirmWithin)
	for time.Now().Before(deadline) {
		p, err := workflows.Progress(ctx, a.temporal, id)
		if err == nil && (p.Status != vividly.StatusClarificationNeeded || p.ClarificationRound != before.ClarificationRound) {
			return true, nil
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(pollEvery):
		}
	}
	return false, nil
}
