package activities

import (
	"context"

	vividly "github.com/vividly-edu/vividly"
)

// NotifyInput is the notification to deliver.
type NotifyInput struct {
	Notification vividly.Notification `json:"notification"`
}

// Notify tells the student their lesson is ready. Notifiers are idempotent, so a
// retry never tells them twice.
func (a *Activities) Notify(ctx context.Context, in NotifyInput) error {
	if err := a.Notifier.Notify(ctx, in.Notification); err != nil {
		return stageError("notify", err)
	}
	return nil
}
