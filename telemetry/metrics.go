package telemetry

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/uber-go/tally/v4"
	tallyprom "github.com/uber-go/tally/v4/prometheus"
	"go.temporal.io/sdk/client"
	sdktally "go.temporal.io/sdk/contrib/tally"
)

// DefaultReportEvery is how often the SDK handler's counts reach the registry.
// Prometheus scrapes far less often, so a second's lag is never seen.
const DefaultReportEvery = time.Second

// sdkBuckets are the histogram buckets of every timer but the stage durations,
// in seconds: tally's defaults (1 ms to 10 s), stretched to cover workflows
// that run for minutes.
var sdkBuckets = append(tallyprom.DefaultHistogramBuckets(), 30, 60, 300, 1800)

// sanitize keeps metric names and label names to what Prometheus accepts, as
// sdktally.PrometheusSanitizeOptions does, but leaves label values alone: the
// task queue stays "vividly-content", as the Web UI and the CLI spell it.
var sanitize = tally.SanitizeOptions{
	NameCharacters:       tally.ValidCharacters{Ranges: tally.AlphanumericRange, Characters: tally.UnderscoreCharacters},
	KeyCharacters:        tally.ValidCharacters{Ranges: tally.AlphanumericRange, Characters: tally.UnderscoreCharacters},
	ValueCharacters:      tally.ValidCharacters{Ranges: []tally.SanitizeRange{{0, utf8.MaxRune}}},
	ReplacementCharacter: tally.DefaultReplacementCharacter,
}

// MetricsOptions tune Metrics; zero values take the defaults.
type MetricsOptions struct {
	// ReportEvery is how often counts given to the SDK handler reach the
	// registry (tally's reporting interval); default DefaultReportEvery.
	ReportEvery time.Duration
	// Logger is told, once per metric, of a metric Prometheus refused; nil discards.
	Logger *slog.Logger
}

// Metrics is a process's Prometheus registry and the Temporal SDK metrics
// handler that feeds it. Create one per process, pass Handler to
// client.Options.MetricsHandler, serve HTTPHandler at /metrics, and Close it
// after the Temporal client.
type Metrics struct {
	registry *prometheus.Registry
	handler  *handler
	closer   io.Closer
	log      *slog.Logger
	refused  sync.Map // error text → struct{}: each refusal is logged once
}

// NewMetrics makes a registry with the Go runtime and process collectors and
// Vividly's metrics, and the handler that reports into it. The handler follows
// Temporal's documented Prometheus setup (contrib/tally, Prometheus naming),
// with timers as histograms.
func NewMetrics(opts MetricsOptions) (*Metrics, error) {
	if opts.ReportEvery <= 0 {
		opts.ReportEvery = DefaultReportEvery
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	reg := prometheus.NewRegistry()
	if err := reg.Register(collectors.NewGoCollector()); err != nil {
		return nil, fmt.Errorf("telemetry: register Go collector: %w", err)
	}
	if err := reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return nil, fmt.Errorf("telemetry: register process collector: %w", err)
	}
	m := &Metrics{registry: reg, log: opts.Logger}
	reporter := tallyprom.NewReporter(tallyprom.Options{
		Registerer:              reg,
		DefaultTimerType:        tallyprom.HistogramTimerType,
		DefaultHistogramBuckets: sdkBuckets,
		// The default panics: a metric Prometheus refuses must not stop a worker.
		OnRegisterError: m.refusedMetric,
	})
	if err := registerOwn(reporter); err != nil {
		return nil, err
	}
	scope, closer := tally.NewRootScope(tally.ScopeOptions{
		CachedReporter:  reporter,
		Separator:       tallyprom.DefaultSeparator,
		SanitizeOptions: &sanitize,
	}, opts.ReportEvery)
	scope = sdktally.NewPrometheusNamingScope(scope)
	m.handler = &handler{root: scope, scope: scope}
	m.closer = closer
	return m, nil
}

// registerOwn registers Vividly's metrics with their help and, for the stage
// durations, their buckets; the handler's first use then finds them.
func registerOwn(r tallyprom.Reporter) error {
	for name, s := range specs {
		var err error
		exposed := promName(name, s.kind)
		switch s.kind {
		case counterKind:
			_, err = r.RegisterCounter(exposed, s.labels, s.help)
		case gaugeKind:
			_, err = r.RegisterGauge(exposed, s.labels, s.help)
		case timerKind:
			_, err = r.RegisterTimer(exposed, s.labels, s.help, &tallyprom.RegisterTimerOptions{
				TimerType: tallyprom.HistogramTimerType, HistogramBuckets: s.buckets})
		}
		if err != nil {
			return fmt.Errorf("telemetry: register %s: %w", exposed, err)
		}
	}
	return nil
}

// refusedMetric logs, once, a metric the registry would not take, typically
// one name emitted with two different sets of tags. Its values are dropped.
func (m *Metrics) refusedMetric(err error) {
	if _, seen := m.refused.LoadOrStore(err.Error(), struct{}{}); !seen {
		m.log.Warn("metric not exported: Prometheus refused it", "error", err)
	}
}

// Handler is the Temporal SDK metrics handler that reports into the registry:
// give it to client.Options.MetricsHandler. Workflow and activity code reach it
// through workflow.GetMetricsHandler and activity.GetMetricsHandler.
func (m *Metrics) Handler() client.MetricsHandler { return m.handler }

// Registry is the Prometheus registry /metrics serves.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// HTTPHandler serves the registry in the Prometheus text format.
func (m *Metrics) HTTPHandler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		Registry:      m.registry, // counts its own errors as promhttp_metric_handler_errors_total
		ErrorLog:      promLogger{m.log},
		ErrorHandling: promhttp.ContinueOnError,
	})
}

// Close reports what the handler still holds and stops its reporting loop.
// Call it after the Temporal client is closed.
func (m *Metrics) Close() error { return m.closer.Close() }

// promLogger gives promhttp's error log to slog.
type promLogger struct{ log *slog.Logger }

func (l promLogger) Println(v ...any) { l.log.Warn("metrics scrape: " + fmt.Sprint(v...)) }
