package offline

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/readability"
)

// line is one narrated sentence (or two that belong together). Rank 0 lines
// are always said; higher ranks are added in rank order while time allows.
type line struct {
	text   string
	rank   int
	on     bool
	point  string // a slide point shown only if the line is said
	filler bool   // framing ("Let's recap"), not teaching: may go anywhere it stands
	// answer is set on the library's answer to the student's question: it
	// is said even where it defines a term again.
	answer bool
	// measured is the text's readability counts once taken (see
	// saidStats), with Sentences -1 when the text does not end a sentence.
	measured *readability.Stats
}

// draft is a segment whose lines are not yet chosen.
type draft struct {
	heading, visual string
	keyPoints       []string
	lines           []line
	source          string // the passage a teaching segment is built from
	full            bool   // a line did not fit: add no more to this segment
	// whole is set on a segment said in full or not at all: a worked
	// example cut short stops before its answer, or on a step that reads
	// like the answer.
	whole bool
	// dropped is set once a segment is left out: no line of it is said.
	dropped bool
	// points are a recap's point lines when it says them as one summary
	// sentence (summarize).
	points []line
}

// shortLesson is the length in words under which a lesson leaves out what
// it can spare: the worked example outside maths, recap points past two.
const shortLesson = 250

// Headings of the segments every lesson ends with.
const (
	headingRecap = "Recap"
	headingCheck = "Check your understanding"
)

// teachingSegments is how many teaching segments a target length calls for.
func teachingSegments(target int) int {
	switch {
	case target <= 400:
		return 2
	case target <= 650:
		return 3
	}
	return 4
}

// assemble writes the script: hook, teaching segments, example, recap, check.
func assemble(p plan, pool []material) vividly.Script {
	drafts := []*draft{hookDraft(p)}
	materials := splitPool(pool, min(teachingSegments(p.target), max(len(pool), 2)))
	if p.band >= bandHigh {
		materials = definingFirst(materials, p.topicNames())
	}
	for i, m := range materials {
		drafts = append(drafts, teachingDraft(p, i, m))
	}
	if d := workedDraft(p); d != nil {
		drafts = append(drafts, d)
	}
	drafts = append(drafts, exampleDraft(p))
	recap := recapDraft(p, pool)
	check := checkDraft(p)
	drafts = append(drafts, recap, check)

	dropRepeats(drafts, p.definedTerms(), p.asked)
	fitLength(drafts, p.target)
	tuneReadability(drafts, p)
	fillThin(drafts, p.target)
	if sayWhole(drafts) {
		// The words the example would have taken go to the rest.
		fitLength(drafts, p.target)
	}
	p.recapTaught(recap, drafts)
	checkQuestion := p.t.check(p.band)
	if c := pickCheck(p.checks, drafts); c != "" && c != checkQuestion {
		for _, d := range drafts {
			for i := range d.lines {
				if l := &d.lines[i]; strings.Contains(l.text, checkQuestion) {
					l.text, l.measured = strings.Replace(l.text, checkQuestion, c, 1), nil
				}
			}
		}
		checkQuestion = c
	}

	s := vividly.Script{
		Title:         p.t.title + ", explained",
		Topic:         p.t.title,
		Subject:       p.t.subject,
		Grade:         p.grade,
		Interest:      p.interest,
		CheckQuestion: checkQuestion,
	}
	if p.titled != "" {
		s.Title = p.t.title + ", explained through " + p.titled
	}
	for _, d := range drafts {
		if !d.saysAnything() {
			continue
		}
		var said []string
		for _, l := range d.lines {
			if l.on {
				said = append(said, l.text)
				if l.point != "" && len(d.keyPoints) < 4 {
					d.keyPoints = append(d.keyPoints, l.point)
				}
			}
		}
		if d.source != "" {
			d.keyPoints = saidPoints(d)
		}
		s.Segments = append(s.Segments, vividly.Segment{
			Heading: d.heading, Narration: strings.Join(said, " "), KeyPoints: d.keyPoints, VisualHint: d.visual,
		})
		if d.source != "" && !slices.Contains(s.Sources, d.source) {
			s.Sources = append(s.Sources, d.source)
		}
	}
	var points []string
	for _, l := range recap.lines[1:] {
		if l.on {
			points = append(points, l.text)
		}
	}
	s.Recap = strings.Join(points, " ")
	// The recap slide shows what was said, topped up to the two points
	// every slide has.
	rs := &s.Segments[len(s.Segments)-2]
	for _, k := range p.t.keyPoints {
		if len(rs.KeyPoints) >= 2 {
			break
		}
		if k = fitKeyPoint(k); !slices.Contains(rs.KeyPoints, k) {
			rs.KeyPoints = append(rs.KeyPoints, k)
		}
	}
	return s
}

