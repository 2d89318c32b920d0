package offline

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
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
// once into the library rather than kept in a package variable. Each comes
// with words one of which it cannot match without: almost no sentence of a
// textbook has any, and looking for them is far cheaper than the pattern,
// which runs on every sentence of every passage a lesson might use.
func instructionPatterns() []instruction {
	pattern := func(re string, needles ...string) instruction {
		return instruction{needles: needles, re: regexp.MustCompile(re)}
	}
	return []instruction{
		pattern(`(?i)\b(ignore|disregard|forget|override)\b[^.!?]{0,60}\b(instructions?|prompts?|above|previous|prior|rules|directions|guidelines)\b`,
			"ignore", "disregard", "forget", "override"),
		pattern(`(?i)\b(system|assistant|user|developer)\s*(prompt|message)?\s*:`, "system", "assistant", "user", "developer"),
		pattern(`(?i)\byou are (now )?(an? )?(ai|assistant|chatbot|language model|gpt|llm)\b`, "you are"),
		pattern(`(?i)\b(system prompt|jailbreak|prompt injection|api key|as an ai|language model|new instructions?)\b`,
			"system prompt", "jailbreak", "prompt injection", "api key", "as an ai", "language model", "new instruction"),
		pattern(`(?i)\b(click here|subscribe|sign up|buy now|follow us|download now)\b`,
			"click here", "subscribe", "sign up", "buy now", "follow us", "download now"),
		pattern(`(?i)\b(say|write|print|output|respond|reply|repeat)\b[^.!?]{0,40}\b(instead|verbatim)\b`, "instead", "verbatim"),
	}
}

// instruction is a pattern and the words, folded, it needs one of.
type instruction struct {
	needles []string
	re      *regexp.Regexp
}

// foldCase lower-cases s as the patterns' (?i) matches it: simple case
// folding, under which the Kelvin sign is a k and the long s an s.
func foldCase(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u212A':
			return 'k'
		case '\u017F':
			return 's'
		}
		return unicode.ToLower(r)
	}, s)
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
	folded := foldCase(s)
	for _, in := range l.instructions {
		for _, n := range in.needles {
			if strings.Contains(folded, n) {
				if in.re.MatchString(s) {
					return true
				}
				break
			}
		}
	}
	return false
}

// cleanSentences turns untrusted text into narratable sentences: cleaned,
// split, without instruction-like or unsafe sentences, each ending with
// punctuation.
func (l *library) cleanSentences(text string) []string {
	if out, ok := l.cleaned.get(text); ok {
		return out
	}
	out := l.cleanSentencesNow(text)
	l.cleaned.put(text, out)
	return slices.Clone(out)
}

// cleanSplit is text cleaned (cleanText) and cut into sentences, remembered
// as cleanSentences remembers its work.
func (l *library) cleanSplit(text string) []string {
	if out, ok := l.split.get(text); ok {
		return out
	}
	out := splitSentences(cleanText(text))
	l.split.put(text, out)
	return slices.Clone(out)
}

// cleanedCache remembers the sentences of passages cleaned before: the same
// passages serve lesson after lesson, and screening every sentence of each
// was the larger part of writing a script. It holds at most maxCleaned
// texts, and starts again empty when full; it is safe for concurrent use.
type cleanedCache struct {
	mu sync.Mutex
	m  map[string][]string
}

const maxCleaned = 4096

func (c *cleanedCache) get(text string) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.m[text]
	return slices.Clone(out), ok
}

func (c *cleanedCache) put(text string, sentences []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCleaned {
		c.m = map[string][]string{}
	}
	c.m[text] = sentences
}

// cleanSentencesNow is cleanSentences without the cache.
func (l *library) cleanSentencesNow(text string) []string {
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
