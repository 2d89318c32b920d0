package offline

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"

	vividly "github.com/vividly-edu/vividly"

	"github.com/vividly-edu/vividly/internal/edit"
)

// LibrarySource is the source name of the embedded library's sections in the
// knowledge store.
const LibrarySource = "vividly"

// query is a request made ready to search.
type query struct {
	full      []string // stems of the question and answers, with separators
	questionN int      // how many of full are the question's
	interest  []string // stems of the student's interest
}

// prepare tokenises the question and answers.
func (l *library) prepare(in vividly.UnderstandInput) query {
	full := joinTexts(append([]string{in.Question}, in.Answers...)...)
	return query{full: full, questionN: len(stems(in.Question)), interest: stems(in.Interest)}
}

// askTokens are the content tokens of the request without the student's
// interest ("for someone who likes soccer") and everyday look-alikes ("cell
// phone"): what names the topic.
func (q query) askTokens() []token {
	decoys := decoyMask(q.full)
	skip := interestMask(q.full[:q.questionN], q.interest)
	return contentTokens(q.full, func(i int) bool { return skip[i] || decoys[i] })
}

// scored is a library topic with how surely the request names it.
type scored struct {
	topic  int
	score  float64
	strong bool    // a phrase of the topic was said in full
	named  float64 // the score from the topic's names alone, without full-text rank
	cov    float64 // how much of what was said the topic's names account for (0..1)
}

// Scores of evidence that is not a phrase said in full.
const (
	searchOnlyCap   = 0.45 // a full-text match alone is a guess, never certain…
	searchLead      = 1.6  // …unless it leads the next topic by this factor
	searchLeadScore = 0.62 // and then it is taken, just above confidentAt
	strongTieBreak  = 0.01 // at most this much search rank is added to a named topic
	phraseFloor     = 0.75 // a phrase said in full keeps this share of its score however little else it explains
	offGradeCost    = 0.03 // breaks ties toward topics taught at the student's grade
	subjectBonus    = 0.05 // the student named the topic's subject
	maxFuzzyEdits   = 2
)

// candidates scores library topics against the request: with the interest
// and phrases such as "for someone who likes soccer" left out first, and the
// whole text only when that finds nothing confident, so an interest that is
// also a topic word cannot take over the lesson.
func (u *Understander) candidates(ctx context.Context, q query, grade int, r resolution) ([]scored, error) {
	decoys := decoyMask(q.full)
	if skip := interestMask(q.full[:q.questionN], q.interest); len(skip) > 0 {
		cs, err := u.score(ctx, q.askTokens(), grade, r)
		if err != nil || (len(cs) > 0 && cs[0].score >= confidentAt) {
			return cs, err
		}
	}
	return u.score(ctx, contentTokens(q.full, func(i int) bool { return decoys[i] }), grade, r)
}

