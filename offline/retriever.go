package offline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	vividly "github.com/vividly-edu/vividly"
)

// ErrUnknownTopic is returned when an understanding names no topic of the
// catalog (or no topic at all).
var ErrUnknownTopic = errors.New("unknown topic")

// Retriever is the offline vividly.Retriever: it serves the starter corpus.
type Retriever struct {
	lib *library
}

var _ vividly.Retriever = (*Retriever)(nil)

// NewRetriever returns a Retriever over the embedded starter corpus, ready to
// use and safe for concurrent use.
func NewRetriever() *Retriever { return &Retriever{lib: mustLibrary()} }

// Retrieve returns up to limit passages on the understanding's topic, those
// pitched closest to grade first (limit <= 0 means all of them). A topic the
// catalog does not know is an error wrapping ErrUnknownTopic and
// vividly.ErrNotFound.
func (r *Retriever) Retrieve(ctx context.Context, u vividly.Understanding, grade int, limit int) ([]vividly.Passage, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("offline retrieve: %w", err)
	}
	t, ok := r.lib.resolveTopic(u)
	if !ok {
		// Also vividly.ErrNotFound: the lifecycle goes on without material,
		// which a model can write from and the offline writer cannot.
		return nil, fmt.Errorf("offline retrieve %q: %w", u.TopicID, errors.Join(ErrUnknownTopic, vividly.ErrNotFound))
	}
	ps := r.lib.passagesByFit(t.ID, grade)
	if limit > 0 && len(ps) > limit {
		ps = ps[:limit]
	}
	out := make([]vividly.Passage, len(ps))
	for i, p := range ps {
		out[i] = vividly.Passage{ID: p.ID, Title: p.Title, Text: p.Text, Source: p.Source, License: p.License}
	}
	return out, nil
}

// resolveTopic finds the catalog topic an understanding names: by id, or by
// title when another provider set only the title.
func (l *library) resolveTopic(u vividly.Understanding) (topic, bool) {
	if t, ok := l.topicByID(strings.TrimSpace(u.TopicID)); ok {
		return t, true
	}
	title := strings.Join(stems(u.Topic), " ")
	if title == "" {
		return topic{}, false
	}
	for _, t := range l.topics {
		if strings.Join(stems(t.Title), " ") == title {
			return t, true
		}
	}
	return topic{}, false
}

// passagesByFit returns the topic's passages ordered by how far their grade
// band is from grade, then by how far its middle is, then in corpus order.
func (l *library) passagesByFit(topicID string, grade int) []passage {
	idx := l.byTopic[topicID]
	ps := make([]passage, len(idx))
	for i, j := range idx {
		ps[i] = l.passages[j]
	}
	slices.SortStableFunc(ps, func(a, b passage) int {
		if d := gradeDistance(a, grade) - gradeDistance(b, grade); d != 0 {
			return d
		}
		return centreDistance(a, grade) - centreDistance(b, grade)
	})
	return ps
}

// gradeDistance is 0 inside the band, else the grades to its nearest edge.
func gradeDistance(p passage, grade int) int {
	switch {
	case grade < p.GradeMin:
		return p.GradeMin - grade
	case grade > p.GradeMax:
		return grade - p.GradeMax
	}
	return 0
}

// centreDistance is twice the distance to the band's middle, kept in integers.
func centreDistance(p passage, grade int) int {
	d := 2*grade - (p.GradeMin + p.GradeMax)
	if d < 0 {
		return -d
	}
	return d
}
