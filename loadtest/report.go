package loadtest

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/starter"
)

// Duration is a time.Duration written to JSON as seconds.
type Duration time.Duration

// MarshalJSON writes d in seconds.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).Seconds()) }

// String formats d for people, rounded: 1.23s, 87ms.
func (d Duration) String() string { return round(time.Duration(d)).String() }

func round(d time.Duration) time.Duration {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond)
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	default:
		return d.Round(time.Millisecond)
	}
}

// Unsettled is a valid request that never became terminal or clarification_needed.
type Unsettled struct {
	RequestID string         `json:"request_id"`
	Kind      Kind           `json:"kind"`
	Status    vividly.Status `json:"status,omitempty"` // "" when it has no row: never started
}

// Outcome is a valid request that settled other than its question suggests.
type Outcome struct {
	RequestID string         `json:"request_id"`
	Kind      Kind           `json:"kind"`
	Status    vividly.Status `json:"status"`
}

// InvalidOutcome is an invalid message whose dead letter is missing or wrong.
type InvalidOutcome struct {
	MessageID string         `json:"message_id"`
	Case      string         `json:"case"`
	Want      starter.Reason `json:"want_reason"`
	Got       starter.Reason `json:"got_reason,omitempty"`
}

// Duplicate is a workflow id with more than one run.
type Duplicate struct {
	WorkflowID string `json:"workflow_id"`
	Runs       int    `json:"runs"`
}

// Baseline is the rate of starting the same lessons directly through the
// Temporal client, with the starter's concurrency (see run.baseline).
type Baseline struct {
	Measured    bool     `json:"measured"`
	Requested   int      `json:"requested"`
	Concurrency int      `json:"concurrency"`
	Started     int      `json:"started"`
	Errors      int      `json:"errors"`
	Duration    Duration `json:"duration_seconds"`
	// ByServerTime: Duration ends at the last start Temporal recorded, as the
	// starter's window does; else at the last call's return.
	ByServerTime    bool    `json:"by_server_start_time"`
	Rate            float64 `json:"starts_per_second"`
	Settled         int     `json:"settled"`    // lessons started that settled in time
	Terminated      int     `json:"terminated"` // the others, ended
	TerminateErrors int     `json:"terminate_errors"`
	FirstError      string  `json:"first_error,omitempty"`
}

