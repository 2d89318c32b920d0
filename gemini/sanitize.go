package gemini

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	vividly "github.com/vividly-edu/vividly"
)

// Model output is untrusted: it may echo markup from a passage or a student,
// or be steered into emitting it. These patterns find what must not reach a
// narrator, a slide or a student's screen.
var (
	ansiRE     = regexp.MustCompile(`\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-_])`)
	blockRE    = regexp.MustCompile(`(?is)<(script|style|iframe|object)\b.*?</(script|style|iframe|object)\s*>`)
	commentRE  = regexp.MustCompile(`(?s)<!--.*?-->`)
	tagRE      = regexp.MustCompile(`</?[a-zA-Z!][^<>]{0,300}>`)
	imageRE    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	linkRE     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	urlRE      = regexp.MustCompile(`(?i)\b(https?://|www\.|javascript:|data:)\S*`)
	templateRE = regexp.MustCompile(`(?s)\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}`)
	bulletRE   = regexp.MustCompile(`(?m)^[ \t]*(?:[-•*+]|\d{1,2}[.)]|#{1,6})[ \t]+`)
	emphasisRE = regexp.MustCompile("[*_`~#|\\\\]+")
)

// cleanText turns untrusted model text into plain prose: no control
// characters, HTML, Markdown, links or template placeholders, and single
// spaces.
func cleanText(s string) string {
	s = ansiRE.ReplaceAllString(strings.ToValidUTF8(s, " "), " ") // terminal escape sequences, whole
	s = bulletRE.ReplaceAllString(s, "")                          // Markdown lists and headings, line by line
	s = vividly.Printable(s)
	s = html.UnescapeString(s) // so "&lt;b&gt;" is seen, and removed, as a tag
	s = vividly.Printable(s)   // entities may have encoded control characters
	s = blockRE.ReplaceAllString(s, " ")
	s = commentRE.ReplaceAllString(s, " ")
	s = imageRE.ReplaceAllString(s, " ")
	s = linkRE.ReplaceAllString(s, "$1")
	s = urlRE.ReplaceAllString(s, " ")
	s = templateRE.ReplaceAllString(s, " ")
	s = tagRE.ReplaceAllString(s, " ")
	s = emphasisRE.ReplaceAllString(s, " ")
	s = strings.NewReplacer("<", " ", ">", " ", "{", " ", "}", " ", "[", " ", "]", " ").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	// Cleaning may leave a space before punctuation: "light ." → "light."
	return spaceBeforePunctRE.ReplaceAllString(s, "$1")
}

var spaceBeforePunctRE = regexp.MustCompile(`\s+([.,;:!?])`)

// cleanLine cleans a short label (heading, key point, title) and fits it in
// maxRunes, cutting at a word boundary.
func cleanLine(s string, maxRunes int) string {
	s = strings.TrimRight(cleanText(s), " .;:,")
	return fitRunes(s, maxRunes)
}

// fitRunes shortens s to at most n runes at a word boundary, marking the cut.
func fitRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	cut := n - 1
	for cut > 0 && rs[cut] != ' ' {
		cut--
	}
	if cut == 0 {
		cut = n - 1
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:.-") + "…"
}

// words counts the words of s.
func words(s string) int { return len(strings.Fields(s)) }

// endsSentence reports whether s ends like a sentence.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"')’”`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

// finishSentence makes s end with a full stop if it has no end punctuation.
func finishSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || endsSentence(s) {
		return s
	}
	return strings.TrimRight(s, ",;:–—- ") + "."
}
