package activities

import (
	"context"
	"runtime"
	"slices"
	"sync"
)

// Kinds of CPU-bound media work, in the order a free slot goes to them.
const (
	slotRender  = iota // finishes a lesson: first
	slotNarrate        // starts a lesson's media
	slotKinds
)

// mediaSlots bounds the CPU-bound media work (local narration and renders) a
// worker runs at once. A freed slot goes to a waiting render before a waiting
// narration, and within a kind to the one that has waited longest: with many
// lessons at once, those that started first finish first, instead of every
// lesson sharing the CPU and all finishing late.
type mediaSlots struct {
	mu          sync.Mutex
	total, free int
	waiting     [slotKinds][]chan struct{}
}

func newMediaSlots(n int) *mediaSlots { return &mediaSlots{total: max(1, n), free: max(1, n)} }

// cpuShare is the CPUs each slot in use may keep busy now: all of them for
// work alone, fewer as others run beside it.
func (s *mediaSlots) cpuShare() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return max(1, runtime.NumCPU()/max(1, s.total-s.free))
}

// acquire waits for a slot for work of the given kind, or for ctx to end. A
// nil error means the caller holds a slot and must release it.
func (s *mediaSlots) acquire(ctx context.Context, kind int) error {
	s.mu.Lock()
	if s.free > 0 && s.queued() == 0 {
		s.free--
		s.mu.Unlock()
		return nil
	}
	ready := make(chan struct{})
	s.waiting[kind] = append(s.waiting[kind], ready)
	s.mu.Unlock()
	select {
	case <-ready:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		i := slices.Index(s.waiting[kind], ready)
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
			close(next)
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
