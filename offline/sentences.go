package offline

import (
	"strings"
	"unicode"
)

// abbreviations end with a full stop that does not end a sentence.
func isAbbreviation(w string) bool {
	switch strings.ToLower(strings.TrimRight(w, ".")) {
	case "mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "vs", "v", "etc", "u.s", "u.k", "b.c", "a.d", "b.c.e", "c.e",
		"no", "fig", "approx", "jr", "sr", "mt", "ft", "a.m", "p.m":
		return true
	}
	return false
}

// splitSentences splits text into sentences at ., ! or ? followed by a space
// and a capital letter, digit or quote. It knows common abbreviations and
// initials, which is enough for school prose.
func splitSentences(text string) []string {
	rs := []rune(strings.TrimSpace(text))
	var out []string
	start := 0
	for i := 0; i < len(rs); i++ {
		if rs[i] != '.' && rs[i] != '!' && rs[i] != '?' {
			continue
		}
		end := i + 1
		for end < len(rs) && strings.ContainsRune(`"')”’`, rs[end]) {
			end++
		}
		if end < len(rs) && !unicode.IsSpace(rs[end]) {
			continue // "3.14", "e.g." inside a word
		}
		next := end
		for next < len(rs) && unicode.IsSpace(rs[next]) {
			next++
		}
		if next < len(rs) && !(unicode.IsUpper(rs[next]) || unicode.IsDigit(rs[next]) || strings.ContainsRune(`"'“‘(`, rs[next])) {
			continue
		}
		if rs[i] == '.' && next < len(rs) {
			ws := strings.Fields(string(rs[start:end]))
			if len(ws) > 0 {
				last := ws[len(ws)-1]
				if isAbbreviation(last) || (isInitial(last) && !startsSentence(nextWord(rs[next:]))) {
					continue
				}
			}
		}
		if s := strings.TrimSpace(string(rs[start:end])); s != "" {
			out = append(out, s)
		}
		start = next
		i = next - 1
	}
	if s := strings.TrimSpace(string(rs[min(start, len(rs)):])); s != "" {
		out = append(out, s)
	}
	return out
}

// endsSentence reports whether s ends with ., ! or ?, allowing a closing quote
// or bracket after it.
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), `"')”’`)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// wordCount counts words the way vividly.Script.Words does.
func wordCount(s string) int { return len(strings.Fields(s)) }

// isInitial reports whether w is a capital initial such as the "J." of
// "J. K. Rowling". "I" is left out: "World War I." ends sentences.
func isInitial(w string) bool {
	r := []rune(strings.TrimRight(w, "."))
	return len(r) == 1 && unicode.IsUpper(r[0]) && r[0] != 'I'
}

// nextWord is the first word of rs.
func nextWord(rs []rune) string {
	ws := strings.Fields(string(rs[:min(len(rs), 40)]))
	if len(ws) == 0 {
		return ""
	}
	return strings.Trim(ws[0], `,;:"'“‘(`)
}

// startsSentence reports words that begin sentences far more often than they
// follow an initial: after "written A, T, C and G." a "They" starts anew.
func startsSentence(w string) bool {
	switch w {
	case "The", "This", "That", "These", "Those", "They", "There", "Then", "Because", "It", "Its", "In", "A", "An",
		"So", "But", "And", "When", "If", "We", "You", "He", "She", "Here", "For", "To", "On", "At", "As", "After",
		"Before", "Both", "All", "Each", "Every", "Now", "Next", "Finally", "First", "Second", "One", "Two", "Some", "Most":
		return true
	}
	return false
}
