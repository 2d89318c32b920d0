package workflows

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
)

// This file is how the outside world reaches a lesson's workflow: start it,
// answer its clarifying question, ask where it is, read how it ended. The
// commands, the starter and the tests all go through here.

// Connection is how Vividly's processes connect to Temporal, over tlsConfig
// when it is set. Requests go uncompressed: the SDK gzips them by default,
// but a lesson's payloads are encrypted (package codec) and do not shrink,
// so compressing cost a worker about 4% of its CPU, and the server as much
// to undo, for nothing.
func Connection(tlsConfig *tls.Config) client.ConnectionOptions {
	return client.ConnectionOptions{TLS: tlsConfig, GrpcCompression: &client.GrpcCompressionNone{}}
}

// ErrNoLesson: Temporal has no workflow for the request id.
var ErrNoLesson = errors.New("no lesson was started for this request id")

// StartOptions are how a request's workflow is started: one id per request,
// so starting it again while it runs, or after it completed, starts nothing
// new, while a run that failed, was cancelled, terminated or timed out may be
// followed by a new one. The summary shown in the Web UI carries no student
// text, and the search attributes none either.
func StartOptions(r vividly.Request) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{
		ID:                       WorkflowID(r.ID),
		TaskQueue:                TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY,
		StaticSummary:            fmt.Sprintf("%s lesson, %s", r.Modality, vividly.GradeLabel(r.Grade)),
		TypedSearchAttributes: temporal.NewSearchAttributes(
			AttrStatus.ValueSet(string(vividly.StatusPending)),
			AttrStage.ValueSet(string(vividly.StatusPending)),
			AttrGradeLevel.ValueSet(int64(r.Grade)),
			AttrModality.ValueSet(string(r.Modality)),
		),
	}
}

// Start starts the lesson of in.Request. Starting a lesson that runs, or
// that completed, starts nothing and is not an error.
func Start(ctx context.Context, c client.Client, in Input) error {
	return StartAs(ctx, c, StartOptions(in.Request), in)
}

// StartAs is Start with other options: the load test's baseline starts the
// same workflow under its own ids and queue, to time the starts alone.
func StartAs(ctx context.Context, c client.Client, opts client.StartWorkflowOptions, in Input) error {
	if _, err := c.ExecuteWorkflow(ctx, opts, WorkflowType, in); err != nil {
		var already *serviceerror.WorkflowExecutionAlreadyStarted
		if errors.As(err, &already) {
			return nil
		}
		return fmt.Errorf("start lesson %s: %w", in.Request.ID, err)
	}
	return nil
}

// Progress asks a running lesson where it is, through its progress query:
// the workflow's own state, whether or not the database is reachable. An
// ended lesson answers too (a worker replays it), or wraps ErrNoLesson.
func Progress(ctx context.Context, c client.Client, requestID string) (vividly.Snapshot, error) {
	v, err := c.QueryWorkflow(ctx, WorkflowID(requestID), "", QueryProgress)
	if err != nil {
		var nf *serviceerror.NotFound
		if errors.As(err, &nf) {
			return vividly.Snapshot{}, fmt.Errorf("request %s: %w", requestID, ErrNoLesson)
		}
		return vividly.Snapshot{}, fmt.Errorf("ask request %s where it is: %w", requestID, err)
	}
	var p vividly.Snapshot
	if err := v.Get(&p); err != nil {
		return vividly.Snapshot{}, fmt.Errorf("read the progress of request %s: %w", requestID, err)
	}
	return p, nil
}

// Clarify sends a student's answer to the given round of clarifying
// questions (0: whichever is open, as an operator's `temporal workflow
// signal` does). The lesson ignores an answer to a round it has moved past.
func Clarify(ctx context.Context, c client.Client, requestID, answer string, round int) error {
	if err := vividly.ValidateAnswer(answer); err != nil {
		return err
	}
	err := c.SignalWorkflow(ctx, WorkflowID(requestID), "", SignalClarification,
		ClarificationSignal{Answer: answer, Round: round})
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		return fmt.Errorf("request %s: %w", requestID, ErrNoLesson)
	}
	if err != nil {
		return fmt.Errorf("send answer to request %s: %w", requestID, err)
	}
	return nil
}

