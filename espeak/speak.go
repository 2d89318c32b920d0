package espeak

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
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
	cmd := exec.CommandContext(ctx, c.Binary,
		"-v", c.Voice, "-s", strconv.Itoa(c.WordsPerMinute), "-b", "1", "--stdout", "--stdin")
	cmd.Stdin = strings.NewReader(text + "\n")
	// If the process is killed but something still holds its pipes, do not
	// wait for them forever.
	cmd.WaitDelay = 2 * time.Second
	child.Bind(cmd)
	// With Stderr unset, Output keeps a bounded part of it in the ExitError.
	wav, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", c.Binary, ctx.Err())
		}
		var stderr string
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			stderr = strings.TrimSpace(string(ee.Stderr))
			stderr = stderr[max(0, len(stderr)-1024):]
		}
		return nil, fmt.Errorf("%s -v %s: %w; stderr: %q", c.Binary, c.Voice, err, stderr)
	}
	return wav, nil
}
