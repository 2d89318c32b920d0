package screen

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TEMPORARY debugging aid. Removed before hand-off.
func TestZZDebug(t *testing.T) {
	qs := os.Getenv("SCREEN_Q")
	if qs == "" {
		t.Skip()
	}
	for _, q := range strings.Split(qs, "\n") {
		if q == "" {
			continue
		}
		x := newText(q)
		var toks []string
		for _, tk := range x.toks {
			s := tk.stem
			if tk.name {
				s += "^"
			}
			toks = append(toks, s)
		}
		var fired []string
		for _, c := range unsafeChecks {
			if c.fn(x, false) {
				fired = append(fired, string(c.cat))
			}
		}
		for _, c := range schoolChecks {
			if c.fn(x) {
				fired = append(fired, string(c.cat))
			}
		}
		fmt.Printf("%q\n  toks=%v\n  fired=%v framed=%v => %q\n", q, toks, fired, x.schoolFramed(), Request(q).Reason())
	}
}
