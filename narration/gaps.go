package narration

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
	"github.com/vividly-edu/vividly/internal/memo"
	"golang.org/x/sync/errgroup"
)

// A GapSpeaker can also say many sentences in one utterance with a pause of
// exact digital silence between them. Assemble then speaks a narration in a
// few calls instead of one per sentence, for speakers whose every call has a
// fixed cost (espeak-ng starts a process and loads its voice each time), and
// cuts the utterance back into sentences at those pauses, so every caption is
// still timed from its own sentence's samples.
//
// The cut is checked: it must give exactly one piece per sentence. When it
// does not (a sentence with a long silence of its own, or one with nothing to
// say), the sentences of that utterance are spoken one by one with Speak.
type GapSpeaker interface {
	Speaker
	// SpeakWithGaps returns one RIFF/WAVE file saying sentences in order,
	// with at least gap of zero samples between each two and no silence that
	// long anywhere else. Errors should not carry the text.
	SpeakWithGaps(ctx context.Context, sentences []string, gap time.Duration) ([]byte, error)
}

// SentenceGap is the pause a GapSpeaker is asked to put between sentences.
// A silence is taken for that pause from minGap on: well above the longest
// pause a synthesizer makes within or after a sentence (espeak-ng's, at its
// default rate, is under half a second), and below the gap itself, which a
// synthesizer may lengthen but does not shorten.
// A silence longer than maxGap may hide a sentence with nothing to say
// between two gaps, so it fails the cut: the synthesizer's own pause after a
// sentence (under 0.9 s even at espeak-ng's slowest rate) and a gap stay
// below it, two gaps do not.
const (
	SentenceGap = 1500 * time.Millisecond
	minGap      = 1200 * time.Millisecond
	maxGap      = 2*SentenceGap - 300*time.Millisecond
)

// errGaps says an utterance did not cut into one piece per sentence.
var errGaps = errors.New("the pauses do not separate the sentences")

// splitAtGaps cuts a GapSpeaker's utterance of n sentences at its silences of
// minGap or longer that have sound on both sides, and returns each piece as a
// WAV file of its own, in the utterance's format. Only 16-bit PCM is cut:
// other formats return errGaps, as do a silence longer than maxGap between
// sounds and a cut into other than n pieces.
func splitAtGaps(wav []byte, n int) ([][]byte, error) {
	f, pcm, cut, err := cutAtGaps(wav, n)
	if err != nil {
		return nil, err
	}
	pieces := make([][]byte, len(cut))
	for i, c := range cut {
		pieces[i] = encodeWAV(f, pcm[c[0]*int(f.BlockAlign):c[1]*int(f.BlockAlign)])
	}
	return pieces, nil
}

// cutAtGaps is splitAtGaps's cut: the utterance's format and samples, and
// each sentence's piece as a range of frames. A piece keeps the margins of
// silence trimSilence would keep of the sentence said alone, so its cue is
// timed the same; the pieces of sentences next to each other are separated
// by the rest of the pause between them.
func cutAtGaps(wav []byte, n int) (wavFormat, []byte, [][2]int, error) {
	f, pcm, err := parseWAV(wav)
	if err != nil {
		return f, nil, nil, err
	}
	if f.Tag != 1 || f.BitsPerSample != 16 {
		return f, nil, nil, fmt.Errorf("%w: %s", errGaps, f)
	}
	frame := int(f.BlockAlign)
	long, tooLong := int(f.framesIn(minGap)), int(f.framesIn(maxGap))
	lead, tail := int(f.framesIn(leadMargin)), int(f.framesIn(tailMargin))
	frames := len(pcm) / frame
	var cut [][2]int
	piece := func(from, to int) { cut = append(cut, [2]int{max(0, from-lead), min(frames, to+tail)}) }
	// The silences before the first sound and after the last separate
	// nothing.
	runs := silences(pcm, frame, long)
	start, end := 0, frames
	if len(runs) > 0 && runs[0][0] == 0 {
		start, runs = runs[0][1], runs[1:]
	}
	if len(runs) > 0 && runs[len(runs)-1][1] == frames {
		end, runs = runs[len(runs)-1][0], runs[:len(runs)-1]
	}
	for _, r := range runs {
		if r[1]-r[0] > tooLong {
			return f, nil, nil, fmt.Errorf("%w: a silence of %s", errGaps, f.duration(int64(r[1]-r[0])))
		}
		piece(start, r[0])
		start = r[1]
	}
	if start < end {
		piece(start, end)
	}
	if len(cut) != n {
		return f, nil, nil, fmt.Errorf("%w: %d pieces for %d sentences", errGaps, len(cut), n)
	}
	return f, pcm, cut, nil
}

