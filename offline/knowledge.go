package offline

import (
	"context"
	"fmt"
	"strings"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/ingest"

	"github.com/vividly-edu/vividly/internal/edit"
)

// libraryCollection is the embedded library's one collection in the store.
const libraryCollection = "k12-library"

// LibraryBook is how the embedded library is named to students, and
// libraryPublisher who publishes it.
const (
	LibraryBook      = "Vividly K–12 library"
	libraryPublisher = "Vividly"
)

// LibrarySections returns the embedded library as knowledge sections, one
// per topic: its title; the phrasings students use as objectives (weighted
// like learning objectives); key terms and keywords as terms; and its
// passages as the body.
func LibrarySections() []vividly.Section {
	lib := mustLibrary()
	out := make([]vividly.Section, 0, len(lib.topics))
	for _, t := range lib.topics {
		terms := make([]string, 0, len(t.KeyTerms)+len(t.Keywords))
		for _, k := range t.KeyTerms {
			terms = append(terms, k.Term)
		}
		terms = append(terms, t.Keywords...)
		var body []string
		for _, i := range lib.byTopic[t.ID] {
			body = append(body, lib.passages[i].Text)
		}
		for _, a := range t.Answers {
			body = append(body, a.Text)
		}
		out = append(out, vividly.Section{
			Source: LibrarySource, Key: "topic/" + t.ID, Collection: libraryCollection, Book: LibraryBook,
			Title: t.Title, Objectives: append([]string{t.Phrase}, t.Aliases...), Terms: terms,
			Body: strings.Join(body, "\n\n"), Subject: t.Subject, GradeMin: t.GradeMin, GradeMax: t.GradeMax,
			License: CorpusLicense, TopicID: t.ID,
		})
	}
	return out
}

// LibraryStore is the knowledge store the library is loaded into.
type LibraryStore interface {
	vividly.Knowledge
	SectionsToEmbed(ctx context.Context, source, collection string) (map[string]string, error)
}

// LoadLibrary stores the embedded library in k, replacing what an older
// build stored; when nothing changed it only compares hashes. Workers call it
// at start, so the store and the binary always agree.
//
// With an embedder (production), topics that are new, changed or still
// without a vector are embedded first, for semantic search.
func LoadLibrary(ctx context.Context, k LibraryStore, e vividly.Embedder) (vividly.CollectionChange, error) {
	sections := LibrarySections()
	if err := ingest.Embed(ctx, k, e, LibrarySource, libraryCollection, sections); err != nil {
		return vividly.CollectionChange{}, fmt.Errorf("embed the embedded library: %w", err)
	}
	ch, err := k.ReplaceCollection(ctx, LibrarySource, libraryCollection, sections)
	if err != nil {
		return ch, fmt.Errorf("load the embedded library: %w", err)
	}
	return ch, nil
}

// NamesThing reports whether a word of a question names something the way a
// term, a form or a person does: it is among the library's topic names, key
// terms and keywords, or the library never uses it at all (a name it does
// not know). Words the lessons use only in passing ("fall", "easier") do
// not. The evaluation uses it to find what a question asks about.
func NamesThing(word string) bool {
	lib := mustLibrary()
	st := stems(word)
	if len(st) != 1 || isStopword(st[0]) || genericWords[st[0]] {
		return false
	}
	w := st[0]
	if lib.nameDF[w] == 0 && lib.docDF[w] == 0 {
		// A word the library never uses may be a misspelling or another form
		// of one it does ("tornados", "dies"): that word decides.
		if near := lib.nearestWord(w); near != "" {
			w = near
		}
	}
	return lib.nameDF[w] > 0 || lib.docDF[w] == 0
}

// nearestWord is the library word closest to w in spelling, within one edit
// (two for long words), or "" when none is. Of words as close, the first in
// alphabetical order: the same word every time, whatever the map's order.
func (l *library) nearestWord(w string) string {
	limit := 2
	if len(w) >= 7 {
		limit = 3
	}
	best, bestD := "", limit
	for v := range l.docDF {
		d := edit.Distance(w, v, bestD+1)
		if d < bestD || d == bestD && best != "" && v < best {
			best, bestD = v, d
		}
	}
	return best
}
