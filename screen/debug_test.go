package screen

import (
	"bufio"
	"os"
	"testing"
)

func TestDebugPrint(t *testing.T) {
	f, err := os.Open("/tmp/q.txt")
	if err != nil {
		t.Skip()
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		q := sc.Text()
		v := Request(q)
		var toks []string
		for _, tk := range newText(q).toks {
			toks = append(toks, tk.stem)
		}
		t.Logf("%-16s %q  %v", v.Reason(), q, toks)
	}
}
