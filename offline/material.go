package offline

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	vividly "github.com/vividly-edu/vividly"
)

// material is one passage made ready to narrate.
type material struct {
	id, title string
	sentences []string
	keyPoints []string
	// derived is set when the key points were cut from the sentences for
	// a slide: only one that is a whole sentence may be said.
	derived bool
}

// fixedWordsEstimate is roughly what the hook, example, recap and check add to
// the passages' words; it only decides whether material is plentiful.
const fixedWordsEstimate = 120

// maxIDRunes bounds a passage id that came from outside the corpus.
const maxIDRunes = 100

// gatherMaterial turns the given passages, then the rest of the topic's corpus
// passages by grade fit, into sentences fitted to the band. strict leaves out
// sentences too long for the band instead of keeping them. Library passages
// written for grades far above the student's (tooHard) are used only when
// the topic has nothing nearer.
func (l *library) gatherMaterial(p plan, given []vividly.Passage, strict bool) []material {
	if out := l.gatherNear(p, given, strict, true); len(out) > 0 {
		return out
	}
	return l.gatherNear(p, given, strict, false)
}

// gatherNear is gatherMaterial, leaving out passages too hard for the grade
// when near is set.
func (l *library) gatherNear(p plan, given []vividly.Passage, strict, near bool) []material {
	seen := map[string]bool{}
	var out []material
	add := func(id, title, text string, keyPoints []string) {
		if seen[id] {
			return
		}
		seen[id] = true
		sents := adaptSentences(l.cleanSentences(text), p.band, strict)
		if p.band >= bandUpper {
			sents = combineShort(sents, p.lowerIfCommon)
		}
		// A sentence left at the head after a longer one was dropped may
		// lean on it ("It happens inside chloroplasts"): it cannot open.
		for len(sents) > 0 && leansOnContext(sents[0]) {
			sents = sents[1:]
		}
		if len(sents) == 0 {
			return
		}
		derived := len(keyPoints) == 0
		if derived {
			keyPoints = deriveKeyPoints(sents)
		}
		out = append(out, material{id: id, title: cleanInline(title, maxKeyPointRunes), sentences: sents, keyPoints: keyPoints, derived: derived})
	}
	for i, gp := range given {
		id := cleanID(gp.ID)
		if id == "" {
			id = fmt.Sprintf("passage-%d", i+1)
		}
		var kps []string
		// Corpus key points are used only for the corpus text itself: a
		// passage that reuses an id with other text gets derived ones.
		if cp, ok := l.passageFor(id); ok && cp.Text == gp.Text {
			if near && tooHard(cp, p.grade) {
				continue
			}
			kps = cp.KeyPoints
		}
		add(id, gp.Title, gp.Text, kps)
	}
	if p.t.known {
		for _, cp := range l.passagesByFit(p.t.id, p.grade) {
			if !near || !tooHard(cp, p.grade) {
				add(cp.ID, cp.Title, cp.Text, cp.KeyPoints)
			}
		}
	}
	return out
}

// maxGradesAbove is how far above a student's grade a library passage may
// be written for: the next reading level up stretches a long lesson, the one
// after it (the light-dependent reactions for a third grader) does not.
const maxGradesAbove = 3

// tooHard reports whether a library passage is written for grades too far
// above grade to teach from.
func tooHard(p passage, grade int) bool { return p.GradeMin > grade+maxGradesAbove }

// available estimates the narration the pool can give.
func available(pool []material) int {
	n := fixedWordsEstimate
	for _, m := range pool {
		for _, s := range m.sentences {
			n += wordCount(s)
		}
	}
	return n
}

// cleanID keeps the characters an id needs, so a hostile id cannot smuggle
// markup into the script's sources.
func cleanID(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("._:/-", r):
			return r
		}
		return -1
	}, s)
	if utf8.RuneCountInString(s) > maxIDRunes {
		s = s[:maxIDRunes]
	}
	return s
}

// deriveKeyPoints makes up to three slide points from a passage's sentences
// when it has none of its own, preferring sentences or clauses short enough
// to show whole, in passage order.
func deriveKeyPoints(sents []string) []string {
	var whole, cut []string
	for _, s := range sents {
		if p, ok := shortPoint(s); ok {
			whole = append(whole, p)
		} else {
			cut = append(cut, p)
		}
	}
	out := append(whole, cut...)
	return out[:min(3, len(out))]
}

