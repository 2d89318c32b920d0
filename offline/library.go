package offline

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sync"
)

// dataFS holds the embedded K–12 library; it is read-only by design.
//
//go:embed data/library/*.json data/interests.json
var dataFS embed.FS

// The source and licence of the embedded library's passages.
const (
	CorpusSource  = "Vividly K–12 library"
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

// keyTerm is a word a student may ask about, with a plain definition.
type keyTerm struct {
	Term       string `json:"term"`
	Definition string `json:"definition"`
}

// levelText is a topic's passage at one reading level.
type levelText struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// topic is one entry of the library.
type topic struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Phrase   string   `json:"phrase"` // the title as it reads mid-sentence
	Subject  string   `json:"subject"`
	GradeMin int      `json:"grade_min"`
	GradeMax int      `json:"grade_max"`
	Idea     string   `json:"idea"`     // the kind of idea: energy-force, procedure, …
	Aliases  []string `json:"aliases"`  // phrasings students use that name the topic
	Keywords []string `json:"keywords"` // words that hint at it but are shared

	KeyTerms      []keyTerm            `json:"key_terms"`
	KeyPoints     []string             `json:"key_points"`
	Steps         []string             `json:"steps"`
	WorkedExample string               `json:"worked_example"`
	Everyday      string               `json:"everyday"`
	Analogy       string               `json:"analogy"`
	AnalogyPoint  string               `json:"analogy_point"`
	Link          string               `json:"link"` // the core idea as a clause: "In <phrase>, <link>."
	Misconception string               `json:"misconception"`
	CheckYoung    string               `json:"check_young"`
	Check         string               `json:"check"`
	CheckAdvanced string               `json:"check_advanced"`
	Visual        string               `json:"visual"`
	Passages      map[string]levelText `json:"passages"`
	// Answers say what an alias asks that the passages leave out ("what is
	// pumice" under rocks): one or two sentences for grades 6–12, and one
	// short sentence for K–5 when the topic is taught there.
	Answers []aliasAnswer `json:"answers,omitempty"`
}

// aliasAnswer is the answer to one of a topic's aliases.
type aliasAnswer struct {
	Ask   string `json:"ask"`
	Text  string `json:"text"`
	Young string `json:"young,omitempty"`
}

// Bounds of an alias's answer, in words: said at once, it must stay short.
const (
	maxAnswerWords      = 45
	maxYoungAnswerWords = 16
)

// readingLevel is a band of grades a passage is written for.
type readingLevel struct {
	name               string
	gradeMin, gradeMax int
}

// readingLevels are the passage levels, youngest first.
var readingLevels = []readingLevel{{"elementary", 0, 5}, {"middle", 6, 8}, {"secondary", 9, 10}, {"advanced", 11, 12}}

// passage is one piece of the library's text, at one reading level.
type passage struct {
	ID        string
	Topic     string
	Title     string
	Level     string
	GradeMin  int
	GradeMax  int
	Text      string
	KeyPoints []string
	Source    string
	License   string
}

// library is everything the providers read: immutable once loaded.
type library struct {
	topics       []topic
	topicIndex   map[string]int
	passages     []passage
	byTopic      map[string][]int // topic id → passage indexes, youngest level first
	passageByID  map[string]int
	matchers     []topicMatcher
	byFirstStem  map[string][]int // stem → the matchers with a phrase starting with it, in order
	subjects     []subjectWords
	instructions []instruction
	cleaned      cleanedCache    // passages' texts, cleaned (see cleanSentences)
	split        cleanedCache    // passages' texts, cleaned and split (see answerSentences)
	facts        factsCache      // what answerSentences reads of a sentence
	vocab        map[string]bool // every stem the library uses, to spot misspellings
	interests    interestModel
	names        []map[string]bool // per topic: the stems of its title, phrasings, keywords and terms
	nameDF       map[string]int    // in how many topics' names a stem appears
	docs         []topicDoc        // per topic: its BM25 document
	docDF        map[string]int    // in how many documents a stem appears
	avgDocLen    float64
	subjectStems map[string]bool // single stems that name a subject
	cases        wordCase        // how the library writes each word mid-sentence
}

type libraryFile struct {
	Strand string  `json:"strand"` // the part of the curriculum the file covers
	Topics []topic `json:"topics"`
}

// loadLibrary reads, validates and indexes the data in fsys. It takes an fs.FS
// rather than reading dataFS directly so tests can feed it broken data.
func loadLibrary(fsys fs.FS) (*library, error) {
	files, err := fs.Glob(fsys, "data/library/*.json")
	if err != nil {
		return nil, fmt.Errorf("list library files: %w", err)
	}
	slices.Sort(files) // library order must not depend on the file system
	lib := &library{}
	for _, f := range files {
		var c libraryFile
		if err := readJSON(fsys, f, &c); err != nil {
			return nil, err
		}
		lib.topics = append(lib.topics, c.Topics...)
	}
	for _, t := range lib.topics {
		for _, lv := range readingLevels {
			lt, ok := t.Passages[lv.name]
			if !ok {
				continue
			}
			// A passage serves its level's grades, and the topic's own edge
			// grades when the topic reaches past its level's band.
			lo, hi := max(lv.gradeMin, t.GradeMin), min(lv.gradeMax, t.GradeMax)
			if lo > hi {
				lo, hi = lv.gradeMin, lv.gradeMax
			}
			lib.passages = append(lib.passages, passage{
				ID: t.ID + "-" + lv.name, Topic: t.ID, Title: lt.Title, Level: lv.name, GradeMin: lo, GradeMax: hi,
				Text: lt.Text, Source: CorpusSource, License: CorpusLicense,
			})
		}
	}
	if err := lib.index(); err != nil {
		return nil, fmt.Errorf("embedded data: %w", err)
	}
	lib.learnCase()
	if lib.interests, err = loadInterests(fsys); err != nil {
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
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
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
