package offline

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sync"
)

// dataFS holds the catalog and the starter corpus; it is read-only by design.
//
//go:embed data/catalog.json data/corpus/*.json
var dataFS embed.FS

// The source and license every passage of the starter corpus carries.
const (
	CorpusSource  = "Vividly starter corpus"
	CorpusLicense = "CC BY 4.0"
)

// sharedLibrary parses the embedded data once per process: the data never
// changes after that, so every provider can safely share the same copy.
var sharedLibrary = sync.OnceValues(func() (*library, error) {
	return loadLibrary(dataFS)
})

// mustLibrary returns the shared library. The data is compiled in and validated
// by the package tests, so a failure here means a broken data file was shipped;
// like regexp.MustCompile, that is a programming error and panics.
func mustLibrary() *library {
	lib, err := sharedLibrary()
	if err != nil {
		panic(fmt.Sprintf("offline: embedded data is invalid: %v", err))
	}
	return lib
}

// topic is one entry of the catalog.
type topic struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Phrase   string   `json:"phrase"` // the title as it reads mid-sentence
	Subject  string   `json:"subject"`
	GradeMin int      `json:"grade_min"`
	GradeMax int      `json:"grade_max"`
	Aliases  []string `json:"aliases"`  // phrases that on their own name the topic
	Keywords []string `json:"keywords"` // words that hint at it but are shared

	KeyPoints     []string `json:"key_points"`
	Everyday      string   `json:"everyday"`
	Analogy       string   `json:"analogy"`
	AnalogyPoint  string   `json:"analogy_point"`
	Bridge        string   `json:"bridge"` // contains {interest}
	Misconception string   `json:"misconception"`
	CheckYoung    string   `json:"check_young"`
	Check         string   `json:"check"`
	Visual        string   `json:"visual"`
}

// passage is one piece of the starter corpus.
type passage struct {
	ID        string   `json:"id"`
	Topic     string   `json:"topic"`
	Title     string   `json:"title"`
	GradeMin  int      `json:"grade_min"`
	GradeMax  int      `json:"grade_max"`
	Text      string   `json:"text"`
	KeyPoints []string `json:"key_points"`
	Source    string   `json:"source"`
	License   string   `json:"license"`
}

// library is everything the providers read: immutable once loaded.
type library struct {
	topics       []topic
	topicIndex   map[string]int
	passages     []passage
	byTopic      map[string][]int // topic id → passage indexes, corpus order
	passageByID  map[string]int
	matchers     []topicMatcher
	subjects     []subjectWords
	screen       []screenRule
	instructions []*regexp.Regexp
}

type catalogFile struct {
	Topics []topic `json:"topics"`
}

type corpusFile struct {
	Passages []passage `json:"passages"`
}

// loadLibrary reads, validates and indexes the data in fsys. It takes an fs.FS
// rather than reading dataFS directly so tests can feed it broken data.
func loadLibrary(fsys fs.FS) (*library, error) {
	var cat catalogFile
	if err := readJSON(fsys, "data/catalog.json", &cat); err != nil {
		return nil, err
	}
	files, err := fs.Glob(fsys, "data/corpus/*.json")
	if err != nil {
		return nil, fmt.Errorf("list corpus files: %w", err)
	}
	slices.Sort(files) // corpus order must not depend on the file system
	var ps []passage
	for _, f := range files {
		var c corpusFile
		if err := readJSON(fsys, f, &c); err != nil {
			return nil, err
		}
		ps = append(ps, c.Passages...)
	}
	lib := &library{topics: cat.Topics, passages: ps}
	if err := lib.index(); err != nil {
		return nil, fmt.Errorf("embedded data: %w", err)
	}
	if err := lib.validate(); err != nil {
		return nil, fmt.Errorf("embedded data: %w", err)
	}
	if err := lib.compile(); err != nil {
		return nil, fmt.Errorf("embedded data: %w", err)
	}
	return lib, nil
}

func readJSON(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", path.Base(name), err)
	}
	return nil
}

// index builds the lookup maps, refusing duplicate ids.
func (l *library) index() error {
	var errs []error
	l.topicIndex = make(map[string]int, len(l.topics))
	for i, t := range l.topics {
		if _, dup := l.topicIndex[t.ID]; dup {
			errs = append(errs, fmt.Errorf("topic id %q is used twice", t.ID))
			continue
		}
		l.topicIndex[t.ID] = i
	}
	l.byTopic = make(map[string][]int)
	l.passageByID = make(map[string]int, len(l.passages))
	for i, p := range l.passages {
		if _, dup := l.passageByID[p.ID]; dup {
			errs = append(errs, fmt.Errorf("passage id %q is used twice", p.ID))
			continue
		}
		l.passageByID[p.ID] = i
		l.byTopic[p.Topic] = append(l.byTopic[p.Topic], i)
	}
	return errors.Join(errs...)
}

// topicByID returns the catalog topic with id.
func (l *library) topicByID(id string) (topic, bool) {
	i, ok := l.topicIndex[id]
	if !ok {
		return topic{}, false
	}
	return l.topics[i], true
}

// passageFor returns the corpus passage with id.
func (l *library) passageFor(id string) (passage, bool) {
	i, ok := l.passageByID[id]
	if !ok {
		return passage{}, false
	}
	return l.passages[i], true
}
