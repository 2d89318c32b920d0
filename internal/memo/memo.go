// Package memo keeps media a worker made for one lesson that another lesson
// will need again soon: the spoken and the encoded narration of the segments
// lessons share. Twelve students asking about photosynthesis at grade 10,
// each with an interest of their own, share about half of their narration.
//
// A Memo holds byte slices under a hash of everything that decides them, in
// memory only, the most recently used first, up to a size, and forgets what
// no lesson has used for a while. A value one caller is making is waited for
// by the others, not made twice; a value that could not be made is
// forgotten, so the next caller makes it.
package memo

import (
	"container/list"
	"sync"
	"time"
)

// TTL is how long a value no lesson has used stays in a Memo. It is a
// lesson's sound, kept in memory only and no longer than a class takes to
// ask.
const TTL = time.Hour

// Key names a value: a SHA-256 of everything that decides its bytes.
type Key [32]byte

// Memo keeps values, the most recently used first, up to a size. The zero
// value is not usable; a nil *Memo keeps nothing.
type Memo struct {
	mu      sync.Mutex
	max     int64
	size    int64
	entries map[Key]*Entry
	lru     list.List // of *Entry, done and kept, most recently used first
	now     func() time.Time
	stats   Stats
}

// Stats count a Memo's lookups since it was made.
type Stats struct {
	// Hits are values found, made or being made by another caller.
	Hits int64
	// Misses are values the caller had to make.
	Misses int64
	// HitBytes add up the bytes of the values found done.
	HitBytes int64
	// Bytes are what the memo keeps now.
	Bytes int64
}

// New returns a Memo that keeps up to maxBytes, or nil (keeping nothing) if
// maxBytes is not positive.
func New(maxBytes int64) *Memo {
	if maxBytes <= 0 {
		return nil
	}
	return &Memo{max: maxBytes, entries: map[Key]*Entry{}, now: time.Now}
}

// Entry is one value, or why it could not be made, once Done is closed.
type Entry struct {
	key  Key
	kept bool // made by a Memo's Claim: Settle keeps it there (unless it failed)
	done chan struct{}
	val  []byte
	err  error
	used time.Time
	elem *list.Element
}

// NewEntry returns an entry outside any Memo, for a caller that makes a value
// it will not share.
func NewEntry() *Entry { return &Entry{done: make(chan struct{})} }

// Done is closed once the value is made or has failed.
func (e *Entry) Done() <-chan struct{} { return e.done }

// Value is the entry's bytes, or its error; only after Done is closed. The
// bytes are shared: they must not be changed.
func (e *Entry) Value() ([]byte, error) { return e.val, e.err }

// Claim returns the entry under key: done, or being made by another caller,
// or, with owner true, new, for the caller to make and Settle. On a nil Memo
// every claim is new and owned.
//
// A caller that may not wait (the oldest lesson's work, which runs at a
// higher priority than the others': see child.First) is given an entry of
// its own, outside the memo, rather than one another caller is still
// making: waiting would hold it back to that caller's lower priority.
func (m *Memo) Claim(key Key, mayWait bool) (e *Entry, owner bool) {
	if m == nil {
		return NewEntry(), true
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire()
	if e, ok := m.entries[key]; ok {
		if e.elem != nil {
			e.used = m.now()
			m.lru.MoveToFront(e.elem)
			m.stats.HitBytes += int64(len(e.val))
		} else if !mayWait {
			m.stats.Misses++
			return NewEntry(), true
		}
		m.stats.Hits++
		return e, false
	}
	m.stats.Misses++
	e = NewEntry()
	e.key, e.kept = key, true
	m.entries[key] = e
	return e, true
}

// Settle records an owned entry's value, or its error, and wakes whoever
// waits for it. An entry that failed, or is larger than the whole Memo, is
// forgotten. m may be nil, or the entry outside it: then it is only settled.
func (m *Memo) Settle(e *Entry, val []byte, err error) {
	if m != nil && e.kept {
		m.mu.Lock()
		if err != nil || int64(len(val)) > m.max {
			delete(m.entries, e.key)
			e.kept = false
		} else {
			e.used = m.now()
			e.elem = m.lru.PushFront(e)
			m.size += int64(len(val))
			for m.size > m.max {
				m.evict(m.lru.Back())
			}
		}
		m.mu.Unlock()
	}
	e.val, e.err = val, err
	close(e.done)
}

// Stats returns the lookups so far and the bytes kept now; zero for a nil
// Memo.
func (m *Memo) Stats() Stats {
	if m == nil {
		return Stats{}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire()
	st := m.stats
	st.Bytes = m.size
	return st
}

// expire drops the entries unused for TTL. m.mu is held.
func (m *Memo) expire() {
	for e := m.lru.Back(); e != nil && m.now().Sub(e.Value.(*Entry).used) > TTL; e = m.lru.Back() {
		m.evict(e)
	}
}

// evict drops a kept entry. m.mu is held. Whoever already holds it keeps its
// bytes.
func (m *Memo) evict(el *list.Element) {
	e := m.lru.Remove(el).(*Entry)
	delete(m.entries, e.key)
	m.size -= int64(len(e.val))
}
