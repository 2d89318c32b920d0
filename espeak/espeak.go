// Package espeak narrates lesson scripts with the espeak-ng speech synthesizer.
// It says sentences in one espeak-ng process a segment, with a long pause between
// each two; package narration does the rest (splitting, cutting the audio
// back into sentences at those pauses, timing every caption exactly from
// sample counts, joining the sentences into one WAV file with short pauses
// between them, caching the result).
package espeak

import (
	"context"
	"fmt"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/internal/memo"
	"github.com/vividly-edu/vividly/narration"
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
	// Memo is how many bytes of spoken segments the narrator keeps, for at
	// most an hour unused, to reuse in lessons that share a segment
	// (narration.Options.Memo). Zero keeps none.
	Memo int64
}

// Narrator speaks scripts with espeak-ng. It implements vividly.Narrator and is
// safe for concurrent use.
type Narrator struct {
	cfg  Config
	memo *memo.Memo
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
	return &Narrator{cfg: cfg, memo: memo.New(cfg.Memo)}
}

// Narrate speaks the narration of every segment of s into dir/narration.wav
// and returns its timing: one cue per sentence and the end of every segment
// (see narration.Assemble). If dir already holds the narration of the same
// script with the same voice, binary and rate (recorded in narration.json), it
// is returned without speaking again, which makes retries cheap.
func (n *Narrator) Narrate(ctx context.Context, s vividly.Script, dir string) (vividly.Narration, error) {
	nar, err := narration.Assemble(ctx, s, dir, speaker(n.cfg), narration.Options{Voice: n.cfg.Voice, Memo: n.memo})
	if err != nil {
		return vividly.Narration{}, fmt.Errorf("espeak: %w", err)
	}
	return nar, nil
}

// MemoStats counts the segments found in the memo and those spoken since
// the narrator was made (zero without a memo).
func (n *Narrator) MemoStats() memo.Stats { return n.memo.Stats() }

// RunsLocally reports that narrating takes this machine's CPU, so a worker
// bounds it with its renders.
func (n *Narrator) RunsLocally() bool { return true }
