package activities

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
)

// TestMediaSlotsOrder: with every slot taken, a freed slot goes to a waiting
// render before narrations that waited longer, then to narrations in the
// order they came, and never more than the slots run at once.
func TestMediaSlotsOrder(t *testing.T) {
	s := newMediaSlots(2)
	ctx := context.Background()
	for range 2 {
		if err := s.acquire(ctx, slotNarrate, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	ran := make(chan string, 3)
	for i, w := range []struct {
		name string
		kind int
	}{{"narrate 1", slotNarrate}, {"narrate 2", slotNarrate}, {"render", slotRender}} {
		go func() {
			if err := s.acquire(ctx, w.kind, time.Time{}); err != nil {
				t.Error(err)
				return
			}
			ran <- w.name
		}()
		waitQueued(t, s, i+1)
	}
	select {
	case name := <-ran:
		t.Fatalf("%s ran while both slots were taken", name)
	case <-time.After(50 * time.Millisecond):
	}
	for _, want := range []string{"render", "narrate 1", "narrate 2"} {
		s.release()
		if got := <-ran; got != want {
			t.Fatalf("a freed slot went to %s, want %s", got, want)
		}
	}
}

// TestMediaSlotsOldestLessonFirst: work of the same kind gets a freed slot
// in the order its lessons began, whatever the order it came in.
func TestMediaSlotsOldestLessonFirst(t *testing.T) {
	s := newMediaSlots(1)
	ctx := context.Background()
	if err := s.acquire(ctx, slotNarrate, time.Time{}); err != nil {
		t.Fatal(err)
	}
	began := time.Now().Add(-time.Minute)
	ran := make(chan int, 4)
	for i, lesson := range []int{3, 1, 4, 2} { // the order they come in
		go func() {
			if err := s.acquire(ctx, slotNarrate, began.Add(time.Duration(lesson)*time.Second)); err != nil {
				t.Error(err)
				return
			}
			ran <- lesson
		}()
		waitQueued(t, s, i+1)
	}
	for want := 1; want <= 4; want++ {
		s.release()
		if got := <-ran; got != want {
			t.Fatalf("a freed slot went to the narration of lesson %d, want lesson %d", got, want)
		}
	}
}

// TestMediaSlotsCancel: a waiter whose activity is cancelled leaves the queue
// and does not keep a slot.
func TestMediaSlotsCancel(t *testing.T) {
	s := newMediaSlots(1)
	if err := s.acquire(context.Background(), slotRender, time.Time{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.acquire(ctx, slotRender, time.Time{}) }()
	waitQueued(t, s, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled wait returned %v", err)
	}
	s.release()
	short, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if err := s.acquire(short, slotNarrate, time.Time{}); err != nil {
		t.Fatalf("the slot was not freed: %v", err)
	}
}

func waitQueued(t *testing.T, s *mediaSlots, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.Lock()
		q := s.queued()
		s.mu.Unlock()
		if q == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d waiting, want %d", q, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// Work alone may keep every CPU busy; work beside others shares them.
func TestCPUShare(t *testing.T) {
	s := newMediaSlots(runtime.NumCPU() + 1)
	if err := s.acquire(context.Background(), slotRender, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if got := s.cpuShare(); got != runtime.NumCPU() {
		t.Errorf("alone: %d CPUs, want %d", got, runtime.NumCPU())
	}
	for range runtime.NumCPU() {
		if err := s.acquire(context.Background(), slotNarrate, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.cpuShare(); got != 1 {
		t.Errorf("with %d others: %d CPUs, want 1", runtime.NumCPU(), got)
	}
}

// The oldest lesson's tools run at the worker's priority, the others' in
// the background, until the older work is done.
func TestOldestLessonRunsInTheForeground(t *testing.T) {
	niceOf := func(ctx context.Context) int {
		out, err := child.Command(ctx, "sh", "-c", "cut -d' ' -f19 /proc/self/stat").Output()
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(out)))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	base := niceOf(context.Background())
	s := newMediaSlots(2)
	began := time.Now()
	younger, youngerOldest, doneYounger := s.hold(context.Background(), began.Add(time.Second))
	defer doneYounger()
	if got := niceOf(younger); got != base {
		t.Errorf("alone: nice %d, want %d", got, base)
	}
	older, olderOldest, doneOlder := s.hold(context.Background(), began)
	if !olderOldest() || youngerOldest() {
		t.Errorf("oldest: the older lesson %v, the younger %v", olderOldest(), youngerOldest())
	}
	if got := niceOf(older); got != base {
		t.Errorf("the older lesson: nice %d, want %d", got, base)
	}
	if got := niceOf(younger); got != min(19, base+backgroundNice) {
		t.Errorf("the younger beside it: nice %d, want %d", got, base+backgroundNice)
	}
	doneOlder()
	if got := niceOf(younger); got != base {
		t.Errorf("the younger once alone again: nice %d, want %d", got, base)
	}
}

// Work arriving older than all the work holding slots sends the tools the
// others are running to the background, not only those they start next;
// younger work arriving leaves the older's alone.
func TestOlderLessonSendsRunningToolsToTheBackground(t *testing.T) {
	niceOf := func(cmd *exec.Cmd) int {
		raw, err := os.ReadFile("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/stat")
		if err != nil {
			t.Fatal(err)
		}
		s := string(raw)
		n, err := strconv.Atoi(strings.Fields(s[strings.LastIndexByte(s, ')')+2:])[19-3])
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	start := func(ctx context.Context) *exec.Cmd {
		cmd := child.Command(ctx, "sleep", "30")
		if err := child.Start(ctx, cmd); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Kill()
			cmd.Wait()
		})
		return cmd
	}
	s := newMediaSlots(3)
	began := time.Now()
	younger, _, doneYounger := s.hold(context.Background(), began.Add(time.Second))
	defer doneYounger()
	early := start(younger) // alone: at the worker's priority
	base := niceOf(start(context.Background()))
	if got := niceOf(early); got != base {
		t.Fatalf("the younger lesson's tool alone: nice %d, want %d", got, base)
	}
	older, _, doneOlder := s.hold(context.Background(), began)
	defer doneOlder()
	if got, want := niceOf(early), min(19, base+backgroundNice); got != want {
		t.Errorf("the younger lesson's running tool once older work holds a slot: nice %d, want %d", got, want)
	}
	first := start(older)
	_, _, doneYoungest := s.hold(context.Background(), began.Add(2*time.Second))
	defer doneYoungest()
	if got := niceOf(first); got != base {
		t.Errorf("the oldest lesson's tool once younger work holds a slot: nice %d, want %d", got, base)
	}
}

// The oldest lesson's work does not wait for a slot younger work holds: it
// runs as one more, and that borrowed slot is the first to come back.
func TestOldestLessonDoesNotWaitForASlot(t *testing.T) {
	s := newMediaSlots(1)
	ctx := context.Background()
	began := time.Now()
	if err := s.acquire(ctx, slotRender, began.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	_, _, doneYounger := s.hold(ctx, began.Add(time.Second))
	short, stop := context.WithTimeout(ctx, 5*time.Second)
	defer stop()
	if err := s.acquire(short, slotNarrate, began); err != nil {
		t.Fatalf("the oldest lesson's narration waited for the younger's render: %v", err)
	}
	_, _, doneOlder := s.hold(ctx, began)
	// Another lesson, older than neither, waits; so does one older than
	// both while the borrowed slot is out.
	ran := make(chan string, 2)
	for i, w := range []struct {
		name  string
		since time.Time
	}{{"youngest", began.Add(2 * time.Second)}, {"oldest", began.Add(-time.Second)}} {
		go func() {
			if err := s.acquire(ctx, slotRender, w.since); err != nil {
				t.Error(err)
				return
			}
			ran <- w.name
		}()
		waitQueued(t, s, i+1)
	}
	doneOlder()
	s.release() // the borrowed slot comes back: nobody else runs yet
	select {
	case name := <-ran:
		t.Fatalf("the %s lesson's render ran when the borrowed slot came back", name)
	case <-time.After(50 * time.Millisecond):
	}
	doneYounger()
	s.release()
	if got := <-ran; got != "oldest" {
		t.Fatalf("the freed slot went to the %s lesson's render, want the oldest's", got)
	}
}
