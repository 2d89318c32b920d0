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
// and all finishing late. Work arrives in no set order: Temporal hands a
// burst of lessons' stages to the worker as its task queue's partitions
// yield them.
type mediaSlots struct {
	mu          sync.Mutex
	total, free int
	waiting     [slotKinds][]*slotWaiter
	// holders are when the lessons of the work holding slots began, by a
	// number of their own (see hold).
	holders map[uint64]time.Time
	next    uint64
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
// holding slots. Slots are taken in turn, but the work holding them shares
// the CPU; this way the lessons that began first finish first, near their
// time alone, and the CPU is as busy as before.
func (s *mediaSlots) hold(ctx context.Context, since time.Time) (_ context.Context, oldest func() bool, done func()) {
	s.mu.Lock()
	if s.holders == nil {
		s.holders = map[uint64]time.Time{}
	}
	s.next++
	id := s.next
	if since.IsZero() {
		since = time.Now()
	}
	s.holders[id] = since
	s.mu.Unlock()
	oldest = func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		for other, t := range s.holders {
			if t.Before(since) || t.Equal(since) && other < id {
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
	return child.WithNice(ctx, nice), oldest, func() {
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

// release hands the caller's slot to the next waiter, or frees it.
func (s *mediaSlots) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
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

func (s *mediaSlots) queued() int {
	n := 0
	for _, w := range s.waiting {
		n += len(w)
	}
	return n
}
