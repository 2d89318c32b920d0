package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
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
			if err := a.startLesson(ctx, req); err != nil {
				return err
			}
			if !wait {
				if f.json {
					return view{RequestID: req.ID, WorkflowID: workflows.WorkflowID(req.ID), Status: vividly.StatusPending,
						Stage: vividly.StatusPending, ClarifyingQuestions: []string{}}.writeJSON(cmd.OutOrStdout())
				}
				fmt.Fprintln(cmd.OutOrStdout(), req.ID)
				return nil
			}
			progress := cmd.OutOrStdout()
			if f.json {
				progress = cmd.ErrOrStderr()
			}
			v, err := a.follow(ctx, req.ID, progress, nil)
			if err != nil {
				return err
			}
			return finish(v, f.json, cmd.OutOrStdout())
		},
	}
	f.bind(cmd.Flags())
	cmd.Flags().BoolVar(&wait, "wait", false, "follow the request until it ends")
	return cmd
}

func newStatusCmd(cfg *config) *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "status <request-id>",
		Short: "Show where a request is, and its result when done",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
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
			if err := a.clarify(ctx, args[0], args[1]); err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "answer sent")
			return nil
		},
	}
}

// clarify sends a student's answer to the request's workflow.
func (a *app) clarify(ctx context.Context, id, answer string) error {
	if err := vividly.ValidateAnswer(answer); err != nil {
		return err
	}
	err := a.temporal.SignalWorkflow(ctx, workflows.WorkflowID(id), "", workflows.SignalClarification,
		workflows.ClarificationSignal{Answer: answer})
	if err != nil {
		return fmt.Errorf("send answer to %s: %w", workflows.WorkflowID(id), err)
	}
	return nil
}
