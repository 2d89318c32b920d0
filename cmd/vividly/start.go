package main

import (
	"context"
	"errors"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// startLesson starts the workflow of a request. Starting it again while it runs,
// or after it completed, starts nothing new; after a failure it starts a new run.
func (a *app) startLesson(ctx context.Context, r vividly.Request) error {
	opts := a.lessonStartOptions(r)
	in := workflows.Input{Request: r, Options: workflows.Options{
		ClarificationTimeout:   a.cfg.ClarificationTimeout,
		RenderHeartbeatTimeout: a.cfg.RenderHeartbeat,
	}}
	if _, err := a.temporal.ExecuteWorkflow(ctx, opts, workflows.ContentWorkflow, in); err != nil {
		var already *serviceerror.WorkflowExecutionAlreadyStarted
		if errors.As(err, &already) {
			return nil // the lesson exists already: nothing to start
		}
		return fmt.Errorf("start lesson %s: %w", r.ID, err)
	}
	return nil
}

// lessonStartOptions are how a request's workflow is started: one id per request,
// so starting it again while it runs, or after it completed, starts nothing new. The
// summary shown in the Web UI carries no student text. loadtest's baseline starts
// its workflows the same way, elsewhere.
func (a *app) lessonStartOptions(r vividly.Request) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{
		ID:                       workflows.WorkflowID(r.ID),
		TaskQueue:                workflows.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		// A run that failed, was cancelled, terminated or timed out may be
		// followed by a new one; a completed lesson is never made twice.
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
		StaticSummary:         fmt.Sprintf("%s lesson, %s", r.Modality, vividly.GradeLabel(r.Grade)),
		TypedSearchAttributes: temporal.NewSearchAttributes(
			workflows.AttrStatus.ValueSet(string(vividly.StatusPending)),
			workflows.AttrStage.ValueSet(string(vividly.StatusPending)),
			workflows.AttrGradeLevel.ValueSet(int64(r.Grade)),
			workflows.AttrModality.ValueSet(string(r.Modality)),
		),
	}
}
