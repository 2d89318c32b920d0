// Package readability measures how hard a text is to read, so a lesson can be
// checked against the grade it was written for: the Flesch–Kincaid grade
// level for grades 3–12, and for kindergarten to grade 2, where that formula
// says little, the average sentence length and the share of long words.
package readability

import (
	"strings"
	"unicode"
)

// Stats are the counts the measures are computed from.
type Stats struct {
	Sentences, Words, Syllables, LongWords int // long words have three or more syllables
}

// Measure counts the sentences, words and syllables of text.
func Measure(text string) Stats {
	var s Stats
	for _, sent := range sentences(text) {
		n := 0
		for _, w := range strings.Fields(sent) {
			w = letters(w)
			if w == "" {
				continue
			}
			n++
			syl := Syllables(w)
			s.Syllables += syl
			if syl >= 3 {
				s.LongWords++
			}
		}
		if n > 0 {
			s.Sentences++
			s.Words += n
		}
	}
	return s
}

// Add is the counts of two texts read one after the other. They are the
// counts of the texts joined by a space when the first ends a sentence.
func (s Stats) Add(o Stats) Stats {
	return Stats{Sentences: s.Sentences + o.Sentences, Words: s.Words + o.Words,
		Syllables: s.Syllables + o.Syllables, LongWords: s.LongWords + o.LongWords}
}

// EndsSentence reports whether text ends a sentence as Measure reads it:
// with a full stop, question or exclamation mark.
func EndsSentence(text string) bool {
	t := strings.TrimRightFunc(text, unicode.IsSpace)
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!")
}

// FleschKincaid is the Flesch–Kincaid grade level of text: 0.39 × words per
// sentence + 11.8 × syllables per word − 15.59.
func FleschKincaid(text string) float64 { return Measure(text).FleschKincaid() }

// FleschKincaid is the grade level of the counted text.
func (s Stats) FleschKincaid() float64 {
	if s.Words == 0 || s.Sentences == 0 {
		return 0
	}
	return 0.39*float64(s.Words)/float64(s.Sentences) + 11.8*float64(s.Syllables)/float64(s.Words) - 15.59
}

// WordsPerSentence is the average sentence length.
func (s Stats) WordsPerSentence() float64 {
	if s.Sentences == 0 {
		return 0
	}
	return float64(s.Words) / float64(s.Sentences)
}

// LongWordShare is the fraction of words with three or more syllables.
func (s Stats) LongWordShare() float64 {
	if s.Words == 0 {
		return 0
	}
	return float64(s.LongWords) / float64(s.Words)
}

// Early-reader limits: text for kindergarten to grade 2 keeps sentences short
// and long words rare.
const (
	EarlyMaxWordsPerSentence = 10.0
	EarlyMaxLongWordShare    = 0.10
)

// FitsGrade reports whether text reads at about grade: for grades 3–12 a
// Flesch–Kincaid grade within tolerance of it; for kindergarten to grade 2
// sentences of at most EarlyMaxWordsPerSentence words on average and at most
// EarlyMaxLongWordShare long words.
func FitsGrade(text string, grade int, tolerance float64) bool {
	s := Measure(text)
	if grade <= 2 {
		return s.WordsPerSentence() <= EarlyMaxWordsPerSentence && s.LongWordShare() <= EarlyMaxLongWordShare
	}
	fk := s.FleschKincaid()
	return fk >= float64(grade)-tolerance && fk <= float64(grade)+tolerance
}

// Syllables estimates the syllables of an English word by counting vowel
// groups, less a silent final e, and at least one.
func Syllables(word string) int {
	w := strings.ToLower(letters(word))
	if w == "" {
		return 0
	}
	if len(w) <= 3 {
		return 1
	}
	n := 0
	prevVowel := false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	switch {
	case strings.HasSuffix(w, "le") && !strings.ContainsRune("aeiouy", rune(w[len(w)-3])):
		// "table", "little": the final e is the vowel of a syllable
	case strings.HasSuffix(w, "e"), strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "ses") && !strings.HasSuffix(w, "ces") && !strings.HasSuffix(w, "ges"),
		strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded"):
		n--
	}
	return max(n, 1)
}

// letters keeps the letters of a word, dropping punctuation and digits.
func letters(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		if r == '\'' || r == '’' {
			return -1
		}
		return -1
	}, w)
}

// sentences splits text at ., ! and ? followed by space or the end.
func sentences(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	for i, r := range rs {
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(rs) || unicode.IsSpace(rs[i+1])) {
			out = append(out, string(rs[start:i+1]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(string(rs[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}
