package activities

import (
	"context"
	"os"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/activity"
)

// NotifyInput is the notification to deliver.
type NotifyInput struct {
	Notification vividly.Notification `json:"notification"`
}

// Notify tells the student their lesson is ready. Notifiers are idempotent, so a
// retry never tells them twice. Upload removes the work files; a lesson begun
// before it did has them removed here, if this worker holds them.
func (a *Activities) Notify(ctx context.Context, in NotifyInput) error {
	if err := a.Notifier.Notify(ctx, in.Notification); err != nil {
		return stageError("notify", err)
	}
	if dir, err := a.workDir(in.Notification.RequestID); err == nil && a.WorkDir != "" {
		if err := os.RemoveAll(dir); err != nil {
			activity.GetLogger(ctx).Warn("work files not removed", "error", err.Error())
		}
	}
	return nil
}
