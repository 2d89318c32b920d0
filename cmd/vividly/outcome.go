package main

import (
	"context"
	"errors"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"
)

// errNoWorkflow: Temporal has no workflow for the request.
var errNoWorkflow = errors.New("no lesson was started for this request id")

// runState is how the latest run of a request's workflow stands in Temporal,
// the lesson's own record of truth when the database has no row to show.
type runState struct {
	running bool
	status  enumspb.WorkflowExecutionStatus
	runID   string
}

// latestRun describes the latest run of the request's workflow, or wraps
// errNoWorkflow.
func (a *app) latestRun(ctx context.Context, id string) (runState, error) {
	desc, err := a.temporal.DescribeWorkflowExecution(ctx, workflows.WorkflowID(id), "")
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		return runState{}, fmt.Errorf("request %s: %w", id, errNoWorkflow)
	}
	if err != nil {
		return runState{}, fmt.Errorf("describe the lesson of request %s: %w", id, err)
	}
	info := desc.GetWorkflowExecutionInfo()
	st := info.GetStatus()
	return runState{running: st == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, status: st,
		runID: info.GetExecution().GetRunId()}, nil
}

// runOutcome is the view of an ended run built from the workflow itself: its
// result, or the reason it failed, as the workflow stated it for people.
func (a *app) runOutcome(ctx context.Context, id string, rs runState) view {
	v := view{RequestID: id, WorkflowID: workflows.WorkflowID(id), ClarifyingQuestions: []string{}}
	var out workflows.Output
	err := a.temporal.GetWorkflow(ctx, workflows.WorkflowID(id), rs.runID).Get(ctx, &out)
	var appErr *temporal.ApplicationError
	switch {
	case err == nil:
		v.Status, v.Result = out.Status, out.Result
	case rs.status == enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED:
		v.Status, v.Error = vividly.StatusCancelled, "cancelled before the lesson was finished"
	case rs.status == enumspb.WORKFLOW_EXECUTION_STATUS_TERMINATED:
		v.Status, v.Error = vividly.StatusFailed, "stopped by an operator; submit it again with the same request id to start over"
	case rs.status == enumspb.WORKFLOW_EXECUTION_STATUS_TIMED_OUT:
		v.Status, v.Error = vividly.StatusFailed, "ran out of time; submit it again with the same request id to start over"
	case errors.As(err, &appErr):
		v.Status, v.Error = vividly.StatusFailed, appErr.Message()
	default:
		v.Status, v.Error = vividly.StatusFailed, "the lesson ended without a result"
	}
	v.Progress = v.Status.Progress()
	return v
}
