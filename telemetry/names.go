package telemetry

import "strings"

// Names of Vividly's own metrics, as given to the Temporal SDK's metrics handler
// (workflow.GetMetricsHandler, activity.GetMetricsHandler) or registered by the
// starter. On /metrics a counter gains the suffix _total and a timer _seconds,
// as Temporal's Prometheus naming asks: Exposed gives the name a dashboard uses.
const (
	// MetricRequestsTerminal counts requests that reached a terminal status; tag TagStatus.
	MetricRequestsTerminal = "vividly_requests_terminal"
	// MetricStageDuration times each stage, retries included; tag TagStage.
	MetricStageDuration = "vividly_stage_duration"
	// MetricFallbackActivations counts stages that fell back to the offline provider; tag TagStage.
	MetricFallbackActivations = "vividly_fallback_activations"
	// MetricClarifications counts clarifying questions put to students, one per round.
	MetricClarifications = "vividly_clarifications"
	// MetricRenderSpeed is seconds of video made per second of rendering (x realtime).
	MetricRenderSpeed = "vividly_render_speed_x_realtime"
	// MetricCacheLookups counts lookups of a reusable lesson; tag TagResult.
	MetricCacheLookups = "vividly_cache_lookups"
	// MetricCacheSaved adds up, in millionths of a dollar, the estimated cost
	// of the lessons given again instead of made again.
	MetricCacheSaved = "vividly_cache_saved_microdollars"

	// MetricMemoLookups counts lookups of a segment's audio in a worker's
	// memo; tags TagMemo and TagResult.
	MetricMemoLookups = "vividly_memo_lookups"
	// MetricMemoReusedBytes adds up the bytes a memo gave instead of making
	// them again; tag TagMemo.
	MetricMemoReusedBytes = "vividly_memo_reused_bytes"
	// MetricMemoBytes is what a memo holds now (a gauge); tag TagMemo.
	MetricMemoBytes = "vividly_memo_bytes"

	// MetricMessagesReceived counts request messages the starter received (redeliveries too).
	MetricMessagesReceived = "vividly_messages_received"
	// MetricWorkflowsStarted counts messages whose workflow the starter started, or found started.
	MetricWorkflowsStarted = "vividly_workflows_started"
	// MetricMessagesNacked counts messages the starter handed back for redelivery (Temporal unreachable).
	MetricMessagesNacked = "vividly_messages_nacked"
	// MetricDeadLetters counts messages the starter refused and dead-lettered; tag TagReason.
	MetricDeadLetters = "vividly_dead_letters"
	// MetricIgnoredFields counts message fields the starter did not know and
	// ignored (a newer producer's); tag TagField.
	MetricIgnoredFields = "vividly_ignored_fields"
)

// Tags (Prometheus labels) of Vividly's metrics.
const (
	TagStatus = "status" // a terminal vividly.Status
	TagStage  = "stage"  // a stage, named by its vividly.Status
	TagReason = "reason" // a starter.Reason
	TagField  = "field"  // a message field's name, or "other"
	TagResult = "result" // a cache or memo lookup's: "hit" or "miss"
	TagMemo   = "memo"   // a worker's media memo: "speech" or "aac"
)

// kind is how a metric is reported.
type kind int

const (
	counterKind kind = iota
	gaugeKind
	timerKind
)

// spec fixes what Prometheus is told about one of Vividly's metrics. Its labels
// are exactly these tags, wherever it is emitted from: a metric emitted once
// from workflow code and once from activity code would otherwise carry two
// label sets, which Prometheus refuses.
type spec struct {
	kind    kind
	labels  []string
	help    string
	buckets []float64 // timers only; nil takes the default
}

// stageBuckets span a quick lookup to a long render, in seconds.
var stageBuckets = []float64{0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800}

// specs are the metrics emitted through the SDK's handler.
var specs = map[string]spec{
	MetricRequestsTerminal:    {kind: counterKind, labels: []string{TagStatus}, help: "Requests that reached a terminal status, by status."},
	MetricStageDuration:       {kind: timerKind, labels: []string{TagStage}, help: "How long each stage took, retries included, by stage.", buckets: stageBuckets},
	MetricFallbackActivations: {kind: counterKind, labels: []string{TagStage}, help: "Stages whose production provider failed so the offline one stood in, by stage."},
	MetricClarifications:      {kind: counterKind, help: "Clarifying questions put to students, one per round."},
	MetricRenderSpeed:         {kind: gaugeKind, help: "Seconds of lesson video made per second of rendering, in the latest render on this worker."},
	MetricCacheLookups:        {kind: counterKind, labels: []string{TagResult}, help: "Lookups of a lesson that can be given again, by result (hit, miss)."},
	MetricCacheSaved:          {kind: counterKind, help: "Estimated cost of the lessons given again instead of made again, in millionths of a US dollar."},
}

// starterKinds are the metrics the starter, and a worker's memos, register
// directly.
var starterKinds = map[string]kind{
	MetricMessagesReceived: counterKind, MetricWorkflowsStarted: counterKind,
	MetricMessagesNacked: counterKind, MetricDeadLetters: counterKind, MetricIgnoredFields: counterKind,
	MetricMemoLookups: counterKind, MetricMemoReusedBytes: counterKind, MetricMemoBytes: gaugeKind,
}

// Exposed is the name one of Vividly's metrics has on /metrics:
// vividly_requests_terminal is vividly_requests_terminal_total there, and
// vividly_stage_duration is the histogram vividly_stage_duration_seconds
// (_bucket, _sum, _count). Other names are returned as they are.
func Exposed(name string) string {
	k, ok := starterKinds[name]
	if s, found := specs[name]; found {
		k, ok = s.kind, true
	}
	if !ok {
		return name
	}
	return promName(name, k)
}

// promName appends the suffix Temporal's Prometheus naming gives a kind; see
// sdktally.NewPrometheusNamingScope, which does the same to the SDK's metrics.
func promName(name string, k kind) string {
	switch {
	case k == counterKind && !strings.HasSuffix(name, "_total"):
		return name + "_total"
	case k == timerKind && !strings.HasSuffix(name, "_seconds"):
		return name + "_seconds"
	}
	return name
}
