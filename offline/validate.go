package offline

import (
	"errors"

	"fmt"
	vividly "github.com/vividly-edu/vividly"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits the data must keep, so that what the writer builds from it fits the
// slides and the narration rules without checking again at run time.
const (
	maxKeyPointRunes  = 60
	maxSentenceWords  = 40
	minPassageWords   = 60
	maxPassageWords   = 160
	minAliases        = 5
	minKeywords       = 4
	minKeyTerms       = 2
	maxKeyTerms       = 6
	minTopicKeyPoints = 3
	maxTopicKeyPoints = 4
	maxLinkWords      = 30
)

// subjectNames are the subjects a topic may belong to.
func subjectNames() []string { return vividly.Subjects }

// ideaKinds are the kinds of idea a topic can be, which decide how an
// interest is woven into it: "energy-force" is energy moving and changing
// form (food to motion, sunlight to sugar), "force" a push or a pull that
// starts, stops, turns or holds something (gravity, friction, magnets, the
// attraction that holds atoms together).
func ideaKinds() []string {
	return []string{"energy-force", "force", "ratio-proportion", "procedure", "cause-effect", "system-parts",
		"classification", "change-over-time", "argument-evidence", "pattern"}
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validate checks every topic and passage, reporting all problems at once so a
// broken data file can be fixed in one go.
func (l *library) validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for _, t := range l.topics {
		where := "topic " + t.ID
		if !slugRE.MatchString(t.ID) {
			add("%s: id is not a slug", where)
		}
		if strings.TrimSpace(t.Title) == "" || strings.TrimSpace(t.Phrase) == "" {
			add("%s: title and phrase are required", where)
		}
		if !slices.Contains(subjectNames(), t.Subject) {
			add("%s: unknown subject %q", where, t.Subject)
		}
		if !slices.Contains(ideaKinds(), t.Idea) {
			add("%s: unknown idea kind %q", where, t.Idea)
		}
		if t.GradeMin < 0 || t.GradeMax > 12 || t.GradeMin > t.GradeMax {
			add("%s: grade band %d–%d is not within K–12", where, t.GradeMin, t.GradeMax)
		}
		for _, a := range t.Answers {
			if !slices.Contains(t.Aliases, a.Ask) {
				add("%s: answer to %q, which is not one of its aliases", where, a.Ask)
			}
			if n := wordCount(a.Text); n == 0 || n > maxAnswerWords || !endsSentence(a.Text) || strings.ContainsAny(a.Text+a.Young, "<>[]*#`{}") {
				add("%s: answer to %q needs 1 to %d words of plain text ending a sentence", where, a.Ask, maxAnswerWords)
			}
			if n := wordCount(a.Young); n > maxYoungAnswerWords || (n == 0) != (t.GradeMin > 5) || n > 0 && !endsSentence(a.Young) {
				add("%s: answer to %q: a young answer of up to %d words goes with, and only with, a topic taught in K–5", where, a.Ask, maxYoungAnswerWords)
			}
		}
		if len(t.Aliases) < minAliases || len(t.Keywords) < minKeywords {
			add("%s: needs at least %d aliases and %d keywords", where, minAliases, minKeywords)
		}
		if n := len(t.KeyTerms); n < minKeyTerms || n > maxKeyTerms {
			add("%s: has %d key terms, want %d–%d", where, n, minKeyTerms, maxKeyTerms)
		}
		for _, k := range t.KeyTerms {
			if strings.TrimSpace(k.Term) == "" || strings.TrimSpace(k.Definition) == "" || strings.ContainsAny(k.Definition+k.Term, "<>[]*#`{}") {
				add("%s: key term %q needs a plain term and definition", where, k.Term)
			}
		}
		if n := len(t.KeyPoints); n < minTopicKeyPoints || n > maxTopicKeyPoints {
			add("%s: has %d key points, want %d–%d", where, n, minTopicKeyPoints, maxTopicKeyPoints)
		}
		for _, k := range append(append([]string{}, t.KeyPoints...), t.AnalogyPoint) {
			if err := checkKeyPoint(k); err != nil {
				add("%s: %w", where, err)
			}
		}
		prose := []struct{ name, text string }{
			{"everyday", t.Everyday}, {"analogy", t.Analogy}, {"misconception", t.Misconception},
		}
		if t.WorkedExample != "" {
			prose = append(prose, struct{ name, text string }{"worked example", t.WorkedExample})
		}
		for _, st := range t.Steps {
			prose = append(prose, struct{ name, text string }{"step", st})
		}
		for _, f := range prose {
			if err := checkProse(f.text); err != nil {
				add("%s: %s: %w", where, f.name, err)
			}
		}
		if t.Idea == "procedure" && len(t.Steps) < 3 {
			add("%s: a procedure needs at least 3 steps", where)
		}
		if link := strings.TrimSpace(t.Link); link == "" || strings.ContainsAny(link, "<>[]*#`{}") ||
			strings.ContainsAny(link[len(link)-1:], ".!?") || len(strings.Fields(link)) > maxLinkWords {
			add("%s: link must be one clause of at most %d words without end punctuation", where, maxLinkWords)
		}
		for _, q := range []string{t.CheckYoung, t.Check, t.CheckAdvanced} {
			if !strings.HasSuffix(q, "?") || len(strings.Fields(q)) > maxSentenceWords {
				add("%s: check question %q must be one question", where, q)
			}
		}
		if strings.TrimSpace(t.Visual) == "" {
			add("%s: visual is required", where)
		}
		for name := range t.Passages {
			if !slices.ContainsFunc(readingLevels, func(lv readingLevel) bool { return lv.name == name }) {
				add("%s: unknown reading level %q", where, name)
			}
		}
		for _, lv := range readingLevels {
			_, ok := t.Passages[lv.name]
			if !ok && t.GradeMin <= lv.gradeMax && t.GradeMax >= lv.gradeMin {
				add("%s: has no %s passage for its grades %d–%d", where, lv.name, t.GradeMin, t.GradeMax)
			}
		}
	}
	for _, p := range l.passages {
		where := "passage " + p.ID
		if strings.TrimSpace(p.Title) == "" {
			add("%s: title is required", where)
		}
		if n := len(strings.Fields(p.Text)); n < minPassageWords || n > maxPassageWords {
			add("%s: has %d words, want %d–%d", where, n, minPassageWords, maxPassageWords)
		}
		if err := checkProse(p.Text); err != nil {
			add("%s: %w", where, err)
		}
	}
	return errors.Join(errs...)
}

// checkKeyPoint enforces what fits on a slide; the narration adds the full stop.
func checkKeyPoint(k string) error {
	switch {
	case strings.TrimSpace(k) == "":
		return errors.New("empty key point")
	case utf8.RuneCountInString(k) > maxKeyPointRunes:
		return fmt.Errorf("key point %q is longer than %d characters", k, maxKeyPointRunes)
	case strings.ContainsAny(k[len(k)-1:], ".!?;:"):
		return fmt.Errorf("key point %q must not end with punctuation", k)
	}
	return nil
}

// checkProse enforces the narration rules on text that is narrated as written.
func checkProse(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("empty text")
	}
	if strings.ContainsAny(s, "<>[]*#`") {
		return errors.New("text contains markup characters")
	}
	for _, sent := range splitSentences(s) {
		if n := len(strings.Fields(sent)); n > maxSentenceWords {
			return fmt.Errorf("sentence of %d words (max %d): %q", n, maxSentenceWords, sent)
		}
		if !endsSentence(sent) {
			return fmt.Errorf("sentence does not end with punctuation: %q", sent)
		}
	}
	return nil
}
