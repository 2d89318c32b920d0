package activities

import (
	"context"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/telemetry"
	"go.temporal.io/sdk/activity"
)

// fellBackMetric counts a fallback to the offline provider for stage.
func fellBackMetric(ctx context.Context, stage string) {
	telemetry.RecordFallback(activity.GetMetricsHandler(ctx), vividly.Status(stage))
}

// renderSpeedMetric records how many seconds of lesson a render second makes.
func renderSpeedMetric(ctx context.Context, v vividly.Video) {
	telemetry.RecordRenderSpeed(activity.GetMetricsHandler(ctx), v.Duration, v.RenderTime)
}
