package starter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vividly-edu/vividly/pubsub"
)

// emulatorBinary is where the official Pub/Sub emulator is installed on the
// project's machines; VIVIDLY_PUBSUB_EMULATOR overrides it.
const emulatorBinary = "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator"

// The official emulator is a Java program that takes a few seconds to start,
// so one serves the whole package; TestMain stops it.
var emu struct {
	once sync.Once
	addr string
	err  error
	skip string
	cmd  *exec.Cmd
	out  bytes.Buffer
	done chan struct{}
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopEmulator()
	os.Exit(code)
}

// emulatorAddr starts the official emulator on first use and returns its
// address; it skips the test only when the emulator is not installed.
func emulatorAddr(t testing.TB) string {
	t.Helper()
	emu.once.Do(startEmulator)
	if emu.skip != "" {
		t.Skip(emu.skip)
	}
	if emu.err != nil {
		t.Fatalf("official Pub/Sub emulator: %v\n%s", emu.err, emulatorOutput())
	}
	return emu.addr
}

func startEmulator() {
	bin := os.Getenv("VIVIDLY_PUBSUB_EMULATOR")
	if bin == "" {
		bin = emulatorBinary
	}
	if _, err := os.Stat(bin); err != nil {
		emu.skip = fmt.Sprintf("official Pub/Sub emulator not installed at %s (set VIVIDLY_PUBSUB_EMULATOR): skipping the emulator runs", bin)
		return
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		emu.err = err
		return
	}
	addr := l.Addr().String()
	l.Close()
	_, port, _ := net.SplitHostPort(addr)

	started := make(chan error, 1)
	emu.done = make(chan struct{})
	// Start and wait from one goroutine locked to its thread: Pdeathsig fires
	// when the thread that started the child ends, and this thread lives exactly
	// as long as the emulator, which so dies with the test binary.
	go func() {
		runtime.LockOSThread()
		defer close(emu.done)
		cmd := exec.Command(bin, "--host=127.0.0.1", "--port="+port)
		cmd.Stdout, cmd.Stderr = &syncWriter{w: &emu.out}, &syncWriter{w: &emu.out}
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		emu.cmd = cmd
		started <- nil
		cmd.Wait()
	}()
	if emu.err = <-started; emu.err != nil {
		return
	}
	emu.err = waitReady(addr, 45*time.Second)
	emu.addr = addr
}

// waitReady waits until the emulator answers an admin call.
func waitReady(addr string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		select {
		case <-emu.done:
			return errors.New("the emulator exited during start-up")
		default:
		}
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			c, err := pubsub.Connect(ctx, pubsub.Options{Project: "vividly-test", EmulatorHost: addr})
			if err == nil {
				err = pubsub.Ensure(ctx, c, pubsub.DefaultNames().WithSuffix("-ready"))
				c.Close()
			}
			if err == nil {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not ready at %s after %s", addr, timeout)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func stopEmulator() {
	if emu.cmd == nil {
		return
	}
	// The script execs java, so the group holds only what this test started.
	syscall.Kill(-emu.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-emu.done:
	case <-time.After(10 * time.Second):
	}
}

// syncWriter serializes the emulator's stdout and stderr into one buffer.
type syncWriter struct{ w *bytes.Buffer }

// outMu guards emu.out, which both of the emulator's streams write to.
var outMu sync.Mutex

func emulatorOutput() string {
	outMu.Lock()
	defer outMu.Unlock()
	return emu.out.String()
}

func (s *syncWriter) Write(p []byte) (int, error) {
	outMu.Lock()
	defer outMu.Unlock()
	return s.w.Write(p)
}
