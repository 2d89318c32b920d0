package offline

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/screen"
)

// Understander is the offline vividly.Understander. It screens a request for
// safety and scope, then understands it by retrieval: the question, without
// the student's interest and filler, is searched in the knowledge library,
// and the sections found are scored by how fully the student's words name
// them.
type Understander struct {
	lib *library
	k   vividly.Knowledge
}

var _ vividly.Understander = (*Understander)(nil)

// NewUnderstander returns an Understander that searches k, which must hold
// the embedded library (see LoadLibrary). It is safe for concurrent use.
func NewUnderstander(k vividly.Knowledge) *Understander {
	return &Understander{lib: mustLibrary(), k: k}
}

// gradeSlack is how far outside a topic's grade band a student may be and the
// topic still counts as taught around their grade.
const gradeSlack = 2

// Understand works out which topic the question and answers are about, or why
// no lesson can be made of them yet. Confidence is how sure it is of the
// topic; for a declined request it is how sure it is of declining.
func (u *Understander) Understand(ctx context.Context, in vividly.UnderstandInput) (vividly.Understanding, error) {
	if err := ctx.Err(); err != nil {
		return vividly.Understanding{}, fmt.Errorf("offline understand: %w", err)
	}
	if d, ok := u.lib.decline(in); ok {
		return d, nil
	}
	r, err := u.resolve(ctx, in)
	if err != nil {
		return vividly.Understanding{}, err
	}
	if r.chosen == nil && !r.vague && len(in.Answers) == 0 {
		// No school topic claims the request: before asking which topic it
		// is, take the learned screen's second opinion. Vague school asks
		// ("help with my homework") and a student's answers to our question
		// are not second-guessed, and a student who named a subject ("help
		// with history") is asked, never told it is not schoolwork.
		if v := screen.Second(in.Question, in.Answers...); !v.Allowed() && (v.Unsafe() || !r.hasSubj) {
			return Declined(v), nil
		}
	}
	if r.chosen != nil {
		return *r.chosen, nil
	}
	return u.lib.clarify(r, in), nil
}

// resolution is what the question and answers point to.
type resolution struct {
	chosen  *vividly.Understanding // a topic, when one is clear
	cands   []scored               // otherwise the best guesses, best first
	subject subjectWords           // a subject the student named, if any
	hasSubj bool
	offered []string // topic ids offered in the last round's question, if any
	vague   bool     // the request names nothing but a subject or schoolwork ("help with my homework")
}

// resolve finds the topic, trying in turn: a choice among the topics offered
// in the last round ("the second one"), the question and answers searched in
// the embedded library, and a textbook section that the question names.
func (u *Understander) resolve(ctx context.Context, in vividly.UnderstandInput) (resolution, error) {
	var r resolution
	if n := len(in.Answers); n > 0 {
		prev, err := u.resolve(ctx, vividly.UnderstandInput{Question: in.Question, Answers: in.Answers[:n-1], Grade: in.Grade, Interest: in.Interest})
		if err != nil {
			return r, err
		}
		if prev.chosen == nil {
			r.offered = u.lib.offers(prev, in)
			if id, ok := pickChoice(in.Answers[n-1], r.offered, u.lib); ok {
				t, _ := u.lib.topicByID(id)
				chosen := u.lib.understood(t, in.Grade, 0.9)
				r.chosen = &chosen
				return r, nil
			}
		}
	}
	q := u.lib.prepare(in)
	r.subject, r.hasSubj = u.lib.subjectIn(q.full)
	if u.lib.namesNothing(q) && !u.lib.namesATopic(q) {
		r.vague = true
		return r, nil
	}
	if n := len(in.Answers); n > 0 {
		// The latest answer is the student's reply to our question, so it
		// is read on its own first, in the light of the subject they named.
		last := u.lib.prepare(vividly.UnderstandInput{Question: in.Answers[n-1], Interest: in.Interest})
		if !u.lib.namesNothing(last) || u.lib.namesATopic(last) {
			cands, err := u.candidates(ctx, last, in.Grade, r)
			if err != nil {
				return r, err
			}
			if len(cands) > 0 && (cands[0].score >= confidentAt || standsOut(cands)) {
				chosen := u.lib.understood(u.lib.topics[cands[0].topic], in.Grade, max(cands[0].score, confidentAt))
				r.chosen, r.cands = &chosen, cands
				return r, nil
			}
		}
	}
	cands, err := u.candidates(ctx, q, in.Grade, r)
	if err != nil {
		return r, err
	}
	r.cands = cands
	if len(cands) > 0 && (cands[0].score >= confidentAt || standsOut(cands)) {
		t := u.lib.topics[cands[0].topic]
		chosen := u.lib.understood(t, in.Grade, cands[0].score)
		r.chosen = &chosen
		return r, nil
	}
	if sec, ok, err := u.namedSection(ctx, q, in.Grade); err != nil {
		return r, err
	} else if ok {
		r.chosen = &sec
	}
	return r, nil
}

// Standing out: a guess that is the only one of its strength is taken
// without asking, since "Do you mean X?" with one X wastes the student's turn.
const (
	standOutFloor = 0.4  // the best guess scores at least this
	standOutRatio = 0.55 // and the next one at most this share of it
)

func standsOut(cands []scored) bool {
	// Full-text rank alone never stands out: the student's words must name it.
	if cands[0].score < standOutFloor || cands[0].named < standOutFloor {
		return false
	}
	return len(cands) == 1 || cands[1].score <= standOutRatio*cands[0].score
}

// understood is the understanding of a library topic.
func (l *library) understood(t topic, grade int, score float64) vividly.Understanding {
	return vividly.Understanding{
		TopicID:    t.ID,
		Topic:      t.Title,
		Subject:    t.Subject,
		GradeFit:   grade >= t.GradeMin-gradeSlack && grade <= t.GradeMax+gradeSlack,
		Confidence: round2(min(score, maxConfidence)),
	}
}

// decline screens the request with the K–12 screen: unsafe asks and asks
// that are not schoolwork end here, before any search.
func (l *library) decline(in vividly.UnderstandInput) (vividly.Understanding, bool) {
	v := screen.Request(in.Question, in.Answers...)
	if v.Allowed() {
		return vividly.Understanding{}, false
	}
	return Declined(v), true
}

// Declined is the understanding of a request the screen did not allow.
func Declined(v screen.Verdict) vividly.Understanding {
	return vividly.Understanding{OutOfScope: true, OutOfScopeMessage: v.Message, Reason: v.Reason(), Confidence: 0.95}
}

// round2 keeps confidences readable and free of float noise.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// sameIDs reports whether two lists of topic ids hold the same ids.
func sameIDs(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// lowerWords is s lowercased with white space collapsed.
func lowerWords(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// namesATopic reports whether the text says a topic's own title in full
// ("reading and writing numbers"), even when every word of it could also
// just name a subject.
func (l *library) namesATopic(q query) bool {
	content := contentTokens(q.full, nil)
	for i := range l.matchers {
		if l.saysTitle(content, i) {
			return true
		}
	}
	return false
}

var _ vividly.CandidateFinder = (*Understander)(nil)

// Candidates returns up to limit library topics the request may be about,
// best first, found by the same retrieval as Understand, for a model to
// choose from. A request the screen declines has none.
func (u *Understander) Candidates(ctx context.Context, in vividly.UnderstandInput, limit int) ([]vividly.TopicCandidate, error) {
	if _, declined := u.lib.decline(in); declined {
		return nil, nil
	}
	q := u.lib.prepare(in)
	var r resolution
	r.subject, r.hasSubj = u.lib.subjectIn(q.full)
	cands, err := u.candidates(ctx, q, in.Grade, r)
	if err != nil {
		return nil, err
	}
	var out []vividly.TopicCandidate
	for _, c := range cands {
		if len(out) == limit || c.score < guessFloor {
			break
		}
		t := u.lib.topics[c.topic]
		out = append(out, vividly.TopicCandidate{ID: t.ID, Title: t.Title, Subject: t.Subject})
	}
	return out, nil
}
