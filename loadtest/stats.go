package loadtest

import (
	"math"
	"slices"
	"time"
)

// Percentile is the q-th percentile (0 < q ≤ 100) of ds by the nearest-rank
// method: the smallest value at least q% of the values are at or below. It is
// always one of the values; 0 for none. ds is not changed.
func Percentile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return percentileSorted(s, q)
}

func percentileSorted(s []time.Duration, q float64) time.Duration {
	rank := int(math.Ceil(q / 100 * float64(len(s))))
	rank = min(max(rank, 1), len(s))
	return s[rank-1]
}

// Latency summarises end-to-end latencies.
type Latency struct {
	Count int      `json:"count"`
	P50   Duration `json:"p50_seconds"`
	P95   Duration `json:"p95_seconds"`
	P99   Duration `json:"p99_seconds"`
	Max   Duration `json:"max_seconds"`
}

// Summarize is the percentiles of ds.
func Summarize(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return Latency{
		Count: len(s), P50: Duration(percentileSorted(s, 50)), P95: Duration(percentileSorted(s, 95)),
		P99: Duration(percentileSorted(s, 99)), Max: Duration(s[len(s)-1]),
	}
}

// Rate is n per second over d; 0 when d is not positive.
func Rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