// definingFirst puts first the material that opens by saying what the
// topic is, when the first does not: a passage for grades 9-12 may open on
// a refinement ("Foreshadowing operates on the reader's memory and
// expectation…") that means little before the thing itself is said.
// Younger students' passages open with a plain first sentence ("Every story
// has a plot and a setting") and keep their order.
func definingFirst(ms []material, names []string) []material {
	defines := func(m material) bool {
		if len(m.sentences) == 0 {
			return false
		}
		_, ok := definedTerm(m.sentences[0], names)
		return ok
	}
	if len(ms) < 2 || defines(ms[0]) {
		return ms
	}
	for j := 1; j < len(ms); j++ {
		if defines(ms[j]) {
			out := append([]material{ms[j]}, ms[:j]...)
			return append(out, ms[j+1:]...)
		}
	}
	return ms
}

// topicNames are the names a passage defines its topic by: the title, the
// phrase and the title's first noun (see definedTerms), longest first.
func (p plan) topicNames() []string {
	terms := []string{p.t.title, p.t.phrase}
	// A title that names more than one thing ("Maps, Map Keys and Compass
	// Directions", "The Sun as a Star") defines its first, which a passage
	// may name in the singular ("A map is…").
	head := strings.ToLower(p.t.title)
	for _, sep := range []string{",", ":", " and ", " as ", " in ", " of "} {
		head, _, _ = strings.Cut(head, sep)
	}
	if head = strings.TrimSpace(head); head != "" {
		terms = append(terms, head)
		for _, plural := range []string{"es", "s"} {
			if one, ok := strings.CutSuffix(head, plural); ok && len(one) > 2 && !strings.HasSuffix(one, "s") {
				terms = append(terms, one)
				break
			}
		}
	}
	return longestFirst(terms)
}

// definedTerms are the terms a lesson defines: the topic's names, its key
// terms and the one the student asked about, longest first so "chemical
// bond" is found before "bond".
func (p plan) definedTerms() []string {
	terms := p.topicNames()
	for _, k := range p.t.keyTerms {
		terms = append(terms, k.Term)
	}
	if p.ask.named {
		terms = append(terms, p.ask.term.Term)
	}
	return longestFirst(terms)
}

