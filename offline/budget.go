package offline

import (
	"cmp"
	"slices"
)

// Length tolerance while filling: stop once the target is reached, and never
// add a line that would overshoot it by more than a tenth.
const overshoot = 1.1

// fitLength switches lines on until the narration reaches target words. Rank 0
// lines are always on. Others are taken in rank order, segment by segment, so
// every segment grows evenly; once a line of a segment does not fit, the rest
// of that segment is left out too, which keeps passages in their own order.
func fitLength(drafts []*draft, target int) {
	total := 0
	type ref struct{ seg, line, rank int }
	var refs []ref
	for si, d := range drafts {
		for li := range d.lines {
			l := &d.lines[li]
			if l.rank == 0 {
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
