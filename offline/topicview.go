package offline

import (
	"slices"
	"strings"

	vividly "github.com/vividly-edu/vividly"
)

// topicView is what the writer needs of a topic: from the catalog when the
// topic is known there, otherwise generic wording around the given title.
type topicView struct {
	known                                       bool
	id, title, phrase, subject                  string
	keyPoints                                   []string
	everyday, analogy, analogyPoint, bridge     string
	misconception, checkYoung, checkOlder, look string
	checkAdvanced, idea, link, workedExample    string
	steps                                       []string
	keyTerms                                    []keyTerm
	answers                                     []aliasAnswer
	lowerWords                                  map[string]bool // words its passages use in lower case
	cases                                       wordCase        // how the library writes its words
}

// maxTitleRunes bounds a title that came from outside the catalog.
const maxTitleRunes = 80

// topicViewFor looks the understanding's topic up in the catalog, falling back
// to generic wording when another provider named a topic the catalog lacks.
func (l *library) topicViewFor(u vividly.Understanding) topicView {
	if t, ok := l.resolveTopic(u); ok {
		return topicView{
			known: true, id: t.ID, title: t.Title, phrase: t.Phrase, subject: t.Subject,
			keyPoints: t.KeyPoints, everyday: t.Everyday, analogy: t.Analogy, analogyPoint: t.AnalogyPoint,
			bridge:        "Here is the big idea to carry back to {interest}: in " + t.Phrase + ", " + t.Link + ".",
			misconception: t.Misconception, checkYoung: t.CheckYoung, checkOlder: t.Check, look: t.Visual,
			checkAdvanced: t.CheckAdvanced, idea: t.Idea, link: t.Link, workedExample: t.WorkedExample,
			steps: t.Steps, keyTerms: t.KeyTerms, answers: t.Answers, lowerWords: l.lowerWords(t),
			cases: l.cases,
		}
	}
	title := cleanInline(u.Topic, maxTitleRunes)
	if title == "" {
		title = capFirst(strings.ReplaceAll(cleanInline(u.TopicID, maxTitleRunes), "-", " "))
	}
	subject := strings.ToLower(cleanInline(u.Subject, 40))
	if subject == "" {
		subject = "general"
	}
	return topicView{
		id: cleanInline(u.TopicID, maxTitleRunes), title: title, phrase: title, subject: subject,
		everyday:     "You can find ideas from " + title + " in more places than you might expect.",
		analogy:      "Learning " + title + " is a bit like building with blocks. Each new idea rests on the ones underneath it.",
		analogyPoint: "Each idea builds on the one before",
		bridge:       "Getting good at {interest} takes many small skills that fit together, and " + title + " works the same way.",
		checkYoung:   "What is one thing you learned about " + title + " today?",
		checkOlder:   "What is the most important idea about " + title + ", and can you give one example of it?",
		look:         "An illustration of " + title,
		cases:        l.cases,
	}
}

// check is the question that ends the lesson, worded for the band.
func (t topicView) check(b band) string { return t.checks(b)[0] }

// checks are the questions a lesson for the band may end with, the band's
// own first: a lesson that did not teach what its own needs (a 12th-grade
// check on the Hubble constant after a lesson with no room for it) asks the
// next. The youngest students are asked only their own.
func (t topicView) checks(b band) []string {
	var out []string
	switch b {
	case bandYoung, bandElem:
		out = []string{t.checkYoung}
	case bandMiddle:
		out = []string{t.checkOlder, t.checkYoung}
	case bandHigh:
		out = []string{t.checkOlder, t.checkAdvanced}
	default:
		out = []string{t.checkAdvanced, t.checkOlder}
	}
	out = slices.DeleteFunc(out, func(c string) bool { return c == "" })
	if len(out) == 0 {
		out = []string{t.checkOlder}
	}
	return slices.Compact(out)
}

// lowerWords are the words a topic's passages write in lower case, so a
// writer can tell "Multiply rows by columns" (a common word) from
// "Shakespearean sonnets" (a name) at the start of a sentence.
func (l *library) lowerWords(t topic) map[string]bool {
	out := map[string]bool{}
	for _, p := range t.Passages {
		for _, w := range strings.Fields(p.Text) {
			w = strings.Trim(w, ".,;:!?\"'()")
			if w != "" && strings.ToLower(w) == w {
				out[w] = true
			}
		}
	}
	return out
}

// titleTerm is the key term that names the topic itself ("Bill of Rights"
// in the Bill of Rights), when it has one.
func (t topicView) titleTerm() (keyTerm, bool) {
	for _, k := range t.keyTerms {
		st := strings.Join(phraseStems(k.Term), " ")
		if st != "" && (st == strings.Join(phraseStems(t.title), " ") || st == strings.Join(phraseStems(t.phrase), " ")) {
			return k, true
		}
	}
	return keyTerm{}, false
}
