// Package child ties the media tools a worker runs (ffmpeg, ffprobe,
// espeak-ng) to the worker's life: when the worker dies, however it dies,
// they die with it, instead of rendering on for a lesson that has already
// been handed to another worker. It also runs them at the CPU priority of
// the lesson they work for, and lowers it while they run when an older
// lesson's work arrives (Lane).
package child

import (
	"context"
	"os/exec"
	"strconv"
	"sync"
)

// Bind makes cmd's process die with the process that starts it, where the
// system allows it (Linux); elsewhere it does nothing. Call it before Start.
func Bind(cmd *exec.Cmd) { bind(cmd) }

type niceKey struct{}

// WithNice returns a context whose commands (Command) start at the
// niceness nice returns at the moment each starts: 0 for the normal
// priority, up to 19 for the lowest. A lesson that is not the oldest a
// worker is making runs its tools in the background this way, so that with
// many lessons at once the first ones finish first, and no CPU is left idle.
func WithNice(ctx context.Context, nice func() int) context.Context {
	return context.WithValue(ctx, niceKey{}, nice)
}

// First reports whether ctx's tools start at the normal priority while
// other lessons' run in the background: the work of the oldest lesson a
// worker is making (WithNice, at 0 now). Such work should not wait for
// something a background tool is making for another lesson.
func First(ctx context.Context) bool {
	f, ok := ctx.Value(niceKey{}).(func() int)
	return ok && f() <= 0
}

var (
	niceOnce sync.Once
	nicePath string
)

// Command is exec.CommandContext for a media tool: bound to the worker's
// life (Bind), and, when ctx asks for a lower priority (WithNice) and the
// system has nice(1), started through it.
func Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	n := Nice(ctx)
	if n > 0 {
		niceOnce.Do(func() { nicePath, _ = exec.LookPath("nice") })
	}
	var cmd *exec.Cmd
	if n > 0 && nicePath != "" {
		cmd = exec.CommandContext(ctx, nicePath, append([]string{"-n", strconv.Itoa(n), name}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, name, args...)
	}
	Bind(cmd)
	return cmd
}

// Nice is the niceness ctx's tools start at now (WithNice): 0 to 19.
func Nice(ctx context.Context) int {
	if f, ok := ctx.Value(niceKey{}).(func() int); ok {
		return min(19, max(0, f()))
	}
	return 0
}
