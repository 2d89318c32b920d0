package offline

import (
	vividly "github.com/vividly-edu/vividly"
)

var _ vividly.LessonPlanner = (*ScriptWriter)(nil)

// bandPlans say, per band, how a lesson reads and how deep it goes.
var bandPlans = [...]struct{ name, reading, depth string }{
	bandYoung:  {"K-2", "very short sentences (about eight words), everyday words of one or two syllables", "one big idea, said simply and said again"},
	bandElem:   {"3-5", "short sentences (about twelve words), everyday words; explain any new word", "the idea and how it works, with a concrete example"},
	bandMiddle: {"6-8", "sentences of about fifteen words; name the proper terms and explain them", "how and why it works, with the key terms"},
	bandHigh:   {"9-10", "sentences of about eighteen words; use the proper terms", "the mechanism and the vocabulary a textbook uses"},
	bandUpper:  {"11-12", "sentences of about twenty words, precise and technical", "the mechanism, the key terms with their meanings, and a worked or quantitative example"},
}

// Plan works out the lesson's plan from the library: the band, what was
// asked, and the interest frame for the topic's kind of idea. It reports
// false when the topic is not in the library.
func (w *ScriptWriter) Plan(in vividly.ScriptInput) (vividly.LessonPlan, bool) {
	t, ok := w.lib.resolveTopic(in.Understanding)
	if !ok {
		return vividly.LessonPlan{}, false
	}
	grade := min(max(in.Grade, vividly.MinGrade), vividly.MaxGrade)
	b := bandFor(grade)
	tv := w.lib.topicViewFor(in.Understanding)
	a := w.lib.askOf(append([]string{in.Question}, in.Answers...), tv)
	plan := vividly.LessonPlan{
		Band: bandPlans[b].name, ReadingLevel: bandPlans[b].reading, Depth: bandPlans[b].depth,
		HowTo: a.howTo, Link: t.Link,
	}
	if a.named {
		plan.AskTerm, plan.AskMeaning = a.term.Term, a.term.Definition
	}
	if a.howTo {
		plan.Steps, plan.Example = t.Steps, t.WorkedExample
	}
	for _, k := range t.KeyTerms {
		plan.KeyTerms = append(plan.KeyTerms, k.Term)
	}
	if interest := w.lib.safeInterest(interestOf(in)); interest != "" {
		if m, ok := w.lib.interests.find(interest); ok {
			plan.Frame = m.Frames[t.Idea]
		}
	}
	return plan, true
}
