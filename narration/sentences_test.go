package narration

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"no final stop", "One. Two", []string{"One.", "Two"}},
		{"e.g. before lower case", "Use a lens, e.g. a magnifier. Then look.",
			[]string{"Use a lens, e.g. a magnifier.", "Then look."}},
		{"e.g. before capital", "Planets, e.g. Mars, are round. Yes.",
			[]string{"Planets, e.g. Mars, are round.", "Yes."}},
		{"title", "Dr. Smith met Mr. Jones. They talked.",
			[]string{"Dr. Smith met Mr. Jones.", "They talked."}},
		{"decimal", "Pi is about 3.14 in value. It never ends.",
			[]string{"Pi is about 3.14 in value.", "It never ends."}},
		{"initials", "J. K. Rowling wrote it. Read it.", []string{"J. K. Rowling wrote it.", "Read it."}},
		{"pronoun I", "So did I. Then we left.", []string{"So did I.", "Then we left."}},
		{"etc. ends a sentence", "Cats, dogs, etc. They are pets.", []string{"Cats, dogs, etc.", "They are pets."}},
		{"number abbreviation", "See No. 5 here. Next.", []string{"See No. 5 here.", "Next."}},
		{"quotes close the sentence", `He said "Stop." Then he ran.`, []string{`He said "Stop."`, "Then he ran."}},
		{"ellipsis then lower case", "Wait... what happened? Nothing.", []string{"Wait... what happened?", "Nothing."}},
		{"interrobang", "Really?! Yes.", []string{"Really?!", "Yes."}},
		{"dialogue", `"Why?" she asked. "Because!" He left.`, []string{`"Why?" she asked.`, `"Because!"`, "He left."}},
		{"white space", "  One.\n\tTwo.  ", []string{"One.", "Two."}},
		{"paragraph break", "No stop here\n\nNew thought.", []string{"No stop here", "New thought."}},
		{"junk dropped", "One. — . Two.", []string{"One.", "Two."}},
		{"empty", "   ", nil},
		{"unicode", "Ça va? Ünïcödé — ok. 光合作用。", []string{"Ça va?", "Ünïcödé — ok.", "光合作用。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitSentences(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("splitSentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitLongSentence(t *testing.T) {
	clause := "the quick brown fox jumps over the lazy dog"
	long := strings.Repeat(clause+", ", 9) + clause + "."
	got := splitSentences(long)
	if len(got) < 2 {
		t.Fatalf("a %d-rune sentence was not split: %q", utf8.RuneCountInString(long), got)
	}
	if strings.Join(got, " ") != long {
		t.Errorf("pieces do not rejoin to the sentence:\n%q", got)
	}
	for _, p := range got {
		if n := utf8.RuneCountInString(p); n > MaxSentenceRunes {
			t.Errorf("piece of %d runes: %q", n, p)
		}
		if !strings.HasSuffix(p, ",") && !strings.HasSuffix(p, ".") {
			t.Errorf("piece not split at a comma: %q", p)
		}
	}

	words := strings.TrimSpace(strings.Repeat("word ", 120))
	for _, p := range splitSentences(words) {
		if n := utf8.RuneCountInString(p); n > MaxSentenceRunes {
			t.Errorf("unpunctuated piece of %d runes", n)
		}
	}
	huge := strings.Repeat("x", 450)
	if got := splitSentences(huge); len(got) != 3 || strings.Join(got, "") != huge {
		t.Errorf("a 450-rune word split into %d pieces", len(got))
	}
}
