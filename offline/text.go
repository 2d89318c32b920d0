package offline

import (
	"strings"
	"unicode"
)

// separator sits between the question and each answer in a token list, so a
// phrase never matches across two things the student said separately.
const separator = "|"

// words lowercases s and splits it into words. Apostrophes are dropped rather
// than split on ("Newton's" → "newtons", "don't" → "dont"), and "%" and "&" are
// spelled out so "25%" matches the word percent.
func words(s string) []string {
	var b strings.Builder
	rs := []rune(strings.ToLower(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		digitBefore := i > 0 && unicode.IsDigit(rs[i-1])
		digitAfter := i+1 < len(rs) && unicode.IsDigit(rs[i+1])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '‘':
		case r == '%':
			b.WriteString(" percent ")
		case r == '&':
			b.WriteString(" and ")
		// Maths typed as symbols names its topic too: "3/4" is a fraction,
		// "x^2" a square, "5 + 7" an addition.
		case r == '/' && digitBefore && digitAfter:
			b.WriteString(" fraction ")
		case r == '^':
			if i+1 < len(rs) && rs[i+1] == '2' && (i+2 == len(rs) || !unicode.IsDigit(rs[i+2])) {
				b.WriteString(" squared ")
				i++ // the 2 is said
			} else {
				b.WriteString(" exponent ")
			}
		case r == '+':
			b.WriteString(" plus ")
		case r == '=':
			b.WriteString(" equals ")
		case r == '√':
			b.WriteString(" square root ")
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// stem reduces a word to a crude base form so plurals match singulars and
// "balancing" matches "balance". It is applied to the library and to
// questions alike, so it only has to be consistent, not linguistically right.
func stem(w string) string {
	switch {
	case w == "ii":
		return "2" // "World War II" and "World War 2"
	case len(w) <= 3:
		return w
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case hasAnySuffix(w, "ches", "shes", "xes", "zes", "oes"):
		w = w[:len(w)-2]
	case hasAnySuffix(w, "ss", "us", "is"):
		return w
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) >= 6:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) >= 5 && !strings.HasSuffix(w, "eed"):
		w = undouble(w[:len(w)-2])
	}
	if strings.HasSuffix(w, "e") && len(w) >= 4 && !strings.HasSuffix(w, "ee") && w != "theme" {
		w = w[:len(w)-1]
	}
	return w
}

// undouble drops the second of two equal final consonants: "runn" → "run".
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// stems is words followed by stem.
func stems(s string) []string {
	ws := words(s)
	for i, w := range ws {
		ws[i] = stem(w)
	}
	return ws
}

// stopwords carry no topic meaning. Dropping them from both library phrases
// and questions lets "how do plants make their own food" match "plants make
// food".
var stopwords = stemSet(
	"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "is", "are", "be", "was", "were",
	"do", "does", "did", "how", "what", "why", "when", "where", "who", "which", "can", "could", "would", "should",
	"you", "me", "i", "my", "we", "our", "us", "it", "its", "this", "that", "these", "those", "their", "they",
	"them", "his", "her", "he", "she", "with", "about", "please", "explain", "teach", "help", "learn",
	"understand", "want", "need", "know", "some", "really", "just", "so", "own", "from", "by", "into",
	"mean", "thing", "stuff", "like", "get", "im", "am", "there", "if", "then", "than", "also",
	"lesson", "video", "question", "kid", "kids", "dont", "doesnt", "didnt", "cant", "wont", "isnt", "arent",
	"whats", "hows", "u", "ur", "pls", "plz", "gonna", "wanna", "hey", "hi", "hello", "thanks", "thank",
	"because", "since", "while", "though", "although",
)

// stemSet is the set of the words' stems.
func stemSet(ws ...string) map[string]bool {
	out := make(map[string]bool, len(ws))
	for _, w := range ws {
		out[stem(w)] = true
	}
	return out
}

// isStopword reports whether a stem carries no topic meaning.
func isStopword(w string) bool { return stopwords[w] }

// token is a stem and where it sits in the full token list.
type token struct {
	stem string
	pos  int
}

// contentTokens drops stopwords, keeping each word's position in full.
func contentTokens(full []string, skip func(pos int) bool) []token {
	out := make([]token, 0, len(full))
	for i, w := range full {
		if w != separator && (isStopword(w) || (skip != nil && skip(i))) {
			continue
		}
		out = append(out, token{stem: w, pos: i})
	}
	return out
}

// joinTexts turns the question and answers into one token list with a
// separator between them.
func joinTexts(texts ...string) []string {
	var out []string
	for i, t := range texts {
		if i > 0 {
			out = append(out, separator)
		}
		out = append(out, stems(t)...)
	}
	return out
}

// capFirst upper-cases the first letter, for a phrase that starts a sentence.
func capFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
