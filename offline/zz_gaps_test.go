package offline

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestZZGaps(t *testing.T) {
	if os.Getenv("GAPS") == "" {
		t.Skip()
	}
	lib := mustLibrary()
	type gap struct {
		ID       string   `json:"id"`
		Title    string   `json:"title"`
		GradeMin int      `json:"grade_min"`
		GradeMax int      `json:"grade_max"`
		Asks     []string `json:"asks"`
	}
	var out []gap
	n := 0
	for _, tp := range lib.topics {
		var parts []string
		for _, p := range tp.Passages {
			parts = append(parts, p.Title, p.Text)
		}
		for _, k := range tp.KeyTerms {
			parts = append(parts, k.Term, k.Definition)
		}
		for _, an := range tp.Answers {
			parts = append(parts, an.Text)
		}
		parts = append(parts, tp.Title, tp.Phrase, strings.Join(tp.KeyPoints, " "), strings.Join(tp.Steps, " "), tp.WorkedExample, tp.Everyday, tp.Link, tp.Misconception)
		have := stems(strings.Join(parts, " "))
		g := gap{ID: tp.ID, Title: tp.Title, GradeMin: tp.GradeMin, GradeMax: tp.GradeMax}
		for _, a := range tp.Aliases {
			missing := false
			for _, w := range words(a) {
				if !NamesThing(w) {
					continue
				}
				sw := stem(w)
				found := false
				for _, h := range have {
					if sameStem(sw, h) {
						found = true
						break
					}
				}
				if !found {
					missing = true
				}
			}
			if missing {
				g.Asks = append(g.Asks, a)
				n++
			}
		}
		if len(g.Asks) > 0 {
			out = append(out, g)
		}
	}
	b, _ := json.MarshalIndent(out, "", " ")
	os.WriteFile(os.Getenv("GAPS"), b, 0o644)
	t.Logf("%d topics, %d asks", len(out), n)
}