// Run is how the latest run of a request's workflow stands in Temporal.
type Run struct {
	ID      string
	Running bool
	Status  enumspb.WorkflowExecutionStatus
}

// LatestRun describes the latest run of the request's workflow, or wraps
// ErrNoLesson.
func LatestRun(ctx context.Context, c client.Client, requestID string) (Run, error) {
	desc, err := c.DescribeWorkflowExecution(ctx, WorkflowID(requestID), "")
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		return Run{}, fmt.Errorf("request %s: %w", requestID, ErrNoLesson)
	}
	if err != nil {
		return Run{}, fmt.Errorf("describe the lesson of request %s: %w", requestID, err)
	}
	info := desc.GetWorkflowExecutionInfo()
	st := info.GetStatus()
	return Run{ID: info.GetExecution().GetRunId(), Running: st == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, Status: st}, nil
}

// Outcome is how an ended run finished, as the workflow told it for people:
// its status and result, or the reason it failed.
func Outcome(ctx context.Context, c client.Client, requestID string, run Run) (vividly.Status, *vividly.Result, string) {
	var out Output
	err := c.GetWorkflow(ctx, WorkflowID(requestID), run.ID).Get(ctx, &out)
	var appErr *temporal.ApplicationError
	switch {
	case err == nil:
		return out.Status, out.Result, ""
	case run.Status == enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED:
		return vividly.StatusCancelled, nil, "cancelled before the lesson was finished"
	case run.Status == enumspb.WORKFLOW_EXECUTION_STATUS_TERMINATED:
		return vividly.StatusFailed, nil, "stopped by an operator; submit it again with the same request id to start over"
	case run.Status == enumspb.WORKFLOW_EXECUTION_STATUS_TIMED_OUT:
		return vividly.StatusFailed, nil, "ran out of time; submit it again with the same request id to start over"
	case errors.As(err, &appErr):
		return vividly.StatusFailed, nil, appErr.Message()
	}
	return vividly.StatusFailed, nil, "the lesson ended without a result"
}

// Retry starts a new run of a request whose lesson failed, was cancelled,
// terminated or timed out, with the input its latest run was started with
// (read from that run's history with dc, the client's data converter, so it
// works when the request never reached the database). A running or completed
// lesson is left alone, with an error that says so.
func Retry(ctx context.Context, c client.Client, dc converter.DataConverter, requestID string) error {
	run, err := LatestRun(ctx, c, requestID)
	if err != nil {
		return err
	}
	switch run.Status {
	case enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:
		return fmt.Errorf("request %s is still running; `vividly status %s` shows where it is", requestID, requestID)
	case enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
		status, _, _ := Outcome(ctx, c, requestID, run)
		return fmt.Errorf("request %s has ended (%s); only a failed, cancelled or timed-out request is started again",
			requestID, status)
	}
	in, err := firstInput(ctx, c, dc, requestID, run.ID)
	if err != nil {
		return err
	}
	if _, err := c.ExecuteWorkflow(ctx, StartOptions(in.Request), WorkflowType, in); err != nil {
		return fmt.Errorf("start request %s again: %w", requestID, err)
	}
	return nil
}

