package offline

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
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

// wordsPerMinute is the narration pace the script is sized for.
const wordsPerMinute = 150

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
	interest string
	target   int    // narrated words wanted
	variant  uint32 // picks among template variants, the same for the same input
	words    phrasing
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
	p := plan{
		t:        w.lib.topicViewFor(u),
		band:     bandFor(grade),
		grade:    grade,
		interest: w.lib.safeInterest(in.Interest),
		target:   targetWords(in.TargetDuration),
	}
	p.words = phrasingFor(p.band)
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
	return assemble(p, pool), nil
}

// targetWords is the narration length for a duration: about 150 words a
// minute, two minutes when unset, and never less than one minute's worth
// because the lesson's structure needs that much.
func targetWords(d time.Duration) int {
	if d <= 0 {
		d = vividly.DefaultDuration
	}
	d = max(d, vividly.MinDuration)
	return int(math.Round(d.Minutes() * wordsPerMinute))
}