// Report is what a load test found. Problems lists what breaks the bridge's
// promises; the run passes when it is empty.
type Report struct {
	RunID        string           `json:"run_id"`
	Seed         uint64           `json:"seed"`
	Modality     vividly.Modality `json:"modality"`
	Concurrency  int              `json:"concurrency"`
	Duplicates   int              `json:"duplicates"`
	InvalidRatio float64          `json:"invalid_ratio"`

	Requests          int      `json:"requests"` // distinct: valid + invalid
	Valid             int      `json:"valid_requests"`
	Invalid           int      `json:"invalid_messages"`
	Messages          int      `json:"messages"` // planned: valid × (1+duplicates) + invalid
	Published         int      `json:"published"`
	PublishErrors     int      `json:"publish_errors"`
	FirstPublishError string   `json:"first_publish_error,omitempty"`
	PublishDuration   Duration `json:"publish_seconds"`

	// Started is the distinct workflows of valid requests Temporal lists;
	// StartedInDatabase the valid requests with a row.
	Started           int                    `json:"started"`
	StartedInDatabase int                    `json:"started_in_database"`
	Statuses          map[vividly.Status]int `json:"statuses"` // settled valid requests by status

	DeadLettered        int                    `json:"dead_lettered"`
	DeadLettersByReason map[starter.Reason]int `json:"dead_letters_by_reason"`
	WrongReason         []InvalidOutcome       `json:"wrong_reason,omitempty"`
	NotDeadLettered     []InvalidOutcome       `json:"not_dead_lettered,omitempty"`
	ExtraDeadLetters    int                    `json:"extra_dead_letters"` // more than one for the same message
	ValidDeadLettered   []string               `json:"valid_dead_lettered,omitempty"`
	InvalidStarted      []string               `json:"invalid_started,omitempty"`

	LostValid          int         `json:"lost_valid"`
	LostInvalid        int         `json:"lost_invalid"`
	Lost               int         `json:"lost"`
	NotSettled         []Unsettled `json:"not_settled,omitempty"`
	UnexpectedOutcomes []Outcome   `json:"unexpected_outcomes,omitempty"`

	Latency                Latency  `json:"latency"`
	StartWindow            Duration `json:"start_window_seconds"`
	StarterRate            float64  `json:"starter_requests_per_second"`
	ThroughputFromDatabase bool     `json:"throughput_from_database,omitempty"`

	VisibilityChecked   bool        `json:"visibility_checked"`
	VisibilitySince     time.Time   `json:"visibility_since"`
	VisibilityError     string      `json:"visibility_error,omitempty"`
	DuplicateRuns       []Duplicate `json:"duplicate_runs,omitempty"`
	MissingInVisibility []string    `json:"missing_in_visibility,omitempty"`
	OtherWorkflows      int         `json:"other_workflows"`

	// StartsOnly says only the rates were measured (RunOptions.StartsOnly);
	// Terminated is then the run's lessons terminated at the end.
	StartsOnly bool `json:"starts_only,omitempty"`
	Terminated int  `json:"terminated,omitempty"`

	Baseline Baseline `json:"baseline"`
	Ratio    float64  `json:"starter_to_direct_ratio"`

	PollErrors      int    `json:"poll_errors"`
	LastPollError   string `json:"last_poll_error,omitempty"`
	DeadLetterError string `json:"dead_letter_error,omitempty"`
	TimedOut        bool   `json:"timed_out"`
	Interrupted     bool   `json:"interrupted"`

	Problems []string `json:"problems"`
	Pass     bool     `json:"pass"`
}

func newReport(p *Plan, o RunOptions) *Report {
	return &Report{
		RunID: o.RunID, Seed: p.Options.Seed, Modality: p.Options.Modality, Concurrency: o.Concurrency,
		Duplicates: p.Options.Duplicates, InvalidRatio: p.Options.InvalidRatio,
		Requests: len(p.Valid) + len(p.Invalid), Valid: len(p.Valid), Invalid: len(p.Invalid), Messages: len(p.Messages),
		Statuses: map[vividly.Status]int{}, DeadLettersByReason: map[starter.Reason]int{},
	}
}

// finish works out the totals, the ratio and the problems.
func (r *Report) finish() {
	if !r.VisibilityChecked {
		r.Started = r.StartedInDatabase
	}
	r.Lost = r.LostValid + r.LostInvalid
	if r.Baseline.Rate > 0 {
		r.Ratio = r.StarterRate / r.Baseline.Rate
	}
	r.Problems = r.problems()
	r.Pass = len(r.Problems) == 0
}

