package offline

import (
	"slices"
	"strings"
	"sync"

	vividly "github.com/vividly-edu/vividly"
)

// ask is what a question asks, as the lesson answers it first.
type ask struct {
	term  keyTerm // a key term of the topic the question names, other than the topic itself
	named bool    // term is set
	howTo bool    // "how do I…": numbered steps and a worked example
}

// howToLeads start a question that asks for a method.
var howToLeads = [][]string{
	{"how", "do", "i"}, {"how", "do", "you"}, {"how", "to"}, {"how", "can", "i"}, {"how", "should", "i"},
	{"how", "would", "i"}, {"how", "do", "we"}, {"step", "to"}, {"steps", "to"}, {"steps", "for"}, {"show", "me", "how"},
}

// askOf reads the question (and answers) for a key term of the topic it
// names, the longest first, and for a request for a method.
func (l *library) askOf(texts []string, t topicView) ask {
	var a ask
	full := joinTexts(texts...)
	content := contentTokens(full, nil)
	best := 0
	for _, k := range t.keyTerms {
		st := phraseStems(k.Term)
		if len(st) == 0 || len(st) <= best || strings.Join(st, " ") == strings.Join(phraseStems(t.title), " ") {
			continue
		}
		if _, ok := findPhrase(content, st); ok {
			a.term, a.named, best = k, true, len(st)
		}
	}
	ws := words(texts[0])
	for _, lead := range howToLeads {
		for i := 0; i+len(lead) <= len(ws); i++ {
			match := true
			for j, w := range lead {
				if ws[i+j] != w {
					match = false
					break
				}
			}
			// "how do we know…" asks for evidence, not a method.
			if match && !(i+len(lead) < len(ws) && ws[i+len(lead)] == "know") {
				a.howTo = len(t.steps) > 0 || t.workedExample != ""
			}
		}
	}
	return a
}

// maxAnswerSentences bounds the sentences said as the direct answer.
const maxAnswerSentences = 2

// answerSentences are the sentences of the topic's material that share the
// most (and rarest) words with the question, the second only for words the
// first left out: often the direct answer ("The seasons change because …"). It looks through every passage of the
// topic, those at the student's level first, the key terms' definitions and
// the passages retrieved for the lesson; a sentence far above the student's
// level counts for less. There are none when no sentence shares a word that
// names something.
func (l *library) answerSentences(p plan, question string, given []vividly.Passage) []string {
	want := map[string]float64{}
	for _, tk := range contentTokens(stems(question), nil) {
		if !genericWords[tk.stem] && !isNumber(tk.stem) {
			want[tk.stem] = l.idf(tk.stem)
		}
	}
	for _, w := range stems(p.interest) {
		delete(want, w)
	}
	if len(want) == 0 {
		return nil
	}
	type cand struct {
		text   string
		weight float64
		stems  []string
	}
	var cands []cand
	if p.t.known {
		for rank, ps := range l.passagesByFit(p.t.id, p.grade) {
			sents := splitSentences(ps.Text)
			for i, sent := range sents {
				if i == 0 && rank == 0 {
					continue // the first sentence is said anyway
				}
				// A sentence that leans on the one before is said with it.
				if i > 0 && (leansOnContext(sent) || followsOn(sents[i-1], sent, p.t.title)) && !(i == 1 && rank == 0) {
					sent = sents[i-1] + " " + sent
				}
				cands = append(cands, cand{text: sent, weight: 1 / (1 + 0.25*float64(gradeDistance(ps, p.grade)))})
			}
		}
	}
	for _, g := range given {
		for _, sent := range l.cleanSplit(g.Text) {
			cands = append(cands, cand{text: sent, weight: 0.6})
		}
	}
	for _, extra := range []string{p.t.workedExample, p.t.everyday} {
		for _, sent := range splitSentences(extra) {
			cands = append(cands, cand{text: sent, weight: 0.7})
		}
	}
	// Answers written for the topic's aliases, in the student's register:
	// whole, since their second sentence finishes the first. The answer to
	// the very alias the student asked comes before any other sentence.
	asked := map[string]bool{}
	for _, tk := range contentTokens(stems(question), nil) {
		asked[tk.stem] = true
	}
	for _, a := range p.t.answers {
		text := a.Text
		if p.grade <= 5 && a.Young != "" {
			text = a.Young
		}
		weight := 0.9
		if all := contentTokens(stems(a.Ask), nil); len(all) > 0 && !slices.ContainsFunc(all, func(tk token) bool { return !asked[tk.stem] }) {
			weight = 1.5
		}
		cands = append(cands, cand{text: text, weight: weight})
	}
	// Sentences that cannot be said as an answer are set aside once.
	usable := cands[:0]
	for _, c := range cands {
		if f := l.factsOf(c.text); f.usable {
			c.stems = f.stems
			usable = append(usable, c)
		}
	}
	// The best sentence, then the one that best covers what it left out.
	var out []string
	covered := map[string]bool{}
	for round := 0; round < maxAnswerSentences; round++ {
		best, bestScore, bestStems := "", 0.0, []string(nil)
		for _, c := range usable {
			if slices.Contains(out, c.text) {
				continue
			}
			score, seen := 0.0, map[string]bool{}
			for _, w := range c.stems {
				for q, v := range want {
					if !seen[q] && !covered[q] && sameStem(q, w) {
						score += v
						seen[q] = true
					}
				}
			}
			if score *= c.weight; score > bestScore {
				best, bestScore, bestStems = c.text, score, c.stems
			}
		}
		if best == "" {
			break
		}
		out = append(out, best)
		for _, w := range bestStems {
			for q := range want {
				if sameStem(q, w) {
					covered[q] = true
				}
			}
		}
	}
	return out
}

