package ffmpeg

import (
	"errors"
	"fmt"
	"sort"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// shot is a stretch of the video showing one slide: a segment with one caption.
type shot struct {
	seg        int
	caption    string
	start, end time.Duration
}

// timeline lays the slides along the narration. A segment's slides run from
// the previous segment's end to its own, so the slide changes exactly at
// SegmentEnds; within a segment the caption changes when the next sentence
// starts, and the pauses between sentences keep the caption just spoken. The
// shots cover [0, Duration] with no gaps, which is what the concat demuxer
// needs to keep the slides in step with the audio.
func timeline(s vividly.Script, n vividly.Narration) ([]shot, error) {
	if n.Duration <= 0 {
		return nil, fmt.Errorf("narration duration %s is not positive", n.Duration)
	}
	if len(s.Segments) == 0 {
		return nil, errors.New("script has no segments")
	}
	if len(n.SegmentEnds) != len(s.Segments) {
		return nil, fmt.Errorf("narration has %d segment ends for a script of %d segments; is it this script's narration?",
			len(n.SegmentEnds), len(s.Segments))
	}
	cues := append([]vividly.Cue(nil), n.Cues...)
	sort.SliceStable(cues, func(i, j int) bool { return cues[i].Start < cues[j].Start })

	var shots []shot
	segStart := time.Duration(0)
	c := 0
	for i := range s.Segments {
		segEnd := min(n.SegmentEnds[i], n.Duration)
		if i == len(s.Segments)-1 {
			segEnd = n.Duration // the last slide stays to the very end
		}
		if segEnd <= segStart {
			continue // a segment with no time of its own is never seen
		}
		first := len(shots)
		for ; c < len(cues) && cues[c].Start < segEnd; c++ {
			start := max(cues[c].Start, segStart)
			if len(shots) == first {
				start = segStart // the first caption appears with its slide
			}
			if len(shots) > first {
				shots[len(shots)-1].end = start
			}
			shots = append(shots, shot{seg: i, caption: cues[c].Text, start: start, end: segEnd})
		}
		if len(shots) == first {
			shots = append(shots, shot{seg: i, start: segStart, end: segEnd})
		}
		segStart = segEnd
	}
	// Drop shots that ended up empty, e.g. two cues starting together.
	out := shots[:0]
	for _, sh := range shots {
		if sh.end > sh.start {
			out = append(out, sh)
		}
	}
	return out, nil
}
