package vividly

import (
	"regexp"
	"strings"
	"unicode"
)

// Student and model text is data. Every place that renders it for a person —
// the Markdown script here, the WebVTT captions and the slides in the ffmpeg
// package — first makes it Printable and then applies its own format's
// escaping, at the moment of rendering, so the text shows as the words it is
// and never becomes structure. Writers clean what they write; this is the
// rule that holds even when they miss something.

// Printable returns s as one line of visible text: line breaks, tabs and
// other control characters become spaces, invisible format characters
// (bidirectional overrides and isolates, zero-width spaces, byte-order marks)
// are removed, invalid UTF-8 becomes a space, and runs of white space become
// one space. The zero-width joiner and non-joiner stay: they shape emoji and
// some scripts (Persian spelling needs the non-joiner) and can neither hide
// nor reorder text.
func Printable(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u200c' || r == '\u200d':
			return r
		case unicode.IsControl(r):
			return ' '
		case unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// markdownEscaper escapes the characters Markdown (CommonMark and GitHub's
// dialect) reads as structure anywhere in a line: emphasis, code, links and
// images, headings, tables, strikethrough and HTML. "<", ">" and "&" become
// entities rather than backslash escapes because every Markdown renderer
// passes entities through, while the original Markdown.pl ignores "\<" and
// would let a tag through. html.EscapeString is not used: it also encodes
// quotes, which mean nothing in Markdown text, and would fill every "it's"
// of a narration with "&#39;" for anyone reading the file as plain text.
var markdownEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"#", `\#`, "|", `\|`, "~", `\~`,
)

// listMarkerRE finds what could make a line a list item or a rule: a "-"
// or "+", or digits and "." or ")" then a space or nothing ("1.5 m" is
// safe as it is).
var listMarkerRE = regexp.MustCompile(`^([-+]|\d{1,9}[.)]( |$))`)

// markdownText is s as Markdown that renders as the literal text of s, on
// one line, whatever it contains.
func markdownText(s string) string {
	s = markdownEscaper.Replace(Printable(s))
	if m := strings.TrimRight(listMarkerRE.FindString(s), " "); m != "" {
		s = m[:len(m)-1] + `\` + s[len(m)-1:] // "\-", "1\."
	}
	return s
}
