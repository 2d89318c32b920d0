package offline

import (
	"strings"

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
			if match {
				a.howTo = len(t.steps) > 0
			}
		}
	}
	return a
}

// answerSentence is the sentence of the topic's passages, at or near the
// student's level, that shares the most (and rarest) words with the
// question: often the direct answer to it ("The seasons change because …").
// It is empty when no sentence shares a word that names something.
func (l *library) answerSentence(p plan, question string) string {
	if !p.t.known {
		return ""
	}
	want := map[string]float64{}
	for _, tk := range contentTokens(stems(question), nil) {
		if !genericWords[tk.stem] {
			want[tk.stem] = l.idf(tk.stem)
		}
	}
	for _, w := range stems(p.interest) {
		delete(want, w)
	}
	if len(want) == 0 {
		return ""
	}
	best, bestScore := "", 0.0
	for _, ps := range l.passagesByFit(p.t.id, p.grade)[:min(2, len(l.byTopic[p.t.id]))] {
		for i, sent := range splitSentences(ps.Text) {
			if i == 0 || wordCount(sent) > p.band.strictWords() {
				continue // the first sentence is said anyway
			}
			score, seen := 0.0, map[string]bool{}
			for _, w := range stems(sent) {
				if v, ok := want[w]; ok && !seen[w] {
					score += v
					seen[w] = true
				}
			}
			if score > bestScore {
				best, bestScore = sent, score
			}
		}
	}
	return best
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
