package main

import (
	"context"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

// lessonInput is the workflow input for a request, with this installation's
// settings.
func (a *app) lessonInput(r vividly.Request) workflows.Input {
	return workflows.Input{Request: r, Options: workflows.Options{
		ClarificationTimeout:   a.cfg.ClarificationTimeout,
		RenderHeartbeatTimeout: a.cfg.RenderHeartbeat,
	}}
}

// startLesson starts the workflow of a request; see workflows.Start.
func (a *app) startLesson(ctx context.Context, r vividly.Request) error {
	return workflows.Start(ctx, a.temporal, a.lessonInput(r))
}
