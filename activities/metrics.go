package activities

import (
	"context"

	vividly "github.com/vividly-edu/vividly"

	"go.temporal.io/sdk/activity"
)

// fellBackMetric counts a fallback to the offline provider for stage.
func fellBackMetric(ctx context.Context, stage string) {
	activity.GetMetricsHandler(ctx).WithTags(map[string]string{"stage": stage}).Counter("vividly_fallback_activations").Inc(1)
}

// renderSpeedMetric records how many seconds of lesson a render second makes.
func renderSpeedMetric(ctx context.Context, v vividly.Video) {
	if v.RenderTime > 0 {
		activity.GetMetricsHandler(ctx).Gauge("vividly_render_speed_x_realtime").Update(v.Duration.Seconds() / v.RenderTime.Seconds())
	}
}
