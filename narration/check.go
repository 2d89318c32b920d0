package narration

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// Check reports how nar fails to be a consistent narration of s, or nil: its
// audio file must be a WAV file lasting exactly Duration, SegmentEnds must
// have one increasing entry per segment with the last at Duration, and the
// cues must have text, be in order, not overlap and lie within the audio.
// Narrators' tests use it; so may a stage that takes a narration on trust.
func Check(s vividly.Script, nar vividly.Narration) error {
	if nar.Duration <= 0 {
		return fmt.Errorf("duration %s", nar.Duration)
	}
	b, err := os.ReadFile(nar.AudioPath)
	if err != nil {
		return fmt.Errorf("audio: %w", err)
	}
	format, pcm, err := parseWAV(b)
	if err != nil {
		return fmt.Errorf("audio is not a valid WAV file: %w", err)
	}
	if got := format.duration(format.frames(len(pcm))); got != nar.Duration {
		return fmt.Errorf("the audio lasts %s, the narration says %s", got, nar.Duration)
	}
	if len(nar.SegmentEnds) != len(s.Segments) {
		return fmt.Errorf("%d segment ends for %d segments", len(nar.SegmentEnds), len(s.Segments))
	}
	var prevEnd time.Duration
	for _, end := range nar.SegmentEnds {
		if end <= prevEnd {
			return fmt.Errorf("segment ends not increasing: %v", nar.SegmentEnds)
		}
		prevEnd = end
	}
	if last := nar.SegmentEnds[len(nar.SegmentEnds)-1]; last != nar.Duration {
		return fmt.Errorf("the last segment ends at %s, the narration lasts %s", last, nar.Duration)
	}
	if len(nar.Cues) == 0 {
		return errors.New("no cues")
	}
	var prev vividly.Cue
	for i, c := range nar.Cues {
		if c.Start < prev.End || c.End <= c.Start || c.End > nar.Duration {
			return fmt.Errorf("cue %d [%s, %s] out of order or outside [0, %s] (previous ends at %s)", i, c.Start, c.End, nar.Duration, prev.End)
		}
		if strings.TrimSpace(c.Text) == "" {
			return fmt.Errorf("cue %d has no text", i)
		}
		prev = c
	}
	return nil
}