// score searches the library for the content words, corrects misspelt words
// against the names of what it found, and scores each topic found by its
// phrases said in full, its keywords and its full-text rank.
func (u *Understander) score(ctx context.Context, content []token, grade int, r resolution) ([]scored, error) {
	var words, fuzzy []string
	for _, t := range content {
		if t.stem == separator {
			continue
		}
		words = append(words, t.stem)
		if len(t.stem) >= 5 && !u.lib.vocab[t.stem] && !isNumber(t.stem) {
			fuzzy = append(fuzzy, t.stem)
		}
	}
	if len(words) == 0 {
		return nil, nil
	}
	// The library is in memory too: without the store (a database outage)
	// questions are still understood, by its own ranking, without spelling
	// correction.
	hits, err := u.k.SearchKnowledge(ctx, vividly.KnowledgeQuery{
		Text: strings.Join(words, " "), Sources: []string{LibrarySource}, Limit: 15,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("offline understand: search the library: %w", err)
		}
		slog.WarnContext(ctx, "the knowledge store is unavailable; understanding from the library alone", "error", err)
		hits, fuzzy = nil, nil
	}
	if len(fuzzy) > 0 {
		// Misspelt words are looked up on their own, so full-text hits on
		// the other words cannot crowd them out.
		near, err := u.k.SearchKnowledge(ctx, vividly.KnowledgeQuery{Fuzzy: fuzzy, Sources: []string{LibrarySource}, Limit: 10})
		if err != nil {
			return nil, fmt.Errorf("offline understand: search the library: %w", err)
		}
		content = correct(content, fuzzy, near)
	}
	byTopic := map[int]scored{}
	for _, c := range u.lib.matchTopics(content) {
		byTopic[c.topic] = scored{topic: c.topic, score: c.score, strong: c.strong, named: c.score}
	}
	// Subject and schoolwork words and bare numbers say nothing about which
	// topic is meant; the phrases above still use them ("world war 2").
	var corrected []string
	for _, t := range content {
		if t.stem != separator && !schoolWords[t.stem] && !u.lib.subjectStems[t.stem] && !isNumber(t.stem) {
			corrected = append(corrected, t.stem)
		}
	}
	cov := u.lib.coverage(corrected)
	// The store's full-text ranking and BM25 over the library's own text
	// (which weighs rare words up, as ts_rank_cd does not) are fused by rank.
	bm, matched := u.lib.bm25(corrected)
	var ranked []vividly.SectionHit
	for i, v := range bm {
		if v > 0 {
			ranked = append(ranked, vividly.SectionHit{ID: int64(i), Score: v})
		}
	}
	slices.SortFunc(ranked, func(a, b vividly.SectionHit) int { return cmpDesc(a.Score, b.Score) })
	var fts []vividly.SectionHit
	for _, h := range hits {
		if i, ok := u.lib.topicIndex[h.TopicID]; ok {
			fts = append(fts, vividly.SectionHit{ID: int64(i), Score: h.Score})
		}
	}
	fused := vividly.FuseRanks(ranked[:min(len(ranked), 15)], fts)
	rel := map[int]float64{}
	for _, h := range fused {
		rel[int(h.ID)] = h.Score / fused[0].Score
	}
	for i := range cov {
		if _, ok := byTopic[i]; !ok {
			byTopic[i] = scored{topic: i}
		}
	}
	for i := range rel {
		if _, ok := byTopic[i]; !ok {
			byTopic[i] = scored{topic: i}
		}
	}
	for i, s := range byTopic {
		s.cov = cov[i]
		if s.strong {
			// A phrase that accounts for little of what was said is weaker
			// evidence ("the first person to walk on the moon" is not about
			// the first person in grammar); topics a phrase names alike are
			// told apart by the text search.
			s.score *= phraseFloor + (1-phraseFloor)*cov[i]
			s.score += strongTieBreak * rel[i]
			byTopic[i] = s
			continue
		}
		// Names said decide; the text search ranks topics the names tie on.
		named := min(coverageCap, coverageWeight*cov[i]) * (coverageShare + (1-coverageShare)*rel[i])
		s.score = max(s.score, named, searchOnlyCap*rel[i])
		s.named = max(s.named, named)
		byTopic[i] = s
	}
	// A clear winner of the text search that matches several of the
	// student's words is taken, as a person would.
	if len(ranked) > 0 && len(fused) > 0 && matched[ranked[0].ID] >= 2 &&
		(len(ranked) == 1 || ranked[0].Score >= searchLead*ranked[1].Score) && fused[0].ID == ranked[0].ID {
		s := byTopic[int(ranked[0].ID)]
		s.score = max(s.score, searchLeadScore)
		s.named = max(s.named, searchLeadScore)
		byTopic[int(ranked[0].ID)] = s
	}
	out := make([]scored, 0, len(byTopic))
	for _, s := range byTopic {
		t := u.lib.topics[s.topic]
		// Topics taught at the student's grade win ties, the nearer the better.
		s.score -= offGradeCost * float64(max(0, t.GradeMin-grade, grade-t.GradeMax))
		if r.hasSubj && r.subject.subject == t.Subject {
			s.score += subjectBonus
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b scored) int {
		if a.score != b.score {
			return cmpDesc(a.score, b.score)
		}
		return a.topic - b.topic
	})
	// Of guesses that score alike, the only one whose own title the student
	// said ("how do waves work": Waves, not Earthquakes, whose seismic waves
	// share the word) is the one meant.
	if i := u.lib.onlyTitled(content, out); i > 0 {
		out[i].score = out[0].score
		out[0], out[i] = out[i], out[0]
		return out, nil
	} else if i == 0 {
		return out, nil
	}
	// Two guesses that score alike are a coin toss: the student is asked
	// rather than taught the wrong topic.
	// Of the two, the one whose names account for clearly more of what was
	// said is no coin toss.
	if len(out) > 1 && !out[0].strong && out[1].score > out[0].score-ambiguityGap && out[1].cov > out[0].cov-ambiguityGap {
		out[0].score = min(out[0].score, confidentAt-0.01)
	}
	return out, nil
}

