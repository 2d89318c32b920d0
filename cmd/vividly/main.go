// Command vividly runs Vividly: a lesson end to end (demo), the whole system for
// development (dev), a worker, and the commands people and scripts use to submit
// questions, follow them and answer clarifications.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := newRootCmd().ExecuteContext(ctx)
	var ec exitCode
	switch {
	case errors.As(err, &ec):
		os.Exit(int(ec))
	case err != nil:
		fmt.Fprintln(os.Stderr, "vividly:", err)
		os.Exit(1)
	}
}

// exitCode ends the program with a status code and no further message, for outcomes
// already reported (a lesson that failed, say).
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }
