package offline

import (
	"context"
	"fmt"
	"math"

	vividly "github.com/vividly-edu/vividly"
)

// Understander is the offline vividly.Understander. It screens a request for
// safety and scope, then matches the question and the student's answers
// against the topic catalog.
type Understander struct {
	lib *library
}

var _ vividly.Understander = (*Understander)(nil)

// NewUnderstander returns an Understander over the embedded catalog, ready to use
// and safe for concurrent use.
func NewUnderstander() *Understander { return &Understander{lib: mustLibrary()} }

// gradeSlack is how far outside a topic's grade band a student may be and the
// topic still counts as taught around their grade.
const gradeSlack = 2

// Understand works out which catalog topic the question and answers are about,
// or why no lesson can be made of them yet. Confidence is how sure it is of the
// topic; for a declined request it is how sure it is of declining.
func (u *Understander) Understand(ctx context.Context, in vividly.UnderstandInput) (vividly.Understanding, error) {
	if err := ctx.Err(); err != nil {
		return vividly.Understanding{}, fmt.Errorf("offline understand: %w", err)
	}
	texts := append([]string{in.Question}, in.Answers...)
	full := joinTexts(texts...)
	questionLen := len(stems(in.Question))
	hits := u.lib.screenText(full)

	// Safety comes first: nothing else in the request can outweigh it.
	if h, ok := firstHit(hits, func(h screenHit) bool { return h.kind.unsafe() }); ok {
		return declined(h.kind), nil
	}

	cands := u.lib.matchQuestion(full, questionLen, in.Interest)
	var best candidate
	found := len(cands) > 0
	if found {
		best = cands[0]
	}

	// A strong off-topic phrase ("pizza place near me", "weather today") wins,
	// unless a school topic was named outright somewhere else in the request.
	if h, ok := firstHit(hits, func(h screenHit) bool { return h.strong }); ok {
		if !(found && best.strong && !overlapsAny(best.spans, hits)) {
			return declined(h.kind), nil
		}
	}
	if found && best.score >= confidentAt {
		t := u.lib.topics[best.topic]
		return vividly.Understanding{
			TopicID:    t.ID,
			Topic:      t.Title,
			Subject:    t.Subject,
			GradeFit:   in.Grade >= t.GradeMin-gradeSlack && in.Grade <= t.GradeMax+gradeSlack,
			Confidence: round2(best.score),
		}, nil
	}
	// A weak off-topic word decides only when nothing school-like was said.
	if h, ok := firstHit(hits, func(screenHit) bool { return true }); ok && !found {
		if _, subject := u.lib.subjectIn(full); !subject {
			return declined(h.kind), nil
		}
	}
	return u.lib.clarify(full, cands, in), nil
}

// declined is the understanding of a request that is not a lesson.
func declined(k scopeKind) vividly.Understanding {
	conf := 0.9
	if k.unsafe() {
		conf = 0.95
	}
	return vividly.Understanding{OutOfScope: true, OutOfScopeMessage: scopeMessage(k), Confidence: conf}
}

// overlapsAny reports whether a topic match shares words with a strong
// off-topic phrase: "weather" in "weather today" names no lesson.
func overlapsAny(spans []span, hits []screenHit) bool {
	for _, h := range hits {
		if !h.strong {
			continue
		}
		for _, s := range spans {
			if s.overlaps(h.at) {
				return true
			}
		}
	}
	return false
}

// round2 keeps confidences readable and free of float noise.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
