package child

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

func bind(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	// The kernel sends it when the thread that started the child exits; Go
	// keeps its threads for the life of the process (none of ours locks a
	// thread and then ends), so in practice: when the worker exits or dies.
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}

// renice runs every thread of p at the worker's own niceness plus nice (at
// most 19), and reports whether p is still running. A niceness is a
// thread's own: the main thread goes first, so that threads it starts
// meanwhile inherit the new one, then the others. A thread already as low
// is left alone.
func renice(p *os.Process, nice int) bool {
	if p.Signal(syscall.Signal(0)) != nil {
		return false
	}
	// The system call's getpriority answers 20 minus the niceness.
	own, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil {
		return true
	}
	target := min(19, 20-own+nice)
	lower := func(tid int) {
		if cur, err := syscall.Getpriority(syscall.PRIO_PROCESS, tid); err == nil && 20-cur < target {
			_ = syscall.Setpriority(syscall.PRIO_PROCESS, tid, target)
		}
	}
	lower(p.Pid)
	tasks, _ := os.ReadDir("/proc/" + strconv.Itoa(p.Pid) + "/task")
	for _, t := range tasks {
		if tid, err := strconv.Atoi(t.Name()); err == nil && tid != p.Pid {
			lower(tid)
		}
	}
	return true
}
