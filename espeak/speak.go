package espeak

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// speak runs espeak-ng once, writing text as a WAV file to out. The text goes
// on stdin, never on the command line, so text starting with "-" cannot be
// mistaken for an option. Options: -b 1 says the input is UTF-8 whatever the
// locale; no -m, so "<" in the text is read out, not parsed as SSML.
func (n *Narrator) speak(ctx context.Context, text, out string) error {
	cmd := exec.CommandContext(ctx, n.cfg.Binary,
		"-v", n.cfg.Voice, "-s", strconv.Itoa(n.cfg.WordsPerMinute), "-b", "1", "-w", out, "--stdin")
	cmd.Stdin = strings.NewReader(text + "\n")
	stderr := &tailBuffer{max: 1024}
	cmd.Stderr = stderr
	// If the process is killed but something still holds its pipes, do not
	// wait for them forever.
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s: %w", n.cfg.Binary, ctx.Err())
		}
		return fmt.Errorf("%s -v %s: %w; stderr: %q", n.cfg.Binary, n.cfg.Voice, err, stderr.String())
	}
	// espeak-ng writes no file at all when there was nothing to say; that is an
	// empty utterance, not a failure.
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		return errNoAudio
	}
	return nil
}

// errNoAudio marks a sentence espeak-ng had nothing to say for.
var errNoAudio = errors.New("espeak-ng produced no audio")

// tailBuffer keeps the last max bytes written to it: enough of a tool's stderr
// to explain a failure without holding an unbounded log in memory.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.max; over > 0 {
		t.b = append(t.b[:0], t.b[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.b))
}