// sentenceFacts is what answerSentences reads of a sentence: whether it can
// be said as an answer (short enough, ended, not an instruction, not leaning
// on the sentence before) and its stems.
type sentenceFacts struct {
	usable bool
	stems  []string
}

// factsOf is a sentence's facts, remembered: the same library sentences are
// weighed for lesson after lesson.
func (l *library) factsOf(text string) sentenceFacts {
	if f, ok := l.facts.get(text); ok {
		return f
	}
	f := sentenceFacts{stems: stems(text)}
	f.usable = wordCount(text) <= 2*maxSentenceWords && endsSentence(text) && !l.looksLikeInstruction(text) &&
		!leansOnContext(text)
	l.facts.put(text, f)
	return f
}

// factsCache holds at most maxFacts sentences' facts, and starts again empty
// when full; it is safe for concurrent use. Its stems are never changed.
type factsCache struct {
	mu sync.Mutex
	m  map[string]sentenceFacts
}

const maxFacts = 16384

func (c *factsCache) get(text string) (sentenceFacts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[text]
	return f, ok
}

func (c *factsCache) put(text string, f sentenceFacts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxFacts {
		c.m = map[string]sentenceFacts{}
	}
	c.m[text] = f
}

// sameStem compares stems loosely: equal, or sharing their first five
// letters ("erupt" and "eruption"), which the crude stemmer cannot join.
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	return len(a) >= 5 && len(b) >= 5 && a[:5] == b[:5]
}

// interestOf is the interest the request names: the interest field, or a
// phrase of the question such as "for someone who likes soccer".
func interestOf(in vividly.ScriptInput) string {
	if strings.TrimSpace(in.Interest) != "" {
		return in.Interest
	}
	ws := words(in.Question)
	for i, w := range ws {
		lead := ""
		switch {
		case (w == "likes" || w == "loves" || w == "love" || w == "like") && i > 0 && (ws[i-1] == "who" || ws[i-1] == "i"):
			lead = "after"
		case w == "into" && i > 0 && (ws[i-1] == "im" || ws[i-1] == "am"):
			lead = "after"
		case (w == "fans" || w == "fan") && i > 1 && ws[i-2] == "for":
			return ws[i-1]
		}
		if lead == "after" && i+1 < len(ws) {
			return strings.Join(ws[i+1:min(len(ws), i+4)], " ")
		}
	}
	return ""
}

// contextWords open sentences that lean on the one before ("That is why…",
// "It moves…"), which cannot be said on their own as an answer.
var contextWords = map[string]bool{"that": true, "this": true, "these": true, "those": true, "it": true,
	"they": true, "so": true, "but": true, "and": true, "then": true, "also": true, "instead": true, "however": true, "such": true}

// followsOn reports whether sentence opens on a thing the one before it
// brought in ("…turn water and carbon dioxide into sugar. The sugar is the
// plant's food."): lifted out alone as an answer, "the sugar" is no sugar
// the student has heard of. The topic itself (title) is known to them.
func followsOn(before, sentence, title string) bool {
	ws := words(sentence)
	if len(ws) < 2 || ws[0] != "the" || stopwords[stem(ws[1])] {
		return false
	}
	st := stem(ws[1])
	return slices.Contains(stems(before), st) && !slices.Contains(stems(title), st)
}

// leadingPrepositions start a phrase that may point back ("in such cases").
var leadingPrepositions = map[string]bool{"in": true, "for": true, "by": true, "at": true, "after": true,
	"before": true, "from": true, "with": true, "like": true, "unlike": true, "despite": true, "because": true}

// quantifiers, followed by a verb rather than a noun, stand for a share of
// what was just named.
var quantifiers = map[string]bool{"most": true, "many": true, "some": true, "few": true, "all": true,
	"both": true, "others": true, "several": true}

// pronounVerbs follow a quantifier used on its own ("most are", "some of").
var pronounVerbs = map[string]bool{"are": true, "were": true, "have": true, "had": true, "can": true,
	"will": true, "do": true, "of": true}

// pointingWords point back to what was said before.
var pointingWords = map[string]bool{"such": true, "this": true, "that": true, "these": true, "those": true}

// leansOnContext reports whether a sentence needs the one before it.
func leansOnContext(sentence string) bool {
	ws := words(sentence)
	if len(ws) == 0 {
		return true
	}
	if contextWords[ws[0]] {
		return true
	}
	// "In such cases…", "After that…", "For this reason…": a phrase that
	// points back.
	if len(ws) > 1 && leadingPrepositions[ws[0]] && pointingWords[ws[1]] {
		return true
	}
	// "Most are built by…", "Some of them…": a share of what was just named.
	if len(ws) > 1 && quantifiers[ws[0]] && pronounVerbs[ws[1]] {
		return true
	}
	// "Reading one means…": one of the things just named.
	if len(ws) > 1 && (ws[1] == "one" || ws[1] == "ones") && strings.HasSuffix(ws[0], "ing") {
		return true
	}
	// "In scientific notation that is …"
	for i := 1; i+1 < min(len(ws), 6); i++ {
		if (ws[i] == "that" || ws[i] == "this") && (ws[i+1] == "is" || ws[i+1] == "means") {
			return true
		}
	}
	return false
}
