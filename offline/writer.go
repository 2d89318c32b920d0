package offline

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// Errors of WriteScript, to test with errors.Is.
var (
	// ErrNoTopic: the understanding names no topic, or declined the request.
	ErrNoTopic = errors.New("understanding names no topic")
	// ErrNoMaterial: a topic outside the catalog came with no usable passages.
	ErrNoMaterial = errors.New("no usable material for the topic")
)

// ScriptWriter is the offline vividly.ScriptWriter. It builds a lesson from
// templates, the catalog and the passages it is given, filling in from the
// starter corpus when the lesson needs more material.
type ScriptWriter struct {
	lib *library
}

var _ vividly.ScriptWriter = (*ScriptWriter)(nil)

// NewScriptWriter returns a ScriptWriter over the embedded catalog and corpus,
// ready to use and safe for concurrent use.
func NewScriptWriter() *ScriptWriter { return &ScriptWriter{lib: mustLibrary()} }

// plan is what a script is written from.
type plan struct {
	t        topicView
	band     band
	grade    int
	interest string          // the student's interest, cleaned, as they named it
	titled   string          // the interest as titles and headings may name it, or ""
	model    interest        // the interest model's entry for it, when known
	known    bool            // model is set
	ask      ask             // what the question asks, to answer first
	answers  []string        // the library sentences that best answer the question
	asked    map[string]bool // the stems of the question's words that carry meaning
	checks   []checkOption   // the questions the lesson may end with, best first
	// pointNeeds are the rare words each of the topic's key points needs
	// taught before the recap may say it (as a check question's needs).
	pointNeeds map[string][]string
	target     int    // narrated words wanted
	variant    uint32 // picks among template variants, the same for the same input
	words      phrasing
}

// WriteScript writes a lesson script pitched at in.Grade and woven around
// in.Interest, sized to in.TargetDuration (two minutes when zero). The same
// input always gives the same script.
func (w *ScriptWriter) WriteScript(ctx context.Context, in vividly.ScriptInput) (vividly.Script, error) {
	if err := ctx.Err(); err != nil {
		return vividly.Script{}, fmt.Errorf("offline write script: %w", err)
	}
	u := in.Understanding
	if u.OutOfScope || (strings.TrimSpace(u.TopicID) == "" && strings.TrimSpace(u.Topic) == "") {
		return vividly.Script{}, vividly.Permanent(fmt.Errorf("offline write script: %w", ErrNoTopic))
	}
	grade := min(max(in.Grade, vividly.MinGrade), vividly.MaxGrade)
	raw := interestOf(in)
	p := plan{
		t:        w.lib.topicViewFor(u),
		band:     bandFor(grade),
		grade:    grade,
		interest: w.lib.safeInterest(raw),
	}
	p.titled = w.lib.titleInterest(raw, p.interest)
	p.target = targetWords(in.TargetDuration, p.band)
	p.words = phrasingFor(p.band)
	if p.interest != "" {
		p.model, p.known = w.lib.interests.find(p.interest)
	}
	p.ask = w.lib.askOf(append([]string{in.Question}, in.Answers...), p.t)
	p.answers = w.lib.answerSentences(p, in.Question, in.Passages)
	p.checks = w.lib.checkOptions(p.t, p.band)
	p.pointNeeds = map[string][]string{}
	for _, k := range p.t.keyPoints {
		p.pointNeeds[k] = w.lib.checkNeeds(p.t.id, p.t.title+" "+p.t.phrase, k)
	}
	p.asked = map[string]bool{}
	for _, q := range append([]string{in.Question}, in.Answers...) {
		for _, st := range stems(q) {
			if !stopwords[st] {
				p.asked[st] = true
			}
		}
	}
	h := fnv.New32a()
	fmt.Fprintf(h, "%s|%s|%d", p.t.id, strings.ToLower(p.interest), p.band)
	p.variant = h.Sum32()

	pool := w.lib.gatherMaterial(p, in.Passages, true)
	if available(pool) < p.target {
		// Not enough material at the strict reading level: accept longer
		// sentences rather than a lesson that is too short.
		pool = w.lib.gatherMaterial(p, in.Passages, false)
	}
	if len(pool) == 0 {
		return vividly.Script{}, vividly.Permanent(fmt.Errorf("offline write script on %q: %w", p.t.title, ErrNoMaterial))
	}
	if !p.t.known {
		p.t.keyPoints = derivedTopicPoints(pool, p.t.title)
	}
	s := assemble(p, pool)
	s.Credits = w.lib.credits(s.Sources, in.Passages)
	return s, nil
}

// credits attributes the passages with ids: those given by their own
// credit, the library's as the library.
func (l *library) credits(ids []string, given []vividly.Passage) []vividly.Source {
	var out []vividly.Source
	for _, id := range ids {
		var c vividly.Source
		if i := slices.IndexFunc(given, func(p vividly.Passage) bool { return cleanID(p.ID) == id }); i >= 0 {
			c = given[i].Credit()
		} else if p, ok := l.passageFor(id); ok {
			c = p.asPassage().Credit()
		} else {
			continue
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// targetWords is the narration length for a duration: about 150 words a
// minute, two minutes when unset, and never less than one minute's worth
// because the lesson's structure needs that much.
func targetWords(d time.Duration, b band) int {
	if d <= 0 {
		d = vividly.DefaultDuration
	}
	d = max(d, vividly.MinDuration)
	return int(math.Round(d.Minutes() * float64(b.wordsPerMinute())))
}
