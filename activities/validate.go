package activities

import (
	"context"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
)

// ValidateInput is the request as the workflow received it.
type ValidateInput struct {
	Request vividly.Request `json:"request"`
}

// ValidateResult is empty today; it exists so fields can be added.
type ValidateResult struct{}

// Validate checks the request against the contract and records it as pending.
// Invalid input is a permanent error: retrying cannot fix it.
func (a *Activities) Validate(ctx context.Context, in ValidateInput) (ValidateResult, error) {
	if err := in.Request.Validate(); err != nil {
		return ValidateResult{}, permanent(ErrTypeInvalidRequest, err)
	}
	if err := a.Store.CreateRequest(ctx, in.Request); err != nil {
		return ValidateResult{}, fmt.Errorf("record request: %w", err)
	}
	return ValidateResult{}, nil
}
