package child

import (
	"context"
	"os"
	"os/exec"
	"sync"
)

// A Lane is the running tools of one piece of work (a lesson's narration or
// render), so that their priority can be lowered while they run (Lower):
// the niceness a tool starts at (WithNice) is only right until an older
// lesson's work arrives, and a render lasts long enough for that to matter.
// The zero Lane is ready to use.
type Lane struct {
	mu    sync.Mutex
	procs map[*os.Process]int // the niceness Lower gave each (0: none)
}

type laneKey struct{}

// WithLane returns a context whose tools started with Start (or lent with
// Track) join l.
func WithLane(ctx context.Context, l *Lane) context.Context {
	return context.WithValue(ctx, laneKey{}, l)
}

// Start starts cmd (made with Command), lowers its priority should ctx ask
// for a lower one now than when Command chose it (an older lesson's work
// arrived between the two), and adds it to ctx's lane, if it has one, for
// as long as the lane lasts.
func Start(ctx context.Context, cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	join(ctx, cmd.Process)
	return nil
}

// Track lends a process that outlives ctx's work (an encoder kept between
// renders) to it: the process is lowered to ctx's niceness now if it runs
// higher, and joins ctx's lane until untrack is called. untrack returns the
// niceness the process was given meanwhile, the most of either (0: none).
func Track(ctx context.Context, p *os.Process) (untrack func() (nice int)) {
	l, n := join(ctx, p)
	if l == nil {
		return func() int { return n }
	}
	return func() int {
		l.mu.Lock()
		defer l.mu.Unlock()
		lowered := l.procs[p]
		delete(l.procs, p)
		return max(n, lowered)
	}
}

func join(ctx context.Context, p *os.Process) (*Lane, int) {
	n := Nice(ctx)
	if n > 0 {
		renice(p, n)
	}
	l, _ := ctx.Value(laneKey{}).(*Lane)
	if l != nil {
		l.mu.Lock()
		if l.procs == nil {
			l.procs = map[*os.Process]int{}
		}
		l.procs[p] = 0
		l.mu.Unlock()
	}
	return l, n
}

// Lower runs every thread of the lane's running tools at nice (added to
// the worker's own niceness, up to 19). Tools that join it later start at
// the niceness their context asks for then. A tool is never raised: a
// process's priority can be lowered but not raised again without
// privileges.
func (l *Lane) Lower(nice int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for p, had := range l.procs {
		if had >= nice {
			continue
		}
		if !renice(p, nice) {
			delete(l.procs, p) // ended: its id may soon be another's
			continue
		}
		l.procs[p] = nice
	}
}
