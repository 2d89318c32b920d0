// Package espeak narrates lesson scripts with the espeak-ng speech synthesizer.
// Each sentence is spoken separately so that every caption's timing comes
// exactly from sample counts, and the sentences are joined into one WAV file
// with short pauses between them.
package espeak

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// Pauses inserted between utterances. They are part of the timeline the
// captions and slides follow, so they are fixed here rather than left to
// espeak-ng, whose own padding is trimmed off.
const (
	sentencePause = 250 * time.Millisecond
	segmentPause  = 600 * time.Millisecond
	// emptySegment is how long a segment with nothing to say lasts, so its
	// slide is still seen briefly instead of vanishing.
	emptySegment = time.Second
)

// Names of the files Narrate leaves in its directory.
const (
	audioName   = "narration.wav"
	sidecarName = "narration.json"
)

// Config chooses the synthesizer and how it speaks. Zero fields take defaults.
type Config struct {
	// Binary is the espeak-ng executable, looked up in PATH if it has no
	// slash. Default "espeak-ng".
	Binary string
	// Voice is an espeak-ng voice name. Default "en-us".
	Voice string
	// WordsPerMinute is the speaking rate. Default 160, a comfortable pace
	// for students.
	WordsPerMinute int
}

// Narrator speaks scripts with espeak-ng. It implements vividly.Narrator and is
// safe for concurrent use.
type Narrator struct {
	cfg Config
}

var _ vividly.Narrator = (*Narrator)(nil)

// New returns a Narrator with cfg's zero fields set to their defaults.
func New(cfg Config) *Narrator {
	if cfg.Binary == "" {
		cfg.Binary = "espeak-ng"
	}
	if cfg.Voice == "" {
		cfg.Voice = "en-us"
	}
	if cfg.WordsPerMinute <= 0 {
		cfg.WordsPerMinute = 160
	}
	return &Narrator{cfg: cfg}
}

// Narrate speaks the narration of every segment of s into dir/narration.wav
// and returns its timing: one cue per sentence and the end of every segment.
// The audio is written under a temporary name and renamed, so narration.wav is
// never half written. If dir already holds the narration of the same script
// with the same voice (recorded in narration.json), it is returned without
// speaking again, which makes retries cheap.
//
// Only the segments are spoken, as Script.Words counts them: SegmentEnds has
// one entry per segment, so a script's Recap and CheckQuestion are heard only
// if its writer also put them in a segment.
func (n *Narrator) Narrate(ctx context.Context, s vividly.Script, dir string) (vividly.Narration, error) {
	segs := make([][]string, len(s.Segments))
	count := 0
	for i, seg := range s.Segments {
		segs[i] = splitSentences(seg.Narration)
		count += len(segs[i])
	}
	if count == 0 {
		return vividly.Narration{}, errors.New("espeak: the script has nothing to narrate")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return vividly.Narration{}, fmt.Errorf("espeak: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return vividly.Narration{}, fmt.Errorf("espeak: %w", err)
	}
	key := n.cacheKey(segs)
	if nar, ok := loadCached(dir, key); ok {
		return nar, nil
	}
	removeStale(dir)
	// The old record must go before the audio it describes is replaced, or a
	// crash in between would pair it with the wrong audio.
	if err := os.Remove(filepath.Join(dir, sidecarName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return vividly.Narration{}, fmt.Errorf("espeak: remove stale %s: %w", sidecarName, err)
	}

	work, err := os.MkdirTemp(dir, workPrefix)
	if err != nil {
		return vividly.Narration{}, fmt.Errorf("espeak: %w", err)
	}
	defer os.RemoveAll(work)

	files, err := n.speakAll(ctx, segs, work)
	if err != nil {
		return vividly.Narration{}, fmt.Errorf("espeak: %w", err)
	}
	nar, size, err := join(ctx, segs, files, dir)
	if err != nil {
		return vividly.Narration{}, fmt.Errorf("espeak: %w", err)
	}
	nar.Voice = n.cfg.Voice
	if err := storeCached(dir, key, size, nar); err != nil {
		return vividly.Narration{}, fmt.Errorf("espeak: %w", err)
	}
	return nar, nil
}
