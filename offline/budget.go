package offline

import (
	"cmp"
	"slices"
	"strings"

	"github.com/vividly-edu/vividly/readability"
)

// Length tolerance while filling: stop once the target is reached, and never
// add a line that would overshoot it by more than a tenth.
const overshoot = 1.1

// fitLength switches lines on until the narration reaches target words. Rank 0
// lines are always on, and lines on already stay on; a dropped segment
// stays out. Others are taken in rank order, segment by segment, so
// every segment grows evenly; once a line of a segment does not fit, the rest
// of that segment is left out too, which keeps passages in their own order.
func fitLength(drafts []*draft, target int) {
	total := 0
	type ref struct{ seg, line, rank int }
	var refs []ref
	for si, d := range drafts {
		d.full = d.dropped
		for li := range d.lines {
			l := &d.lines[li]
			if d.dropped {
				continue
			}
			if l.rank == 0 || l.on {
				l.on = true
				total += wordCount(l.text)
				continue
			}
			refs = append(refs, ref{si, li, l.rank})
		}
	}
	slices.SortStableFunc(refs, func(a, b ref) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.seg, b.seg), cmp.Compare(a.line, b.line))
	})
	upper := int(float64(target) * overshoot)
	for _, r := range refs {
		if total >= target {
			break
		}
		d := drafts[r.seg]
		if d.full {
			continue
		}
		l := &d.lines[r.line]
		n := wordCount(l.text)
		if total+n > upper {
			d.full = true
			continue
		}
		l.on = true
		total += n
	}
}

// fillThin gives a teaching segment that says one sentence its next one,
// when the lesson has room for it: a segment of its own teaches at least
// two ("Draw a rectangle." alone teaches nothing). A later teaching segment
// that still says one sentence is left out while two others teach; the
// first is the answer.
func fillThin(drafts []*draft, target int) {
	upper := int(float64(target) * overshoot)
	first := true
	teaching := 0
	for _, d := range drafts {
		if d.source != "" {
			teaching++
		}
	}
	for _, d := range drafts {
		if d.source == "" {
			continue
		}
		said, last := 0, -1
		for i, l := range d.lines {
			if l.on {
				last = i
				if !l.filler {
					said++
				}
			}
		}
		for i := last + 1; i < len(d.lines) && said < 2; i++ {
			l := &d.lines[i]
			if l.filler {
				continue
			}
			if wordCount(saidText(drafts))+wordCount(l.text) > upper {
				break
			}
			l.on = true
			said++
		}
		if said < 2 && !first && teaching > 2 {
			for i := range d.lines {
				d.lines[i].on = false
			}
			d.dropped = true
			teaching--
		}
		first = false
	}
}

// sayWhole leaves out a segment that must be said whole (draft.whole) and
// was not, and reports whether it did.
func sayWhole(drafts []*draft) bool {
	dropped := false
	for _, d := range drafts {
		if !d.whole || !d.saysAnything() {
			continue
		}
		all := true
		for _, l := range d.lines {
			all = all && l.on
		}
		if !all {
			for i := range d.lines {
				d.lines[i].on = false
			}
			d.dropped, dropped = true, true
		}
	}
	return dropped
}

// saysAnything reports whether a line of the segment is said.
func (d *draft) saysAnything() bool {
	return slices.ContainsFunc(d.lines, func(l line) bool { return l.on })
}

// minShare is the least share of the target length tuneReadability keeps.
const minShare = 0.8

// readabilityRounds bounds how many lines tuneReadability switches.
const readabilityRounds = 30

