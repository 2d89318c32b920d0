package activities

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
)

// Kinds of CPU-bound media work, in the order a free slot goes to them.
const (
	slotRender  = iota // finishes a lesson: first
	slotNarrate        // starts a lesson's media
	slotKinds
)

// mediaSlots bounds the CPU-bound media work (local narration and renders) a
// worker runs at once. A freed slot goes to a waiting render before a waiting
// narration, and within a kind to the work of the lesson that began first
// (then to the one that has waited longest): with many lessons at once, those
// that started first finish first, instead of every lesson sharing the CPU
// and all finishing late. Work older than all the rest does not wait at
// all: it borrows one slot more (acquire), and the others' tools go to the
// background (hold). Work arrives in no set order: Temporal hands a
// burst of lessons' stages to the worker as its task queue's partitions
// yield them.
type mediaSlots struct {
	mu          sync.Mutex
	total, free int
	waiting     [slotKinds][]*slotWaiter
	// holders are the work holding slots, by a number of their own (see
	// hold).
	holders map[uint64]holder
	next    uint64
}

// holder is work holding a slot: when its lesson began, and its tools.
type holder struct {
	since time.Time
	tools *child.Lane
}

// slotWaiter is work waiting for a slot: its lesson's start, and the channel
// closed when the slot is its.
type slotWaiter struct {
	since time.Time
	ready chan struct{}
}

func newMediaSlots(n int) *mediaSlots { return &mediaSlots{total: max(1, n), free: max(1, n)} }

// backgroundNice is the niceness of the tools of work that is not the
// oldest lesson's: it still gets the CPU the oldest leaves, about a tenth
// of it while both want all of it.
const backgroundNice = 10

// hold records that work for a lesson begun at since holds a slot, until
// done is called, and returns a context whose media tools run in the
// background unless that lesson is, when each starts, the oldest of those
// holding slots. Work that arrives older than all the others holding slots
// sends the tools they are running to the background too: the niceness
// chosen when a tool starts is only right until then, and work for a
// younger lesson that reached its render first would otherwise share the
// CPU evenly with the oldest lesson's to the end. Slots are taken in turn,
// but the work holding them shares the CPU; this way the lessons that
// began first finish first, near their time alone, and the CPU is as busy
// as before.
func (s *mediaSlots) hold(ctx context.Context, since time.Time) (_ context.Context, oldest func() bool, done func()) {
	if since.IsZero() {
		since = time.Now()
	}
	tools := &child.Lane{}
	s.mu.Lock()
	if s.holders == nil {
		s.holders = map[uint64]holder{}
	}
	s.next++
	id := s.next
	s.holders[id] = holder{since: since, tools: tools}
	var younger []*child.Lane
	for other, h := range s.holders {
		if other == id {
			continue
		}
		if !since.Before(h.since) {
			younger = nil // not older than every other: nobody moves
			break
		}
		younger = append(younger, h.tools)
	}
	s.mu.Unlock()
	for _, l := range younger {
		l.Lower(backgroundNice)
	}
	oldest = func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		for other, h := range s.holders {
			if h.since.Before(since) || h.since.Equal(since) && other < id {
				return false
			}
		}
		return true
	}
	nice := func() int {
		if oldest() {
			return 0
		}
		return backgroundNice
	}
	return child.WithLane(child.WithNice(ctx, nice), tools), oldest, func() {
		s.mu.Lock()
		delete(s.holders, id)
		s.mu.Unlock()
	}
}

// cpuShare is the CPUs each slot in use may keep busy now: all of them for
// work alone, fewer as others run beside it. (The oldest lesson's work may
// take them all: the others' tools run in the background; see hold.)
func (s *mediaSlots) cpuShare() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return max(1, runtime.NumCPU()/max(1, s.total-s.free))
}

// acquire waits for a slot for work of the given kind, for a lesson begun at
// since (zero: now), or for ctx to end. A nil error means the caller holds
// a slot and must release it.
func (s *mediaSlots) acquire(ctx context.Context, kind int, since time.Time) error {
	s.mu.Lock()
	if s.free > 0 && s.queued() == 0 {
		s.free--
		s.mu.Unlock()
		return nil
	}
	if s.free == 0 && !since.IsZero() && s.olderThanAll(since) {
		// The oldest lesson's work does not wait for a younger lesson's
		// slot: it runs as one more, and the others' tools go to the
		// background (hold). One at a time: the slot it borrows is the
		// first to come back (release).
		s.free--
		s.mu.Unlock()
		return nil
	}
	if since.IsZero() {
		since = time.Now()
	}
	w := &slotWaiter{since: since, ready: make(chan struct{})}
	// After every waiter of a lesson begun no later: first by lesson, then
	// by arrival.
	q := s.waiting[kind]
	at := len(q)
	for at > 0 && q[at-1].since.After(since) {
		at--
	}
	s.waiting[kind] = slices.Insert(q, at, w)
	s.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		i := slices.Index(s.waiting[kind], w)
		if i >= 0 {
			s.waiting[kind] = slices.Delete(s.waiting[kind], i, i+1)
		}
		s.mu.Unlock()
		if i < 0 {
			s.release() // granted as ctx ended: pass it on
		}
		return ctx.Err()
	}
}

// release hands the caller's slot to the next waiter, or frees it; a slot
// borrowed by the oldest lesson's work (acquire) is given back first.
func (s *mediaSlots) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.free < 0 {
		s.free++
		return
	}
	for k := range s.waiting {
		if len(s.waiting[k]) > 0 {
			next := s.waiting[k][0]
			s.waiting[k] = s.waiting[k][1:]
			close(next.ready)
			return
		}
	}
	s.free++
}

// olderThanAll reports whether a lesson begun at since began before those
// of all the work holding or waiting for slots, every one of which is known
// (work holding a slot is known once it has called hold).
func (s *mediaSlots) olderThanAll(since time.Time) bool {
	if len(s.holders) != s.total-s.free {
		return false
	}
	for _, h := range s.holders {
		if !since.Before(h.since) {
			return false
		}
	}
	for _, q := range s.waiting {
		for _, w := range q {
			if !since.Before(w.since) {
				return false
			}
		}
	}
	return true
}

func (s *mediaSlots) queued() int {
	n := 0
	for _, w := range s.waiting {
		n += len(w)
	}
	return n
}
