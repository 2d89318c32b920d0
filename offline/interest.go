package offline

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vividly-edu/vividly/screen"
)

// matchQuestion matches the question and answers against the catalog, first
// without the student's interest and phrases like "for basketball fans", so an
// interest that happens to be a topic word cannot hijack the topic. Only when
// that finds nothing confident is the whole text matched.
func (l *library) matchQuestion(full []string, questionLen int, interest string) []candidate {
	decoys := decoyMask(full)
	skip := interestMask(full[:questionLen], stems(interest))
	if len(skip) > 0 {
		cands := l.matchTopics(contentTokens(full, func(i int) bool { return skip[i] || decoys[i] }))
		if len(cands) > 0 && cands[0].score >= confidentAt {
			return cands
		}
	}
	return l.matchTopics(contentTokens(full, func(i int) bool { return decoys[i] }))
}

// decoyMask marks everyday phrases that contain a topic word without being
// about the topic: a cell phone is not biology.
func decoyMask(full []string) map[int]bool {
	mask := map[int]bool{}
	for _, d := range []string{"cell phone", "cellphone", "prison cell", "sleeper cell", "heart of the story", "by heart", "space bar"} {
		st := stems(d)
		for i := 0; i+len(st) <= len(full); i++ {
			if equalAt(full, i, st) {
				for j := range st {
					mask[i+j] = true
				}
			}
		}
	}
	return mask
}

// interestMask marks the positions in the question that are about the
// student's interest rather than the topic.
func interestMask(question, interest []string) map[int]bool {
	mask := map[int]bool{}
	if len(interest) > 0 {
		for i := 0; i+len(interest) <= len(question); i++ {
			if equalAt(question, i, interest) {
				for j := range interest {
					mask[i+j] = true
				}
			}
		}
	}
	for i, w := range question {
		if len(interest) > 0 && doerOf(w, interest) {
			// "for swimmers" with the interest swimming, "for gamers" with
			// video games: the people of the interest, not the topic.
			mask[i] = true
			if i+1 < len(question) && (question[i+1] == "fan" || question[i+1] == "player") {
				mask[i+1] = true
			}
		}
		switch w {
		case "fan": // "for basketball fans", "for K-pop fans"
			for j := i - 1; j >= max(0, i-4); j-- {
				if question[j] == "for" {
					for k := j + 1; k <= i; k++ {
						mask[k] = true
					}
					break
				}
			}
			// "fans of horses"
			if i+1 < len(question) && question[i+1] == "of" {
				for k := i; k <= min(len(question)-1, i+3); k++ {
					mask[k] = true
				}
			}
		}
	}
	return mask
}

// doerOf reports whether the stemmed word w names someone who does one of
// the interest's stems: the stem with -er, -ist or -ian, its last consonant
// doubled or not ("swimmer" for swim, "cyclist" for cycl, "musician" for
// music), or the other way round when the interest names the doers.
func doerOf(w string, interest []string) bool {
	for _, st := range interest {
		if len(st) < 3 || len(w) < 3 {
			continue
		}
		if isDoer(w, st) || isDoer(st, w) {
			return true
		}
	}
	return false
}

// isDoer reports whether doer is base's doer noun (see doerOf).
func isDoer(doer, base string) bool {
	rest, ok := strings.CutPrefix(doer, base)
	if !ok {
		return false
	}
	if len(rest) > 2 && rest[0] == base[len(base)-1] && !strings.ContainsRune("aeiou", rune(rest[0])) {
		rest = rest[1:] // swim → swimmer, run → runner
	}
	return rest == "er" || rest == "ist" || rest == "ian"
}

// maxInterestRunes and maxInterestWords bound the interest once cleaned, so a
// sentence that mentions it stays short enough to read aloud.
const (
	maxInterestRunes = 50
	maxInterestWords = 7
)

// cleanInterest makes the interest safe to put into narration: no control or
// markup characters, no placeholders, white space collapsed, and short.
// Validation upstream bounds it already; this is the writer's own guard.
func cleanInterest(s string) string {
	var b strings.Builder
	for _, r := range cleanText(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ':
			b.WriteRune(r)
		case strings.ContainsRune("-'’&+.,", r):
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteByte(' ') // control characters, markup, quotes, braces
		}
	}
	ws := strings.Fields(b.String())
	var kept []string
	n := 0
	for _, w := range ws {
		if w != "&" && w != "+" {
			w = strings.Trim(w, "-'’&+.,")
		}
		if w == "" {
			continue
		}
		if len(kept) == maxInterestWords || n+utf8.RuneCountInString(w)+len(kept) > maxInterestRunes {
			break
		}
		kept = append(kept, w)
		n += utf8.RuneCountInString(w)
	}
	return strings.TrimRight(strings.Join(kept, " "), " &+")
}

// safeInterest is the cleaned interest, or "" when it is empty or the K–12
// screen finds it unfit to weave into a lesson for a child.
func (l *library) safeInterest(raw string) string {
	s := cleanInterest(raw)
	if s == "" || !screen.Interest(s) {
		return ""
	}
	return s
}

// maxTitleWordRunes is the longest word a title takes from a student.
const maxTitleWordRunes = 20

// titleInterest is the interest as a title or a heading may name it, or ""
// when it should not. A title is the most visible line of a lesson and reads
// as Vividly's own words, so it names the interest only when the interest
// model knows it or the student typed a few plain words that cleaning left
// as they were: no markup, code or symbols removed ("'; DROP TABLE
// requests;--"), nothing cut off, no shouting ("DELETE FROM requests"), no
// word longer than a line can hold. Any other interest is still named in
// the narration, as something the student said they like.
func (l *library) titleInterest(raw, cleaned string) string {
	if cleaned == "" {
		return ""
	}
	if _, ok := l.interests.names[strings.Join(stems(cleaned), " ")]; ok {
		return cleaned
	}
	if strings.Join(strings.Fields(raw), " ") != cleaned {
		return ""
	}
	for _, w := range strings.Fields(cleaned) {
		n := utf8.RuneCountInString(w)
		shouted := n >= 4 && w == strings.ToUpper(w) && w != strings.ToLower(w)
		if n > maxTitleWordRunes || shouted {
			return ""
		}
	}
	return cleaned
}
