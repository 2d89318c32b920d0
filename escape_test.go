package vividly_test

import (
	"strings"
	"testing"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/hostile"
)

// TestMarkdownShowsHostileTextAsText puts each hostile text in every field
// the script file shows and checks that a Markdown renderer shows it as the
// words it is, once per field, and nothing else.
func TestMarkdownShowsHostileTextAsText(t *testing.T) {
	for _, h := range hostile.Texts {
		t.Run(h.Name, func(t *testing.T) {
			x := h.Text
			credited := vividly.Script{
				Title: x, Subject: x, Grade: 7, Interest: x,
				Segments: []vividly.Segment{
					{Heading: x, Narration: x, KeyPoints: []string{x, "A plain point"}},
					{Heading: "Plain", Narration: "Plain words. " + x},
				},
				Credits: []vividly.Source{{Title: x, Book: "Book of " + x, Publisher: "Pub", License: "CC BY 4.0", URL: x}},
			}
			listed := credited
			listed.Credits, listed.Sources = nil, []string{x, "ps-2"}
			for _, s := range []vividly.Script{credited, listed} {
				md := s.Markdown()
				text, problems := hostile.CheckMarkdown(md)
				for _, p := range problems {
					t.Errorf("%s in\n%s", p, md)
				}
				// Title, interest, heading, both narrations, key point and a
				// credit or source each show the words.
				if want := vividly.Printable(x); strings.Count(text, want) < 7 {
					t.Errorf("the words %q are shown %d times, want 7 or more; the reader sees:\n%s",
						want, strings.Count(text, want), text)
				}
			}
		})
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"  two\n\nlines\t":              "two lines",
		"skate\u202eboarding\u202c":     "skateboarding",
		"zero\u200bwidth\ufeff":         "zerowidth",
		"bell\x07and\x1b[1mescape":      "bell and [1mescape",
		"bad \xff byte":                 "bad byte",
		"می\u200cخواهم 👨\u200d👩\u200d👧": "می\u200cخواهم 👨\u200d👩\u200d👧",
	} {
		if got := vividly.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
