package offline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	vividly "github.com/vividly-edu/vividly"
)

// ErrUnknownTopic is returned when an understanding names no topic the
// library or the textbooks know.
var ErrUnknownTopic = errors.New("unknown topic")

// Retriever is the offline vividly.Retriever: it serves the embedded
// library's passages at the student's reading level, and excerpts of the
// ingested textbooks found by full-text search.
type Retriever struct {
	lib *library
	k   vividly.Knowledge
	// Embedder, when set, adds semantic search to full-text search for the
	// textbook excerpts, the two rankings fused by rank.
	Embedder vividly.Embedder
}

var _ vividly.Retriever = (*Retriever)(nil)

// NewRetriever returns a Retriever over the embedded library and k. It is
// safe for concurrent use.
func NewRetriever(k vividly.Knowledge) *Retriever { return &Retriever{lib: mustLibrary(), k: k} }

// excerptWords bounds a textbook excerpt, so one passage fits a segment.
const excerptWords = 140

// Retrieve returns up to limit passages on the understanding's topic (limit
// <= 0 means no limit): the library's, those pitched closest to grade first,
// then textbook excerpts for students old enough to read them. A topic
// nothing is known about is an error wrapping ErrUnknownTopic and
// vividly.ErrNotFound.
func (r *Retriever) Retrieve(ctx context.Context, u vividly.Understanding, grade int, limit int) ([]vividly.Passage, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("offline retrieve: %w", err)
	}
	var out []vividly.Passage
	t, known := r.lib.resolveTopic(u)
	if known {
		for _, p := range r.lib.passagesByFit(t.ID, grade) {
			out = append(out, p.asPassage())
		}
		// The two closest levels are what a lesson can use.
		out = out[:min(len(out), 2)]
	}
	excerpts, err := r.textbook(ctx, u, t, known, grade)
	if err != nil {
		return nil, err
	}
	if grade >= 11 && len(out) > 1 && len(excerpts) > 0 {
		// Grades 11–12 read a textbook: its excerpt comes right after the
		// library's advanced passage, so a short lesson teaches from it too.
		out = append(out[:1], append(excerpts, out[1:]...)...)
	} else {
		out = append(out, excerpts...)
	}
	if len(out) == 0 {
		// Also vividly.ErrNotFound: the lifecycle goes on without material,
		// which a model can write from and the offline writer cannot.
		return nil, fmt.Errorf("offline retrieve %q: %w", u.TopicID, errors.Join(ErrUnknownTopic, vividly.ErrNotFound))
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// textbook finds excerpts of ingested books on the topic: the section the
// understanding names, or sections whose title or terms share a word with the
// topic's title, taught within two grades of the student.
func (r *Retriever) textbook(ctx context.Context, u vividly.Understanding, t topic, known bool, grade int) ([]vividly.Passage, error) {
	if r.k == nil {
		return nil, nil
	}
	title := u.Topic
	var terms []string
	if known {
		title = t.Title
		for _, k := range t.KeyTerms {
			terms = append(terms, k.Term)
		}
	}
	source, key, isSection := strings.Cut(strings.TrimPrefix(u.TopicID, sectionPrefix), ":")
	isSection = isSection && strings.HasPrefix(u.TopicID, sectionPrefix)
	if strings.TrimSpace(title) == "" {
		return nil, nil
	}
	q := vividly.KnowledgeQuery{Text: title + " " + strings.Join(terms, " "), Exclude: []string{LibrarySource},
		HasGrade: !isSection, Grade: grade, Limit: 5}
	if known {
		q.Subject = t.Subject
	}
	if isSection {
		q.Sources = []string{source}
	}
	if r.Embedder != nil {
		vs, err := r.Embedder.Embed(ctx, []string{q.Text}, vividly.EmbedQuery)
		if err != nil {
			// Full-text search alone still finds the material.
			slog.WarnContext(ctx, "embedding the topic failed; searching text only", "error", err)
		} else {
			q.Vector = vs[0]
		}
	}
	hits, err := r.k.SearchKnowledge(ctx, q)
	if err != nil {
		if known && !isSection && ctx.Err() == nil {
			// A library topic is taught from the library's own passages
			// while the store is down; only the textbook excerpt is missed.
			slog.WarnContext(ctx, "the knowledge store is unavailable; teaching from the library alone", "error", err)
			return nil, nil
		}
		return nil, fmt.Errorf("offline retrieve: search textbooks: %w", err)
	}
	titleStems := phraseStems(title)
	var out []vividly.Passage
	for _, h := range hits {
		if isSection && h.Key != key {
			continue
		}
		if !isSection && !sharesName(titleStems, h) {
			continue
		}
		want := 1
		if isSection || !known {
			want = 3 // the textbook is all the material there is
		}
		for i, text := range excerpts(h.Body, title+" "+strings.Join(terms, " "), want) {
			p := vividly.Passage{
				ID: fmt.Sprintf("%s-%d", cleanID(h.Source+"-"+strings.ReplaceAll(h.Key, "/", "-")), i+1), Title: h.Title,
				Text: text, Source: h.Source, License: h.License, Book: h.Book, Publisher: h.Publisher(), URL: h.URL,
			}
			out = append(out, p)
		}
		if len(out) > 0 {
			break
		}
	}
	return out, nil
}

// sharesName reports whether a section's title or terms contain a content
// word of the topic's title: a full-text match on body words alone is too
// loose to show a student as a source.
func sharesName(titleStems []string, h vividly.SectionHit) bool {
	names := stems(h.Title + " " + strings.Join(h.Terms, " "))
	for _, s := range titleStems {
		if slices.Contains(names, s) {
			return true
		}
	}
	return false
}

// excerpts picks up to n runs of whole paragraphs from body, each at most
// excerptWords long, preferring paragraphs that use the topic's words and
// keeping the book's order.
func excerpts(body, about string, n int) []string {
	want := map[string]bool{}
	for _, s := range phraseStems(about) {
		want[s] = true
	}
	type para struct {
		text  string
		score int
		at    int
	}
	var ps []para
	for i, p := range strings.Split(body, "\n\n") {
		p = strings.TrimSpace(p)
		w := len(strings.Fields(p))
		if w < 25 || w > excerptWords || !endsSentence(p) {
			continue
		}
		score := 0
		for _, s := range stems(p) {
			if want[s] {
				score++
			}
		}
		ps = append(ps, para{p, score, i})
	}
	slices.SortStableFunc(ps, func(a, b para) int { return b.score - a.score })
	ps = ps[:min(n, len(ps))]
	slices.SortFunc(ps, func(a, b para) int { return a.at - b.at })
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p.score > 0 || len(out) == 0 {
			out = append(out, p.text)
		}
	}
	return out
}

// resolveTopic finds the library topic an understanding names: by id, or by
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
// band is from grade, then by how far its middle is, then youngest first.
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

// asPassage is the library passage as retrieved material, credited to the
// library.
func (p passage) asPassage() vividly.Passage {
	return vividly.Passage{ID: p.ID, Title: p.Title, Text: p.Text, Source: p.Source, License: p.License,
		Book: LibraryBook, Publisher: libraryPublisher}
}