// encodeWAV makes a whole WAV file of pcm in format f.
func encodeWAV(f wavFormat, pcm []byte) []byte {
	fmtSize := len(f.raw) + len(f.raw)%2
	b := wavHeader(f, uint32(4+8+fmtSize+8+len(pcm)+len(pcm)%2), uint32(len(pcm)))
	b = append(b, pcm...)
	if len(pcm)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// group is the sentences of one segment still to be said, and the files
// their audio goes to; spoken[i] is set once sentence i is saved, and stays
// false for a sentence with nothing to say.
type group struct {
	// from names the group's first sentence in errors, never its text.
	from        string
	texts, outs []string
	spoken      []bool
	// entry is where the segment's utterance is kept (kept.Claim), and
	// owner is set when this narration is to say it and keep it there.
	entry   *memo.Entry
	kept    *memo.Memo
	owner   bool
	settled bool
}

// settle records the group's utterance, or why it could not be made, in
// its entry, once, if this narration is the one to say it.
func (gr *group) settle(wav []byte, err error) {
	if gr.owner && !gr.settled {
		gr.settled = true
		gr.kept.Settle(gr.entry, wav, err)
	}
}

// speakGroups says the sentences of groups, one group a segment.
//
// With a memo (kept), each segment is one utterance of its own, kept for the
// lessons that share it: its sound then depends on that segment alone, so a
// segment two lessons share is said alike in both, to the sample, whichever
// says it (the oldest lesson's narration never waits for another's: it says
// the segment itself), and a renderer can reuse its encoding. A segment in
// kept, or being said by another narration, is taken from there.
//
// Without one, nothing is shared, and every segment is said in one
// SpeakWithGaps call: a synthesizer's start-up (espeak-ng loads its voice
// and dictionaries each time) is paid once a lesson, not once a segment. A
// sentence said so may sound a little different than said in its segment
// alone (espeak-ng carries some of its state from one sentence to the
// next); the timeline is cut from the samples all the same.
//
// If an utterance does not cut into one piece per sentence, each segment,
// then each sentence, is said alone. Jobs run on g.
func speakGroups(ctx context.Context, g *errgroup.Group, sp GapSpeaker, groups []*group, kept *memo.Memo) {
	mayWait := !child.First(ctx)
	var own, waits []*group
	for _, gr := range groups {
		gr.spoken = make([]bool, len(gr.texts))
		if len(gr.texts) == 1 || kept == nil {
			own = append(own, gr) // a lone sentence is not worth keeping
			continue
		}
		gr.kept = kept
		gr.entry, gr.owner = kept.Claim(segmentKey(sp.Key(), gr.texts), mayWait)
		if gr.owner {
			own = append(own, gr)
		} else {
			waits = append(waits, gr)
		}
	}
	if kept != nil {
		for _, gr := range own {
			g.Go(func() error {
				if err := speakGroup(ctx, sp, gr); err != nil {
					gr.settle(nil, err) // whoever waits says it
					return fmt.Errorf("%s: %w", gr.from, err)
				}
				return nil
			})
		}
	} else if len(own) > 0 {
		g.Go(func() error {
			err := speakTogether(ctx, sp, own)
			if err != nil {
				for _, gr := range own {
					gr.settle(nil, err) // whoever waits says it
				}
				return fmt.Errorf("%s: %w", own[0].from, err)
			}
			return nil
		})
	}
	for _, gr := range waits {
		g.Go(func() error {
			select {
			case <-gr.entry.Done():
			case <-ctx.Done():
				return ctx.Err()
			}
			wav, err := gr.entry.Value()
			if err != nil {
				// Its speaker failed: say it here, for this lesson alone.
				gr.owner = false
				err = speakGroup(ctx, sp, gr)
			} else {
				err = saveGroup(ctx, sp, gr, wav)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", gr.from, err)
			}
			return nil
		})
	}
}

// speakTogether says the groups' sentences in one utterance and saves each
// sentence. When the utterance does not cut into one piece per sentence,
// each group is said on its own.
func speakTogether(ctx context.Context, sp GapSpeaker, groups []*group) error {
	var texts []string
	for _, gr := range groups {
		texts = append(texts, gr.texts...)
	}
	if len(groups) == 1 {
		return speakGroup(ctx, sp, groups[0])
	}
	wav, err := sp.SpeakWithGaps(ctx, texts, SentenceGap)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	f, pcm, cut, err := cutAtGaps(wav, len(texts))
	if err != nil {
		for _, gr := range groups {
			if err := speakGroup(ctx, sp, gr); err != nil {
				return err
			}
		}
		return nil
	}
	frame := int(f.BlockAlign)
	for _, gr := range groups {
		mine := cut[:len(gr.texts)]
		cut = cut[len(gr.texts):]
		for i, c := range mine {
			if err := writeFileAtomically(gr.outs[i], encodeWAV(f, pcm[c[0]*frame:c[1]*frame])); err != nil {
				return err
			}
			gr.spoken[i] = true
		}
	}
	return nil
}

// speakGroup says one group: its sentences in one SpeakWithGaps call,
// settling its entry with the utterance, or a lone sentence with Speak.
func speakGroup(ctx context.Context, sp GapSpeaker, gr *group) error {
	if len(gr.texts) == 1 {
		spoken, err := speakTo(ctx, sp, gr.texts[0], gr.outs[0])
		gr.spoken[0] = spoken
		return err
	}
	wav, err := sp.SpeakWithGaps(ctx, gr.texts, SentenceGap)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	gr.settle(wav, nil)
	return saveGroup(ctx, sp, gr, wav)
}

// saveGroup cuts a group's utterance into its sentences and saves them; if
// the utterance does not cut into one piece per sentence, it says them one
// by one instead.
func saveGroup(ctx context.Context, sp GapSpeaker, gr *group, wav []byte) error {
	if pieces, err := splitAtGaps(wav, len(gr.texts)); err == nil {
		for i, p := range pieces {
			if err := writeFileAtomically(gr.outs[i], p); err != nil {
				return err
			}
			gr.spoken[i] = true
		}
		return nil
	}
	for i, text := range gr.texts {
		spoken, err := speakTo(ctx, sp, text, gr.outs[i])
		if err != nil {
			return fmt.Errorf("sentence %d of %d spoken together: %w", i+1, len(gr.texts), err)
		}
		gr.spoken[i] = spoken
	}
	return nil
}

// segmentKey names a segment's utterance in a memo: the speaker (its key
// says everything that changes its sound), the pause asked for between
// sentences, and the sentences.
func segmentKey(speakerKey string, texts []string) memo.Key {
	h := sha256.New()
	fmt.Fprintf(h, "segment v1\x00%d\x00%s\x00%d\x00%d", len(speakerKey), speakerKey, SentenceGap, len(texts))
	for _, t := range texts {
		fmt.Fprintf(h, "\x00%d\x00%s", len(t), t)
	}
	var k memo.Key
	h.Sum(k[:0])
	return k
}
