package offline

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCatalogLoadsAndIsValid(t *testing.T) {
	lib, err := loadLibrary(dataFS)
	if err != nil {
		t.Fatalf("embedded data does not load: %v", err)
	}
	if n := len(lib.topics); n < 40 {
		t.Errorf("catalog has %d topics, want at least 40", n)
	}
	subjects := map[string]int{}
	seen := map[string]bool{}
	for _, tp := range lib.topics {
		if seen[tp.ID] {
			t.Errorf("topic id %q is not unique", tp.ID)
		}
		seen[tp.ID] = true
		subjects[tp.Subject]++
		if n := len(lib.byTopic[tp.ID]); n < 3 {
			t.Errorf("topic %s has %d passages, want at least 3", tp.ID, n)
		}
	}
	for _, s := range subjectNames() {
		if subjects[s] < 5 {
			t.Errorf("subject %q has %d topics, want at least 5", s, subjects[s])
		}
	}
}

func TestCatalogHasRequiredTopics(t *testing.T) {
	lib := mustLibrary()
	for _, id := range []string{
		"photosynthesis", "water-cycle", "states-of-matter", "cells", "gravity", "solar-system", "food-chains",
		"volcanoes", "electric-circuits", "heart-circulation", "dna", "chemical-reactions", "newtons-laws",
		"fractions", "multiplication", "place-value", "pythagorean-theorem", "linear-equations", "area-perimeter",
		"probability", "percentages", "ancient-egypt", "roman-empire", "american-revolution", "world-war-ii",
		"civil-rights-movement", "industrial-revolution", "printing-press", "nouns-verbs", "persuasive-writing",
		"poetry-rhyme", "figurative-language", "main-idea", "plate-tectonics", "climate-weather",
		"continents-oceans", "rivers", "maps-latitude",
	} {
		if _, ok := lib.topicByID(id); !ok {
			t.Errorf("catalog lacks topic %q", id)
		}
	}
}

func TestCorpusPassages(t *testing.T) {
	lib := mustLibrary()
	ids := map[string]bool{}
	for _, p := range lib.passages {
		if ids[p.ID] {
			t.Errorf("passage id %q is not unique", p.ID)
		}
		ids[p.ID] = true
		if n := wordCount(p.Text); n < 60 || n > 150 {
			t.Errorf("passage %s has %d words, want 60–150", p.ID, n)
		}
		if p.Source != "Vividly starter corpus" || p.License != "CC BY 4.0" {
			t.Errorf("passage %s: source %q license %q", p.ID, p.Source, p.License)
		}
		if _, ok := lib.topicByID(p.Topic); !ok {
			t.Errorf("passage %s names unknown topic %q", p.ID, p.Topic)
		}
	}
	// Each topic's passages should span reading levels, so a lesson can be
	// pitched at the student.
	for _, tp := range lib.topics {
		lo, hi := 13, -1
		for _, i := range lib.byTopic[tp.ID] {
			lo, hi = min(lo, lib.passages[i].GradeMin), max(hi, lib.passages[i].GradeMax)
		}
		if hi-lo < 2 {
			t.Errorf("topic %s passages cover grades %d–%d only", tp.ID, lo, hi)
		}
	}
}

// TestValidationCatchesBrokenData feeds the loader deliberately broken files.
func TestValidationCatchesBrokenData(t *testing.T) {
	goodTopic := `{"id":"t","title":"T","phrase":"t","subject":"science","grade_min":1,"grade_max":5,
		"aliases":["alpha","beta","gamma"],"keywords":["delta","epsilon","zeta"],
		"key_points":["One","Two","Three"],"everyday":"Everyday.","analogy":"Analogy.","analogy_point":"Point",
		"bridge":"Think of {interest}.","misconception":"Mix-up.","check_young":"Why?","check":"How?","visual":"V"}`
	// passage has words/10 sentences of ten words each.
	passage := func(id string, words int) string {
		return `{"id":"` + id + `","topic":"t","title":"P","grade_min":1,"grade_max":5,"text":"` +
			strings.TrimSpace(strings.Repeat("Plants use light and water to make sugar for food. ", words/10)) +
			`","key_points":["A","B"],"source":"Vividly starter corpus","license":"CC BY 4.0"}`
	}
	cases := []struct {
		name, catalog, corpus, want string
	}{
		{"valid", `{"topics":[` + goodTopic + `]}`, `{"passages":[` + passage("p-1", 70) + `,` + passage("p-2", 70) + `,` + passage("p-3", 70) + `]}`, ""},
		{"duplicate topic", `{"topics":[` + goodTopic + `,` + goodTopic + `]}`, `{"passages":[` + passage("p-1", 70) + `,` + passage("p-2", 70) + `,` + passage("p-3", 70) + `]}`, "used twice"},
		{"too few passages", `{"topics":[` + goodTopic + `]}`, `{"passages":[` + passage("p-1", 70) + `]}`, "want at least 3"},
		{"passage too long", `{"topics":[` + goodTopic + `]}`, `{"passages":[` + passage("p-1", 70) + `,` + passage("p-2", 70) + `,` + passage("p-3", 200) + `]}`, "want 60–150"},
		{"bad json", `{"topics":[`, `{"passages":[]}`, "parse catalog.json"},
		{"bridge without interest", strings.Replace(`{"topics":[`+goodTopic+`]}`, "{interest}", "you", 1), `{"passages":[` + passage("p-1", 70) + `,` + passage("p-2", 70) + `,` + passage("p-3", 70) + `]}`, "bridge must use"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"data/catalog.json":     {Data: []byte(c.catalog)},
				"data/corpus/test.json": {Data: []byte(c.corpus)},
			}
			_, err := loadLibrary(fsys)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error %v, want one mentioning %q", err, c.want)
			}
		})
	}
}
