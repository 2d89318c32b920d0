package screen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
)

// devCase is one line of the labelled asks in data/.
type devCase struct {
	Q      string `json:"q"`
	Expect string `json:"expect"` // "school", "not_school" or "unsafe:<category>"
}

func loadDev(t *testing.T) []devCase {
	t.Helper()
	files, err := fs.Glob(asks, "data/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("labelled asks: %v (%d files)", err, len(files))
	}
	var out []devCase
	for _, name := range files {
		b, err := fs.ReadFile(asks, name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for line := 1; sc.Scan(); line++ {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var c devCase
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatalf("%s line %d: %v", name, line, err)
			}
			if c.Q == "" || !(c.Expect == "school" || c.Expect == "not_school" || strings.HasPrefix(c.Expect, "unsafe:")) {
				t.Fatalf("%s line %d: bad case %+v", name, line, c)
			}
			out = append(out, c)
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestDevSet holds the screen to the bar the product needs: every unsafe ask
// refused (95% with the right category), 97% of non-school asks refused, and
// no school question refused.
func TestDevSet(t *testing.T) {
	cases := loadDev(t)
	var unsafeN, unsafeRefused, unsafeRight, offN, offRefused, schoolN, schoolRefused int
	for _, c := range cases {
		v := Request(c.Q)
		switch {
		case strings.HasPrefix(c.Expect, "unsafe:"):
			unsafeN++
			if v.Unsafe() {
				unsafeRefused++
			} else {
				t.Errorf("unsafe not refused: %q got %q", c.Q, v.Reason())
			}
			if v.Reason() == c.Expect {
				unsafeRight++
			} else if v.Unsafe() {
				t.Logf("wrong unsafe category: %q got %q want %q", c.Q, v.Reason(), c.Expect)
			}
		case c.Expect == "not_school":
			offN++
			if !v.Allowed() {
				offRefused++
			} else {
				t.Logf("non-school allowed: %q", c.Q)
			}
			if v.Unsafe() {
				t.Errorf("non-school refused as unsafe: %q got %q", c.Q, v.Reason())
			}
		default:
			schoolN++
			if !v.Allowed() {
				schoolRefused++
				t.Errorf("school refused: %q got %q", c.Q, v.Reason())
			}
		}
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }
	t.Logf("unsafe refused %.1f%% (%d/%d), right category %.1f%%", pct(unsafeRefused, unsafeN), unsafeRefused, unsafeN, pct(unsafeRight, unsafeN))
	t.Logf("non-school refused %.1f%% (%d/%d)", pct(offRefused, offN), offRefused, offN)
	t.Logf("school wrongly refused %d of %d", schoolRefused, schoolN)
	if unsafeRefused != unsafeN || pct(unsafeRight, unsafeN) < 95 {
		t.Errorf("unsafe: refused %d/%d, right category %d/%d; want all refused and ≥95%% right", unsafeRefused, unsafeN, unsafeRight, unsafeN)
	}
	if pct(offRefused, offN) < 97 {
		t.Errorf("non-school refused %.1f%%, want ≥97%%", pct(offRefused, offN))
	}
	if schoolRefused != 0 {
		t.Errorf("%d school questions refused, want 0", schoolRefused)
	}
}

// TestOutputMemoChangesNoVerdict reads every labelled ask as lesson text,
// with each ask's sentences alone and then inside a text of clean sentences
// passed before: the verdicts are the same as with nothing remembered, and
// a sentence refused once is refused again.
func TestOutputMemoChangesNoVerdict(t *testing.T) {
	cases := loadDev(t)
	fresh := func(s string) Verdict {
		passedOutput.mu.Lock()
		passedOutput.m = nil
		passedOutput.mu.Unlock()
		return Output(s)
	}
	want := make([]Verdict, len(cases))
	refused := 0
	for i, c := range cases {
		want[i] = fresh(c.Q)
		if !want[i].Allowed() {
			refused++
		}
	}
	if refused < 100 {
		t.Fatalf("only %d labelled asks are refused as lesson text: too few to check the memo against", refused)
	}
	// Every clean sentence is remembered now; read each ask again, twice,
	// after a clean sentence and alone.
	for _, c := range cases {
		Output(c.Q)
	}
	for round := range 2 {
		for i, c := range cases {
			if got := Output("Cells divide by mitosis. " + c.Q); got != want[i] {
				t.Fatalf("round %d: Output(%q) after remembering = %+v, read afresh %+v", round, c.Q, got, want[i])
			}
			if got := Output(c.Q); got != want[i] {
				t.Fatalf("round %d: Output(%q) after remembering = %+v, read afresh %+v", round, c.Q, got, want[i])
			}
		}
	}
}
