package child

import (
	"os/exec"
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
