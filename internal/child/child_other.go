//go:build !linux

package child

import (
	"os"
	"os/exec"
)

func bind(*exec.Cmd) {}

func renice(*os.Process, int) bool { return true }
