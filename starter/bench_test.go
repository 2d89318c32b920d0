package starter

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	vividly "github.com/vividly-edu/vividly"
)

// benchMessages is the backlog each run drains.
const benchMessages = 1000

// BenchmarkBridgeDelivery drains a backlog of valid requests through the
// bridge into a Starter that returns at once, with one pull stream and with
// DefaultStreams, on the in-process server and on the official emulator: the
// rate Pub/Sub delivery allows the starter, apart from Temporal. It prints
// figures and never fails on speed.
func BenchmarkBridgeDelivery(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			rates := map[int]float64{}
			for _, streams := range []int{1, DefaultStreams} {
				for range b.N {
					rates[streams] = drain(b, be, streams)
				}
				b.ReportMetric(rates[streams], fmt.Sprintf("msgs/s-%dstreams", streams))
			}
			fmt.Printf("bridge delivery (%s): %.0f messages/s on 1 stream, %.0f on %d (%.1fx), %d in flight at most\n",
				be.name, rates[1], rates[DefaultStreams], DefaultStreams, rates[DefaultStreams]/rates[1], DefaultMaxOutstandingMessages)
		})
	}
}

// drain publishes benchMessages valid requests, then times the bridge
// handing every one to a Starter that returns at once.
func drain(b *testing.B, be backend, streams int) float64 {
	b.StopTimer()
	e := newEnv(b, be)
	payloads := make([][]byte, benchMessages)
	for i := range payloads {
		payloads[i] = validMessage(b, uuid.NewString())
	}
	e.publish(b, payloads...)
	b.StartTimer()
	start := time.Now()
	r := e.run(b, StarterFunc(func(context.Context, vividly.Request) error { return nil }), Config{Streams: streams})
	waitFor(b, 2*time.Minute, "the backlog to drain", func() bool { return r.Counters().Started >= benchMessages })
	elapsed := time.Since(start)
	r.stop(b)
	return float64(benchMessages) / elapsed.Seconds()
}
