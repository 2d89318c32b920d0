package starter

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// Both backends run the duplicate and dead-letter scenarios unchanged.
var backends = []backend{inProcess, officialEmulator}

func validMessage(t testing.TB, id string) []byte {
	t.Helper()
	b, err := Encode(vividly.Request{ID: id, StudentID: studentID, Question: "How do volcanoes erupt?", Grade: 6,
		Interest: "skateboarding", Modality: vividly.ModalityText, TargetDuration: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDuplicatesStartOneWorkflow: the same request published three times reaches
// the Starter three times with the same id, which makes one workflow; all three
// messages are acked and none is dead-lettered.
func TestDuplicatesStartOneWorkflow(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			e := newEnv(t, be)
			s := &fakeStarter{}
			b := e.run(t, s, Config{})
			msg := validMessage(t, reqID)
			e.publish(t, msg, msg, msg)
			waitFor(t, 20*time.Second, "three starts", func() bool { return b.Counters().Started == 3 })
			b.stop(t)

			calls, workflows := s.snapshot()
			if len(calls) != 3 || len(workflows) != 1 || workflows[reqID] != 3 {
				t.Fatalf("calls %v, workflows %v; want 3 calls for %s and one workflow", calls, workflows, reqID)
			}
			if c := b.Counters(); c.Validated != 3 || c.DeadLettered != 0 || c.Nacked != 0 {
				t.Fatalf("counters %+v", c)
			}
			if left := e.peek(t, e.names.RequestsSubscription); len(left) != 0 {
				t.Fatalf("%d messages left unacked", len(left))
			}
			if dl := e.peek(t, e.names.DeadLetterSubscription); len(dl) != 0 {
				t.Fatalf("%d dead letters; want none", len(dl))
			}
		})
	}
}

// invalidBatch is one refused message per reason, with the reason expected.
func invalidBatch(t *testing.T) map[Reason][]byte {
	t.Helper()
	return map[Reason][]byte{
		ReasonNotJSON:         []byte("request_id=42&q=volcanoes"),
		ReasonOversize:        []byte(msg(set("student_query", strings.Repeat("a", MaxMessageBytes)))),
		ReasonInvalidUUID:     []byte(msg(set("request_id", "req-123"))),
		ReasonMissingField:    []byte(msg(del("student_id"))),
		ReasonWrongType:       []byte(msg(set("grade_level", true))),
		ReasonGradeOutOfRange: []byte(msg(set("grade_level", 13))),
		ReasonEmptyQuery:      []byte(msg(set("student_query", "   "))),
		ReasonQueryTooLong:    []byte(msg(set("student_query", strings.Repeat("a", 1001)))),
		ReasonUnknownModality: []byte(msg(set("modality", "hologram"))),
		ReasonUnknownField:    []byte(msg(set("intrest", "skating"))),
		ReasonInvalidField:    []byte(msg(set("duration_minutes", 60))),
		ReasonDuplicateField:  []byte(withDuplicate(`"grade_level":3`)),
	}
}

// TestInvalidMessagesAreDeadLettered: each invalid message of a mixed batch
// lands in the dead-letter subscription with its reason and its original bytes;
// the valid ones are started as usual and nothing invalid reaches the Starter.
func TestInvalidMessagesAreDeadLettered(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			e := newEnv(t, be)
			s := &fakeStarter{}
			b := e.run(t, s, Config{})

			invalid := invalidBatch(t)
			valid := []string{"aaaaaaaa-1111-4111-8111-111111111111", "bbbbbbbb-2222-4222-8222-222222222222"}
			var payloads [][]byte
			var reasons []Reason
			for _, r := range Reasons {
				payloads, reasons = append(payloads, invalid[r]), append(reasons, r)
			}
			payloads = slices.Insert(payloads, 3, validMessage(t, valid[0]))
			reasons = slices.Insert(reasons, 3, "")
			// a newer producer's message: one field this version does not know
			newer := validMessage(t, valid[1])
			newer = append(newer[:len(newer)-1], []byte(`,"priority":"high"}`)...)
			payloads = append(payloads, newer)
			reasons = append(reasons, "")
			before := time.Now().Add(-time.Second)
			ids := e.publish(t, payloads...)

			waitFor(t, 20*time.Second, "every message decided", func() bool {
				c := b.Counters()
				return c.DeadLettered == int64(len(invalid)) && c.Started == int64(len(valid))
			})
			b.stop(t)

			calls, _ := s.snapshot()
			slices.Sort(calls)
			if !slices.Equal(calls, valid) {
				t.Fatalf("Starter saw %v; want only the valid %v", calls, valid)
			}
			if c := b.Counters(); c.Ignored != 1 {
				t.Errorf("ignored fields counted: %d, want 1 (the newer producer's)", c.Ignored)
			}
			dead := map[string][]byte{} // original message id -> data
			for _, d := range e.peek(t, e.names.DeadLetterSubscription) {
				orig := d.Attributes[AttrOriginalMessageID]
				i := slices.Index(ids, orig)
				if i < 0 || reasons[i] == "" {
					t.Errorf("dead letter %s for message %q, which is not an invalid one", d.ID, orig)
					continue
				}
				if got := Reason(d.Attributes[AttrReason]); got != reasons[i] {
					t.Errorf("message %s: reason %q, want %q", orig, got, reasons[i])
				}
				if !bytes.Equal(d.Data, payloads[i]) {
					t.Errorf("message %s (%s): dead letter does not hold the original bytes", orig, reasons[i])
				}
				at, err := time.Parse(time.RFC3339, d.Attributes[AttrRejectedAt])
				if err != nil || at.Before(before) || at.After(time.Now().Add(time.Second)) {
					t.Errorf("message %s: rejected_at %q", orig, d.Attributes[AttrRejectedAt])
				}
				if d.Attributes[AttrDeliveryAttempt] == "" || d.Attributes[AttrDetail] == "" {
					t.Errorf("message %s: attributes %v lack delivery_attempt or detail", orig, d.Attributes)
				}
				dead[orig] = d.Data
			}
			if len(dead) != len(invalid) {
				t.Fatalf("%d distinct dead letters; want %d", len(dead), len(invalid))
			}
			if left := e.peek(t, e.names.RequestsSubscription); len(left) != 0 {
				t.Fatalf("%d messages left unacked", len(left))
			}
		})
	}
}

