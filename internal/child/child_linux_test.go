package child

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestChildDiesWithParent: a parent that starts a bound child and is then
// killed outright (SIGKILL, no chance to clean up) takes the child with it.
func TestChildDiesWithParent(t *testing.T) {
	if os.Getenv("CHILD_TEST_PARENT") == "1" {
		// The parent: start a long child, report its pid, wait to be killed.
		cmd := exec.Command("sleep", "60")
		Bind(cmd)
		if err := cmd.Start(); err != nil {
			os.Exit(2)
		}
		os.Stdout.WriteString(strconv.Itoa(cmd.Process.Pid) + "\n")
		time.Sleep(time.Minute)
		return
	}
	parent := exec.Command(os.Args[0], "-test.run", "^TestChildDiesWithParent$")
	parent.Env = append(os.Environ(), "CHILD_TEST_PARENT=1")
	out, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 32)
	n, _ := out.Read(buf)
	pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	if err != nil {
		t.Fatalf("no child pid from the parent: %q", buf[:n])
	}
	_ = parent.Process.Kill()
	_ = parent.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatal("the child outlived its killed parent by 5 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A command of a context that asks for the background starts at that
// niceness; one without, at the worker's own.
func TestCommandRunsAtTheContextsNiceness(t *testing.T) {
	niceOf := func(ctx context.Context) string {
		out, err := Command(ctx, "sh", "-c", "cut -d' ' -f19 /proc/self/stat").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	own, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	level := 10
	ctx := WithNice(context.Background(), func() int { return level })
	if got, want := niceOf(ctx), strconv.Itoa(min(19, 20-own+10)); got != want {
		t.Errorf("background: nice %s, want %s", got, want)
	}
	level = 0
	if got, want := niceOf(ctx), strconv.Itoa(20-own); got != want {
		t.Errorf("foreground: nice %s, want %s", got, want)
	}
}
