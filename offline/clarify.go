package offline

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	vividly "github.com/vividly-edu/vividly"
)

// maxExamples is how many topics a follow-up question names.
const maxExamples = 3

// guessFloor is the least score a topic needs to be offered by name.
const guessFloor = 0.25

// clarify builds the questions to ask when no topic is clear.
func (l *library) clarify(r resolution, in vividly.UnderstandInput) vividly.Understanding {
	qs, _ := l.clarifyPlan(r, in)
	u := vividly.Understanding{NeedsClarification: true, ClarifyingQuestions: qs}
	if len(r.cands) > 0 {
		u.Confidence = round2(max(0, r.cands[0].score))
	}
	if r.hasSubj {
		u.Subject = r.subject.subject
	}
	return u
}

// offers returns the topic ids the questions of r offered, so an answer such
// as "the second one" can be read against them.
func (l *library) offers(r resolution, in vividly.UnderstandInput) []string {
	_, ids := l.clarifyPlan(r, in)
	return ids
}

// clarifyPlan chooses what to ask, trying in turn: the best guesses by name
// (unless exactly those were offered last round, so no question is asked
// twice), topics of the subject the student named, the subject itself, and
// finally a key word from the worksheet.
func (l *library) clarifyPlan(r resolution, in vividly.UnderstandInput) ([]string, []string) {
	round := len(in.Answers)
	var guesses []string
	for _, c := range r.cands {
		if c.score < guessFloor || len(guesses) == maxExamples {
			break
		}
		guesses = append(guesses, l.topics[c.topic].ID)
	}
	if len(guesses) > 0 && !sameIDs(guesses, r.offered) {
		names := l.phrases(guesses)
		if len(names) == 1 {
			return []string{fmt.Sprintf("Do you mean %s? Answer yes, or tell me the topic in a few words.", names[0])}, guesses
		}
		return []string{fmt.Sprintf("Do you mean %s? Answer with one of them, or tell me the topic in a few words.", listOr(names))}, guesses
	}
	if r.hasSubj {
		ex := l.examples(r.subject.subject, in.Grade, round)
		return []string{
			fmt.Sprintf("Which %s topic is it? For example: %s.", r.subject.display, listOr(l.phrases(ex))),
			"If it's something else, type the chapter or lesson title.",
		}, ex
	}
	if round == 0 {
		return []string{
			"Which subject is it for: maths, science, history, civics, English, geography, health or computer science?",
			"What topic or chapter are you working on?",
		}, nil
	}
	return []string{"I still can't tell which topic this is. Could you type a key word from your worksheet or textbook, like fractions, volcanoes or the Civil War?"}, nil
}

// phrases names topics as they read mid-sentence.
func (l *library) phrases(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if t, ok := l.topicByID(id); ok {
			out = append(out, t.Phrase)
		}
	}
	return out
}

// examples names up to maxExamples topics of subject, those taught around the
// grade first; each round names the next ones, so the question changes.
func (l *library) examples(subject string, grade, round int) []string {
	var fit, other []string
	for _, t := range l.topics {
		if t.Subject != subject {
			continue
		}
		if grade >= t.GradeMin && grade <= t.GradeMax {
			fit = append(fit, t.ID)
		} else {
			other = append(other, t.ID)
		}
	}
	all := append(fit, other...)
	if len(all) == 0 {
		return nil
	}
	// Spread the examples across the subject rather than naming neighbours.
	step := max(1, len(fit)/maxExamples)
	var out []string
	for i := 0; len(out) < min(maxExamples, len(all)); i++ {
		id := all[(round+i*step)%len(all)]
		if slices.Contains(out, id) {
			id = all[(round+i*step+1)%len(all)]
			if slices.Contains(out, id) {
				break
			}
		}
		out = append(out, id)
	}
	return out
}

// listOr joins names as "a", "a or b", "a, b or c".
func listOr(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// ordinals are the words students use to pick from a list.
var ordinals = map[string]int{
	"1": 0, "first": 0, "one": 0, "1st": 0, "a": 0,
	"2": 1, "second": 1, "two": 1, "2nd": 1, "b": 1,
	"3": 2, "third": 2, "three": 2, "3rd": 2, "c": 2,
	"last": -1,
}

// yesWords accept a single offered topic.
var yesWords = map[string]bool{"yes": true, "yeah": true, "yep": true, "yup": true, "sure": true, "correct": true, "right": true, "ok": true, "okay": true, "y": true}

// pickChoice reads an answer as a choice among offered topic ids: by
// position ("2", "the second one"), by "yes" when one was offered, or by
// naming exactly one of them.
func pickChoice(answer string, offered []string, l *library) (string, bool) {
	if len(offered) == 0 {
		return "", false
	}
	ws := words(answer)
	var content []string
	for _, w := range ws {
		switch w {
		case "the", "one", "that", "please", "i", "mean", "option", "number", "it", "is", "its", "topic":
			if w == "one" && len(ws) == 1 {
				content = append(content, w)
			}
			continue
		}
		content = append(content, w)
	}
	if len(content) == 1 {
		w := content[0]
		if yesWords[w] && len(offered) == 1 {
			return offered[0], true
		}
		if i, ok := ordinals[w]; ok {
			if i < 0 {
				i = len(offered) - 1
			}
			if i < len(offered) {
				return offered[i], true
			}
		}
		if n, err := strconv.Atoi(w); err == nil && n >= 1 && n <= len(offered) {
			return offered[n-1], true
		}
	}
	// An answer that names one offered topic (its title or phrase) picks it.
	st := contentTokens(stems(answer), nil)
	var named []string
	for _, id := range offered {
		t, _ := l.topicByID(id)
		for _, name := range []string{t.Title, t.Phrase} {
			if p := phraseStems(name); len(p) > 0 {
				if _, ok := findPhrase(st, p); ok {
					named = append(named, id)
					break
				}
			}
		}
	}
	if len(named) == 1 {
		return named[0], true
	}
	return "", false
}
