package memo

import (
	"errors"
	"testing"
	"time"
)

// The memo keeps at most its size, the most recently used values, none unused
// for TTL, and forgets a value that failed so the next caller makes it.
func TestMemoBounds(t *testing.T) {
	m := New(10)
	now := time.Unix(0, 0)
	m.now = func() time.Time { return now }
	key := func(b byte) Key { return Key{b} }
	put := func(b byte, size int) {
		p, owner := m.Claim(key(b), true)
		if !owner {
			t.Fatalf("value %d was already there", b)
		}
		m.Settle(p, make([]byte, size), nil)
	}
	has := func(b byte) bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		p, ok := m.entries[key(b)]
		return ok && p.elem != nil
	}
	put(1, 4)
	put(2, 4)
	if _, owner := m.Claim(key(1), true); owner { // 1 is now the most recently used
		t.Fatal("a kept value was not found")
	}
	if st := m.Stats(); st.Hits != 1 || st.Misses != 2 || st.HitBytes != 4 || st.Bytes != 8 {
		t.Errorf("stats %+v after one value found of two made; want 1 hit of 4 bytes, 2 misses, 8 bytes kept", st)
	}
	put(3, 4)
	if !has(1) || has(2) || !has(3) || m.size != 8 {
		t.Errorf("after 12 bytes in a memo of 10: has 1 %v, 2 %v, 3 %v, %d bytes; want the least recently used (2) gone", has(1), has(2), has(3), m.size)
	}
	now = now.Add(TTL + time.Second)
	if _, owner := m.Claim(key(9), true); !owner || has(1) || has(3) || m.size != 0 {
		t.Errorf("values unused for %s are still kept (%d bytes)", TTL, m.size)
	}

	p, _ := m.Claim(key(5), true)
	waiter, owner := m.Claim(key(5), true)
	if owner || waiter != p {
		t.Fatal("a value being made was given to a second owner")
	}
	m.Settle(p, nil, errors.New("stopped"))
	<-waiter.Done()
	if _, err := waiter.Value(); err == nil {
		t.Error("the waiter did not learn the value failed")
	}
	if _, owner := m.Claim(key(5), true); !owner {
		t.Error("a failed value was kept: nobody would make it again")
	}
}

// A nil memo keeps nothing: every claim is the caller's own, and settling it
// still wakes whoever holds the entry.
func TestNilMemoKeepsNothing(t *testing.T) {
	var m *Memo = New(0)
	e, owner := m.Claim(Key{1}, true)
	again, owner2 := m.Claim(Key{1}, true)
	if !owner || !owner2 || e == again {
		t.Fatal("a memo of no size shared an entry")
	}
	m.Settle(e, []byte("x"), nil)
	<-e.Done()
	if v, err := e.Value(); err != nil || string(v) != "x" {
		t.Errorf("settled entry holds %q, %v", v, err)
	}
	if st := m.Stats(); st != (Stats{}) {
		t.Errorf("a memo of no size counts %+v", st)
	}
}

// A caller that may not wait gets an entry of its own for a value another
// caller is still making, and that entry stays outside the memo; a value
// made already is shared with it.
func TestCallerThatMayNotWaitMakesItsOwn(t *testing.T) {
	m := New(100)
	theirs, _ := m.Claim(Key{7}, true)
	mine, owner := m.Claim(Key{7}, false)
	if !owner || mine == theirs {
		t.Fatal("a caller that may not wait was given a value still being made")
	}
	m.Settle(mine, []byte("mine"), nil)
	if st := m.Stats(); st.Bytes != 0 {
		t.Errorf("the caller's own value was kept: %d bytes", st.Bytes)
	}
	m.Settle(theirs, []byte("theirs"), nil)
	done, owner := m.Claim(Key{7}, false)
	if owner || done != theirs {
		t.Error("a value made already was not shared with a caller that may not wait")
	}
	if st := m.Stats(); st.Bytes != 6 || st.Hits != 1 || st.Misses != 2 {
		t.Errorf("stats %+v; want 6 bytes kept, 1 hit, 2 misses", st)
	}
}
