package starter

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	ps "cloud.google.com/go/pubsub/v2"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/pubsub"
)

// backend is a Pub/Sub to run a scenario against.
type backend struct {
	name string
	addr func(t testing.TB) string // starts it if needed; skips when unavailable
	// viaEnv reaches it the standard way, through PUBSUB_EMULATOR_HOST, rather
	// than through Options.EmulatorHost.
	viaEnv bool
}

var (
	inProcess = backend{name: "in-process", addr: func(t testing.TB) string {
		srv, err := pubsub.StartInProcess(context.Background(), "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.Close() })
		return srv.Addr
	}}
	officialEmulator = backend{name: "official-emulator", addr: emulatorAddr, viaEnv: true}
)

// env is one scenario's Pub/Sub: a client and freshly made topics and subscriptions.
type env struct {
	client *ps.Client
	names  pubsub.Names
}

func newEnv(t testing.TB, be backend) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	opts := pubsub.Options{Project: "vividly-test", EmulatorHost: be.addr(t)}
	if be.viaEnv {
		t.Setenv(pubsub.EmulatorHostEnv, opts.EmulatorHost)
		opts.EmulatorHost = ""
	}
	c, err := pubsub.Connect(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	suffix := make([]byte, 4)
	rand.Read(suffix)
	names := pubsub.DefaultNames().WithSuffix("-" + hex.EncodeToString(suffix))
	if err := pubsub.Ensure(ctx, c, names); err != nil {
		t.Fatal(err)
	}
	return &env{client: c, names: names}
}

// publish sends each payload to the requests topic and returns the message ids.
func (e *env) publish(t testing.TB, payloads ...[]byte) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p := e.client.Publisher(e.names.RequestsTopic)
	defer p.Stop()
	var results []*ps.PublishResult
	for _, d := range payloads {
		results = append(results, p.Publish(ctx, &ps.Message{Data: d}))
	}
	ids := make([]string, len(results))
	for i, r := range results {
		id, err := r.Get(ctx)
		if err != nil {
			t.Fatalf("publish: %v", err)
		}
		ids[i] = id
	}
	return ids
}

// peek reads what a subscription holds, leaving it there.
func (e *env) peek(t testing.TB, sub string) []pubsub.Held {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	held, err := pubsub.Peek(ctx, e.client, sub, 1000)
	if err != nil {
		t.Fatalf("peek %s: %v", sub, err)
	}
	return held
}

// running is a Bridge running in the background.
type running struct {
	*Bridge
	cancel context.CancelFunc
	done   chan error
}

func (e *env) run(t testing.TB, s Starter, cfg Config) *running {
	t.Helper()
	cfg.Subscription, cfg.DeadLetterTopic = e.names.RequestsSubscription, e.names.DeadLetterTopic
	if cfg.RetryDelay == 0 {
		cfg.RetryDelay = 20 * time.Millisecond
	}
	if testing.Verbose() {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	b, err := New(e.client, s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{Bridge: b, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- b.Run(ctx) }()
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop asks the bridge to stop and waits for Run to return.
func (r *running) stop(t testing.TB) {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		r.done <- nil // a later stop returns at once
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return within 30s of cancellation")
	}
}

// waitFor polls cond until it holds, failing after timeout.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// fakeStarter stands in for Temporal: it records every call, "starts" a
// workflow once per request id as USE_EXISTING would, and can fail or block.
type fakeStarter struct {
	mu        sync.Mutex
	calls     []string       // request ids, in call order
	workflows map[string]int // request id -> calls that found it existing or made it

	// failFirst makes the first calls fail as a Temporal outage would.
	failFirst int
	// loseAckFirst makes the first calls start the workflow and then fail, as
	// if the starter died between the start and the ack.
	loseAckFirst int
	// gate, when set, makes every call wait for it to close.
	gate     chan struct{}
	inFlight atomic.Int32
}

var errTemporalDown = errors.New("temporal unavailable (fake)")

func (f *fakeStarter) Start(ctx context.Context, r vividly.Request) error {
	f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	if f.gate != nil {
		select {
		case <-f.gate:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	n := len(f.calls)
	f.calls = append(f.calls, r.ID)
	if n < f.failFirst {
		return errTemporalDown
	}
	if f.workflows == nil {
		f.workflows = map[string]int{}
	}
	f.workflows[r.ID]++
	if n < f.failFirst+f.loseAckFirst {
		return fmt.Errorf("starter died before the ack (fake): %w", errTemporalDown)
	}
	return nil
}

func (f *fakeStarter) snapshot() (calls []string, workflows map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	workflows = map[string]int{}
	for k, v := range f.workflows {
		workflows[k] = v
	}
	return append([]string(nil), f.calls...), workflows
}
