package main

import (
	"context"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

// errNoWorkflow: Temporal has no workflow for the request.
var errNoWorkflow = workflows.ErrNoLesson

// latestRun describes the latest run of the request's workflow, or wraps
// errNoWorkflow.
func (a *app) latestRun(ctx context.Context, id string) (workflows.Run, error) {
	return workflows.LatestRun(ctx, a.temporal, id)
}

// runOutcome is the view of an ended run built from the workflow itself: its
// result, or the reason it failed, as the workflow stated it for people.
func (a *app) runOutcome(ctx context.Context, id string, run workflows.Run) view {
	v := newView(vividly.Snapshot{RequestID: id})
	v.Status, v.Result, v.Error = workflows.Outcome(ctx, a.temporal, id, run)
	v.Progress = v.Status.Progress()
	return v
}
