package workflows

import (
	"context"
	"errors"
	"fmt"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Deleting a student's data: one request at a time, by `vividly forget`,
// and lessons past the retention period, daily, by RetentionWorkflow on a
// Temporal Schedule.

// RequestRows is where requests are found and deleted (PostgreSQL).
type RequestRows interface {
	RequestsOf(ctx context.Context, studentID string) ([]string, error)
	RequestsBefore(ctx context.Context, t time.Time, limit int) ([]string, error)
	DeleteRequest(ctx context.Context, id string) (bool, error)
}

// Forgetter deletes what Vividly holds of a request.
type Forgetter struct {
	Client    client.Client
	Namespace string
	Rows      RequestRows
	Stores    []vividly.Remover
}

// Forgotten counts what was removed.
type Forgotten struct {
	Requests int `json:"requests"`
	Runs     int `json:"workflow_runs"`
	Files    int `json:"files"`
	Rows     int `json:"rows"`
}

// Add adds o's counts.
func (f *Forgotten) Add(o Forgotten) {
	f.Requests, f.Runs, f.Files, f.Rows = f.Requests+o.Requests, f.Runs+o.Runs, f.Files+o.Files, f.Rows+o.Rows
}

// Forget removes one request: its workflow runs first (a running lesson
// would otherwise write files and rows again), then its stored files, then
// its rows, by which a student's requests are found, so an interrupted
// Forget can be run again.
func (f *Forgetter) Forget(ctx context.Context, requestID string) (Forgotten, error) {
	out := Forgotten{Requests: 1}
	var err error
	if out.Runs, err = Delete(ctx, f.Client, f.Namespace, requestID); err != nil {
		return out, err
	}
	for _, s := range f.Stores {
		n, err := s.Remove(ctx, "content/"+requestID+"/")
		out.Files += n
		if err != nil {
			return out, err
		}
	}
	deleted, err := f.Rows.DeleteRequest(ctx, requestID)
	if deleted {
		out.Rows = 1
	}
	return out, err
}

// RetentionWorkflowType is RetentionWorkflow's registered name.
const RetentionWorkflowType = "RetentionWorkflow"

// RetentionScheduleID is the Temporal Schedule that runs RetentionWorkflow.
const RetentionScheduleID = "vividly-retention"

// RetentionInput says how long lessons are kept.
type RetentionInput struct {
	Days int `json:"days"`
}

// retentionBatch is how many requests one activity forgets.
const retentionBatch = 200

// RetentionWorkflow forgets every request older than in.Days, a batch per
// activity, until none is left.
func RetentionWorkflow(ctx workflow.Context, in RetentionInput) (Forgotten, error) {
	var total Forgotten
	if in.Days < 1 {
		return total, temporal.NewNonRetryableApplicationError(fmt.Sprintf("retention of %d days: want at least 1", in.Days), "InvalidRetention", nil)
	}
	cutoff := workflow.Now(ctx).Add(-time.Duration(in.Days) * 24 * time.Hour)
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Minute, HeartbeatTimeout: time.Minute, ScheduleToCloseTimeout: 2 * time.Hour,
	})
	for {
		var batch Forgotten
		if err := workflow.ExecuteActivity(actx, forgetter.ForgetBefore, cutoff).Get(ctx, &batch); err != nil {
			return total, err
		}
		total.Add(batch)
		if batch.Requests < retentionBatch {
			workflow.GetLogger(ctx).Warn("audit: lessons past retention forgotten", "days", in.Days,
				"requests", total.Requests, "workflow_runs", total.Runs, "files", total.Files, "rows", total.Rows)
			return total, nil
		}
	}
}

// forgetter names the Forgetter's activities for ExecuteActivity.
var forgetter *Forgetter

// ForgetBefore forgets up to a batch of requests created before cutoff.
func (f *Forgetter) ForgetBefore(ctx context.Context, cutoff time.Time) (Forgotten, error) {
	ids, err := f.Rows.RequestsBefore(ctx, cutoff, retentionBatch)
	if err != nil {
		return Forgotten{}, err
	}
	var total Forgotten
	for _, id := range ids {
		one, err := f.Forget(ctx, id)
		total.Add(one)
		if err != nil {
			return total, fmt.Errorf("forget request %s: %w", id, err)
		}
		activity.RecordHeartbeat(ctx, total.Requests)
	}
	return total, nil
}

// EnsureRetention keeps the retention schedule in line with days: a daily
// RetentionWorkflow when days > 0, no schedule otherwise.
func EnsureRetention(ctx context.Context, c client.Client, days int) error {
	h := c.ScheduleClient().GetHandle(ctx, RetentionScheduleID)
	if days <= 0 {
		err := h.Delete(ctx)
		var nf *serviceerror.NotFound
		if err != nil && !errors.As(err, &nf) {
			return fmt.Errorf("remove the retention schedule: %w", err)
		}
		return nil
	}
	action := &client.ScheduleWorkflowAction{
		ID: "retention", Workflow: RetentionWorkflowType, TaskQueue: TaskQueue,
		Args: []any{RetentionInput{Days: days}}, WorkflowRunTimeout: 6 * time.Hour,
	}
	spec := client.ScheduleSpec{Intervals: []client.ScheduleIntervalSpec{{Every: 24 * time.Hour}}}
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID: RetentionScheduleID, Spec: spec, Action: action, Overlap: 0,
	})
	if err == nil {
		return nil
	}
	if !errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return fmt.Errorf("create the retention schedule: %w", err)
	}
	// It exists: make it keep this many days.
	return h.Update(ctx, client.ScheduleUpdateOptions{
		DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
			s := in.Description.Schedule
			s.Spec, s.Action = &spec, action
			return &client.ScheduleUpdate{Schedule: &s}, nil
		},
	})
}