// shortPoint is a sentence as a slide point: no end punctuation and at most
// maxKeyPointRunes. A long sentence loses its asides ("…where magma, or
// melted rock, reaches…") or, opening on a subordinate clause ("Because it
// is less dense…, magma rises"), keeps its main clause; else it gives its
// first clause; failing that it is cut at a word and whole is false.
func shortPoint(s string) (point string, whole bool) {
	s = strings.TrimRight(strings.TrimSpace(s), ".!?;:")
	fits := func(p string) bool { return wordCount(p) >= 3 && utf8.RuneCountInString(p) <= maxKeyPointRunes }
	if utf8.RuneCountInString(s) <= maxKeyPointRunes {
		return s, true
	}
	if t := dropAsides(s); t != s && fits(t) {
		return t, true
	}
	i := strings.Index(s, ", ")
	if i > 0 && (subordinate[strings.ToLower(firstWord(s))] || introPhrase(s[:i])) {
		// The opening alone says nothing ("Because it is lighter", "At the
		// June solstice"): the point is the main clause after it.
		if main, whole := shortPoint(capFirst(s[i+2:])); whole && fits(main) {
			return main, true
		}
		return fitRunes(s, maxKeyPointRunes), false
	}
	if i > 0 && fits(s[:i]) && !asideNext(s[i+2:]) {
		return s[:i], true
	}
	return fitRunes(s, maxKeyPointRunes), false
}

// subordinate are the words that open a clause that cannot stand alone.
var subordinate = map[string]bool{
	"because": true, "when": true, "if": true, "although": true, "though": true, "since": true, "while": true,
	"after": true, "before": true, "unless": true, "until": true, "as": true, "once": true, "whenever": true,
}

// introPhrase reports whether first, the words of a sentence before its first
// comma, is a short opening phrase that sets a time, a place or a purpose
// ("In a solar eclipse", "To sustain its output") rather than a clause: it
// opens with a preposition or "to", and has no verb a clause would need.
func introPhrase(first string) bool {
	ws := strings.Fields(strings.ToLower(first))
	if len(ws) < 2 || len(ws) > 6 || !introOpeners[ws[0]] {
		return false
	}
	for _, w := range ws[1:] {
		if clauseWords[w] {
			return false
		}
	}
	return true
}

// introOpeners open a phrase that sets the scene for the clause after it.
var introOpeners = map[string]bool{
	"to": true, "in": true, "on": true, "at": true, "during": true, "for": true, "with": true, "without": true,
	"by": true, "from": true, "under": true, "over": true, "through": true, "throughout": true, "inside": true,
	"outside": true, "like": true, "unlike": true, "near": true, "into": true, "along": true, "among": true,
	"between": true, "above": true, "below": true, "across": true, "within": true, "around": true, "beyond": true,
	"despite": true, "compared": true,
}

// clauseWords make a short opening a clause of its own ("Near the poles it
// is cold"): verbs a clause needs, and the pronouns that start one.
var clauseWords = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "has": true, "have": true,
	"had": true, "do": true, "does": true, "did": true, "can": true, "could": true, "will": true, "would": true,
	"should": true, "may": true, "might": true, "must": true, "lies": true, "lie": true, "we": true, "you": true,
	"it": true, "they": true,
}

// asideStarts open an aside set off by commas, a renaming or a comment,
// whose sentence reads whole without it.
var asideStarts = []string{"or ", "which ", "who ", "also called ", "also known as ", "known as "}

// asideNext reports whether rest, the text after a comma, opens an aside.
func asideNext(rest string) bool {
	for _, a := range asideStarts {
		if strings.HasPrefix(rest, a) {
			return true
		}
	}
	return false
}

// dropAsides removes the asides set off by two commas (", or melted rock,")
// from s.
func dropAsides(s string) string {
	for from := 0; ; {
		i := strings.Index(s[from:], ", ")
		if i < 0 {
			return s
		}
		i += from
		end := strings.Index(s[i+2:], ", ")
		if !asideNext(s[i+2:]) || end < 0 {
			from = i + 2
			continue
		}
		s = s[:i] + " " + s[i+2+end+2:]
		from = i + 1
	}
}

// firstWord is the first word of s, without punctuation.
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return strings.TrimRight(w, ",;:")
}

// narratable reports whether a key point can be read aloud as a sentence: a
// point cut short for the slide cannot.
func narratable(k string) bool { return !strings.HasSuffix(k, "…") }

// sayable reports whether the material's key point k may be said: a point
// cut from a sentence at its first clause ("A volcano is a place where
// magma", from "…where magma, or melted rock, reaches Earth's surface")
// fits a slide but is no sentence.
func (m material) sayable(k string) bool {
	return narratable(k) && (!m.derived || slices.Contains(m.sentences, finishSentence(k)))
}

// derivedTopicPoints are the recap points of a topic outside the catalog.
func derivedTopicPoints(pool []material, title string) []string {
	var out []string
	for _, m := range pool {
		if len(out) == maxTopicKeyPoints {
			break
		}
		out = append(out, m.keyPoints[0])
	}
	if len(out) < 2 {
		out = append(out, fitKeyPoint("The main ideas of "+title))
	}
	return out
}

// fitKeyPoint bounds any text shown on a slide.
func fitKeyPoint(s string) string { return fitRunes(strings.TrimSpace(s), maxKeyPointRunes) }
