package telemetry

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"
)

// newTestMetrics is a Metrics that reports every few milliseconds, served on
// 127.0.0.1; it returns the /metrics URL.
func newTestMetrics(t *testing.T, log *slog.Logger) (*Metrics, string) {
	t.Helper()
	m, err := NewMetrics(MetricsOptions{ReportEvery: 5 * time.Millisecond, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	srv := httptest.NewServer(m.HTTPHandler()) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return m, srv.URL + PathMetrics
}

func scrape(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", url, resp.Status, b)
	}
	return string(b)
}

// waitForLines scrapes until every line is on /metrics, for at most two
// seconds: the handler reports to the registry on a tick.
func waitForLines(t *testing.T, url string, lines ...string) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		body := scrape(t, url)
		missing := ""
		for _, l := range lines {
			if !hasLine(body, l) {
				missing = l
				break
			}
		}
		if missing == "" {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("/metrics lacks the line\n  %s\ngot:\n%s", missing, grepVividlyAndTemporal(body))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func hasLine(body, line string) bool {
	for l := range strings.SplitSeq(body, "\n") {
		if l == line {
			return true
		}
	}
	return false
}

func grepVividlyAndTemporal(body string) string {
	var b strings.Builder
	for l := range strings.SplitSeq(body, "\n") {
		if strings.Contains(l, "vividly_") || strings.Contains(l, "temporal_") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// sdkTags are the tags the SDK puts on a workflow's metrics handler.
var sdkTags = map[string]string{"namespace": "default", "task_queue": "vividly-content", "workflow_type": "ContentWorkflow"}

func TestCounterThroughSDKHandlerIsOnMetrics(t *testing.T) {
	m, url := newTestMetrics(t, nil)
	var h client.MetricsHandler = m.Handler() // what client.Options.MetricsHandler gets
	wf := h.WithTags(sdkTags)

	// The SDK's own metric keeps every tag, values as they are spelled.
	wf.Counter("temporal_workflow_completed").Inc(1)
	// Vividly's: by name, and through the helper.
	wf.WithTags(map[string]string{TagStatus: "completed"}).Counter(MetricRequestsTerminal).Inc(1)
	RecordTerminal(wf, vividly.StatusCompleted)
	RecordTerminal(wf, vividly.StatusOutOfScope)

	waitForLines(t, url,
		`temporal_workflow_completed_total{namespace="default",task_queue="vividly-content",workflow_type="ContentWorkflow"} 1`,
		`vividly_requests_terminal_total{status="completed"} 2`,
		`vividly_requests_terminal_total{status="out_of_scope"} 1`,
		`# TYPE vividly_requests_terminal_total counter`,
		`# HELP vividly_requests_terminal_total Requests that reached a terminal status, by status.`,
	)
}

func TestOwnMetricsKeepOneLabelSetWhereverEmitted(t *testing.T) {
	var logged bytes.Buffer
	m, url := newTestMetrics(t, slog.New(slog.NewTextHandler(&logged, nil)))
	wf := m.Handler().WithTags(sdkTags)
	act := wf.WithTags(map[string]string{"activity_type": "Narrate", "worker_type": "ActivityWorker"})

	RecordFallback(act, vividly.StatusGeneratingAudio)
	RecordFallback(wf, vividly.StatusGeneratingAudio)
	RecordFallback(m.Handler(), vividly.StatusUnderstanding)
	act.Counter(MetricFallbackActivations).Inc(1) // no stage tag given

	waitForLines(t, url,
		`vividly_fallback_activations_total{stage="generating_audio"} 2`,
		`vividly_fallback_activations_total{stage="understanding"} 1`,
		`vividly_fallback_activations_total{stage="unknown"} 1`,
	)
	if logged.Len() > 0 {
		t.Errorf("a metric was refused:\n%s", logged.String())
	}
}

func TestEveryOwnMetricUnderItsExposedName(t *testing.T) {
	m, url := newTestMetrics(t, nil)
	h := m.Handler().WithTags(sdkTags)
	RecordStageDuration(h, vividly.StatusGeneratingVideo, 90*time.Second)
	RecordClarification(h)
	RecordRenderSpeed(h, 2*time.Minute, 30*time.Second)
	RecordRenderSpeed(h, time.Minute, 0) // not measurable: not recorded
	RecordTerminal(nil, vividly.StatusFailed)

	body := waitForLines(t, url,
		`vividly_stage_duration_seconds_bucket{stage="generating_video",le="60"} 0`,
		`vividly_stage_duration_seconds_bucket{stage="generating_video",le="120"} 1`,
		`vividly_stage_duration_seconds_sum{stage="generating_video"} 90`,
		`vividly_stage_duration_seconds_count{stage="generating_video"} 1`,
		`# TYPE vividly_stage_duration_seconds histogram`,
		`vividly_clarifications_total 1`,
		`vividly_render_speed_x_realtime 4`,
		`# TYPE vividly_render_speed_x_realtime gauge`,
	)
	if strings.Contains(body, `vividly_requests_terminal_total{`) {
		t.Error("a nil handler recorded a terminal status")
	}
	for name, want := range map[string]string{
		MetricRequestsTerminal:    "vividly_requests_terminal_total",
		MetricStageDuration:       "vividly_stage_duration_seconds",
		MetricFallbackActivations: "vividly_fallback_activations_total",
		MetricClarifications:      "vividly_clarifications_total",
		MetricRenderSpeed:         "vividly_render_speed_x_realtime",
		MetricDeadLetters:         "vividly_dead_letters_total",
		MetricMessagesReceived:    "vividly_messages_received_total",
		MetricWorkflowsStarted:    "vividly_workflows_started_total",
		MetricMessagesNacked:      "vividly_messages_nacked_total",
		"temporal_request":        "temporal_request",
	} {
		if got := Exposed(name); got != want {
			t.Errorf("Exposed(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestSDKTimersAreHistogramsInSeconds(t *testing.T) {
	m, url := newTestMetrics(t, nil)
	m.Handler().WithTags(sdkTags).Timer("temporal_workflow_endtoend_latency").Record(250 * time.Millisecond)
	waitForLines(t, url,
		`# TYPE temporal_workflow_endtoend_latency_seconds histogram`,
		`temporal_workflow_endtoend_latency_seconds_sum{namespace="default",task_queue="vividly-content",workflow_type="ContentWorkflow"} 0.25`,
		`temporal_workflow_endtoend_latency_seconds_bucket{namespace="default",task_queue="vividly-content",workflow_type="ContentWorkflow",le="1800"} 1`,
	)
}

func TestRefusedMetricIsLoggedOnceAndDoesNotPanic(t *testing.T) {
	var logged bytes.Buffer
	m, url := newTestMetrics(t, slog.New(slog.NewTextHandler(&logged, nil)))
	h := m.Handler()
	// The same name with two label sets: Prometheus takes the first only.
	h.WithTags(map[string]string{"a": "1"}).Counter("temporal_odd").Inc(1)
	h.WithTags(map[string]string{"b": "1"}).Counter("temporal_odd").Inc(1)
	h.WithTags(map[string]string{"c": "1"}).Counter("temporal_odd").Inc(1)
	h.WithTags(map[string]string{"c": "2"}).Counter("temporal_odd").Inc(1)
	waitForLines(t, url, `temporal_odd_total{a="1"} 1`)
	if n := strings.Count(logged.String(), "metric not exported"); n != 2 {
		t.Errorf("refusals logged %d times, want once for each of the 2 refused label sets:\n%s", n, logged.String())
	}
}

func TestEmittedFromWorkflowAndActivityCode(t *testing.T) {
	m, url := newTestMetrics(t, nil)
	var suite testsuite.WorkflowTestSuite
	suite.SetMetricsHandler(m.Handler())
	env := suite.NewTestWorkflowEnvironment()
	fellBack := func(ctx context.Context) error {
		RecordFallback(activity.GetMetricsHandler(ctx), vividly.StatusGeneratingScript)
		return nil
	}
	lesson := func(ctx workflow.Context) error {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
		start := workflow.Now(ctx)
		RecordClarification(workflow.GetMetricsHandler(ctx))
		if err := workflow.ExecuteActivity(ctx, fellBack).Get(ctx, nil); err != nil {
			return err
		}
		if err := workflow.Sleep(ctx, 3*time.Second); err != nil {
			return err
		}
		RecordStageDuration(workflow.GetMetricsHandler(ctx), vividly.StatusGeneratingScript, workflow.Now(ctx).Sub(start))
		RecordTerminal(workflow.GetMetricsHandler(ctx), vividly.StatusCompleted)
		return nil
	}
	env.RegisterWorkflowWithOptions(lesson, workflow.RegisterOptions{Name: "ContentWorkflow"})
	env.RegisterActivityWithOptions(fellBack, activity.RegisterOptions{Name: "WriteScript"})
	env.ExecuteWorkflow("ContentWorkflow")
	if err := env.GetWorkflowError(); err != nil {
		t.Fatal(err)
	}
	waitForLines(t, url,
		`vividly_requests_terminal_total{status="completed"} 1`,
		`vividly_clarifications_total 1`,
		`vividly_fallback_activations_total{stage="generating_script"} 1`,
		`vividly_stage_duration_seconds_bucket{stage="generating_script",le="2.5"} 0`,
		`vividly_stage_duration_seconds_bucket{stage="generating_script",le="5"} 1`,
	)
}

func TestStarterMetrics(t *testing.T) {
	m, url := newTestMetrics(t, nil)
	s, err := m.Starter([]string{"not_json", "oversize_message"})
	if err != nil {
		t.Fatal(err)
	}
	waitForLines(t, url, `vividly_messages_received_total 0`, `vividly_dead_letters_total{reason="oversize_message"} 0`)

	s.Observe(func() StarterCounts { return StarterCounts{Received: 5, Started: 3, Nacked: 1} })
	s.DeadLettered("not_json")
	waitForLines(t, url,
		`vividly_messages_received_total 5`,
		`vividly_workflows_started_total 3`,
		`vividly_messages_nacked_total 1`,
		`vividly_dead_letters_total{reason="not_json"} 1`,
		`vividly_dead_letters_total{reason="oversize_message"} 0`,
	)
	if _, err := m.Starter(nil); err == nil {
		t.Error("a second set of starter metrics on one registry was accepted")
	}
}

// A worker's two memos are on /metrics side by side, read at each scrape.
func TestMemoMetrics(t *testing.T) {
	m, url := newTestMetrics(t, nil)
	aac := MemoCounts{Hits: 5, Misses: 7, ReusedBytes: 4000, Bytes: 9000}
	for which, c := range map[string]*MemoCounts{"speech": {}, "aac": &aac} {
		if err := m.Memo(which, func() MemoCounts { return *c }); err != nil {
			t.Fatal(err)
		}
	}
	waitForLines(t, url,
		`vividly_memo_lookups_total{memo="aac",result="hit"} 5`,
		`vividly_memo_lookups_total{memo="aac",result="miss"} 7`,
		`vividly_memo_lookups_total{memo="speech",result="hit"} 0`,
		`vividly_memo_reused_bytes_total{memo="aac"} 4000`,
		`vividly_memo_bytes{memo="aac"} 9000`,
	)
	aac.Hits = 6
	waitForLines(t, url, `vividly_memo_lookups_total{memo="aac",result="hit"} 6`)
	if err := m.Memo("aac", func() MemoCounts { return aac }); err == nil {
		t.Error("a second aac memo on one registry was accepted")
	}
}

func TestMetricsServesRuntimeCollectors(t *testing.T) {
	_, url := newTestMetrics(t, nil)
	body := scrape(t, url)
	for _, name := range []string{"go_goroutines", "process_start_time_seconds"} {
		if !strings.Contains(body, "\n"+name+" ") {
			t.Errorf("/metrics lacks %s", name)
		}
	}
}