// firstInput reads the input a run was started with from its history.
func firstInput(ctx context.Context, c client.Client, dc converter.DataConverter, requestID, runID string) (Input, error) {
	it := c.GetWorkflowHistory(ctx, WorkflowID(requestID), runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	if !it.HasNext() {
		return Input{}, fmt.Errorf("request %s: its lesson's history is empty", requestID)
	}
	ev, err := it.Next()
	if err != nil {
		return Input{}, fmt.Errorf("read the history of request %s: %w", requestID, err)
	}
	started := ev.GetWorkflowExecutionStartedEventAttributes()
	if started == nil {
		return Input{}, errors.New("the history does not begin with the workflow's start")
	}
	var in Input
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	if err := dc.FromPayloads(started.GetInput(), &in); err != nil {
		return Input{}, fmt.Errorf("read the input of request %s: %w", requestID, err)
	}
	return in, nil
}

// Delete removes every run of a request's workflow from Temporal — its
// history and its visibility record — terminating a running one, and returns
// how many runs it asked the server to delete. Deleting is asynchronous on
// the server: the runs leave visibility within about a minute. A request with no
// workflow deletes nothing and is not an error.
func Delete(ctx context.Context, c client.Client, namespace, requestID string) (int, error) {
	runs := map[string]bool{}
	query := fmt.Sprintf("WorkflowId = '%s'", WorkflowID(requestID))
	var token []byte
	for {
		resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: namespace, Query: query, NextPageToken: token})
		if err != nil {
			return 0, fmt.Errorf("list the runs of request %s: %w", requestID, err)
		}
		for _, e := range resp.GetExecutions() {
			runs[e.GetExecution().GetRunId()] = true
		}
		if token = resp.GetNextPageToken(); len(token) == 0 {
			break
		}
	}
	// The latest run, which visibility may not show yet.
	if run, err := LatestRun(ctx, c, requestID); err == nil {
		runs[run.ID] = true
	} else if !errors.Is(err, ErrNoLesson) {
		return 0, err
	}
	n := 0
	for runID := range runs {
		_, err := c.WorkflowService().DeleteWorkflowExecution(ctx, &workflowservice.DeleteWorkflowExecutionRequest{
			Namespace:         namespace,
			WorkflowExecution: &commonpb.WorkflowExecution{WorkflowId: WorkflowID(requestID), RunId: runID},
		})
		var nf *serviceerror.NotFound
		if errors.As(err, &nf) {
			continue
		}
		if err != nil {
			return n, fmt.Errorf("delete run %s of request %s: %w", runID, requestID, err)
		}
		n++
	}
	return n, nil
}

// ErrAnswerRejected wraps a clarify update the lesson's validator refused;
// errors.As with *temporal.ApplicationError gives its type
// (ErrTypeInvalidAnswer or ErrTypeNotWaiting) and a message for people.
var ErrAnswerRejected = errors.New("answer rejected")

// ClarifyUpdate sends a student's answer through the clarify Workflow Update
// and returns where the lesson stands once it has taken it. An answer the
// lesson refuses wraps ErrAnswerRejected and leaves nothing in its history.
func ClarifyUpdate(ctx context.Context, c client.Client, requestID, answer string) (vividly.Snapshot, error) {
	if err := vividly.ValidateAnswer(answer); err != nil {
		return vividly.Snapshot{}, err
	}
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: WorkflowID(requestID), UpdateName: UpdateClarify,
		Args:         []any{ClarificationSignal{Answer: answer}},
		WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var s vividly.Snapshot
	if err == nil {
		err = h.Get(ctx, &s)
	}
	var nf *serviceerror.NotFound
	var appErr *temporal.ApplicationError
	switch {
	case err == nil:
		return s, nil
	case errors.As(err, &nf):
		return s, fmt.Errorf("request %s: %w", requestID, ErrNoLesson)
	case errors.As(err, &appErr) && (appErr.Type() == ErrTypeInvalidAnswer || appErr.Type() == ErrTypeNotWaiting):
		return s, fmt.Errorf("request %s: %w: %w", requestID, ErrAnswerRejected, err)
	}
	return s, fmt.Errorf("answer request %s: %w", requestID, err)
}

// Cancel asks a request's running lesson to stop; it ends cancelled, with a
// status that says so. A lesson with no workflow wraps ErrNoLesson.
func Cancel(ctx context.Context, c client.Client, requestID string) error {
	err := c.CancelWorkflow(ctx, WorkflowID(requestID), "")
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		return fmt.Errorf("request %s: %w", requestID, ErrNoLesson)
	}
	if err != nil {
		return fmt.Errorf("cancel request %s: %w", requestID, err)
	}
	return nil
}
