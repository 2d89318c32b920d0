package child

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// threadNices is the niceness of every thread of pid.
func threadNices(t *testing.T, pid int) map[int]int {
	t.Helper()
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/stat", pid))
	if err != nil || len(tasks) == 0 {
		t.Fatalf("no threads of %d: %v", pid, err)
	}
	nices := map[int]int{}
	for _, p := range tasks {
		raw, err := os.ReadFile(p)
		if err != nil {
			continue // ended meanwhile
		}
		s := string(raw)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:]) // from field 3, the state
		n, err := strconv.Atoi(f[19-3])
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		tid, _ := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		nices[tid] = n
	}
	return nices
}

// startThreaded starts this test binary as a tool with a few threads of its
// own, in ctx, and returns it once they run.
func startThreaded(t *testing.T, ctx context.Context) *exec.Cmd {
	t.Helper()
	cmd := Command(ctx, os.Args[0], "-test.run", "^TestLaneLowersEveryThread$")
	cmd.Env = append(os.Environ(), "CHILD_TEST_THREADS=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := Start(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("the threaded tool: %q, %v", line, err)
	}
	return cmd
}

// A lane's running tools go to the background, every thread of them, and a
// tool lent to it and given back before is left alone.
func TestLaneLowersEveryThread(t *testing.T) {
	if os.Getenv("CHILD_TEST_THREADS") == "1" {
		for range 4 {
			go func() {
				runtime.LockOSThread()
				select {}
			}()
		}
		time.Sleep(100 * time.Millisecond)
		os.Stdout.WriteString("ready\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	own, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	base := 20 - own
	lane := &Lane{}
	ctx := WithLane(context.Background(), lane)
	running := startThreaded(t, ctx)
	lent := startThreaded(t, context.Background())
	untrack := Track(ctx, lent.Process)
	if got := untrack(); got != 0 {
		t.Errorf("given back before any lowering: %d, want 0", got)
	}
	lane.Lower(10)

	threads := threadNices(t, running.Process.Pid)
	if len(threads) < 5 {
		t.Errorf("%d threads, want at least 5", len(threads))
	}
	for tid, n := range threads {
		if n != min(19, base+10) {
			t.Errorf("thread %d of the lane's tool: nice %d, want %d", tid, n, min(19, base+10))
		}
	}
	for tid, n := range threadNices(t, lent.Process.Pid) {
		if n != base {
			t.Errorf("thread %d of the tool given back: nice %d, want %d", tid, n, base)
		}
	}

	// Lent while the lane is lowered: it comes back at the lane's niceness
	// only if it was lowered with it.
	untrack = Track(ctx, lent.Process)
	if got := untrack(); got != 0 {
		t.Errorf("lent after the lowering and given back: %d, want 0", got)
	}
	untrack = Track(ctx, lent.Process)
	lane.Lower(15)
	if got := untrack(); got != 15 {
		t.Errorf("lent through a lowering: %d, want 15", got)
	}
	for tid, n := range threadNices(t, lent.Process.Pid) {
		if n != min(19, base+15) {
			t.Errorf("thread %d of the lent tool: nice %d, want %d", tid, n, min(19, base+15))
		}
	}
}

// A tool started after its context's niceness dropped (an older lesson's
// work arrived between Command and Start) is lowered when it starts.
func TestStartLowersToTheNicenessNow(t *testing.T) {
	own, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	level := 0
	ctx := WithNice(context.Background(), func() int { return level })
	cmd := Command(ctx, "sleep", "30")
	level = 10
	if err := Start(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	for tid, n := range threadNices(t, cmd.Process.Pid) {
		if want := min(19, 20-own+10); n != want {
			t.Errorf("thread %d: nice %d, want %d", tid, n, want)
		}
	}
}