// TestDeadLetterKeepsFieldAndRequestID: what an operator needs to act on a
// dead letter travels with it.
func TestDeadLetterKeepsFieldAndRequestID(t *testing.T) {
	e := newEnv(t, inProcess)
	b := e.run(t, &fakeStarter{}, Config{})
	e.publish(t, []byte(msg(set("grade_level", 13))))
	waitFor(t, 10*time.Second, "a dead letter", func() bool { return b.Counters().DeadLettered == 1 })
	dl := e.peek(t, e.names.DeadLetterSubscription)
	if len(dl) != 1 {
		t.Fatalf("%d dead letters", len(dl))
	}
	a := dl[0].Attributes
	if a[AttrField] != FieldGradeLevel || a[AttrRequestID] != reqID || a[AttrDeliveryAttempt] != "0" {
		t.Fatalf("attributes %v", a)
	}
}

// TestTransientFailureIsRedelivered: while Temporal is down a valid message is
// nacked and redelivered, then started once it is back; it is never dead-lettered.
func TestTransientFailureIsRedelivered(t *testing.T) {
	e := newEnv(t, inProcess)
	s := &fakeStarter{failFirst: 3}
	b := e.run(t, s, Config{})
	e.publish(t, validMessage(t, reqID))
	waitFor(t, 20*time.Second, "the start after the outage", func() bool { return b.Counters().Started == 1 })
	b.stop(t)

	calls, workflows := s.snapshot()
	if len(calls) != 4 || workflows[reqID] != 1 {
		t.Fatalf("calls %v, workflows %v; want 3 failures then one start", calls, workflows)
	}
	if c := b.Counters(); c.Nacked != 3 || c.DeadLettered != 0 {
		t.Fatalf("counters %+v; want 3 nacks and no dead letter", c)
	}
	if dl := e.peek(t, e.names.DeadLetterSubscription); len(dl) != 0 {
		t.Fatalf("%d dead letters; want none", len(dl))
	}
}

// TestLostAckStillOneWorkflow: a starter that dies after Temporal accepted the
// start but before the ack sees the message again, and the redelivery finds
// the workflow that exists: still exactly one.
func TestLostAckStillOneWorkflow(t *testing.T) {
	e := newEnv(t, inProcess)
	s := &fakeStarter{loseAckFirst: 1}
	b := e.run(t, s, Config{})
	e.publish(t, validMessage(t, reqID))
	waitFor(t, 20*time.Second, "the redelivered start", func() bool { return b.Counters().Started == 1 })
	b.stop(t)
	if calls, workflows := s.snapshot(); len(calls) != 2 || len(workflows) != 1 {
		t.Fatalf("calls %v, workflows %v; want two calls, one workflow", calls, workflows)
	}
}

// TestShutdownDrains: stopping while starts are in flight lets them finish and
// acks them; nothing is left to be redelivered and nothing was nacked.
func TestShutdownDrains(t *testing.T) {
	e := newEnv(t, inProcess)
	s := &fakeStarter{gate: make(chan struct{})}
	b := e.run(t, s, Config{MaxOutstandingMessages: 8})
	const n = 5
	var payloads [][]byte
	for i := range n {
		payloads = append(payloads, validMessage(t, strings.Replace(reqID, "8a1f6c2e", "0000000"+string(rune('0'+i)), 1)))
	}
	e.publish(t, payloads...)
	waitFor(t, 10*time.Second, "five starts in flight", func() bool { return s.inFlight.Load() == n })

	b.cancel()
	select {
	case err := <-b.done:
		t.Fatalf("Run returned (%v) while starts were in flight", err)
	case <-time.After(200 * time.Millisecond):
	}
	close(s.gate)
	b.stop(t)

	if c := b.Counters(); c.Started != n || c.Nacked != 0 {
		t.Fatalf("counters %+v; want %d started, none nacked", c, n)
	}
	if left := e.peek(t, e.names.RequestsSubscription); len(left) != 0 {
		t.Fatalf("%d messages left after shutdown; want all acked", len(left))
	}
}

// TestMissingSubscriptionFails: a bridge pointed at nothing says so rather than
// waiting forever.
func TestMissingSubscriptionFails(t *testing.T) {
	e := newEnv(t, inProcess)
	b, err := New(e.client, &fakeStarter{}, Config{Subscription: "no-such-sub", DeadLetterTopic: e.names.DeadLetterTopic})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- b.Run(t.Context()) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "no-such-sub") {
			t.Fatalf("Run = %v; want an error naming the subscription", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run kept waiting on a subscription that does not exist")
	}
}
