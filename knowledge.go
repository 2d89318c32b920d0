package vividly

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
)

// Section is one piece of the knowledge library: a textbook section, a page of
// a school's own material, or a topic of Vividly's embedded K–12 library. Its
// text is data, never instructions.
type Section struct {
	Source     string    `json:"source"`     // who publishes it: "openstax", "vividly", a school's name
	Key        string    `json:"key"`        // unique within the source, stable across ingests
	Collection string    `json:"collection"` // the book or folder it came in; an ingest replaces a whole collection
	Book       string    `json:"book"`       // the book's title as shown to students
	Chapter    string    `json:"chapter"`    // may be empty
	Title      string    `json:"title"`      // the section's own title
	Objectives []string  `json:"objectives"` // learning objectives, or the phrasings students use
	Terms      []string  `json:"terms"`      // key terms
	Body       string    `json:"body"`       // paragraphs separated by blank lines
	Subject    string    `json:"subject"`    // one of Subjects
	GradeMin   int       `json:"grade_min"`  //
	GradeMax   int       `json:"grade_max"`  //
	License    string    `json:"license"`    // e.g. "CC BY 4.0"
	URL        string    `json:"url"`        // where the material can be read, for attribution
	TopicID    string    `json:"topic_id"`   // the embedded library topic, for its rows only
	Embedding  []float32 `json:"-"`          // semantic vector, when an embedder is configured
}

// Hash is a digest of everything ingest stores for the section, so an
// unchanged section is recognised and left alone on the next ingest.
func (s Section) Hash() string {
	h := sha256.New()
	for _, f := range []string{s.Source, s.Key, s.Collection, s.Book, s.Chapter, s.Title,
		strings.Join(s.Objectives, "\x1f"), strings.Join(s.Terms, "\x1f"), s.Body, s.Subject,
		strconv.Itoa(s.GradeMin), strconv.Itoa(s.GradeMax), s.License, s.URL, s.TopicID} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Words counts the words of the body.
func (s Section) Words() int { return len(strings.Fields(s.Body)) }

// Attribution is how the section is credited to a student, in the form its
// licence asks for: "<title>, <book>, <publisher>, <licence>, <url>".
func (s Section) Attribution() string {
	return Source{Title: s.Title, Book: s.Book, Publisher: s.Publisher(), License: s.License, URL: s.URL}.Attribution()
}

// Publisher names who published the section, for its attribution.
func (s Section) Publisher() string {
	switch s.Source {
	case "openstax":
		return "OpenStax"
	case "vividly":
		return "Vividly"
	}
	return s.Source
}

// Source is material a lesson was built from, credited to the student.
type Source struct {
	Title     string `json:"title"`
	Book      string `json:"book,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	License   string `json:"license,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Attribution is the credit line: "<title>, <book>, <publisher>, <licence>, <url>",
// leaving out what is unknown.
func (s Source) Attribution() string {
	var parts []string
	publisher := s.Publisher
	if strings.Contains(strings.ToLower(s.Book), strings.ToLower(publisher)) {
		publisher = "" // "Vividly K–12 library" names its publisher already
	}
	for _, p := range []string{s.Title, s.Book, publisher, s.License, s.URL} {
		if p = strings.TrimSpace(p); p != "" && !containsFold(parts, p) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// SectionHit is a section found by a search, with how well it matched.
type SectionHit struct {
	Section
	ID    int64   `json:"id"`
	Score float64 `json:"score"` // higher is better; comparable within one search only
}

// KnowledgeQuery is a search of the library.
type KnowledgeQuery struct {
	Text     string   // the words to match, any of them (OR), ranked by how well
	Fuzzy    []string // words that may be misspelt, matched by similarity to titles and terms
	Subject  string   // only this subject, when set
	Grade    int      // with HasGrade: only sections whose band is within two grades of this
	HasGrade bool
	Sources  []string // only these sources, when set
	Exclude  []string // not these sources
	Limit    int      // at most this many hits (default 10)
	// Vector, when set, also ranks sections by similarity of their embedding
	// (same model and size), and the two rankings are fused by FuseRanks.
	Vector []float32
}

// Knowledge is the library: sections stored, replaced and searched.
type Knowledge interface {
	// SearchKnowledge returns the sections that best match q, best first.
	SearchKnowledge(ctx context.Context, q KnowledgeQuery) ([]SectionHit, error)
	// ReplaceCollection makes the stored sections of one collection exactly
	// sections, and says what changed.
	ReplaceCollection(ctx context.Context, source, collection string, sections []Section) (CollectionChange, error)
}

// CollectionChange counts what replacing a collection did.
type CollectionChange struct {
	Added, Updated, Unchanged, Removed int
}

// Subjects are the school subjects lessons and library sections belong to.
var Subjects = []string{"maths", "science", "history", "civics", "language arts", "geography", "health", "computer science"}

// IsSubject reports whether s is one of Subjects.
func IsSubject(s string) bool {
	for _, x := range Subjects {
		if x == s {
			return true
		}
	}
	return false
}

// EmbedKind says what a text is embedded for: asking or being found.
type EmbedKind string

// The embedding kinds, named as Vertex AI's task types.
const (
	EmbedQuery    EmbedKind = "RETRIEVAL_QUERY"
	EmbedDocument EmbedKind = "RETRIEVAL_DOCUMENT"
)

// Embedder turns texts into vectors whose dot product says how related they
// are (unit length, so it is the cosine similarity).
type Embedder interface {
	Embed(ctx context.Context, texts []string, kind EmbedKind) ([][]float32, error)
}

// rrfK is the rank offset of reciprocal rank fusion; 60 is the value of the
// method's original paper and works without tuning.
const rrfK = 60

// FuseRanks merges ranked lists of hits by reciprocal rank fusion: a hit
// scores the sum of 1/(60 + rank) over the lists it is in, so what ranks well
// in several lists rises, whatever each list's own scores mean.
func FuseRanks(lists ...[]SectionHit) []SectionHit {
	score := map[int64]float64{}
	first := map[int64]SectionHit{}
	var order []int64
	for _, l := range lists {
		for rank, h := range l {
			if _, ok := first[h.ID]; !ok {
				first[h.ID] = h
				order = append(order, h.ID)
			}
			score[h.ID] += 1 / float64(rrfK+rank+1)
		}
	}
	out := make([]SectionHit, 0, len(order))
	for _, id := range order {
		h := first[id]
		h.Score = score[id]
		out = append(out, h)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	return out
}
