package offline

import (
	"strings"
)

// band is a range of grades that share a reading level.
type band int

const (
	bandYoung  band = iota // K–2: very short sentences, everyday words
	bandElem               // 3–5: short sentences
	bandMiddle             // 6–8: medium sentences
	bandHigh               // 9–10: longer sentences and proper terms
	bandUpper              // 11–12: adds mechanism, key terms and a worked or quantitative example
)

// bandFor returns the reading band of a grade.
func bandFor(grade int) band {
	switch {
	case grade <= 2:
		return bandYoung
	case grade <= 5:
		return bandElem
	case grade <= 8:
		return bandMiddle
	case grade <= 10:
		return bandHigh
	}
	return bandUpper
}

// softWords is the length above which a sentence is split if it can be;
// strictWords the length above which it is left out when material is plentiful.
func (b band) softWords() int   { return [...]int{10, 16, 24, 34, 36}[b] }
func (b band) strictWords() int { return [...]int{16, 24, 40, 40, 40}[b] }

// wordsPerMinute is the narration pace for the band: slower for young
// listeners, so their lessons carry fewer words in the same time.
func (b band) wordsPerMinute() int { return [...]int{120, 135, 150, 150, 150}[b] }

// adaptSentences fits sentences to the band: long ones are split at clause
// boundaries; those still too long are dropped when strict (there is enough
// other material) and otherwise kept up to the hard limit of 40 words. A
// sentence that leans on one dropped ("Then the Moon wanes back toward new")
// goes with it.
func adaptSentences(sents []string, b band, strict bool) []string {
	limit := maxSentenceWords
	if strict {
		limit = b.strictWords()
	}
	var out []string
	gap := false // the sentence before was dropped
	keep := func(part string) {
		if wordCount(part) > limit || (gap && leansOnContext(part)) {
			gap = true
			return
		}
		out = append(out, part)
		gap = false
	}
	for _, s := range sents {
		for _, part := range splitLong(s, b.softWords()) {
			if wordCount(part) > maxSentenceWords {
				for _, p := range forceSplit(part) {
					keep(p)
				}
				continue
			}
			keep(part)
		}
	}
	return out
}

// splitLong splits a sentence of more than soft words at "; " or at ", and",
// ", but", ", so" or ", yet", choosing the point nearest the middle, and
// recurses. It never splits a list ("red, green, and blue") or leaves a part
// shorter than four words.
func splitLong(s string, soft int) []string {
	ws := strings.Fields(s)
	if len(ws) <= soft {
		return []string{s}
	}
	best, bestDist := -1, len(ws)
	for i := 3; i < len(ws)-4; i++ {
		w := ws[i]
		ok := strings.HasSuffix(w, ";")
		if strings.HasSuffix(w, ",") {
			switch strings.ToLower(ws[i+1]) {
			case "and", "but", "so", "yet":
				ok = !strings.Contains(strings.Join(ws[:i], " "), ",")
			}
		}
		if !ok {
			continue
		}
		if d := abs(len(ws)/2 - i); d < bestDist {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		return []string{s}
	}
	left := strings.TrimRight(strings.Join(ws[:best+1], " "), ",;") + "."
	rest := ws[best+1:]
	if strings.EqualFold(rest[0], "and") && len(rest) > 4 {
		rest = rest[1:] // "…, and clouds form." reads better as "Clouds form."
	}
	right := capFirst(strings.Join(rest, " "))
	return append(splitLong(left, soft), splitLong(right, soft)...)
}

// forceSplit breaks a sentence longer than the hard limit at the comma nearest
// its middle; text from elsewhere can be that long, the catalog never is.
func forceSplit(s string) []string {
	ws := strings.Fields(s)
	if len(ws) <= maxSentenceWords {
		return []string{s}
	}
	best, bestDist := -1, len(ws)
	for i := 4; i < len(ws)-5; i++ {
		if strings.HasSuffix(ws[i], ",") || strings.HasSuffix(ws[i], ";") {
			if d := abs(len(ws)/2 - i); d < bestDist {
				best, bestDist = i, d
			}
		}
	}
	if best < 0 {
		return nil // no clean place to break it: leave it out
	}
	left := strings.TrimRight(strings.Join(ws[:best+1], " "), ",;") + "."
	right := capFirst(strings.Join(ws[best+1:], " "))
	return append(forceSplit(left), forceSplit(right)...)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Sentence combining for older students: short sentences that follow each
// other are joined with a semicolon, as a writer for older readers would,
// up to combineMaxWords.
const (
	combineShortWords = 12
	combineMaxWords   = 30
)

// combineShort joins each short sentence to the next while both are short
// and the result stays under combineMaxWords. lower lower-cases the second
// sentence's first word unless it is a name or "I".
func combineShort(sents []string, lower func(string) string) []string {
	var out []string
	for _, s := range sents {
		if n := len(out); n > 0 {
			prev := out[n-1]
			if wordCount(prev) < combineShortWords+8 && wordCount(s) < combineShortWords &&
				wordCount(prev)+wordCount(s) <= combineMaxWords && strings.HasSuffix(prev, ".") && strings.HasSuffix(s, ".") &&
				!strings.Contains(prev, ";") {
				out[n-1] = strings.TrimSuffix(prev, ".") + "; " + lower(s)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}
