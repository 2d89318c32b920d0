// Package narration is what the narrators share: it turns a lesson script into
// one narrated WAV file with exact caption timing, given a Speaker that can say
// one sentence.
//
// Assemble splits every segment into sentences, has the Speaker say each one
// on its own (a few at a time, order kept; a GapSpeaker says each segment in
// one utterance, cut back into sentences at the pauses it puts between them),
// trims the silence synthesizers pad utterances with, and joins them into
// dir/narration.wav with fixed pauses between sentences and segments (each
// segment starting on a frame boundary, SegmentAlign). Every cue, every segment end and the
// duration come from sample counts, so captions and slides follow the audio
// exactly. The audio is written under a temporary name and renamed, so
// narration.wav is never half written, and the result is recorded in
// dir/narration.json so narrating the same script with the same speaker again
// costs nothing.
package narration

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"
	"unicode/utf8"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/internal/memo"
)

// Pauses inserted between utterances. They are part of the timeline the
// captions and slides follow, so they are fixed here, the same for every
// narrator, rather than left to the synthesizer, whose own padding is trimmed
// off.
const (
	SentencePause = 250 * time.Millisecond
	SegmentPause  = 600 * time.Millisecond
	// EmptySegment is how long a segment with nothing to say lasts (before
	// its SegmentPause), so its slide is still seen briefly instead of
	// vanishing.
	EmptySegment = time.Second
)

// SegmentAlign is the frames (samples of every channel) a segment's start is
// a multiple of: its SegmentPause is lengthened to the next multiple, by at
// most 1023 frames (46 ms at 22,050 Hz). An AAC frame holds 1024 samples, so
// a renderer can encode each segment's audio on its own, and a segment two
// narrations share, said alike, encodes to the same bytes in both.
const SegmentAlign = 1024

// Names of the files Assemble leaves in its directory.
const (
	audioName   = "narration.wav"
	sidecarName = "narration.json"
)

// ErrNothingToNarrate is returned (wrapped) for a script whose segments hold
// no sentence with a word in it.
var ErrNothingToNarrate = errors.New("the script has nothing to narrate")

// Speaker says one sentence. It is what tells one narrator from another.
type Speaker interface {
	// Key identifies everything about the speaker that changes the audio:
	// engine, voice, rate, sample rate... Narrations and sentences are cached
	// under it, so two speakers that sound different must have different keys.
	Key() string
	// Speak returns the sentence as a whole RIFF/WAVE file, or no bytes if
	// there was nothing to say. Every sentence of a narration must come in the
	// same format. It is called concurrently. Its errors should not carry the
	// text, which may be logged.
	Speak(ctx context.Context, sentence string) ([]byte, error)
}

// Options tune Assemble. The zero value is ready to use.
type Options struct {
	// Voice is recorded in the Narration.
	Voice string
	// Concurrency is how many sentences are spoken at once. Default: one per
	// CPU.
	Concurrency int
	// Resume keeps the sentences already spoken in a hidden folder in dir
	// until the narration is complete, so that after a failure the next
	// Assemble speaks only what is missing. For speakers that cost money.
	Resume bool
	// CountCharacters sets Usage.TTSCharacters to the characters of text the
	// narration needs spoken, each sentence counted once even when a resumed
	// attempt reused audio an earlier one had paid for.
	CountCharacters bool
	// Memo, when set, keeps what a GapSpeaker said for a segment, for other
	// narrations with the same segment, said by a speaker with the same key
	// (see segmentKey): twelve lessons on one question share about half of
	// their narration. A segment another narration is saying is waited for.
	Memo *memo.Memo
}

// Assemble speaks the narration of every segment of s with sp into
// dir/narration.wav (making dir if need be) and returns its timing: one cue per
// sentence that has audio, and the end of every segment. If dir already holds
// the narration of the same sentences by a speaker with the same key, it is
// returned without speaking again.
//
// Only the segments are spoken, as Script.Words counts them: SegmentEnds has one
// entry per segment, so a script's Recap and CheckQuestion are heard only if its
// writer also put them in a segment.
//
// A failure of sp names the segment and sentence (counted from 1) and wraps
// sp's error. Narrations of one directory must not overlap.
func Assemble(ctx context.Context, s vividly.Script, dir string, sp Speaker, opt Options) (vividly.Narration, error) {
	segs := make([][]string, len(s.Segments))
	count := 0
	for i, seg := range s.Segments {
		segs[i] = splitSentences(seg.Narration)
		count += len(segs[i])
	}
	if count == 0 {
		return vividly.Narration{}, ErrNothingToNarrate
	}
	if opt.Concurrency <= 0 {
		opt.Concurrency = runtime.NumCPU()
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return vividly.Narration{}, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return vividly.Narration{}, err
	}
	key := cacheKey(sp.Key(), segs)
	if nar, ok := loadCached(dir, key); ok {
		return nar, nil
	}
	removeStale(dir)
	// The old record must go before the audio it describes is replaced, or a
	// crash in between would pair it with the wrong audio.
	if err := os.Remove(filepath.Join(dir, sidecarName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return vividly.Narration{}, fmt.Errorf("remove stale %s: %w", sidecarName, err)
	}

	var work string
	if opt.Resume {
		work = filepath.Join(dir, resumeDir)
		if err := os.MkdirAll(work, 0o750); err != nil {
			return vividly.Narration{}, err
		}
	} else {
		if work, err = os.MkdirTemp(dir, workPrefix); err != nil {
			return vividly.Narration{}, err
		}
		defer os.RemoveAll(work)
	}
	files, err := speakAll(ctx, sp, segs, work, opt.Concurrency, opt.Memo)
	if err != nil {
		// With Resume, the sentences already spoken stay for the next try.
		// They were billed all the same: the usage returned with the error
		// counts them, for a caller that gives up on this speaker.
		var nar vividly.Narration
		if opt.CountCharacters && opt.Resume {
			nar.Usage.TTSCharacters = spokenCharacters(sp.Key(), segs, work)
		}
		return nar, err
	}
	nar, size, err := join(ctx, segs, files, dir)
	if err != nil {
		return vividly.Narration{}, err
	}
	nar.Voice = opt.Voice
	if opt.CountCharacters {
		for _, seg := range segs {
			for _, text := range seg {
				nar.Usage.TTSCharacters += int64(utf8.RuneCountInString(text))
			}
		}
	}
	if err := storeCached(dir, key, size, nar); err != nil {
		return vividly.Narration{}, err
	}
	if opt.Resume {
		os.RemoveAll(work)
	}
	return nar, nil
}
