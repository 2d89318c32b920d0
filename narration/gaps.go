package narration

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
	"github.com/vividly-edu/vividly/internal/memo"
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
	f, pcm, err := parseWAV(wav)
	if err != nil {
		return nil, err
	}
	if f.Tag != 1 || f.BitsPerSample != 16 {
		return nil, fmt.Errorf("%w: %s", errGaps, f)
	}
	frame := int(f.BlockAlign)
	long, tooLong := int(f.framesIn(minGap)), int(f.framesIn(maxGap))
	lead, tail := int(f.framesIn(leadMargin)), int(f.framesIn(tailMargin))
	frames := len(pcm) / frame
	var pieces [][]byte
	// A piece keeps the margins of silence trimSilence would keep of the
	// sentence said alone, so its cue is timed the same.
	cut := func(from, to int) {
		pieces = append(pieces, encodeWAV(f, pcm[max(0, from-lead)*frame:min(frames, to+tail)*frame]))
	}
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
			return nil, fmt.Errorf("%w: a silence of %s", errGaps, f.duration(int64(r[1]-r[0])))
		}
		cut(start, r[0])
		start = r[1]
	}
	if start < end {
		cut(start, end)
	}
	if len(pieces) != n {
		return nil, fmt.Errorf("%w: %d pieces for %d sentences", errGaps, len(pieces), n)
	}
	return pieces, nil
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

// speakGrouped says texts with one SpeakWithGaps call, or finds that
// utterance in kept (nil keeps none), and saves each sentence's audio to its
// file in outs. If the utterance does not cut into one piece per sentence, it
// says them one by one instead. spoken[i] is false for a sentence with
// nothing to say.
func speakGrouped(ctx context.Context, sp GapSpeaker, texts, outs []string, kept *memo.Memo) (spoken []bool, err error) {
	spoken = make([]bool, len(texts))
	if len(texts) > 1 {
		wav, err := recall(ctx, kept, segmentKey(sp.Key(), texts), func() ([]byte, error) {
			return sp.SpeakWithGaps(ctx, texts, SentenceGap)
		})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, err
		}
		if pieces, err := splitAtGaps(wav, len(texts)); err == nil {
			for i, p := range pieces {
				if err := writeFileAtomically(outs[i], p); err != nil {
					return nil, err
				}
				spoken[i] = true
			}
			return spoken, nil
		}
	}
	for i, text := range texts {
		if spoken[i], err = speakTo(ctx, sp, text, outs[i]); err != nil {
			return nil, fmt.Errorf("sentence %d of %d spoken together: %w", i+1, len(texts), err)
		}
	}
	return spoken, nil
}

// recall returns the value under key in kept, waiting for it if another
// caller is making it, or makes it (and keeps it) if kept has none. If the
// other caller failed, it makes the value itself.
func recall(ctx context.Context, kept *memo.Memo, key memo.Key, say func() ([]byte, error)) ([]byte, error) {
	e, owner := kept.Claim(key, !child.First(ctx))
	if owner {
		b, err := say()
		kept.Settle(e, b, err)
		return b, err
	}
	select {
	case <-e.Done():
		if b, err := e.Value(); err == nil {
			return b, nil
		}
		return say()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
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