func (r *Report) problems() []string {
	p := []string{} // [] rather than null in JSON
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if r.Interrupted {
		add("interrupted before every request settled")
	}
	if r.PublishErrors > 0 {
		add("%d messages could not be published: %s", r.PublishErrors, r.FirstPublishError)
	}
	if r.StartsOnly && r.Lost > 0 {
		add("%d valid requests never started", r.Lost)
	} else if r.Lost > 0 {
		add("lost %d: %d valid requests never reached a terminal status or clarification_needed, %d invalid messages never reached the dead-letter topic",
			r.Lost, r.LostValid, r.LostInvalid)
	}
	if n := r.Statuses[vividly.StatusFailed]; n > 0 {
		add("%d requests failed", n)
	}
	if len(r.DuplicateRuns) > 0 {
		add("%d requests have more than one workflow run", len(r.DuplicateRuns))
	}
	if len(r.WrongReason) > 0 {
		add("%d dead letters have the wrong reason", len(r.WrongReason))
	}
	if len(r.ValidDeadLettered) > 0 {
		add("%d valid messages were dead-lettered", len(r.ValidDeadLettered))
	}
	if len(r.InvalidStarted) > 0 {
		add("%d invalid messages reached Temporal or the database", len(r.InvalidStarted))
	}
	if !r.VisibilityChecked && !r.Interrupted {
		add("workflows per request not checked: %s", or(r.VisibilityError, "no visibility to read"))
	}
	if len(r.MissingInVisibility) > 0 {
		add("%d requests have a row but no workflow in Temporal's visibility", len(r.MissingInVisibility))
	}
	return p
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// listMax is how many ids a list in the text report shows.
const listMax = 5

// WriteText writes the report for people.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	line := func(label, format string, args ...any) {
		fmt.Fprintf(&b, "%-23s %s\n", label+":", fmt.Sprintf(format, args...))
	}
	fmt.Fprintf(&b, "Load test %s (seed %d): %d requests, %s, %d publishers, %d duplicates, invalid ratio %.2f\n",
		r.RunID, r.Seed, r.Requests, r.Modality, r.Concurrency, r.Duplicates, r.InvalidRatio)
	pub := fmt.Sprintf("%d messages (%d valid requests × %d copies + %d invalid) in %s",
		r.Published, r.Valid, 1+r.Duplicates, r.Invalid, r.PublishDuration)
	if r.PublishErrors > 0 {
		pub += fmt.Sprintf(", %d NOT published", r.PublishErrors)
	}
	line("published", "%s", pub)
	line("distinct requests", "%d (%d valid, %d invalid)", r.Requests, r.Valid, r.Invalid)
	started := fmt.Sprintf("%d distinct workflows of %d valid requests", r.Started, r.Valid)
	if !r.VisibilityChecked {
		started = fmt.Sprintf("%d of %d valid requests (from the database; visibility not read)", r.Started, r.Valid)
	}
	line("started", "%s", started)
	line("completed", "%d", r.Statuses[vividly.StatusCompleted])
	line("out_of_scope", "%d", r.Statuses[vividly.StatusOutOfScope])
	line("clarification_needed", "%d", r.Statuses[vividly.StatusClarificationNeeded])
	dl := fmt.Sprintf("%d of %d invalid messages", r.DeadLettered, r.Invalid)
	switch {
	case r.DeadLettered > 0 && len(r.WrongReason) == 0:
		dl += ", every one with the expected reason"
	case len(r.WrongReason) > 0:
		dl += fmt.Sprintf(", %d with the WRONG reason", len(r.WrongReason))
	}
	line("dead-lettered", "%s", dl)
	if len(r.DeadLettersByReason) > 0 {
		line("  by reason", "%s", byReason(r.DeadLettersByReason))
	}
	for _, o := range head(r.WrongReason) {
		line("  wrong reason", "message %s (%s): got %s, want %s", o.MessageID, o.Case, o.Got, o.Want)
	}
	if r.ExtraDeadLetters > 0 {
		line("  extra dead letters", "%d (a refused message redelivered and refused again)", r.ExtraDeadLetters)
	}
	line("failed", "%d", r.Statuses[vividly.StatusFailed])
	line("expired/cancelled", "%d/%d", r.Statuses[vividly.StatusExpired], r.Statuses[vividly.StatusCancelled])
	lost := fmt.Sprintf("%d", r.Lost)
	if r.Lost > 0 {
		lost += fmt.Sprintf(" (%d valid requests not settled, %d invalid messages not dead-lettered)", r.LostValid, r.LostInvalid)
	}
	line("lost", "%s", lost)
	for _, u := range head(r.NotSettled) {
		line("  not settled", "request %s (%s question): %s", u.RequestID, u.Kind, or(string(u.Status), "no row: never started"))
	}
	for _, o := range head(r.NotDeadLettered) {
		line("  not dead-lettered", "message %s (%s)", o.MessageID, o.Case)
	}
	if len(r.ValidDeadLettered) > 0 {
		line("valid dead-lettered", "%d: %s", len(r.ValidDeadLettered), strings.Join(head(r.ValidDeadLettered), ", "))
	}
	if len(r.InvalidStarted) > 0 {
		line("invalid started", "%d: %s", len(r.InvalidStarted), strings.Join(head(r.InvalidStarted), ", "))
	}
	src := "Temporal start times"
	if r.ThroughputFromDatabase {
		src = "first status entries"
	}
	line("throughput", "%.1f req/s started by the starter (%d in %s from first publish to last start, by %s)",
		r.StarterRate, r.Started, r.StartWindow, src)
	line("latency", "p50 %s  p95 %s  p99 %s  max %s  (publish → terminal or clarification_needed, %d requests)",
		r.Latency.P50, r.Latency.P95, r.Latency.P99, r.Latency.Max, r.Latency.Count)
	if len(r.UnexpectedOutcomes) > 0 {
		var s []string
		for _, o := range head(r.UnexpectedOutcomes) {
			s = append(s, fmt.Sprintf("%s %s→%s", o.RequestID, o.Kind, o.Status))
		}
		line("unexpected outcomes", "%d (not a bridge problem): %s", len(r.UnexpectedOutcomes), strings.Join(s, ", "))
	}
	switch {
	case !r.VisibilityChecked:
		line("workflows per request", "not checked: %s", or(r.VisibilityError, "no visibility to read"))
	case len(r.DuplicateRuns) == 0 && len(r.MissingInVisibility) == 0:
		line("workflows per request", "exactly one")
	default:
		var s []string
		for _, d := range head(r.DuplicateRuns) {
			s = append(s, fmt.Sprintf("%s has %d runs", d.WorkflowID, d.Runs))
		}
		for _, id := range head(r.MissingInVisibility) {
			s = append(s, id+" not listed")
		}
		line("workflows per request", "NOT exactly one: %s", strings.Join(s, "; "))
	}
	if r.OtherWorkflows > 0 {
		line("  other workflows", "%d ContentWorkflows started meanwhile by someone else (not counted)", r.OtherWorkflows)
	}
	if r.PollErrors > 0 {
		line("status read errors", "%d (last: %s)", r.PollErrors, r.LastPollError)
	}
	if r.DeadLetterError != "" {
		line("dead-letter read error", "%s", r.DeadLetterError)
	}
	if r.Baseline.Measured {
		bl := r.Baseline
		fmt.Fprintf(&b, "starter: %.1f req/s; direct Temporal starts: %.1f req/s (ratio %.2f)\n", r.StarterRate, bl.Rate, r.Ratio)
		note := fmt.Sprintf("the same %d lessons under fresh ids, %d started in %s with %d in flight, run by the workers (%d settled, %d terminated)",
			bl.Requested, bl.Started, bl.Duration, bl.Concurrency, bl.Settled, bl.Terminated)
		if bl.Errors+bl.TerminateErrors > 0 {
			note += fmt.Sprintf("; %d start and %d terminate errors (first: %s)", bl.Errors, bl.TerminateErrors, bl.FirstError)
		}
		line("  baseline", "%s", note)
	}
	if r.Pass {
		b.WriteString("PASS\n")
	} else {
		b.WriteString("FAIL\n")
		for _, p := range r.Problems {
			fmt.Fprintf(&b, "  - %s\n", p)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as one indented JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// byReason lists counts by reason, most first, then by name.
func byReason(m map[starter.Reason]int) string {
	keys := make([]starter.Reason, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b starter.Reason) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(string(a), string(b))
	})
	s := make([]string, len(keys))
	for i, k := range keys {
		s[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(s, ", ")
}

func head[T any](s []T) []T { return s[:min(len(s), listMax)] }
