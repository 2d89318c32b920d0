// Package workflows holds ContentWorkflow, the lifecycle of one request, and the
// names the outside world uses to reach it: task queue, workflow id, signal,
// query and search attributes.
package workflows

import (
	"strings"

	"go.temporal.io/sdk/temporal"
)

// TaskQueue is the queue ContentWorkflow and its activities run on. The
// stages that hand files to each other (narrate, render, upload) run on the
// queue of one worker instead: see media.go.
const TaskQueue = "vividly-content"

// WorkflowType is the name ContentWorkflow is registered and started under.
const WorkflowType = "ContentWorkflow"

// SignalClarification is the signal that carries a student's answer to a clarifying
// question, as JSON {"answer": "..."}.
const SignalClarification = "clarification"

// QueryProgress is the query that returns a Progress.
const QueryProgress = "progress"

// WorkflowIDPrefix starts every ContentWorkflow id.
const WorkflowIDPrefix = "content-"

// WorkflowID is the id of the workflow for a request: one request, one workflow.
func WorkflowID(requestID string) string { return WorkflowIDPrefix + requestID }

// RequestIDOf is the request id of a ContentWorkflow's id; ok is false for
// the id of any other workflow.
func RequestIDOf(workflowID string) (requestID string, ok bool) {
	id, ok := strings.CutPrefix(workflowID, WorkflowIDPrefix)
	return id, ok && id != ""
}

// Search attributes shown and filterable in the Temporal Web UI. They must be
// registered on the server (the dev server registers them at start).
var (
	AttrStatus     = temporal.NewSearchAttributeKeyKeyword("VividlyStatus")
	AttrStage      = temporal.NewSearchAttributeKeyKeyword("VividlyStage")
	AttrSubject    = temporal.NewSearchAttributeKeyKeyword("Subject")
	AttrGradeLevel = temporal.NewSearchAttributeKeyInt64("GradeLevel")
	AttrModality   = temporal.NewSearchAttributeKeyKeyword("Modality")
	AttrDegraded   = temporal.NewSearchAttributeKeyBool("Degraded")
)

// SearchAttributeTypes maps each search attribute to the type name the Temporal
// CLI takes in `--search-attribute Name=Type`.
var SearchAttributeTypes = map[string]string{
	AttrStatus.GetName():     "Keyword",
	AttrStage.GetName():      "Keyword",
	AttrSubject.GetName():    "Keyword",
	AttrGradeLevel.GetName(): "Int",
	AttrModality.GetName():   "Keyword",
	AttrDegraded.GetName():   "Bool",
}
