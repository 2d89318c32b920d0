package offline

import (
	"errors"
	"slices"
	"strings"
)

// Confidence levels of a topic match. A phrase that names a topic on its own
// ("photosynthesis", "plants make food") is strong; shared keywords ("leaf",
// "oxygen") only add up to a guess, never to certainty.
const (
	confidentAt     = 0.6  // at or above this a topic is taken without asking
	strongBase      = 0.8  // plus strongPerWord for each word of the phrase, up to 3
	strongPerWord   = 0.05 //
	wholeTitle      = 0.98 // the student typed just the topic's name
	extraMatchBonus = 0.02
	keywordBase     = 0.3
	keywordStep     = 0.15
	keywordCap      = 0.65
	ambiguityGap    = 0.1
	titleBonus      = 0.005
	maxConfidence   = 0.99
)

// phrase is a catalog phrase as content stems.
type phrase struct {
	stems  []string
	strong bool
	title  bool // the topic's own title or phrase
}

// topicMatcher holds the phrases of one topic.
type topicMatcher struct {
	topic   int
	phrases []phrase
}

// span is a range of positions [from, to] in the full token list.
type span struct{ from, to int }

func (a span) overlaps(b span) bool { return a.from <= b.to && b.from <= a.to }

// candidate is a topic the text may be about.
type candidate struct {
	topic   int
	score   float64
	strong  bool
	matches int
	last    int // position of the latest match: later answers win ties
	spans   []span
}

// compile turns the catalog's phrases, the subject words and the screen into
// token form, refusing a strong phrase that two topics share because the
// matcher could not tell them apart.
func (l *library) compile() error {
	var errs []error
	// A phrase that names two topics names neither on its own: it is kept as
	// a hint for both, so the student is asked which one is meant.
	type ref struct{ matcher, phrase int }
	owners := map[string][]ref{}
	for i, t := range l.topics {
		m := topicMatcher{topic: i}
		seen := map[string]bool{}
		addPhrase := func(text string, strong bool) {
			st := phraseStems(text)
			key := strings.Join(st, " ")
			if len(st) == 0 {
				return // "how does it work" names nothing
			}
			if seen[key] {
				return
			}
			seen[key] = true
			if strong {
				owners[key] = append(owners[key], ref{i, len(m.phrases)})
			}
			m.phrases = append(m.phrases, phrase{stems: st, strong: strong})
		}
		addPhrase(t.Title, true)
		addPhrase(t.Phrase, true)
		for j := range m.phrases {
			m.phrases[j].title = true
		}
		for _, a := range t.Aliases {
			addPhrase(a, true)
		}
		for _, k := range t.Keywords {
			addPhrase(k, false)
		}
		l.matchers = append(l.matchers, m)
	}
	for _, refs := range owners {
		if len(refs) < 2 {
			continue
		}
		// A topic's own title stays its name even if another topic lists
		// it among its phrasings.
		titles := 0
		for _, r := range refs {
			if l.matchers[r.matcher].phrases[r.phrase].title {
				titles++
			}
		}
		for _, r := range refs {
			if p := &l.matchers[r.matcher].phrases[r.phrase]; titles != 1 || !p.title {
				p.strong = false
			}
		}
	}
	// A phrase is found only where its first stem is, so a question need
	// only be tried against the topics that have a phrase starting with
	// one of its stems: a few dozen of the library's thousands of phrases.
	l.byFirstStem = map[string][]int{}
	for i, m := range l.matchers {
		for _, p := range m.phrases {
			first := p.stems[0]
			if ms := l.byFirstStem[first]; len(ms) == 0 || ms[len(ms)-1] != i {
				l.byFirstStem[first] = append(ms, i)
			}
		}
	}
	l.vocab = map[string]bool{}
	l.nameDF = map[string]int{}
	l.names = make([]map[string]bool, len(l.topics))
	for i, t := range l.topics {
		names := map[string]bool{}
		for _, x := range append(append([]string{t.Title, t.Phrase}, t.Aliases...), t.Keywords...) {
			for _, w := range phraseStems(x) {
				names[w] = true
			}
		}
		for _, k := range t.KeyTerms {
			for _, w := range phraseStems(k.Term) {
				names[w] = true
			}
		}
		for w := range names {
			l.nameDF[w]++
		}
		l.names[i] = names
	}
	for _, t := range l.topics {
		texts := append([]string{t.Title, t.Phrase}, t.Aliases...)
		texts = append(texts, t.Keywords...)
		for _, k := range t.KeyTerms {
			texts = append(texts, k.Term, k.Definition)
		}
		for _, p := range t.Passages {
			texts = append(texts, p.Text)
		}
		for _, x := range texts {
			for _, w := range stems(x) {
				l.vocab[w] = true
			}
		}
	}
	l.buildDocs()
	l.subjects = compileSubjects()
	l.subjectStems = map[string]bool{}
	for _, sw := range l.subjects {
		for _, st := range sw.stems {
			if len(st) == 1 {
				l.subjectStems[st[0]] = true
			}
		}
	}
	// A one-word phrase that many topics use ("count" in "count on") names
	// none of them on its own.
	for i := range l.matchers {
		for j, p := range l.matchers[i].phrases {
			if p.strong && len(p.stems) == 1 && l.nameDF[p.stems[0]] >= 3 {
				l.matchers[i].phrases[j].strong = false
			}
		}
	}
	l.instructions = instructionPatterns()
	return errors.Join(errs...)
}

