package activities

import (
	"context"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/activity"
)

// ValidateInput is the request as the workflow received it. Runs that store
// their status inline (begun before status writes moved to SyncStatus) also
// send the status to record once the request is stored; then Validate stores
// both, as it used to.
type ValidateInput struct {
	Request vividly.Request      `json:"request"`
	Status  vividly.StatusUpdate `json:"status"`
}

// ValidateResult says where this run's status updates continue from.
type ValidateResult struct {
	// Seq is the sequence number the validating status was recorded under
	// when it is not the one asked for: a request run again after a failure
	// continues its history after the earlier run's updates. 0 otherwise.
	Seq int `json:"seq,omitempty"`
	// LocalStages: the worker runs understanding, retrieval, writing and
	// storing in process (see Activities.LocalStages).
	LocalStages bool `json:"local_stages,omitempty"`
}

// Validate checks the request against the contract; it needs no database.
// Invalid input is a permanent error: retrying cannot fix it, and nothing is
// stored. With a status to record (see ValidateInput), it also stores the
// request and the status.
func (a *Activities) Validate(ctx context.Context, in ValidateInput) (ValidateResult, error) {
	if err := in.Request.Validate(); err != nil {
		return ValidateResult{}, permanent(ErrTypeInvalidRequest, err)
	}
	res := ValidateResult{LocalStages: a.LocalStages}
	if in.Status.RequestID != "" {
		if err := a.Store.CreateRequest(ctx, in.Request); err != nil {
			return ValidateResult{}, fmt.Errorf("record request: %w", err)
		}
		// A request started again after it failed already has the earlier
		// run's history: this run's updates go after it, or the store would
		// take them for repeats of the earlier run's.
		after := 0
		if activity.IsActivity(ctx) {
			var err error
			after, err = a.Store.BeginRun(ctx, in.Request.ID, activity.GetInfo(ctx).WorkflowExecution.RunID)
			if err != nil {
				return ValidateResult{}, fmt.Errorf("begin run: %w", err)
			}
		}
		if after > 0 {
			in.Status.Seq += after
			res.Seq = in.Status.Seq
		}
		if err := a.Store.RecordStatus(ctx, in.Status); err != nil {
			return ValidateResult{}, fmt.Errorf("record status: %w", err)
		}
	}
	return res, nil
}
