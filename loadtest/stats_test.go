package loadtest

import (
	"strings"
	"testing"
	"time"
)

func ms(ns ...int) []time.Duration {
	out := make([]time.Duration, len(ns))
	for i, n := range ns {
		out[i] = time.Duration(n) * time.Millisecond
	}
	return out
}

func TestPercentile(t *testing.T) {
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100..1, unsorted
	}
	cases := []struct {
		name string
		ds   []time.Duration
		q    float64
		want time.Duration
	}{
		{"none", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of odd", ms(5, 1, 3), 50, 3 * time.Millisecond},
		{"median of even is the lower", ms(4, 1, 3, 2), 50, 2 * time.Millisecond},
		{"p95 of 1..100", ms(hundred...), 95, 95 * time.Millisecond},
		{"p99 of 1..100", ms(hundred...), 99, 99 * time.Millisecond},
		{"p100 is the max", ms(hundred...), 100, 100 * time.Millisecond},
		{"p99 of ten is the max", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"tiny q is the min", ms(3, 2, 1), 0.001, time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Percentile(c.ds, c.q); got != c.want {
				t.Fatalf("Percentile(%v, %v) = %v; want %v", c.ds, c.q, got, c.want)
			}
		})
	}
}

func TestPercentileLeavesInputAlone(t *testing.T) {
	ds := ms(3, 1, 2)
	Percentile(ds, 50)
	if ds[0] != 3*time.Millisecond {
		t.Fatal("input sorted in place")
	}
}

func TestSummarize(t *testing.T) {
	l := Summarize(ms(10, 20, 30, 40, 50, 60, 70, 80, 90, 100))
	if l.Count != 10 || l.P50 != Duration(50*time.Millisecond) || l.P95 != Duration(100*time.Millisecond) ||
		l.Max != Duration(100*time.Millisecond) {
		t.Fatalf("%+v", l)
	}
	if (Summarize(nil) != Latency{}) {
		t.Fatal("summary of nothing not zero")
	}
}

func TestRate(t *testing.T) {
	if r := Rate(180, 2*time.Second); r != 90 {
		t.Fatalf("rate %v", r)
	}
	if Rate(5, 0) != 0 {
		t.Fatal("rate over no time")
	}
}

func TestBarPlainAndTerminal(t *testing.T) {
	now := time.Unix(0, 0)
	clock := func() time.Time { return now }
	var plain strings.Builder
	b := newBar(&plain, false, "waiting", 4, clock)
	b.Set(1, "a")
	now = now.Add(plainEvery)
	b.Set(2, "b")
	b.Finish("done")
	lines := strings.Split(strings.TrimSpace(plain.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "2/4") || !strings.Contains(lines[1], "done") {
		t.Fatalf("plain bar wrote %q", plain.String())
	}
	if !strings.Contains(lines[0], "[###############...............]") {
		t.Fatalf("half a bar should be half full: %q", lines[0])
	}

	var tty strings.Builder
	b = newBar(&tty, true, "waiting", 0, clock)
	b.Set(0, "")
	if !strings.HasPrefix(tty.String(), "\r") || !strings.Contains(tty.String(), "100%") {
		t.Fatalf("terminal bar wrote %q", tty.String())
	}
	var nothing *Bar
	nothing.Set(1, "") // a nil bar draws nothing and does not panic
}
