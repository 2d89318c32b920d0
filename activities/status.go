package activities

import (
	"context"
	"errors"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/activity"
)

// RecordStatus writes a status change for the API, the CLI and the web page. It is
// idempotent on (request id, seq), so a retry never duplicates history.
func (a *Activities) RecordStatus(ctx context.Context, u vividly.StatusUpdate) error {
	err := a.Store.RecordStatus(ctx, u)
	if errors.Is(err, vividly.ErrNotFound) {
		// The request never made it into the store (it failed validation);
		// Temporal still holds its status, and retrying cannot create the row.
		activity.GetLogger(ctx).Warn("status of an unrecorded request not stored", "status", u.Status)
		return nil
	}
	return err
}