// tuneReadability edits the chosen lines toward the student's reading level,
// as a teacher edits a draft: while the lesson reads more than a grade and a
// half below the student (or above, for the young), it drops the optional
// line whose absence moves the whole text most toward the level, and takes
// on the next unsaid line of a segment that moves it further, so passages
// stay in order and the length stays near the target. Lines that must be
// said (rank 0) stay.
func tuneReadability(drafts []*draft, p plan) {
	miss := func() float64 { return readingMiss(saidStats(drafts), p) }
	for round := 0; round < readabilityRounds; round++ {
		now := miss()
		if now == 0 {
			return
		}
		off, offMiss := bestMove(drafts, removable(drafts), false, miss)
		if off == nil || offMiss >= now {
			return
		}
		off.on = false
		room := int(float64(p.target)*overshoot) - wordCount(saidText(drafts))
		on, onMiss := bestMove(drafts, addable(drafts, min(room, wordCount(off.text)+wordCount(off.text)/2+5)), true, miss)
		if on != nil && onMiss <= offMiss {
			on.on = true
		}
		// Reading level is not bought with a lesson too short to teach.
		if float64(wordCount(saidText(drafts))) < minShare*float64(p.target) {
			off.on = true
			if on != nil {
				on.on = false
			}
			return
		}
	}
}

// readingMiss is how far text reads from the level wanted for the plan's
// grade: 0 within it; for grades 3–12 the Flesch–Kincaid grades outside
// grade ± readingSlack; for the youngest, how far sentences run past nine and a half
// words and long words past 9%.
func readingMiss(st readability.Stats, p plan) float64 {
	if p.band == bandYoung {
		return max(0, st.WordsPerSentence()-(readability.EarlyMaxWordsPerSentence-0.5)) +
			10*max(0, st.LongWordShare()-(readability.EarlyMaxLongWordShare-0.01))
	}
	fk, g := st.FleschKincaid(), float64(p.grade)
	return max(0, g-readingSlack-fk) + max(0, fk-g-readingSlack)
}

// bestMove tries switching each candidate line (off, or on when turnOn) and
// returns the one that leaves the smallest miss, with that miss.
func bestMove(drafts []*draft, cands []*line, turnOn bool, miss func() float64) (*line, float64) {
	var best *line
	bestMiss := 0.0
	for _, l := range cands {
		l.on = turnOn
		m := miss()
		l.on = !turnOn
		if best == nil || m < bestMiss {
			best, bestMiss = l, m
		}
	}
	return best, bestMiss
}

// removable are the optional said lines that can go without breaking a
// passage: the last said line of each segment, and framing lines anywhere.
func removable(drafts []*draft) []*line {
	var out []*line
	for _, d := range drafts {
		last := -1
		for i := range d.lines {
			l := &d.lines[i]
			if l.on {
				last = i
			}
			if l.filler && l.on && l.rank > 0 {
				out = append(out, l)
			}
		}
		if last >= 0 && d.lines[last].rank > 0 && !d.lines[last].filler {
			out = append(out, &d.lines[last])
		}
	}
	return out
}

// addable are the unsaid lines right after a segment's said lines that are
// no longer than room words.
func addable(drafts []*draft, room int) []*line {
	var out []*line
	for _, d := range drafts {
		for i := range d.lines {
			if d.lines[i].on || (i > 0 && !d.lines[i-1].on) {
				continue
			}
			if wordCount(d.lines[i].text) <= room {
				out = append(out, &d.lines[i])
			}
			break
		}
	}
	return out
}

// saidStats counts the sentences, words and syllables of the lines switched
// on. Tuning weighs every possible move by them, so each line is measured
// once and the counts added up; that is exact while every said line ends a
// sentence, as the writer's lines do, and the whole text is measured again
// when one does not.
func saidStats(drafts []*draft) readability.Stats {
	var st readability.Stats
	for _, d := range drafts {
		for i := range d.lines {
			l := &d.lines[i]
			if !l.on {
				continue
			}
			if l.measured == nil {
				m := readability.Measure(l.text)
				if !readability.EndsSentence(l.text) {
					m.Sentences = -1
				}
				l.measured = &m
			}
			if l.measured.Sentences < 0 {
				return readability.Measure(saidText(drafts))
			}
			st = st.Add(*l.measured)
		}
	}
	return st
}

// saidText is the narration of the lines switched on.
func saidText(drafts []*draft) string {
	var b strings.Builder
	for _, d := range drafts {
		for _, l := range d.lines {
			if l.on {
				b.WriteString(l.text)
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// readingSlack is how far from the student's grade the writer lets a lesson
// read before editing it: inside the two grades a reader tolerates, with room.
const readingSlack = 1.0
