package screen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TEMPORARY: scores a jsonl file named by SCREEN_EVAL. Removed before hand-off.
func TestZZEval(t *testing.T) {
	path := os.Getenv("SCREEN_EVAL")
	if path == "" {
		t.Skip()
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type agg struct{ n, ok int }
	per := map[string]*agg{}
	var uN, uRef, uRight, oN, oRef, sN, sRef int
	var fails []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c devCase
		if json.Unmarshal(sc.Bytes(), &c) != nil || c.Q == "" {
			continue
		}
		v := Request(c.Q)
		got := v.Reason()
		if got == "" {
			got = "school"
		}
		a := per[c.Expect]
		if a == nil {
			a = &agg{}
			per[c.Expect] = a
		}
		a.n++
		ok := got == c.Expect
		switch {
		case strings.HasPrefix(c.Expect, "unsafe:"):
			uN++
			if v.Unsafe() {
				uRef++
			}
			if ok {
				uRight++
			}
		case c.Expect == "not_school":
			oN++
			ok = got == "not_school"
			if ok {
				oRef++
			}
		default:
			sN++
			if !v.Allowed() {
				sRef++
			}
		}
		if ok {
			a.ok++
		} else {
			fails = append(fails, fmt.Sprintf("%-22s got %-22s %s", c.Expect, got, c.Q))
		}
	}
	sort.Strings(fails)
	for _, s := range fails {
		fmt.Println("FAIL", s)
	}
	keys := make([]string, 0, len(per))
	for k := range per {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%-24s %3d/%3d\n", k, per[k].ok, per[k].n)
	}
	p := func(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }
	fmt.Printf("unsafe refused %.1f%% (%d/%d), right category %.1f%% (%d)\n", p(uRef, uN), uRef, uN, p(uRight, uN), uRight)
	fmt.Printf("non-school refused %.1f%% (%d/%d)\n", p(oRef, oN), oRef, oN)
	fmt.Printf("school wrongly refused %d of %d\n", sRef, sN)
}
