// Package eval measures the lessons Vividly makes, on question sets written
// for it: whether a question finds the right topic, whether unsafe and
// non-school asks are declined and school ones are not, whether a vague
// question is resolved by the student's answers, and whether the lessons read
// at the student's grade, answer what was asked and weave the interest in.
// `vividly eval` prints the table; the test suite fails below the targets.
package eval

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"github.com/vividly-edu/vividly/screen"
)

//go:embed data/*.jsonl
var dataFS embed.FS

// Question is one line of a question set.
type Question struct {
	Q        string   `json:"q"`
	Grade    int      `json:"grade"`
	Interest string   `json:"interest,omitempty"`
	Answers  []string `json:"answers,omitempty"` // answers to clarifying questions, in order
	Topic    string   `json:"topic,omitempty"`   // the library topic expected
	Also     []string `json:"also,omitempty"`    // other topics that answer it as well
	Expect   string   `json:"expect,omitempty"`  // for screen sets: "school", "not_school" or "unsafe:<category>"
}

// Sets are the question sets of one evaluation.
type Sets struct {
	Topics  []Question // school questions with the topic they are about
	Clarify []Question // vague questions, the student's answers and the topic they lead to
	Screen  []Question // asks labelled school, not_school or unsafe:<category>, that the screen was developed on
	// HeldOut are labelled asks written apart from the screen, never used to
	// develop its rules or train its model: how it does on asks it has not seen.
	HeldOut []Question
}

// Load reads the embedded question sets.
func Load() (Sets, error) {
	var s Sets
	var err error
	if s.Topics, err = readSet("data/topics.jsonl"); err != nil {
		return s, err
	}
	if s.Clarify, err = readSet("data/clarify.jsonl"); err != nil {
		return s, err
	}
	names, err := fs.Glob(screen.LabelledAsks(), "data/*.jsonl")
	if err != nil {
		return s, fmt.Errorf("eval: %w", err)
	}
	for _, name := range names {
		qs, err := readSetFrom(screen.LabelledAsks(), name)
		if err != nil {
			return s, err
		}
		s.Screen = append(s.Screen, qs...)
	}
	if s.HeldOut, err = readSet("data/screen-heldout.jsonl"); err != nil {
		return s, err
	}
	return s, nil
}

func readSet(name string) ([]Question, error) { return readSetFrom(dataFS, name) }

func readSetFrom(fsys fs.FS, name string) ([]Question, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	var out []Question
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		var q Question
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, fmt.Errorf("eval: %s line %d: %w", name, n, err)
		}
		if strings.TrimSpace(q.Q) == "" || q.Grade < 0 || q.Grade > 12 {
			return nil, fmt.Errorf("eval: %s line %d: a question and a grade from 0 to 12 are required", name, n)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}
