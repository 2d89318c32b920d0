package telemetry

import (
	"fmt"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
)

// StarterCounts is a snapshot of what a starter bridge has done, as its
// Counters method reports it.
type StarterCounts struct {
	Received int64 // deliveries handed to the bridge
	Started  int64 // deliveries whose workflow was started (or already existed)
	Nacked   int64 // deliveries handed back for redelivery
}

// StarterMetrics are the starter's metrics. The starter has no workflow
// context, so they are registered on the registry directly, named as the SDK
// handler names counters (with the suffix _total).
type StarterMetrics struct {
	counts atomic.Pointer[func() StarterCounts]
	dead   *prometheus.CounterVec
}

// Starter registers the starter's metrics. Each of reasons gets a dead-letter
// series at zero from the start, so a dashboard's rate() sees the first dead
// letter of a kind. A registry takes one set of starter metrics.
func (m *Metrics) Starter(reasons []string) (*StarterMetrics, error) {
	s := &StarterMetrics{dead: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: Exposed(MetricDeadLetters),
		Help: "Request messages refused and copied to the dead-letter topic, by reason.",
	}, []string{TagReason})}
	cs := []prometheus.Collector{s.dead}
	for _, f := range []struct {
		name, help string
		read       func(StarterCounts) int64
	}{
		{MetricMessagesReceived, "Request messages the starter received, redeliveries included.", func(c StarterCounts) int64 { return c.Received }},
		{MetricWorkflowsStarted, "Request messages whose workflow the starter started or found started.", func(c StarterCounts) int64 { return c.Started }},
		{MetricMessagesNacked, "Request messages handed back for redelivery, e.g. while Temporal was unreachable.", func(c StarterCounts) int64 { return c.Nacked }},
	} {
		read := f.read
		cs = append(cs, prometheus.NewCounterFunc(prometheus.CounterOpts{Name: Exposed(f.name), Help: f.help},
			func() float64 { return float64(read(s.snapshot())) }))
	}
	for _, c := range cs {
		if err := m.registry.Register(c); err != nil {
			return nil, fmt.Errorf("telemetry: register the starter's metrics: %w", err)
		}
	}
	for _, r := range reasons {
		s.dead.WithLabelValues(r)
	}
	return s, nil
}

// Observe reads the starter's counts from counts at each scrape; until it is
// called they are zero.
func (s *StarterMetrics) Observe(counts func() StarterCounts) { s.counts.Store(&counts) }

// DeadLettered counts one message dead-lettered for reason.
func (s *StarterMetrics) DeadLettered(reason string) { s.dead.WithLabelValues(reason).Inc() }

func (s *StarterMetrics) snapshot() StarterCounts {
	if f := s.counts.Load(); f != nil {
		return (*f)()
	}
	return StarterCounts{}
}
