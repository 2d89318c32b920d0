package telemetry

import (
	"maps"

	"github.com/uber-go/tally/v4"
	"go.temporal.io/sdk/client"
)

// unknownTag is the value of one of a Vividly metric's tags that its emitter did not give.
const unknownTag = "unknown"

// handler is the SDK metrics handler over a tally scope. The SDK's metrics go
// through as contrib/tally's handler would take them, with every tag the SDK
// adds (namespace, task_queue, workflow_type, activity_type, …). Vividly's own
// metrics keep only the tags their spec names, so that one metric has one label
// set whether workflow code, activity code or the starter emitted it.
type handler struct {
	root  tally.Scope       // no tags
	scope tally.Scope       // root with tags
	tags  map[string]string // every tag given so far
}

var _ client.MetricsHandler = (*handler)(nil)

// WithTags returns a handler that adds tags to everything it reports.
func (h *handler) WithTags(tags map[string]string) client.MetricsHandler {
	all := maps.Clone(h.tags)
	if all == nil {
		all = make(map[string]string, len(tags))
	}
	maps.Copy(all, tags)
	return &handler{root: h.root, scope: h.scope.Tagged(tags), tags: all}
}

// Counter returns the counter name.
func (h *handler) Counter(name string) client.MetricsCounter {
	return h.scopeFor(name).Counter(name)
}

// Gauge returns the gauge name.
func (h *handler) Gauge(name string) client.MetricsGauge {
	return h.scopeFor(name).Gauge(name)
}

// Timer returns the timer name, reported as a histogram in seconds.
func (h *handler) Timer(name string) client.MetricsTimer {
	return h.scopeFor(name).Timer(name)
}

// scopeFor is the scope a metric is reported on: for Vividly's metrics, the
// root tagged with exactly its spec's tags.
func (h *handler) scopeFor(name string) tally.Scope {
	s, own := specs[name]
	if !own {
		return h.scope
	}
	tags := make(map[string]string, len(s.labels))
	for _, l := range s.labels {
		v := h.tags[l]
		if v == "" {
			v = unknownTag
		}
		tags[l] = v
	}
	return h.root.Tagged(tags)
}
