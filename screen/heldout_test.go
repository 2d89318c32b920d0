package screen

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func TestHeldout(t *testing.T) {
	f, err := os.Open("/tmp/heldout.txt")
	if err != nil {
		t.Skip()
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	bad := 0
	for sc.Scan() {
		exp, q, _ := strings.Cut(sc.Text(), "\t")
		v := Request(q)
		got := v.Reason()
		if got == "" {
			got = "school"
		}
		if got != exp {
			bad++
			t.Logf("%-22s got %-22s %q", exp, got, q)
		}
	}
	t.Logf("bad %d", bad)
}
