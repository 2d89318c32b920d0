package telemetry

import (
	"time"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/client"
)

// The helpers below emit Vividly's metrics through an SDK metrics handler. From
// workflow code pass workflow.GetMetricsHandler(ctx): it records nothing while
// the workflow replays, so each event is counted once however often its history
// is replayed. From activity code pass activity.GetMetricsHandler(ctx). A nil
// handler records nothing.

// RecordTerminal counts a request that ended in status s. Call it once, from
// workflow code, when the request reaches its terminal status.
func RecordTerminal(h client.MetricsHandler, s vividly.Status) {
	if h == nil {
		return
	}
	h.WithTags(map[string]string{TagStatus: string(s)}).Counter(MetricRequestsTerminal).Inc(1)
}

// RecordStageDuration records how long stage took, retries included: from
// workflow code, workflow.Now after the stage minus workflow.Now before it.
func RecordStageDuration(h client.MetricsHandler, stage vividly.Status, d time.Duration) {
	if h == nil {
		return
	}
	h.WithTags(map[string]string{TagStage: string(stage)}).Timer(MetricStageDuration).Record(d)
}

// RecordFallback counts a stage whose production provider failed so that the
// offline one stood in, from wherever the fallback is decided.
func RecordFallback(h client.MetricsHandler, stage vividly.Status) {
	if h == nil {
		return
	}
	h.WithTags(map[string]string{TagStage: string(stage)}).Counter(MetricFallbackActivations).Inc(1)
}

// RecordClarification counts one clarifying question put to a student (one
// per round), from workflow code.
func RecordClarification(h client.MetricsHandler) {
	if h == nil {
		return
	}
	h.Counter(MetricClarifications).Inc(1)
}

// RecordRenderSpeed records how fast a render went: seconds of video made per
// second of rendering. Renders that took no measurable time are not recorded.
func RecordRenderSpeed(h client.MetricsHandler, video, took time.Duration) {
	if h == nil || took <= 0 || video <= 0 {
		return
	}
	h.Gauge(MetricRenderSpeed).Update(video.Seconds() / took.Seconds())
}

// RecordCacheLookup counts a lookup of a reusable lesson and, on a hit, what
// reusing it saved, from activity code.
func RecordCacheLookup(h client.MetricsHandler, hit bool, savedUSD float64) {
	if h == nil {
		return
	}
	result := "miss"
	if hit {
		result = "hit"
		if micro := int64(savedUSD*1e6 + 0.5); micro > 0 {
			h.Counter(MetricCacheSaved).Inc(micro)
		}
	}
	h.WithTags(map[string]string{TagResult: result}).Counter(MetricCacheLookups).Inc(1)
}
