package offline

import (
	"slices"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// TestRecapSaysWhatWasTaught: over every topic, at a middle and a high
// grade, a recap repeats no key point whose rare words (the ones a check
// question would need taught) the lesson did not say before it, unless
// fewer than two of the topic's points were taught. A topic summary's "the
// Dust Bowl" or "rockets" in a lesson built from other passages is a recap
// of something the student never heard.
func TestRecapSaysWhatWasTaught(t *testing.T) {
	lib := mustLibrary()
	checked, untaught := 0, 0
	for _, tp := range lib.topics {
		for _, grade := range []int{6, 11} {
			if grade < tp.GradeMin || grade > tp.GradeMax {
				continue
			}
			s := lesson(t, tp.ID, grade, "music", 2*time.Minute)
			said := map[string]bool{}
			var recap string
			for _, seg := range s.Segments {
				if seg.Heading == headingRecap {
					recap = strings.ToLower(seg.Narration)
					break
				}
				for _, st := range stems(seg.Narration) {
					said[st] = true
				}
			}
			var taught, missing []string
			for _, k := range tp.KeyPoints {
				needs := lib.checkNeeds(tp.ID, tp.Title+" "+tp.Phrase, k)
				if slices.ContainsFunc(needs, func(st string) bool { return !said[st] }) {
					if strings.Contains(recap, strings.ToLower(strings.TrimRight(k, "."))) {
						missing = append(missing, k)
					}
					continue
				}
				taught = append(taught, k)
			}
			checked++
			if len(taught) >= 2 && len(missing) > 0 {
				untaught++
				t.Errorf("%s, grade %d: the recap says %q, never taught before it", tp.ID, grade, missing)
			}
		}
	}
	t.Logf("%d lessons checked, %d with a recap of something untaught", checked, untaught)
}

// TestCheckAsksWhatWasTaught: over every topic at a middle and a high
// grade, the check question names no key term of the topic that the lesson
// did not say ("which New Deal reforms…" after a lesson that never named
// the New Deal), when one of the band's questions would not.
func TestCheckAsksWhatWasTaught(t *testing.T) {
	lib := mustLibrary()
	checked, untaught := 0, 0
	for _, tp := range lib.topics {
		view := lib.topicViewFor(vividly.Understanding{TopicID: tp.ID})
		for _, grade := range []int{6, 11} {
			if grade < tp.GradeMin || grade > tp.GradeMax {
				continue
			}
			s := lesson(t, tp.ID, grade, "music", 2*time.Minute)
			said := map[string]bool{}
			for _, seg := range s.Segments {
				if seg.Heading == headingCheck {
					break
				}
				for _, st := range stems(seg.Narration) {
					said[st] = true
				}
			}
			// The key terms a question names that the lesson never said.
			unsaidTerms := func(q string) []string {
				var out []string
				for _, k := range tp.KeyTerms {
					term := slices.DeleteFunc(stems(k.Term), func(st string) bool { return stopwords[st] })
					if len(term) > 0 && !containsRun(stems(tp.Title+" "+tp.Phrase), term) && containsRun(stems(q), term) &&
						slices.ContainsFunc(term, func(st string) bool { return !said[st] }) {
						out = append(out, k.Term)
					}
				}
				return out
			}
			checked++
			missing := unsaidTerms(s.CheckQuestion)
			if len(missing) == 0 {
				continue
			}
			for _, q := range view.checks(bandFor(grade)) {
				if len(unsaidTerms(q)) == 0 {
					untaught++
					t.Errorf("%s, grade %d: the check %q names %q, never said; %q would not", tp.ID, grade, s.CheckQuestion, missing, q)
					break
				}
			}
		}
	}
	t.Logf("%d lessons checked, %d with a check on a term never said", checked, untaught)
}

// TestSlidesShowWhatTheSegmentSays: a teaching segment's slide shows what its
// narration says. Its passage's points were chosen before the lines were cut
// to the lesson's length; half of all slide points named something the
// segment never said ("Then fertilization happens" beside a narration that
// stops at the ovules). Now every teaching slide has a point made only of
// words said, and few points have any word that is not.
func TestSlidesShowWhatTheSegmentSays(t *testing.T) {
	lib := mustLibrary()
	titles := map[string]bool{}
	for _, p := range lib.passages {
		titles[p.Title] = true
	}
	segments, points, unsaid := 0, 0, 0
	for _, tp := range lib.topics {
		for _, grade := range []int{4, 10} {
			if grade < tp.GradeMin || grade > tp.GradeMax {
				continue
			}
			s := lesson(t, tp.ID, grade, "soccer", 2*time.Minute)
			for _, seg := range s.Segments {
				if !titles[seg.Heading] {
					continue
				}
				segments++
				said := map[string]bool{}
				for _, st := range stems(seg.Narration) {
					said[st] = true
				}
				shown := false
				for _, k := range seg.KeyPoints {
					points++
					if slices.ContainsFunc(stems(k), func(st string) bool { return !stopwords[st] && !said[st] }) {
						unsaid++
						continue
					}
					shown = true
				}
				if !shown {
					t.Errorf("%s, grade %d, %q: no slide point is said: %q", tp.ID, grade, seg.Heading, seg.KeyPoints)
				}
			}
		}
	}
	t.Logf("%d teaching segments, %d slide points, %d with a word the segment does not say", segments, points, unsaid)
	if unsaid*10 > points {
		t.Errorf("%d of %d slide points name something their segment does not say, want under a tenth", unsaid, points)
	}
}