// longestFirst lower-cases terms and orders them longest first, each once.
func longestFirst(terms []string) []string {
	for i, t := range terms {
		terms[i] = strings.ToLower(t)
	}
	slices.SortFunc(terms, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(terms)
}

// interestLabel names the interest on a slide: as the student put it when
// a title may name it, otherwise as theirs.
func (p plan) interestLabel() string {
	if p.titled != "" {
		return p.titled
	}
	return "your interest"
}

// splitPool picks n materials for the teaching segments. A single passage
// with enough sentences is split in two, since a lesson teaches in at least
// two steps.
func splitPool(pool []material, n int) []material {
	if len(pool) >= n {
		return pool[:n]
	}
	if len(pool) == 1 && len(pool[0].sentences) >= 2 {
		m := pool[0]
		half := (len(m.sentences) + 1) / 2
		a, b := m, m
		a.sentences, b.sentences = m.sentences[:half], m.sentences[half:]
		b.title = m.title + " (continued)"
		if len(m.keyPoints) > 1 {
			a.keyPoints, b.keyPoints = m.keyPoints[:1], m.keyPoints[1:]
		}
		return []material{a, b}
	}
	return pool
}

// hookDraft opens the lesson with the interest, or with everyday life.
func hookDraft(p plan) *draft {
	w := p.words
	d := &draft{visual: "Title card for " + p.t.title + " with an everyday scene"}
	if p.interest != "" {
		tmpl := w.hookInterest[p.variant%uint32(len(w.hookInterest))]
		d.heading = p.t.title + " meets " + p.interestLabel()
		d.visual = "Title card for " + p.t.title + " with images of " + p.interest
		d.lines = []line{{text: strings.ReplaceAll(fill(tmpl, p.interest, p.t.phrase), "{idea}", ideaPhrase(p.t.idea))},
			{text: p.adapt(p.t.everyday), rank: 3, filler: true}}
		if p.known && p.band >= bandElem {
			d.lines = append([]line{{text: "Picture " + p.model.Scene + "."}}, d.lines...)
		}
		d.keyPoints = []string{fitKeyPoint("Topic: " + p.t.title), fitKeyPoint("Seen through " + p.interestLabel()), "A question waits at the end"}
	} else {
		d.heading = "Getting started with " + p.t.title
		d.lines = []line{{text: fill(w.hookGeneric, "", p.t.phrase)}, {text: p.adapt(p.t.everyday), rank: 2, filler: true}}
		d.keyPoints = []string{fitKeyPoint("Topic: " + p.t.title), "Where you meet it every day", "A question waits at the end"}
	}
	// Hearing the question first gives a long lesson a thread to follow.
	d.lines = append(d.lines, line{text: w.promise, rank: 5, filler: true}, line{text: w.preview + " " + p.t.check(p.band), rank: 6, filler: true})
	return d
}

// teachingDraft teaches one passage: a transition, the passage's sentences in
// order, and its key idea said once more.
func teachingDraft(p plan, i int, m material) *draft {
	w := p.words
	d := &draft{heading: m.title, source: m.id, visual: "Labelled illustration: " + m.title}
	if d.heading == "" {
		d.heading = fmt.Sprintf("Part %d", i+1)
	}
	if i == 0 {
		d.visual = p.t.look
	}
	d.lines = append(d.lines, line{text: w.transitions[i%len(w.transitions)], rank: 3, filler: true})
	if kt, ok := p.t.titleTerm(); i == 0 && !p.ask.named && ok && len(m.sentences) > 0 && !opensWith(m.sentences[0], kt.Term) {
		// A passage that opens on a detail gets the topic's own meaning said
		// first: a lesson on the Bill of Rights says what it is.
		d.lines = append(d.lines, line{text: capFirst(p.t.phrase) + " means " + kt.Definition + "."})
	}
	for j, s := range m.sentences {
		rank := 0
		if j > 0 {
			rank = j + 1
			if p.teachesCheck(s) {
				// What the band's own check question asks about is taught
				// early, so the lesson can ask it.
				rank = 1
			}
		}
		if i == 0 && j > 0 && slices.Contains(p.answers, s) {
			continue // said right after the first sentence, as the answer
		}
		d.lines = append(d.lines, line{text: s, rank: rank})
		if i == 0 && j == 0 {
			// The ask comes first: the term the student named, the sentence
			// that answers the question, and for "how do I" the steps.
			d.lines = append(d.lines, askLines(p, m)...)
		}
	}
	if i == 1 && p.band == bandUpper {
		for k, kt := range p.t.keyTerms[:min(2, len(p.t.keyTerms))] {
			if tt, ok := p.t.titleTerm(); (!p.ask.named || kt.Term != p.ask.term.Term) && (!ok || kt.Term != tt.Term) {
				d.lines = append(d.lines, line{text: "A key term here is " + kt.Term + ", which means " + kt.Definition + ".", rank: 1 + k})
			}
		}
	}
	// Long lessons have time to pause and to say the key ideas again, which
	// is how a short passage stretches without new, unchecked material.
	d.lines = append(d.lines, line{text: w.reflect, rank: 7, filler: true})
	if len(m.keyPoints) > 0 && m.sayable(m.keyPoints[0]) {
		d.lines = append(d.lines, line{text: w.closing + " " + finishSentence(m.keyPoints[0]), rank: 6, filler: true})
	}
	if len(m.keyPoints) > 1 && m.sayable(m.keyPoints[1]) {
		d.lines = append(d.lines, line{text: w.restate + " " + finishSentence(m.keyPoints[1]), rank: 7, filler: true})
	}
	d.keyPoints = slidePoints(m.keyPoints, p.t.keyPoints)
	return d
}

// saidPoints keeps the slide points of a teaching segment whose every word
// that carries meaning the segment says: its passage's points were chosen
// before the lines were cut to the lesson's length, and a slide should show
// what the student hears. Points drawn from the sentences it says (their
// main clause, as shortPoint reads it) fill the slide up to two.
func saidPoints(d *draft) []string {
	points, said := d.keyPoints, saidStems([]*draft{d})
	var sentences []string
	for _, l := range d.lines {
		if l.on && !l.filler {
			sentences = append(sentences, l.text)
		}
	}
	saysAll := func(k string) bool {
		return !slices.ContainsFunc(stems(k), func(st string) bool { return !stopwords[st] && !said[st] })
	}
	var out []string
	for _, k := range points {
		if saysAll(k) {
			out = append(out, k)
		}
	}
	// Whole points from the sentences said first; then any, cut short;
	// then the passage's own, so that a slide has two.
	for _, whole := range []bool{true, false} {
		for _, sent := range sentences {
			if len(out) >= 2 {
				return out
			}
			if k, w := shortPoint(sent); (w || !whole) && wordCount(k) >= 3 {
				if k = fitKeyPoint(k); !slices.Contains(out, k) {
					out = append(out, k)
				}
			}
		}
	}
	for _, k := range points {
		if len(out) >= 2 {
			break
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// slidePoints returns 2–4 points for a slide: own first, topic ones to fill.
func slidePoints(own, topic []string) []string {
	var out []string
	for _, k := range append(slices.Clone(own), topic...) {
		k = fitKeyPoint(k)
		if k == "" || slices.Contains(out, k) {
			continue
		}
		out = append(out, k)
		if len(out) == 3 || (len(out) >= 2 && len(out) >= len(own)) {
			break
		}
	}
	return out
}

// exampleDraft brings the interest back with a worked comparison.
func exampleDraft(p plan) *draft {
	w := p.words
	d := &draft{heading: "An everyday example", visual: "Side by side: an everyday scene and " + p.t.analogyPoint}
	analogy := line{text: p.adapt(p.t.analogy), rank: 2}
	if p.interest != "" {
		d.heading = "Connecting it to " + p.interestLabel()
		d.visual = "Side by side: " + p.interest + " and " + p.t.title
		d.lines = interestLines(p)
		d.lines = append(d.lines, analogy)
		d.keyPoints = []string{fitKeyPoint(p.t.analogyPoint), fitKeyPoint(capFirst(p.t.phrase) + " and " + p.interestLabel())}
	} else {
		// The lead is said with its example or not at all: alone, it
		// promises an example and gives none. A lesson with no room for it
		// has no everyday example.
		analogy.text = w.exampleGeneric + " " + analogy.text
		d.lines = []line{analogy}
		d.keyPoints = []string{fitKeyPoint(p.t.analogyPoint), "Same idea, everyday setting"}
	}
	if p.t.misconception != "" {
		d.lines = append(d.lines, line{text: p.adapt(p.t.misconception), rank: 6, point: "Watch out for a common mix-up"})
	}
	return d
}

// recapDraft says the topic's key points again. Points cut short for a slide
// are not read out; if none can be, the first taught sentence stands in.
func recapDraft(p plan, pool []material) *draft {
	d := &draft{heading: headingRecap, visual: "A checklist of the key points, appearing one by one"}
	d.lines = []line{{text: p.words.recapIntro}}
	for _, k := range p.t.keyPoints {
		if !narratable(k) {
			continue
		}
		rank := 0
		switch i := len(d.lines) - 1; {
		case i == 1:
			rank = 1
		case i >= 2:
			rank = 2*i - 1
		}
		d.lines = append(d.lines, line{text: finishSentence(k), rank: rank, point: k})
	}
	if len(d.lines) == 1 {
		d.lines = append(d.lines, line{text: pool[0].sentences[0], point: p.t.keyPoints[0]})
	}
	if p.band >= bandHigh && len(d.lines) > 2 {
		// Older students hear the points as one summary sentence rather
		// than a list of short ones; the slide still shows each point.
		d.points = slices.Clone(d.lines[1:])
		p.summarize(d, d.points, false)
	}
	return d
}

// summarize makes the recap d one summary sentence of points (recap lines),
// the two first only in a short lesson, and shows each on its slide; on
// says the sentence, for a recap whose lines are already chosen.
func (p plan) summarize(d *draft, points []line, on bool) {
	if p.target < shortLesson {
		points = points[:min(len(points), 2)] // a short lesson recaps its two main points
	}
	var parts []string
	d.keyPoints = nil
	for _, l := range points {
		parts = append(parts, strings.TrimRight(p.lowerIfCommon(l.text), "."))
		if l.point != "" && len(d.keyPoints) < 4 {
			d.keyPoints = append(d.keyPoints, fitKeyPoint(l.point))
		}
	}
	said := strings.Join(parts[:len(parts)-1], "; ") + "; and " + parts[len(parts)-1]
	if len(parts) == 2 {
		said = parts[0] + ", and " + parts[1]
	}
	d.lines = append(d.lines[:1], line{text: "In short, " + said + ".", on: on})
}

// recapTaught leaves out of the recap the key points whose rare words
// (pointNeeds) the lesson did not say before it, a topic summary's "the
// Dust Bowl" or "rockets" in a lesson cut to other passages, as long as two
// points are left to say: a recap says again what was taught.
func (p plan) recapTaught(recap *draft, drafts []*draft) {
	said := saidStems(drafts)
	taught := func(point string) bool {
		return !slices.ContainsFunc(p.pointNeeds[point], func(st string) bool { return !said[st] })
	}
	if recap.points != nil {
		var keep []line
		for _, l := range recap.points {
			if taught(l.point) {
				keep = append(keep, l)
			}
		}
		if len(keep) >= 2 && len(keep) < len(recap.points) {
			p.summarize(recap, keep, recap.lines[len(recap.lines)-1].on)
		}
		return
	}
	// A point not taught gives its place to a taught one left out for
	// time, or else goes if two taught ones are still said.
	var saying, untaught, spare []int
	for i, l := range recap.lines {
		switch {
		case l.point == "":
		case !taught(l.point):
			if l.on {
				untaught = append(untaught, i)
			}
		case l.on:
			saying = append(saying, i)
		default:
			spare = append(spare, i)
		}
	}
	for _, i := range untaught {
		if len(spare) > 0 {
			recap.lines[spare[0]].on = true
			saying, spare = append(saying, spare[0]), spare[1:]
		}
		if len(saying) >= 2 {
			recap.lines[i].on = false
		}
	}
}

// saidStems are the stems of the lines said before the recap.
func saidStems(drafts []*draft) map[string]bool {
	said := map[string]bool{}
	for _, d := range drafts {
		if d.heading == headingRecap || d.heading == headingCheck || d.dropped {
			continue
		}
		for _, l := range d.lines {
			if !l.on {
				continue
			}
			for _, st := range stems(l.text) {
				said[st] = true
			}
		}
	}
	return said
}

// commonStarts are sentence openings that are not names, so they can be
// lower-cased when a sentence becomes part of a longer one.
var commonStarts = map[string]bool{
	"a": true, "an": true, "the": true, "most": true, "each": true, "every": true, "it": true, "this": true,
	"there": true, "all": true, "some": true, "many": true, "when": true, "if": true, "to": true, "in": true,
	"both": true, "one": true, "two": true, "three": true, "without": true, "only": true, "no": true, "we": true,
	"people": true, "plants": true, "animals": true, "you": true, "they": true, "its": true, "these": true,
}

// lowerIfCommon lower-cases a sentence's first word when the topic's own
// passages, or the library as a whole, write it in lower case, that is when
// it is not a name.
func (p plan) lowerIfCommon(s string) string {
	w, _, _ := strings.Cut(s, " ")
	lw := strings.ToLower(w)
	if commonStarts[lw] || (lw != w && (p.t.lowerWords[lw] || p.t.cases.common(w))) {
		return lowerFirst(s)
	}
	return s
}

// adapt fits text written for any grade to the band: for the youngest two
// bands long sentences are split where they can be; grades 11–12 hear short
// sentences combined; the others hear it as written.
func (p plan) adapt(text string) string {
	if text == "" {
		return text
	}
	if p.band >= bandUpper {
		return strings.Join(combineShort(splitSentences(text), p.lowerIfCommon), " ")
	}
	if p.band > bandElem {
		return text
	}
	return strings.Join(adaptSentences(splitSentences(text), p.band, false), " ")
}

// checkOption is a question a lesson may end with, and the rare words of it
// (stems) the lesson must have said for a student to answer it.
type checkOption struct {
	text  string
	needs []string
	// terms are the topic's key terms the question names (as stems): a
	// question on the New Deal needs the New Deal taught, though "deal" is
	// no rare word.
	terms [][]string
}

// rareDocs is in how many topics' texts at most a word appears for a check
// question that uses it to need it taught ("UDP", "remittances", "Hubble").
const rareDocs = 4

// checkOptions are the band's check questions with what each needs: the
// rare words of the question that the topic's own material teaches. A word
// it does not use ("a puddle on a sunny day") is the question's own scene.
func (l *library) checkOptions(t topicView, b band) []checkOption {
	var out []checkOption
	own := stems(t.title + " " + t.phrase)
	for _, c := range t.checks(b) {
		o := checkOption{text: c, needs: l.checkNeeds(t.id, t.title+" "+t.phrase, c)}
		asked := stems(c)
		for _, k := range t.keyTerms {
			term := slices.DeleteFunc(stems(k.Term), func(st string) bool { return stopwords[st] })
			if len(term) > 0 && !containsRun(own, term) && containsRun(asked, term) {
				o.terms = append(o.terms, term)
			}
		}
		out = append(out, o)
	}
	return out
}

// containsRun reports whether run occurs in words, word after word.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if equalAt(words, i, run) {
			return true
		}
	}
	return false
}

// checkNeeds are the stems of question that the topic id's material uses,
// few other topics do, and its name (title) does not say.
func (l *library) checkNeeds(id, title, question string) []string {
	i, ok := l.topicIndex[id]
	if !ok {
		return nil
	}
	own := stems(title)
	var needs []string
	for _, st := range stems(question) {
		if df := l.docDF[st]; df > 0 && df <= rareDocs && l.docs[i].tf[st] > 0 && !slices.Contains(own, st) &&
			!stopwords[st] && !slices.Contains(needs, st) {
			needs = append(needs, st)
		}
	}
	return needs
}

// teachesCheck reports whether a sentence says a rare word the band's own
// check question needs.
func (p plan) teachesCheck(sentence string) bool {
	if len(p.checks) == 0 || len(p.checks[0].needs) == 0 {
		return false
	}
	return slices.ContainsFunc(stems(sentence), func(st string) bool { return slices.Contains(p.checks[0].needs, st) })
}

// pickCheck returns the first check question whose rare words and key
// terms the lesson says before its check; failing that, the first with its
// rare words said, then the first with its key terms said, then the first.
func pickCheck(options []checkOption, drafts []*draft) string {
	if len(options) == 0 {
		return ""
	}
	said := map[string]bool{}
	for _, d := range drafts {
		if d.heading == headingCheck || d.dropped {
			continue
		}
		for _, l := range d.lines {
			if !l.on || slices.ContainsFunc(options, func(o checkOption) bool { return strings.Contains(l.text, o.text) }) {
				continue // the check said early, as a preview, teaches nothing
			}
			for _, st := range stems(l.text) {
				said[st] = true
			}
		}
	}
	unsaid := func(st string) bool { return !said[st] }
	termsSaid := func(o checkOption) bool {
		return !slices.ContainsFunc(o.terms, func(term []string) bool { return slices.ContainsFunc(term, unsaid) })
	}
	needsSaid := func(o checkOption) bool { return !slices.ContainsFunc(o.needs, unsaid) }
	for _, o := range options {
		if needsSaid(o) && termsSaid(o) {
			return o.text
		}
	}
	// None has both said: the first with its rare words said, then the
	// first naming no key term left unsaid.
	for _, ok := range []func(checkOption) bool{needsSaid, termsSaid} {
		for _, o := range options {
			if ok(o) {
				return o.text
			}
		}
	}
	return options[0].text
}

// checkDraft asks the one check question.
func checkDraft(p plan) *draft {
	w := p.words
	return &draft{
		heading: headingCheck,
		visual:  "The question on screen with a short thinking timer",
		lines: []line{
			{text: w.checkIntro, rank: 1},
			{text: p.t.check(p.band)},
			{text: w.pause, rank: 4, filler: true},
			{text: w.hint, rank: 6, filler: true},
		},
		keyPoints: slices.Clone(w.checkPoints),
	}
}

// askLines answer what the student asked, right after the topic is named:
// the key term they named with its meaning, the library's sentence that best
// answers their question, and for "how do I" questions numbered steps.
func askLines(p plan, m material) []line {
	var out []line
	// The term the student named is defined unless the answer does it.
	if p.ask.named && !slices.ContainsFunc(p.answers, func(a string) bool {
		_, ok := definedTerm(a, []string{p.ask.term.Term})
		return ok
	}) {
		out = append(out, line{text: "Here is what " + p.ask.term.Term + " means: " + p.ask.term.Definition + "."})
	}
	for i, a := range p.answers {
		if len(m.sentences) == 0 || m.sentences[0] != a {
			// The second sentence completes the answer; it may give way if
			// it reads far from the student's level.
			out = append(out, line{text: p.adapt(a), rank: min(i, 1), filler: i > 0, answer: true})
		}
	}
	if p.ask.howTo {
		steps := p.t.steps
		intro := p.words.stepsIntro
		if len(steps) == 0 {
			// A topic with no method of its own is shown through its worked
			// example, one step a sentence.
			steps = splitSentences(p.t.workedExample)
			intro = p.words.stepsByExample
		}
		out = append(out, line{text: intro})
		for i, st := range steps[:min(len(steps), len(stepNames))] {
			out = append(out, line{text: "Step " + stepNames[i] + ": " + capFirst(st)})
		}
	}
	return out
}

// stepNames count the steps aloud.
var stepNames = []string{"one", "two", "three", "four", "five", "six"}

// lowerFirst lower-cases the first letter unless the first word is a name
// or an acronym.
func lowerFirst(s string) string {
	w, _, _ := strings.Cut(s, " ")
	if len(w) > 1 && strings.ToUpper(w) == w {
		return s
	}
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// workedDraft works one example through, for maths and for questions that
// ask how to do something; the youngest students get it too, said simply.
func workedDraft(p plan) *draft {
	if p.t.workedExample == "" || (p.ask.howTo && len(p.t.steps) == 0) || (p.target < shortLesson && !p.ask.howTo) ||
		(p.t.subject != "maths" && !p.ask.howTo && p.band < bandUpper) {
		return nil
	}
	d := &draft{heading: "A worked example", visual: "The example worked step by step on a whiteboard",
		keyPoints: []string{"One example, step by step", fitKeyPoint(p.t.title)}}
	d.lines = append(d.lines, line{text: p.words.workedIntro})
	sents := adaptSentences(splitSentences(p.t.workedExample), p.band, false)
	if p.band >= bandHigh {
		sents = combineShort(sents, p.lowerIfCommon)
	}
	for i, s := range sents {
		d.lines = append(d.lines, line{text: s, rank: min(i, 1)})
	}
	d.whole = true
	return d
}

// interestLines connect the topic to the student's interest: a true scene
// from the interest that is an example of the same kind of idea, then the
// topic's core idea in those terms. An interest the model does not know gets
// a light, honest mention rather than an invented comparison.
func interestLines(p plan) []line {
	if p.known {
		if fr := p.model.Frames[p.t.idea]; fr != "" && p.t.link != "" {
			out := []line{{text: "Here is a connection to " + p.interest + "."}}
			// The scene is said whole: cut short, it stops before what it
			// shows ("A seat belt locks when a car brakes hard", without the
			// belt pulling the rider back). A lesson shorter than
			// shortLesson has room for its first sentence only.
			for i, s := range splitSentences(p.adapt(fr)) {
				rank := 0
				if p.target < shortLesson {
					rank = min(i, 1)
				}
				out = append(out, line{text: s, rank: rank})
			}
			out = append(out, joinOrSplit("The same idea is at the heart of "+p.t.phrase, p.t.link)...)
			if p.model.Closing != "" {
				out = append(out, line{text: p.model.Closing, rank: 4})
			}
			return out
		}
	}
	if p.t.link != "" {
		return append([]line{{text: "You told me you like " + p.interest + "."}},
			joinOrSplit("Here is the big idea of "+p.t.phrase+" to take back to it", p.t.link)...)
	}
	return []line{{text: fill(p.words.exampleWith, p.interest, p.t.phrase)}}
}

// joinOrSplit says lead and the topic's core idea as "lead: idea." or, when
// that would run past what a narrator reads in one breath, as two sentences.
func joinOrSplit(lead, idea string) []line {
	if wordCount(lead)+wordCount(idea) <= maxSentenceWords {
		return []line{{text: lead + ": " + idea + "."}}
	}
	return []line{{text: lead + "."}, {text: capFirst(idea) + "."}}
}

// dropRepeats removes a line that says again, word for word, what an
// earlier line says: passages at two levels can share a sentence, and the
// answer to the question may also open a passage. It also removes a line
// that defines one of terms again once a line that is always said has
// defined it: each level's passage opens by saying what its topic is, and a
// lesson that says "A map is a drawing…", then "A map is a flat model…",
// then "A map is a flat drawing…" teaches nothing the second and third time.
// The library's answer to the question stays when it says something asked
// (stems in asked) that no line before it does. The recap and the check say
// again what was taught by design, and a worked example is said whole: they
// keep their lines.
func dropRepeats(drafts []*draft, terms []string, asked map[string]bool) {
	seen := map[string]bool{}   // lines kept, whole
	taught := map[string]bool{} // sentences of the teaching's lines kept
	defined := map[string]bool{}
	said := map[string]bool{} // stems of the lines always said so far
	for _, d := range drafts {
		var kept []line
		promote, anchored := false, false
		var orphans map[string]bool
		restates := d.heading != headingRecap && d.heading != headingCheck && !d.whole
		for _, l := range d.lines {
			key := strings.ToLower(strings.TrimSpace(l.text))
			// In the teaching, a line of two sentences (an answer said with
			// the one it leans on) repeats what was said when each of its
			// sentences was, and a sentence said within such a line is not
			// said again on its own.
			var keys []string
			if restates {
				for _, sent := range splitSentences(l.text) {
					keys = append(keys, strings.ToLower(strings.TrimSpace(sent)))
				}
			}
			repeat := seen[key] || (len(keys) > 0 && !slices.ContainsFunc(keys, func(k string) bool { return !taught[k] }))
			lineStems := stems(l.text)
			term, defines := definedTerm(l.text, terms)
			again := restates && defines && defined[term] && !(l.answer && saysMore(lineStems, asked, said))
			if again {
				// What the definition brought in may be referred back to
				// ("Each box has a name"): a line that does goes with it.
				orphans = map[string]bool{}
				for _, st := range lineStems {
					if !said[st] && !stopwords[st] {
						orphans[st] = true
					}
				}
			}
			if repeat || again || (promote && !l.filler && leansOnContext(l.text)) || (!l.filler && refersTo(lineStems, orphans)) {
				// A line that had to be said went as a repeat: the next
				// teaching line that stands on its own is said in its place
				// (unless a definition said again went and the segment
				// already says something of its own).
				promote = promote || (l.rank == 0 && !(again && anchored))
				continue
			}
			seen[key] = true
			for _, k := range keys {
				taught[k] = true
			}
			if promote && !l.filler {
				l.rank, promote = 0, false
			}
			if l.rank == 0 && !l.filler {
				anchored = true
				if defines {
					defined[term] = true
				}
				for _, st := range lineStems {
					said[st] = true
				}
			}
			kept = append(kept, l)
		}
		if len(kept) > 0 {
			d.lines = kept
		}
	}
}

// saysMore reports whether a line (its stems) says one of the stems in
// asked that are not in said.
func saysMore(line []string, asked, said map[string]bool) bool {
	for _, st := range line {
		if asked[st] && !said[st] {
			return true
		}
	}
	return false
}

// referringWords point back to something already named.
var referringWords = map[string]bool{"the": true, "that": true, "this": true, "these": true, "those": true,
	"each": true, "its": true, "their": true, "such": true, "every": true}

// refersTo reports whether a line (its stems) points back ("the box",
// "each box") to one of words (stems), which the lesson has not named.
func refersTo(ws []string, words map[string]bool) bool {
	if len(words) == 0 {
		return false
	}
	for i := 0; i+1 < len(ws); i++ {
		if referringWords[ws[i]] && words[ws[i+1]] {
			return true
		}
	}
	return false
}

// relativeWords start the clause that says which of a kind a thing is ("land
// that rises", "proteins which speed up").
var relativeWords = map[string]bool{"that": true, "which": true, "who": true, "where": true, "whose": true}

// isWord reports whether s is a plain word, not a number.
func isWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return s != ""
}

// definitionStarts are the words after "is" that begin saying what a thing is.
var definitionStarts = map[string]bool{"a": true, "an": true, "the": true, "one": true, "how": true,
	"what": true, "when": true, "where": true, "any": true}

// definedTerm returns which of terms a sentence defines, when it opens by
// saying what the term is or means ("A variable is a…", "Here is what
// friction means: …", "Photosynthesis means …"). The term comes back as
// its stems, so "mountains" and "a mountain" are one thing defined.
func definedTerm(sentence string, terms []string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(sentence))
	if rest, ok := strings.CutPrefix(s, "here is what "); ok {
		if t, def, ok := strings.Cut(rest, " means"); ok {
			s = t + " means " + def
		}
	}
	if rest, ok := strings.CutPrefix(s, "a key term here is "); ok {
		if t, def, ok := strings.Cut(rest, ", which means"); ok {
			s = t + " means " + def
		}
	}
	for _, article := range []string{"the ", "a ", "an "} {
		s = strings.TrimPrefix(s, article)
	}
	for _, term := range terms {
		t := strings.ToLower(term)
		for _, article := range []string{"the ", "a ", "an "} {
			t = strings.TrimPrefix(t, article)
		}
		rest, ok := strings.CutPrefix(s, t)
		if !ok || t == "" {
			continue
		}
		// "variables are" defines "variable".
		for _, plural := range []string{"es ", "s "} {
			if r, ok := strings.CutPrefix(rest, plural); ok {
				rest = " " + r
				break
			}
		}
		for _, verb := range []string{" is ", " are ", " was ", " were ", " means ", " refers to "} {
			after, ok := strings.CutPrefix(rest, verb)
			if !ok {
				continue
			}
			// "A variable is a…", "Photosynthesis is how…", "A mountain is
			// land that…"; not "The slope is 8 divided by 4", "A map is
			// like a photo" or "The Moon is bright".
			if verb != " means " && verb != " refers to " {
				ws := strings.Fields(after)
				return strings.Join(stems(t), " "), len(ws) > 0 && (definitionStarts[ws[0]] ||
					len(ws) > 1 && isWord(ws[0]) && relativeWords[strings.Trim(ws[1], ",")])
			}
			return strings.Join(stems(t), " "), true
		}
	}
	return "", false
}

// opensWith reports whether a sentence starts by naming term ("The water
// cycle is …"), as a definition does.
func opensWith(sentence, term string) bool {
	s := strings.ToLower(sentence)
	for _, article := range []string{"the ", "a ", "an "} {
		s = strings.TrimPrefix(s, article)
	}
	t := strings.ToLower(term)
	for _, article := range []string{"the ", "a ", "an "} {
		t = strings.TrimPrefix(t, article)
	}
	return strings.HasPrefix(s, t)
}
