package narration

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSentenceRunes bounds one sentence, which is one caption and one call of
// Speaker.Speak. Longer sentences are split at clause punctuation, because a
// caption the viewer cannot read in time is no caption.
const MaxSentenceRunes = 200

// paragraphBreak is a blank line: authors use it to end a thought even when
// they forget the full stop.
var paragraphBreak = regexp.MustCompile(`\n[ \t\r]*\n`)

// splitSentences breaks narration into the sentences that are spoken and
// captioned one at a time. Pieces without a letter or digit (a lone "—") are
// dropped: nothing would be said and the caption would mean nothing.
func splitSentences(text string) []string {
	var out []string
	for _, para := range paragraphBreak.Split(text, -1) {
		for _, s := range sentencesOf(collapseSpace(para)) {
			for _, piece := range splitLong(s, MaxSentenceRunes) {
				if hasWord(piece) {
					out = append(out, piece)
				}
			}
		}
	}
	return out
}

// collapseSpace turns every run of white space or control characters into one
// space, so positions in the text mean the same thing everywhere below.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError
	}), " ")
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// sentencesOf splits one paragraph (white space already collapsed) after each
// run of terminal punctuation that is followed by a space and a word not in
// lower case, unless the full stop belongs to an abbreviation or initial.
// Decimals such as 3.14 never split because no space follows their point.
func sentencesOf(p string) []string {
	r := []rune(p)
	var out []string
	start := 0
	for i := 0; i < len(r); i++ {
		if !isTerminator(r[i]) {
			continue
		}
		j := i + 1
		for j < len(r) && (isTerminator(r[j]) || isCloser(r[j])) {
			j++
		}
		if j < len(r) && (r[j] != ' ' ||
			// A sentence does not start in lower case: "e.g. the", "approx.
			// five", `"Why?" she asked`.
			unicode.IsLower(firstRune(r[j:])) ||
			onlyStops(r[i:j]) && !endsSentence(r[start:i], r[j:])) {
			i = j - 1
			continue
		}
		if s := strings.TrimSpace(string(r[start:j])); s != "" {
			out = append(out, s)
		}
		start, i = j, j-1
	}
	if s := strings.TrimSpace(string(r[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

func isTerminator(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool { return strings.ContainsRune("\"')]}’”»", r) }

func isOpener(r rune) bool { return strings.ContainsRune("\"'([{‘“«", r) }

// onlyStops reports whether a terminator run is made of full stops (and
// closers) alone; "?" and "!" always end a sentence.
func onlyStops(run []rune) bool {
	for _, r := range run {
		if r == '?' || r == '!' {
			return false
		}
	}
	return true
}

// abbreviations never end a sentence, even before a capital: "Dr. Smith",
// "e.g. Mars". Words like "etc." are not here: they end a sentence when a
// capital follows, which is the default rule.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"sr": true, "jr": true, "mt": true, "vs": true, "e.g": true, "i.e": true,
	"cf": true, "approx": true, "gen": true, "gov": true, "sen": true,
	"rep": true, "capt": true, "lt": true, "col": true, "sgt": true,
	"rev": true, "fig": true, "eq": true, "ca": true, "viz": true,
}

// numberAbbreviations precede a number: "No. 5", "Fig. 3", "p. 12".
var numberAbbreviations = map[string]bool{
	"no": true, "nos": true, "vol": true, "p": true, "pp": true, "ch": true,
	"fig": true, "eq": true, "sec": true, "art": true, "e.g": true, "i.e": true,
	"approx": true, "ca": true,
}

// endsSentence decides whether the full stop after before ends the sentence,
// given the text after it (which starts with a space and a word not in lower
// case).
func endsSentence(before, after []rune) bool {
	word := lastWord(before)
	next := firstRune(after)
	lw := strings.ToLower(word)
	switch {
	case unicode.IsDigit(next):
		return !numberAbbreviations[lw]
	case abbreviations[lw]:
		return false
	case utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) && word != "I":
		return false // an initial, as in "J. K. Rowling"
	}
	return true
}

// lastWord is the word a full stop is attached to, without opening quotes.
func lastWord(r []rune) string {
	i := len(r)
	for i > 0 && r[i-1] != ' ' {
		i--
	}
	return strings.TrimLeftFunc(string(r[i:]), isOpener)
}

// firstRune is the first letter-or-digit-ish rune of the next word, skipping
// spaces and opening quotes.
func firstRune(r []rune) rune {
	for _, c := range r {
		if c != ' ' && !isOpener(c) {
			return c
		}
	}
	return 0
}

// splitLong splits a sentence longer than max runes at clause punctuation
// (",", ";", ":", dashes), packing clauses into pieces of similar length; a
// clause still too long is split between words.
func splitLong(s string, max int) []string {
	total := utf8.RuneCountInString(s)
	if total <= max {
		return []string{s}
	}
	// Aim for even pieces, so a long sentence does not end in a stub.
	n := (total + max - 1) / max
	target := total / n
	var out []string
	cur := ""
	flush := func() {
		if cur != "" {
			out = append(out, splitWords(cur, max)...)
			cur = ""
		}
	}
	for _, c := range clauses(s) {
		switch {
		case cur == "":
			cur = c
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(c) > max,
			utf8.RuneCountInString(cur) >= target:
			flush()
			cur = c
		default:
			cur += " " + c
		}
	}
	flush()
	return out
}

// clauses splits after ",", ";", ":" and before a spaced dash, keeping the
// punctuation with the clause it ends.
func clauses(s string) []string {
	var out []string
	words := strings.Split(s, " ")
	cur := []string{}
	for _, w := range words {
		if (w == "—" || w == "–" || w == "-") && len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
		cur = append(cur, w)
		if strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";") || strings.HasSuffix(w, ":") {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

// splitWords packs words into pieces of at most max runes; a single word longer
// than that is cut, which only happens for junk such as a pasted URL.
func splitWords(s string, max int) []string {
	if utf8.RuneCountInString(s) <= max {
		return []string{s}
	}
	var out []string
	cur := ""
	for _, w := range strings.Fields(s) {
		for utf8.RuneCountInString(w) > max {
			if cur != "" {
				out = append(out, cur)
				cur = ""
			}
			rw := []rune(w)
			out = append(out, string(rw[:max]))
			w = string(rw[max:])
		}
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) > max:
			out = append(out, cur)
			cur = w
		default:
			cur += " " + w
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
