package activities

import (
	"context"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
)

// ValidateInput is the request as the workflow received it, and the status to
// record once it is stored (the request has no row to record it on before).
type ValidateInput struct {
	Request vividly.Request      `json:"request"`
	Status  vividly.StatusUpdate `json:"status"`
}

// ValidateResult is empty today; it exists so fields can be added.
type ValidateResult struct{}

// Validate checks the request against the contract, stores it and records its
// status. Invalid input is a permanent error: retrying cannot fix it, and nothing
// is stored.
func (a *Activities) Validate(ctx context.Context, in ValidateInput) (ValidateResult, error) {
	if err := in.Request.Validate(); err != nil {
		return ValidateResult{}, permanent(ErrTypeInvalidRequest, err)
	}
	if err := a.Store.CreateRequest(ctx, in.Request); err != nil {
		return ValidateResult{}, fmt.Errorf("record request: %w", err)
	}
	if in.Status.RequestID != "" {
		if err := a.Store.RecordStatus(ctx, in.Status); err != nil {
			return ValidateResult{}, fmt.Errorf("record status: %w", err)
		}
	}
	return ValidateResult{}, nil
}
