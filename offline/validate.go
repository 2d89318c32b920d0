package offline

import (
	"errors"
	"fmt"
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
	maxPassageWords   = 150
	minTopicPassages  = 3
	minAliases        = 3
	minKeywords       = 3
	interestMarker    = "{interest}"
	minTopicKeyPoints = 3
	maxTopicKeyPoints = 4
)

// subjectNames are the subjects a topic may belong to.
func subjectNames() []string {
	return []string{"science", "maths", "history", "language arts", "geography"}
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
		if t.GradeMin < 0 || t.GradeMax > 12 || t.GradeMin > t.GradeMax {
			add("%s: grade band %d–%d is not within K–12", where, t.GradeMin, t.GradeMax)
		}
		if len(t.Aliases) < minAliases || len(t.Keywords) < minKeywords {
			add("%s: needs at least %d aliases and %d keywords", where, minAliases, minKeywords)
		}
		if n := len(t.KeyPoints); n < minTopicKeyPoints || n > maxTopicKeyPoints {
			add("%s: has %d key points, want %d–%d", where, n, minTopicKeyPoints, maxTopicKeyPoints)
		}
		for _, k := range append(append([]string{}, t.KeyPoints...), t.AnalogyPoint) {
			if err := checkKeyPoint(k); err != nil {
				add("%s: %w", where, err)
			}
		}
		for _, f := range []struct{ name, text string }{
			{"everyday", t.Everyday}, {"analogy", t.Analogy}, {"misconception", t.Misconception}, {"bridge", t.Bridge},
		} {
			if err := checkProse(f.text); err != nil {
				add("%s: %s: %w", where, f.name, err)
			}
		}
		if !strings.Contains(t.Bridge, interestMarker) || strings.Count(t.Bridge, "{") != strings.Count(t.Bridge, interestMarker) {
			add("%s: bridge must use %s and no other placeholder", where, interestMarker)
		}
		for _, q := range []string{t.CheckYoung, t.Check} {
			if !strings.HasSuffix(q, "?") || len(strings.Fields(q)) > maxSentenceWords {
				add("%s: check question %q must be one question", where, q)
			}
		}
		if strings.TrimSpace(t.Visual) == "" {
			add("%s: visual is required", where)
		}
		if n := len(l.byTopic[t.ID]); n < minTopicPassages {
			add("%s: has %d passages, want at least %d", where, n, minTopicPassages)
		}
	}
	for _, p := range l.passages {
		where := "passage " + p.ID
		if !slugRE.MatchString(p.ID) {
			add("%s: id is not a slug", where)
		}
		t, ok := l.topicByID(p.Topic)
		if !ok {
			add("%s: unknown topic %q", where, p.Topic)
		}
		if strings.TrimSpace(p.Title) == "" {
			add("%s: title is required", where)
		}
		if p.GradeMin < 0 || p.GradeMax > 12 || p.GradeMin > p.GradeMax {
			add("%s: grade band %d–%d is not within K–12", where, p.GradeMin, p.GradeMax)
		}
		if ok && (p.GradeMax < t.GradeMin || p.GradeMin > t.GradeMax) {
			add("%s: grade band %d–%d is outside its topic's %d–%d", where, p.GradeMin, p.GradeMax, t.GradeMin, t.GradeMax)
		}
		if n := len(strings.Fields(p.Text)); n < minPassageWords || n > maxPassageWords {
			add("%s: has %d words, want %d–%d", where, n, minPassageWords, maxPassageWords)
		}
		if err := checkProse(p.Text); err != nil {
			add("%s: %w", where, err)
		}
		if n := len(p.KeyPoints); n < 2 || n > 3 {
			add("%s: has %d key points, want 2–3", where, n)
		}
		for _, k := range p.KeyPoints {
			if err := checkKeyPoint(k); err != nil {
				add("%s: %w", where, err)
			}
		}
		if p.Source != CorpusSource || p.License != CorpusLicense {
			add("%s: source and license must be %q and %q", where, CorpusSource, CorpusLicense)
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