// phraseStems is the content stems of a catalog phrase.
func phraseStems(text string) []string {
	var out []string
	for _, t := range contentTokens(stems(text), nil) {
		out = append(out, t.stem)
	}
	return out
}

// matchTopics scores every topic against the content tokens and returns the
// candidates, best first. The order is fully determined by the input.
func (l *library) matchTopics(content []token) []candidate {
	all := make([]string, 0, len(content))
	for _, t := range content {
		if t.stem != separator {
			all = append(all, t.stem)
		}
	}
	whole := strings.Join(all, " ")
	// What was said apart from numbers: "25% of 80" is about percent.
	var words []string
	for _, w := range all {
		if !isNumber(w) {
			words = append(words, w)
		}
	}
	wholeWords := strings.Join(words, " ")

	// Only the topics with a phrase starting with a stem said, in the
	// library's order, so candidates come out as if every topic was tried.
	present := make(map[string]bool, len(all))
	var tried []int
	for _, w := range all {
		if !present[w] {
			present[w] = true
			tried = append(tried, l.byFirstStem[w]...)
		}
	}
	slices.Sort(tried)
	tried = slices.Compact(tried)

	var out []candidate
	for _, mi := range tried {
		m := l.matchers[mi]
		c := candidate{topic: m.topic, last: -1}
		best, strongN, weakN := 0.0, 0, 0
		for _, p := range m.phrases {
			if !present[p.stems[0]] {
				continue
			}
			sp, ok := findPhrase(content, p.stems)
			if !ok {
				continue
			}
			c.spans = append(c.spans, sp)
			c.last = max(c.last, sp.to)
			if !p.strong && strings.Join(p.stems, " ") != wholeWords {
				weakN++
				continue
			}
			strongN++
			s := strongBase + strongPerWord*float64(min(len(p.stems), 3))
			if strings.Join(p.stems, " ") == whole {
				s = wholeTitle
			}
			if p.title {
				s += titleBonus // a topic's own name beats another's alias
			}
			best = max(best, s)
		}
		c.matches = strongN + weakN
		switch {
		case strongN > 0:
			c.strong = true
			c.score = min(maxConfidence, best+extraMatchBonus*float64(c.matches-1))
		case weakN > 0:
			c.score = min(keywordCap, keywordBase+keywordStep*float64(weakN-1))
		default:
			continue
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b candidate) int {
		switch {
		case a.score != b.score:
			return cmpDesc(a.score, b.score)
		case a.matches != b.matches:
			return b.matches - a.matches
		case a.last != b.last:
			return b.last - a.last
		}
		return a.topic - b.topic
	})
	// Two keyword-only guesses that score alike are a coin toss: lower the
	// best so the student is asked rather than taught the wrong topic.
	if len(out) > 1 && !out[0].strong && out[1].score >= out[0].score-ambiguityGap {
		out[0].score = max(0, out[0].score-ambiguityGap)
	}
	return out
}

func cmpDesc(a, b float64) int {
	if a > b {
		return -1
	}
	return 1
}

// findPhrase finds the phrase's stems among the content tokens: in order and
// side by side, or for a phrase of two or three words in any order within a
// run of as many tokens ("moon phases" says "phases of the moon", whose
// "of the" are not content).
func findPhrase(content []token, stems []string) (span, bool) {
	for i := 0; i+len(stems) <= len(content); i++ {
		ok := true
		for j, s := range stems {
			if content[i+j].stem != s {
				ok = false
				break
			}
		}
		if ok {
			return span{content[i].pos, content[i+len(stems)-1].pos}, true
		}
	}
	if len(stems) < 2 || len(stems) > 3 {
		return span{}, false
	}
	width := len(stems)
	for i := range content {
		end := min(len(content), i+width)
		used := make([]bool, end-i)
		found := 0
		for _, s := range stems {
			for k := i; k < end; k++ {
				if !used[k-i] && content[k].stem == s && content[k].stem != separator {
					used[k-i] = true
					found++
					break
				}
			}
		}
		if found == len(stems) && content[i].stem != separator && used[0] {
			last := i
			for k := i; k < end; k++ {
				if used[k-i] {
					last = k
				}
			}
			sep := false
			for k := i; k <= last; k++ {
				sep = sep || content[k].stem == separator
			}
			if !sep {
				return span{content[i].pos, content[last].pos}, true
			}
		}
	}
	return span{}, false
}
