package pubsub

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	ps "cloud.google.com/go/pubsub/v2"
)

func setup(t *testing.T) (*ps.Client, Names) {
	t.Helper()
	ctx := t.Context()
	srv, err := StartInProcess(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c, err := Connect(ctx, Options{Project: "p", EmulatorHost: srv.Addr})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	n := DefaultNames()
	if err := Ensure(ctx, c, n); err != nil {
		t.Fatal(err)
	}
	return c, n
}

func publish(t *testing.T, c *ps.Client, topic string, data ...string) []string {
	t.Helper()
	p := c.Publisher(topic)
	defer p.Stop()
	var ids []string
	for _, d := range data {
		id, err := p.Publish(t.Context(), &ps.Message{Data: []byte(d), Attributes: map[string]string{"k": d}}).Get(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestEnsureIsIdempotentAndKeepsDeadLetters(t *testing.T) {
	c, n := setup(t)
	if err := Ensure(t.Context(), c, n); err != nil {
		t.Fatalf("second Ensure: %v", err)
	}
	sub, err := c.SubscriptionAdminClient.GetSubscription(t.Context(), subscriptionRequest(c, n.DeadLetterSubscription))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(sub.GetTopic(), "/"+n.DeadLetterTopic) {
		t.Fatalf("dead-letter subscription reads %s", sub.GetTopic())
	}
	if sub.GetRetryPolicy() != nil {
		t.Fatal("the dead-letter subscription backs off after a nack, which would hide dead letters after each peek")
	}
	if sub.GetDeadLetterPolicy() != nil {
		t.Fatal("Ensure set a dead-letter policy; valid messages must be able to wait for Temporal indefinitely")
	}
	publish(t, c, n.DeadLetterTopic, "kept")
	if held, err := Peek(t.Context(), c, n.DeadLetterSubscription, 10); err != nil || len(held) != 1 {
		t.Fatalf("Peek = %d, %v; want the one dead letter", len(held), err)
	}
}

func TestPeekLeavesMessages(t *testing.T) {
	c, n := setup(t)
	publish(t, c, n.RequestsTopic, "a", "b", "c")
	for round := range 2 {
		held, err := Peek(t.Context(), c, n.RequestsSubscription, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(held) != 3 {
			t.Fatalf("round %d: peeked %d messages; want 3", round, len(held))
		}
		if held[0].Attributes["k"] != string(held[0].Data) || held[0].PublishTime.IsZero() {
			t.Fatalf("held %+v lacks attributes or publish time", held[0])
		}
	}
	if held, _ := Peek(t.Context(), c, n.RequestsSubscription, 2); len(held) != 2 {
		t.Fatalf("Peek with max 2 returned %d", len(held))
	}
}

func TestTakeAcksOnlyTheMatchAndOnlyOnSuccess(t *testing.T) {
	c, n := setup(t)
	ids := publish(t, c, n.RequestsTopic, "a", "b", "c")
	byID := func(id string) func([]Held) int {
		return func(held []Held) int { return slices.IndexFunc(held, func(h Held) bool { return h.ID == id }) }
	}

	boom := errors.New("boom")
	if err := Take(t.Context(), c, n.RequestsSubscription, 100, byID(ids[1]), func(Held) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Take with a failing use = %v; want boom", err)
	}
	if held, _ := Peek(t.Context(), c, n.RequestsSubscription, 100); len(held) != 3 {
		t.Fatalf("after a failed use %d messages; want all 3 kept", len(held))
	}
	var got string
	if err := Take(t.Context(), c, n.RequestsSubscription, 100, byID(ids[1]), func(h Held) error { got = string(h.Data); return nil }); err != nil {
		t.Fatal(err)
	}
	if got != "b" {
		t.Fatalf("took %q; want b", got)
	}
	held, _ := Peek(t.Context(), c, n.RequestsSubscription, 100)
	if len(held) != 2 {
		t.Fatalf("after Take %d messages; want 2", len(held))
	}
	if err := Take(t.Context(), c, n.RequestsSubscription, 100, byID("nope"), func(Held) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Take of a missing id = %v; want ErrNotFound", err)
	}
}

func TestStartInProcessReportsABusyPort(t *testing.T) {
	srv, err := StartInProcess(t.Context(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if _, err := StartInProcess(t.Context(), srv.Addr); err == nil || !strings.Contains(err.Error(), srv.Addr) {
		t.Fatalf("second server on %s: %v; want an error naming the address", srv.Addr, err)
	}
}

func TestStartInProcessStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	srv, err := StartInProcess(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		again, err := StartInProcess(t.Context(), srv.Addr)
		if err == nil {
			again.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the port is still taken after the context ended: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestProjectID(t *testing.T) {
	t.Setenv("PUBSUB_PROJECT_ID", "")
	t.Setenv("GOOGLE_CLOUD_PROJECT", "")
	t.Setenv(EmulatorHostEnv, "")
	if got := (Options{Project: "x"}).ProjectID(); got != "x" {
		t.Errorf("explicit project: %q", got)
	}
	if got := (Options{EmulatorHost: "127.0.0.1:1"}).ProjectID(); got != DefaultProject {
		t.Errorf("emulator without project: %q", got)
	}
	if got := (Options{}).ProjectID(); got != ps.DetectProjectID {
		t.Errorf("real Pub/Sub without project: %q", got)
	}
	t.Setenv("GOOGLE_CLOUD_PROJECT", "from-env")
	if got := (Options{}).ProjectID(); got != "from-env" {
		t.Errorf("GOOGLE_CLOUD_PROJECT: %q", got)
	}
	t.Setenv(EmulatorHostEnv, "127.0.0.1:1")
	if !(Options{}).Emulated() {
		t.Error("PUBSUB_EMULATOR_HOST not honoured")
	}
}
