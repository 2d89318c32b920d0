package espeak

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
)

// speaker is a Config that says sentences: a narration.Speaker.
type speaker Config

// Key names everything that changes the audio.
func (c speaker) Key() string {
	return fmt.Sprintf("espeak-ng %q -v %q -s %d", c.Binary, c.Voice, c.WordsPerMinute)
}

// Speak runs espeak-ng once and returns the WAV file it writes to stdout. The
// text goes on stdin, never on the command line, so text starting with "-"
// cannot be mistaken for an option. Options: -b 1 says the input is UTF-8
// whatever the locale; no -m, so "<" in the text is read out, not parsed as
// SSML. When there is nothing to say espeak-ng may write nothing, which
// narration takes for an utterance without audio.
func (c speaker) Speak(ctx context.Context, text string) ([]byte, error) {
	return c.run(ctx, text+"\n")
}

// SpeakWithGaps says sentences with one espeak-ng process, which costs about
// what one sentence's start-up does (loading the voice and dictionaries)
// rather than one per sentence. The sentences go in as SSML (-m), each
// escaped as XML text, so "<" in a sentence is still read out, never parsed,
// with a break of gap between each two. Each sentence is said on one line.
func (c speaker) SpeakWithGaps(ctx context.Context, sentences []string, gap time.Duration) ([]byte, error) {
	var b strings.Builder
	b.WriteString("<speak>")
	brk := fmt.Sprintf(`<break time="%dms"/>`, gap.Milliseconds())
	for i, s := range sentences {
		if i > 0 {
			b.WriteString(brk)
		}
		// One line each: espeak-ng pauses at a blank line about as long
		// as the gap.
		if err := xml.EscapeText(&b, []byte(strings.Join(strings.Fields(s), " "))); err != nil {
			return nil, err
		}
	}
	b.WriteString("</speak>\n")
	return c.run(ctx, b.String(), "-m")
}

// run has espeak-ng say stdin, with extra options before the fixed ones.
func (c speaker) run(ctx context.Context, stdin string, extra ...string) ([]byte, error) {
	args := append(extra, "-v", c.Voice, "-s", strconv.Itoa(c.WordsPerMinute), "-b", "1", "--stdout", "--stdin")
	cmd := child.Command(ctx, c.Binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var wav bytes.Buffer
	stderr := &child.Tail{Max: 1024}
	cmd.Stdout, cmd.Stderr = &wav, stderr
	// If the process is killed but something still holds its pipes, do not
	// wait for them forever.
	cmd.WaitDelay = 2 * time.Second
	// In the narration's lane: an older lesson's work arriving meanwhile
	// sends it to the background (child.Lane).
	err := child.Start(ctx, cmd)
	if err == nil {
		err = cmd.Wait()
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", c.Binary, ctx.Err())
		}
		return nil, fmt.Errorf("%s -v %s: %w; stderr: %q", c.Binary, c.Voice, err, stderr.String())
	}
	return wav.Bytes(), nil
}
