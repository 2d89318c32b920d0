package telemetry

import (
	"fmt"
	"regexp"
	"sync"
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
	counts  atomic.Pointer[func() StarterCounts]
	dead    *prometheus.CounterVec
	ignored *prometheus.CounterVec

	mu     sync.Mutex
	fields map[string]bool // field names given their own series
}

// maxFieldSeries bounds the field names that get a series of their own:
// producers choose the names, and every name would be a series forever.
const maxFieldSeries = 32

// fieldName is a plausible field name: lower case, digits and underscores.
var fieldName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Starter registers the starter's metrics. Each of reasons gets a dead-letter
// series at zero from the start, so a dashboard's rate() sees the first dead
// letter of a kind. A registry takes one set of starter metrics.
func (m *Metrics) Starter(reasons []string) (*StarterMetrics, error) {
	s := &StarterMetrics{dead: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: Exposed(MetricDeadLetters),
		Help: "Request messages refused and copied to the dead-letter topic, by reason.",
	}, []string{TagReason})}
	s.ignored = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: Exposed(MetricIgnoredFields),
		Help: "Fields of request messages this version does not know and ignored (a newer producer's), by name; \"other\" past 32 names.",
	}, []string{TagField})
	s.fields = map[string]bool{}
	cs := []prometheus.Collector{s.dead, s.ignored}
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

// IgnoredField counts one ignored field of a message. Names that do not look
// like field names, and names past the first 32, count as "other".
func (s *StarterMetrics) IgnoredField(name string) {
	s.mu.Lock()
	if !s.fields[name] {
		if fieldName.MatchString(name) && len(s.fields) < maxFieldSeries {
			s.fields[name] = true
		} else {
			name = "other"
		}
	}
	s.mu.Unlock()
	s.ignored.WithLabelValues(name).Inc()
}

func (s *StarterMetrics) snapshot() StarterCounts {
	if f := s.counts.Load(); f != nil {
		return (*f)()
	}
	return StarterCounts{}
}

// MemoCounts are a media memo's lookups since the worker started and what
// it holds now.
type MemoCounts struct {
	Hits, Misses int64 // values found (or being made by another lesson); values made
	ReusedBytes  int64 // bytes of the values found done
	Bytes        int64 // bytes kept now
}

// Memo registers the metrics of one of a worker's media memos, named which
// ("speech" for spoken segments, "aac" for encoded ones), read from counts at
// each scrape.
func (m *Metrics) Memo(which string, counts func() MemoCounts) error {
	labels := func(kv ...string) prometheus.Labels {
		l := prometheus.Labels{TagMemo: which}
		for i := 0; i+1 < len(kv); i += 2 {
			l[kv[i]] = kv[i+1]
		}
		return l
	}
	cs := []prometheus.Collector{
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: Exposed(MetricMemoLookups), Help: memoLookupsHelp, ConstLabels: labels(TagResult, "hit")},
			func() float64 { return float64(counts().Hits) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: Exposed(MetricMemoLookups), Help: memoLookupsHelp, ConstLabels: labels(TagResult, "miss")},
			func() float64 { return float64(counts().Misses) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: Exposed(MetricMemoReusedBytes), ConstLabels: labels(),
			Help: "Bytes of narration audio a worker's memo gave a lesson instead of making them again, by memo (speech, aac)."},
			func() float64 { return float64(counts().ReusedBytes) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: Exposed(MetricMemoBytes), ConstLabels: labels(),
			Help: "Bytes of narration audio a worker's memo holds now, by memo (speech, aac)."},
			func() float64 { return float64(counts().Bytes) }),
	}
	for _, c := range cs {
		if err := m.registry.Register(c); err != nil {
			return fmt.Errorf("telemetry: register the %s memo's metrics: %w", which, err)
		}
	}
	return nil
}

const memoLookupsHelp = "Lookups of a lesson's narration audio in a worker's memo, by memo (speech, aac) and result (hit, miss)."