// onlyTitled returns the index of the one guess, among those scoring within
// ambiguityGap of the best, whose title the content says in full, when the
// best is a confident one; -1 when there is none or more than one.
func (l *library) onlyTitled(content []token, out []scored) int {
	if len(out) < 2 || out[0].score < confidentAt {
		return -1
	}
	found := -1
	for i, s := range out {
		if s.score <= out[0].score-ambiguityGap {
			break
		}
		if l.saysTitle(content, s.topic) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// saysTitle reports whether content says the topic's title or its phrase in
// full. The library's matchers are in topic order.
func (l *library) saysTitle(content []token, topic int) bool {
	for _, p := range l.matchers[topic].phrases {
		if p.title && len(p.stems) > 0 {
			if _, ok := findPhrase(content, p.stems); ok {
				return true
			}
		}
	}
	return false
}

// correct replaces each misspelt word by the closest word of the found
// sections' titles and terms, when one is within a couple of letters.
func correct(content []token, fuzzy []string, hits []vividly.SectionHit) []token {
	var names []string
	for _, h := range hits {
		names = append(names, stems(h.Title)...)
		for _, t := range h.Terms {
			names = append(names, stems(t)...)
		}
	}
	out := slices.Clone(content)
	for i, t := range out {
		if !slices.Contains(fuzzy, t.stem) {
			continue
		}
		best, bestD := "", maxFuzzyEdits+1
		for _, n := range names {
			if d := edit.Distance(t.stem, n, bestD); d < bestD && len(n) >= 4 {
				best, bestD = n, d
			}
		}
		if best != "" && (bestD <= 1 || len(t.stem) >= 7) {
			out[i].stem = best
		}
	}
	return out
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// genericTitles are section titles that name no topic on their own.
var genericTitles = map[string]bool{
	"introduction": true, "summary": true, "key term": true, "key concept": true, "review": true,
	"conclusion": true, "preface": true, "overview": true,
}

// namedSection looks for a textbook section whose title the question names in
// full ("what is the photoelectric effect" names "The Photoelectric Effect"),
// for a topic the embedded library lacks.
func (u *Understander) namedSection(ctx context.Context, q query, grade int) (vividly.Understanding, bool, error) {
	content := q.askTokens()
	var words []string
	for _, t := range content {
		if t.stem != separator {
			words = append(words, t.stem)
		}
	}
	if len(words) == 0 {
		return vividly.Understanding{}, false, nil
	}
	hits, err := u.k.SearchKnowledge(ctx, vividly.KnowledgeQuery{
		Text: strings.Join(words, " "), Exclude: []string{LibrarySource}, Limit: 5,
	})
	if err != nil {
		if ctx.Err() != nil {
			return vividly.Understanding{}, false, fmt.Errorf("offline understand: search textbooks: %w", err)
		}
		// Without the store no textbook section can be named; the student
		// is asked which topic it is instead.
		slog.WarnContext(ctx, "the knowledge store is unavailable; textbook sections not searched", "error", err)
		return vividly.Understanding{}, false, nil
	}
	for _, h := range hits {
		title := phraseStems(h.Title)
		if len(title) == 0 || genericTitles[strings.Join(title, " ")] {
			continue
		}
		if _, ok := findPhrase(content, title); !ok {
			continue
		}
		return vividly.Understanding{
			TopicID:    SectionTopicID(h.Source, h.Key),
			Topic:      cleanInline(h.Title, maxTitleRunes),
			Subject:    h.Subject,
			GradeFit:   grade >= h.GradeMin-gradeSlack && grade <= h.GradeMax+gradeSlack,
			Confidence: 0.7,
		}, true, nil
	}
	return vividly.Understanding{}, false, nil
}

// sectionPrefix starts the topic id of a textbook section.
const sectionPrefix = "section:"

// SectionTopicID is the topic id of a lesson on one stored section.
func SectionTopicID(source, key string) string { return sectionPrefix + source + ":" + key }

// Name coverage: how much of what the student said a topic's names account
// for, each word weighted by how rare it is among topics (inverse document
// frequency), so "seasons" counts for more than "change".
const (
	passageWordShare = 0.5  // weight of a word found only in passages, against one in names
	coverageWeight   = 0.9  // a topic whose names cover every word scores this…
	coverageCap      = 0.84 // …but never as much as a phrase of it said in full…
	coverageShare    = 0.8  // …of which this share whatever its text-search rank
)

// genericWords are content words that say how a question is asked more than
// what it is about ("what makes the seasons change"): they count for less.
var genericWords = stemSet(
	"change", "happen", "cause", "make", "form", "use", "affect", "differ", "difference", "different", "type", "kind", "example", "way", "important", "simple", "basic", "define", "definition", "effect", "result", "reason", "part", "thing", "describe", "between", "same", "find", "calculate", "figure", "out", "go", "come", "big", "bigger", "many", "much", "good", "best", "easy", "people", "someone", "lot", "every", "always", "never", "really", "actually", "first", "number", "made", "tell", "show", "give", "work", "back", "down", "up", "away", "off", "over", "again",
)

// genericWeight scales the weight of a generic word.
const genericWeight = 0.35

// idf is the weight of a stem among the library's topic names.
func (l *library) idf(w string) float64 {
	if genericWords[w] {
		return genericWeight * l.rawIDF(w)
	}
	return l.rawIDF(w)
}

func (l *library) rawIDF(w string) float64 {
	n := float64(len(l.topics))
	if df := l.nameDF[w]; df > 0 {
		return math.Log(1 + n/float64(df))
	}
	if df := l.docDF[w]; df > 0 {
		// A word the lessons use but no topic is named by ("famous") says
		// little about which topic is meant.
		return passageWordShare * math.Log(1+n/float64(df))
	}
	// A word the library never uses may name a topic it lacks ("the
	// photoelectric effect"), so it counts as much as the rarest name.
	return math.Log(1 + n)
}

// coverage scores every topic whose names share a word with words.
func (l *library) coverage(words []string) map[int]float64 {
	seen := map[string]bool{}
	total := 0.0
	var uniq []string
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			uniq = append(uniq, w)
			total += l.idf(w)
		}
	}
	out := map[int]float64{}
	if total == 0 {
		return out
	}
	for i, names := range l.names {
		got := 0.0
		for _, w := range uniq {
			if names[w] {
				got += l.idf(w)
			}
		}
		if got > 0 {
			out[i] = got / total
		}
	}
	return out
}
