package cluster

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
)

// Spec describes a long-running process of the topology.
type Spec struct {
	// Name names its log (<Dir>/<Name>.log) and pid file (<Dir>/<Name>.pid).
	Name string
	Path string
	Args []string
	// Env is added to this process's environment.
	Env []string
	Dir string
	// Detached: the process outlives this one and is recorded in a pid file;
	// otherwise it is killed when this process dies, however it dies.
	Detached bool
}

// Process is a process started from a Spec.
type Process struct {
	spec Spec
	cmd  *exec.Cmd
	done chan struct{}
}

// StartProcess starts s, its output appended to its log file.
func StartProcess(s Spec) (*Process, error) {
	if _, err := os.Stat(s.Path); err != nil {
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return nil, err
	}
	logf, err := os.OpenFile(LogPath(s.Dir, s.Name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	defer logf.Close()

	cmd := exec.Command(s.Path, s.Args...)
	cmd.Env = append(os.Environ(), s.Env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	// Its own process group, so a Ctrl-C in our terminal is ours to handle; a
	// detached process gets its own session too, and outlives the terminal.
	if s.Detached {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	} else {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		child.Bind(cmd)
	}
	p := &Process{spec: s, cmd: cmd, done: make(chan struct{})}
	started := make(chan error, 1)
	// The death signal is sent when the thread that started the child ends, so
	// start and wait on one locked thread that lives exactly as long as the child.
	go func() {
		runtime.LockOSThread()
		defer close(p.done)
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		_ = cmd.Wait()
	}()
	if err := <-started; err != nil {
		return nil, fmt.Errorf("start %s: %w", s.Name, err)
	}
	if s.Detached {
		// With its start time, which tells it from a later process that
		// reuses the pid.
		record := fmt.Sprintf("%d %s\n", cmd.Process.Pid, startTime(cmd.Process.Pid))
		if err := os.WriteFile(pidPath(s.Dir, s.Name), []byte(record), 0o644); err != nil {
			p.Kill()
			return nil, err
		}
	}
	return p, nil
}

// Pid is the process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Exited is closed when the process has exited.
func (p *Process) Exited() <-chan struct{} { return p.done }

// Running reports whether the process has not exited yet.
func (p *Process) Running() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// Stop asks the process to end (SIGTERM), kills it and what it started after
// grace, and waits for it to exit.
func (p *Process) Stop(grace time.Duration) {
	if p == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = syscall.Kill(-p.Pid(), syscall.SIGKILL)
		<-p.done
	}
	p.forget()
}

// Kill ends the process and its group at once, as a crash would, and waits
// for it to exit.
func (p *Process) Kill() {
	if p == nil {
		return
	}
	_ = syscall.Kill(-p.Pid(), syscall.SIGKILL)
	<-p.done
	p.forget()
}

func (p *Process) forget() {
	if p.spec.Detached {
		_ = os.Remove(pidPath(p.spec.Dir, p.spec.Name))
	}
}

// LogPath is where the process called name in dir writes its output.
func LogPath(dir, name string) string { return filepath.Join(dir, name+".log") }

func pidPath(dir, name string) string { return filepath.Join(dir, name+".pid") }

// Recorded is a detached process as its pid file records it.
type Recorded struct {
	Name    string
	Pid     int
	Running bool
}

// Lookup reads the pid file of the detached process called name in dir. A
// pid that now belongs to another process counts as not running.
func Lookup(dir, name string) (Recorded, bool, error) {
	b, err := os.ReadFile(pidPath(dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return Recorded{}, false, nil
	}
	if err != nil {
		return Recorded{}, false, err
	}
	pidText, started, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	pid, err := strconv.Atoi(pidText)
	if err != nil {
		return Recorded{}, false, fmt.Errorf("%s: bad pid file: %w", pidPath(dir, name), err)
	}
	running := syscall.Kill(pid, 0) == nil && startTime(pid) == started
	return Recorded{Name: name, Pid: pid, Running: running}, true, nil
}

// startTime is when process pid started, in clock ticks since boot, as
// Linux's /proc reports it; "" where there is no /proc.
func startTime(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// The fields after the command name, which is in parentheses and may
	// hold spaces; the start time is the 22nd field of the line.
	i := strings.LastIndex(string(b), ") ")
	if i < 0 {
		return ""
	}
	fields := strings.Fields(string(b)[i+2:])
	if len(fields) < 20 {
		return ""
	}
	return fields[19]
}

// StopRecorded ends the detached process called name in dir: SIGTERM, then
// after grace SIGKILL to its group. It reports whether one was running.
func StopRecorded(dir, name string, grace time.Duration) (bool, error) {
	r, ok, err := Lookup(dir, name)
	if err != nil || !ok {
		return false, err
	}
	defer os.Remove(pidPath(dir, name))
	if !r.Running {
		return false, nil
	}
	_ = syscall.Kill(r.Pid, syscall.SIGTERM)
	deadline := time.Now().Add(grace)
	for syscall.Kill(r.Pid, 0) == nil {
		if time.Now().After(deadline) {
			_ = syscall.Kill(-r.Pid, syscall.SIGKILL)
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return true, nil
}
