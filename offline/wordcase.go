package offline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordCase is how the library writes its words where a capital says nothing
// of them (not first in a sentence): a word written in lower case more often
// than with a capital there is a common word, and may be lower-cased when a
// sentence it starts becomes part of another ("…; heat speeds it up"); a
// name ("Earth", "Darwin") keeps its capital. Words are counted by stem, so
// a word's other forms count too: "Trench warfare" is capitalised in a
// heading or two, "trenches" written in lower case throughout.
type wordCase struct {
	lower, capital map[string]int // stem → times written each way mid-sentence
}

// learnCase counts how the library's own texts write each word mid-sentence.
func (l *library) learnCase() {
	l.cases = wordCase{lower: map[string]int{}, capital: map[string]int{}}
	add := func(text string) {
		first := true
		for _, tok := range strings.Fields(text) {
			w := strings.Trim(tok, ".,;:!?\"'()[]")
			if !first && w != "" {
				r, _ := utf8.DecodeRuneInString(w)
				switch lw := strings.ToLower(w); {
				case w == lw:
					l.cases.lower[stem(lw)]++
				case unicode.IsUpper(r):
					l.cases.capital[stem(lw)]++
				}
			}
			first = strings.ContainsAny(tok[len(tok)-1:], ".!?:")
		}
	}
	for _, t := range l.topics {
		for _, p := range t.Passages {
			add(p.Text)
		}
		for _, k := range t.KeyPoints {
			add(k)
		}
		for _, a := range t.Answers {
			add(a.Text)
			add(a.Young)
		}
		for _, s := range []string{t.Everyday, t.Analogy, t.Link, t.Misconception, t.WorkedExample} {
			add(s)
		}
		for _, s := range t.Steps {
			add(s)
		}
	}
}

// common reports whether the library writes word (as it starts a sentence)
// as a common word rather than a name.
func (c wordCase) common(word string) bool {
	w := strings.Trim(word, ".,;:!?\"'()[]")
	if len(w) > 1 && strings.ToUpper(w) == w {
		return false // an acronym
	}
	st := stem(strings.ToLower(w))
	return c.lower[st] > c.capital[st]
}
