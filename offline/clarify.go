package offline

import (
	"fmt"
	"strings"

	vividly "github.com/vividly-edu/vividly"
)

// maxExamples is how many topics a follow-up question names.
const maxExamples = 3

// clarify builds the questions to ask when no topic is clear: about the best
// guesses if there are any, about topics of a subject the student named, or
// about the subject and topic if nothing was recognised.
func (l *library) clarify(full []string, cands []candidate, in vividly.UnderstandInput) vividly.Understanding {
	u := vividly.Understanding{NeedsClarification: true}
	if len(cands) > 0 {
		u.Confidence = round2(cands[0].score)
	}
	subject, hasSubject := l.subjectIn(full)
	var qs []string
	switch {
	case len(cands) > 0:
		var names []string
		for _, c := range cands[:min(2, len(cands))] {
			names = append(names, l.topics[c.topic].Phrase)
		}
		qs = append(qs, fmt.Sprintf("Do you mean %s, or something else?", listOr(names)))
		qs = append(qs, "What topic or chapter are you working on?")
	case hasSubject:
		qs = append(qs, fmt.Sprintf("Which %s topic is it? For example: %s.", subject.display, listOr(l.examples(subject.subject, in.Grade))))
		qs = append(qs, "If it's something else, what is the chapter or lesson called?")
	case len(in.Answers) > 0:
		qs = append(qs, "I still can't tell which topic this is. Could you type a key word from your worksheet or textbook, like fractions or volcanoes?")
		qs = append(qs, "Which subject is it for: maths, science, history, English or geography?")
	default:
		qs = append(qs, "Which subject is your homework for: maths, science, history, English or geography?")
		qs = append(qs, "What topic or chapter are you working on?")
	}
	u.ClarifyingQuestions = qs
	if hasSubject {
		u.Subject = subject.subject
	}
	return u
}

// examples names up to maxExamples topics of subject, those taught around the
// grade first, in catalog order so the question is the same every time.
func (l *library) examples(subject string, grade int) []string {
	var fit, other []string
	for _, t := range l.topics {
		if t.Subject != subject {
			continue
		}
		if grade >= t.GradeMin-gradeSlack && grade <= t.GradeMax+gradeSlack {
			fit = append(fit, t.Phrase)
		} else {
			other = append(other, t.Phrase)
		}
	}
	all := append(fit, other...)
	return all[:min(maxExamples, len(all))]
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
