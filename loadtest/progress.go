package loadtest

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Bar is a progress bar on a terminal, redrawn in place; on anything else
// (a log file, CI) it writes a plain line now and then instead.
type Bar struct {
	w      io.Writer
	tty    bool
	label  string
	total  int
	start  time.Time
	now    func() time.Time
	last   time.Time // when a line was last written (not on a terminal)
	done   int
	detail string
}

// barWidth is the bar's length in cells.
const barWidth = 30

// plainEvery is how often a plain (non-terminal) bar writes a line.
const plainEvery = 10 * time.Second

// NewBar starts a bar of total steps on w; nil w gives a bar that draws nothing.
func NewBar(w io.Writer, tty bool, label string, total int) *Bar {
	return newBar(w, tty, label, total, time.Now)
}

func newBar(w io.Writer, tty bool, label string, total int, now func() time.Time) *Bar {
	b := &Bar{w: w, tty: tty, label: label, total: total, now: now, start: now()}
	b.last = b.start
	return b
}

// Set moves the bar to done steps, with a short detail (counts, never student text).
func (b *Bar) Set(done int, detail string) {
	if b == nil || b.w == nil {
		return
	}
	changed := done != b.done || detail != b.detail
	b.done, b.detail = done, detail
	switch {
	case b.tty:
		fmt.Fprintf(b.w, "\r%s\x1b[K", b.line())
	case changed && done < b.total && b.now().Sub(b.last) >= plainEvery: // Finish writes the last line
		b.last = b.now()
		fmt.Fprintln(b.w, b.line())
	}
}

// Finish draws the bar a last time and ends its line; an empty detail keeps the last one.
func (b *Bar) Finish(detail string) {
	if b == nil || b.w == nil {
		return
	}
	if detail != "" {
		b.detail = detail
	}
	if b.tty {
		fmt.Fprintf(b.w, "\r%s\x1b[K\n", b.line())
		return
	}
	fmt.Fprintln(b.w, b.line())
}

// line is the bar as text: label [#####.....] done/total pct elapsed detail.
func (b *Bar) line() string {
	frac := 1.0
	if b.total > 0 {
		frac = min(1, float64(b.done)/float64(b.total))
	}
	filled := int(frac * barWidth)
	bar := strings.Repeat("#", filled) + strings.Repeat(".", barWidth-filled)
	s := fmt.Sprintf("%s [%s] %d/%d %3.0f%% %s", b.label, bar, b.done, b.total, frac*100,
		b.now().Sub(b.start).Round(time.Second))
	if b.detail != "" {
		s += "  " + b.detail
	}
	return s
}
