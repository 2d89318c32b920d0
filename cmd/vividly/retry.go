package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vividly-edu/vividly/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/converter"
)

func newRetryCmd(cfg *config) *cobra.Command {
	var wait, jsonOut bool
	cmd := &cobra.Command{
		Use:   "retry <request-id>",
		Short: "Start a failed, cancelled or timed-out request again, under the same id",
		Long: "retry starts a new run of a request whose lesson failed, was cancelled, stopped or\n" +
			"timed out, with the request exactly as first received (read from its workflow's\n" +
			"history, so it works even when the request never reached the database). A request\n" +
			"whose lesson is running or completed is left alone.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := a.retry(ctx, args[0]); err != nil {
				return err
			}
			if !wait {
				fmt.Fprintf(cmd.OutOrStdout(), "request %s started again\n", args[0])
				return nil
			}
			return a.followToEnd(cmd, args[0], jsonOut)
		},
	}
	cmd.Flags().BoolVar(&wait, "wait", false, "follow the request until it ends")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the outcome as JSON")
	return cmd
}

// retry starts a new run of an ended, unsuccessful request with its first
// input.
func (a *app) retry(ctx context.Context, id string) error {
	rs, err := a.latestRun(ctx, id)
	if err != nil {
		return err
	}
	switch rs.status {
	case enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:
		return fmt.Errorf("request %s is still running; `vividly status %s` shows where it is", id, id)
	case enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
		return fmt.Errorf("request %s has ended (%s); only a failed, cancelled or timed-out request is started again",
			id, a.runOutcome(ctx, id, rs).Status)
	}
	in, err := a.firstInput(ctx, id, rs.runID)
	if err != nil {
		return err
	}
	if _, err := a.temporal.ExecuteWorkflow(ctx, a.lessonStartOptions(in.Request), workflows.ContentWorkflow, in); err != nil {
		return fmt.Errorf("start request %s again: %w", id, err)
	}
	return nil
}

// firstInput reads the input a run was started with from its history.
func (a *app) firstInput(ctx context.Context, id, runID string) (workflows.Input, error) {
	it := a.temporal.GetWorkflowHistory(ctx, workflows.WorkflowID(id), runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	if !it.HasNext() {
		return workflows.Input{}, fmt.Errorf("request %s: its lesson's history is empty", id)
	}
	ev, err := it.Next()
	if err != nil {
		return workflows.Input{}, fmt.Errorf("read the history of request %s: %w", id, err)
	}
	started := ev.GetWorkflowExecutionStartedEventAttributes()
	if started == nil {
		return workflows.Input{}, errors.New("the history does not begin with the workflow's start")
	}
	var in workflows.Input
	if err := converter.GetDefaultDataConverter().FromPayloads(started.GetInput(), &in); err != nil {
		return workflows.Input{}, fmt.Errorf("read the input of request %s: %w", id, err)
	}
	return in, nil
}
