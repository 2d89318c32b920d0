package offline

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/screen"
)

// Patterns for markup and links in passage text. Passages may come from any
// retriever, so their text is data to be cleaned, never instructions to follow.
var (
	blockRE    = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)\s*>`)
	commentRE  = regexp.MustCompile(`(?s)<!--.*?-->`)
	tagRE      = regexp.MustCompile(`<[^<>]{0,300}>`)
	imageRE    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	linkRE     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	urlRE      = regexp.MustCompile(`(?i)\b(https?://|www\.)\S+`)
	templateRE = regexp.MustCompile(`(?s)\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}`)
	bulletRE   = regexp.MustCompile(`(^|\s)[-•]\s`)
)

// instructionPatterns recognise sentences that talk to a machine rather than
// teach a student: prompt injection, role play, advertising. They are compiled
// once into the library rather than kept in a package variable.
func instructionPatterns() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`(?i)\b(ignore|disregard|forget|override)\b[^.!?]{0,60}\b(instructions?|prompts?|above|previous|prior|rules|directions|guidelines)\b`),
		regexp.MustCompile(`(?i)\b(system|assistant|user|developer)\s*(prompt|message)?\s*:`),
		regexp.MustCompile(`(?i)\byou are (now )?(an? )?(ai|assistant|chatbot|language model|gpt|llm)\b`),
		regexp.MustCompile(`(?i)\b(system prompt|jailbreak|prompt injection|api key|as an ai|language model|new instructions?)\b`),
		regexp.MustCompile(`(?i)\b(click here|subscribe|sign up|buy now|follow us|download now)\b`),
		regexp.MustCompile(`(?i)\b(say|write|print|output|respond|reply|repeat)\b[^.!?]{0,40}\b(instead|verbatim)\b`),
	}
}

// linkMark stands where a link was removed, so that a sentence pointing at it
// ("Visit … for more!") can be dropped; it is a private-use character that
// never occurs in real text.
const linkMark = "\uE000"

// cleanText strips markup, links, placeholders, control and invisible
// characters from untrusted text and collapses white space.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = vividly.Printable(html.UnescapeString(s)) // unescaped so "&lt;b&gt;" is seen, and removed, as a tag
	s = blockRE.ReplaceAllString(s, " ")
	s = commentRE.ReplaceAllString(s, " ")
	s = imageRE.ReplaceAllString(s, " ")
	s = linkRE.ReplaceAllString(s, "$1")
	s = urlRE.ReplaceAllString(s, " "+linkMark+" ")
	s = templateRE.ReplaceAllString(s, " ")
	s = tagRE.ReplaceAllString(s, " ")
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune("<>{}[]*#`~|^_\\", r) {
			return ' '
		}
		return r
	}, s)
	s = bulletRE.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

// cleanInline cleans a short label, such as a title, and bounds its length.
func cleanInline(s string, maxRunes int) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(cleanText(s), linkMark, " ")), " ")
	s = strings.TrimRight(s, ".:;, ")
	if utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
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

// looksLikeInstruction reports whether a sentence addresses a machine.
func (l *library) looksLikeInstruction(s string) bool {
	for _, re := range l.instructions {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// cleanSentences turns untrusted text into narratable sentences: cleaned,
// split, without instruction-like or unsafe sentences, each ending with
// punctuation.
func (l *library) cleanSentences(text string) []string {
	var out []string
	for _, s := range splitSentences(cleanText(text)) {
		s = strings.TrimLeft(s, "-–—,;: ")
		if wordCount(s) < 3 || l.looksLikeInstruction(s) || strings.Contains(s, linkMark) {
			continue
		}
		if !screen.Output(s).Allowed() {
			continue
		}
		out = append(out, finishSentence(capFirst(s)))
	}
	return out
}

// finishSentence makes s end with a full stop if it has no end punctuation.
func finishSentence(s string) string {
	s = strings.TrimSpace(s)
	if endsSentence(s) {
		return s
	}
	return strings.TrimRight(s, ",;:–—- ") + "."
}
