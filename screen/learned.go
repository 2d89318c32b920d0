package screen

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"path"
	"strings"
	"sync"
)

// The rules above read intent, and they are exact about the asks they know;
// a student can always say the same thing in words no rule names. The
// learned screen is a second opinion for that case: a naive Bayes model of
// the words and word pairs of Vividly's labelled asks (school, not school,
// and each unsafe category), trained when first used.
//
// It is never used alone. School asks that sound risky ("how did the atomic
// bomb end the war") are exactly what a bag of words gets wrong, so callers
// ask it only about requests that no school topic claims, where the
// alternative is a clarifying question or a lesson on a topic chosen by a
// single word.

// asks holds the labelled asks the screen was developed on: one JSON object
// per line, {"q": ..., "grade": ..., "expect": "school" | "not_school" |
// "unsafe:<category>"}. The evaluation keeps its held-out set elsewhere, so
// the model is never measured on what it learned from.
//
//go:embed data/*.jsonl
var asks embed.FS

// LabelledAsks returns the labelled asks the screen's rules were developed
// on and its model is trained on, for the evaluation to report on.
func LabelledAsks() fs.FS { return asks }

// Margins, in natural-log odds, by which the model must prefer a refusal to
// both kinds of school-or-not reading: the smallest at which, in the
// evaluation, no more than one in 200 of the school asks the screen was
// developed on is refused and vague asks still get their clarifying question.
const (
	unsafeMargin   = 5.0
	offTopicMargin = 6.0
)

// smoothing is the additive (Lidstone) smoothing of word counts.
const smoothing = 0.1

type model struct {
	classes []string             // "school", "not_school", "unsafe:<category>"
	logp    []map[string]float64 // per class: log P(feature | class)
	unseen  []float64            // per class: log P(an unseen-in-class feature)
	vocab   map[string]bool
}

var (
	learnedOnce sync.Once
	learned     *model
	learnedErr  error
)

// Second is the learned screen's opinion of a request the rules allowed. It
// returns a refusal only when the model prefers it by a clear margin: an
// unsafe category over both "school" and "not school", or "not school" over
// "school". Otherwise the verdict allows the request.
func Second(question string, answers ...string) Verdict {
	loadRules()
	learnedOnce.Do(func() { learned, learnedErr = train(asks) })
	if learnedErr != nil {
		// The asks are compiled in; a broken file is caught by the tests.
		return Verdict{}
	}
	parts := append([]string{question}, answers...)
	text := clip(strings.Join(parts, "\n"), maxRunes)
	t := newText(text)
	if t.schoolFramed() || t.seeksHelp() || t.has(safetyFrame) || t.any(inquiry) || t.hasNumber() && t.has(wordProblem) {
		// The rules let framed asks through on purpose: a writing task, a
		// subject to be taught, help being sought, a safety or "why" question.
		return Verdict{}
	}
	scores := learned.score(features(t))
	school, off := scores["school"], scores["not_school"]
	best, bestScore := "", math.Inf(-1)
	for c, s := range scores {
		if strings.HasPrefix(c, "unsafe:") && s > bestScore {
			best, bestScore = c, s
		}
	}
	if best != "" && bestScore-max(school, off) > unsafeMargin {
		return verdict(Category(strings.TrimPrefix(best, "unsafe:")))
	}
	if off-school > offTopicMargin {
		return verdict(NotSchool)
	}
	return Verdict{}
}

// inquiry frames ask why something is so or whether a claim is true:
// questions for a lesson, whatever their topic.
var inquiry []*pattern

func initRules12() {
	inquiry = pats("is it true", "why do/does/did/is/are/was/were", "how do/does * work", "how many ways",
		"how fast/far/high/big/heavy/strong/hot/cold/deep/loud * can/do/does/is/are",
		"what happen/happens * to * body/brain/cell/cells")
}

// features are the stems of the text, as the rules read them, and each pair
// of neighbouring stems within a sentence.
func features(t *text) []string {
	toks := t.plain
	if len(toks) == 0 {
		toks = t.toks
	}
	var out []string
	prev := ""
	for _, tk := range toks {
		if tk.stem == sep || tk.stem == "" {
			prev = ""
			continue
		}
		out = append(out, tk.stem)
		if prev != "" {
			out = append(out, prev+" "+tk.stem)
		}
		prev = tk.stem
	}
	return out
}

// train builds the model from every labelled file in fsys.
func train(fsys fs.FS) (*model, error) {
	counts := map[string]map[string]float64{}
	totals := map[string]float64{}
	vocab := map[string]bool{}
	files, err := fs.Glob(fsys, "data/*.jsonl")
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				continue
			}
			var a struct {
				Q      string `json:"q"`
				Expect string `json:"expect"`
			}
			if err := json.Unmarshal([]byte(line), &a); err != nil {
				return nil, fmt.Errorf("screen: %s line %d: %w", path.Base(name), n, err)
			}
			if a.Expect != "school" && a.Expect != "not_school" && !unsafeCategories[Category(strings.TrimPrefix(a.Expect, "unsafe:"))] {
				return nil, fmt.Errorf("screen: %s line %d: unknown label %q", path.Base(name), n, a.Expect)
			}
			if counts[a.Expect] == nil {
				counts[a.Expect] = map[string]float64{}
			}
			for _, f := range features(newText(a.Q)) {
				counts[a.Expect][f]++
				totals[a.Expect]++
				vocab[f] = true
			}
		}
	}
	m := &model{vocab: vocab}
	v := float64(len(vocab))
	for c, cs := range counts {
		denom := totals[c] + smoothing*v
		lp := make(map[string]float64, len(cs))
		for f, n := range cs {
			lp[f] = math.Log((n + smoothing) / denom)
		}
		m.classes = append(m.classes, c)
		m.logp = append(m.logp, lp)
		m.unseen = append(m.unseen, math.Log(smoothing/denom))
	}
	return m, nil
}

// score is each class's log-likelihood of the features; features no
// labelled ask had carry no evidence and are skipped. Classes are equally
// likely beforehand: how often each was written down says nothing about
// how often students ask it.
func (m *model) score(fs []string) map[string]float64 {
	out := make(map[string]float64, len(m.classes))
	for i, c := range m.classes {
		s := 0.0
		for _, f := range fs {
			if !m.vocab[f] {
				continue
			}
			if p, ok := m.logp[i][f]; ok {
				s += p
			} else {
				s += m.unseen[i]
			}
		}
		out[c] = s
	}
	return out
}
