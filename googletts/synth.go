package googletts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vividly "github.com/vividly-edu/vividly"
)

// synthesizeAll makes sure every sentence's audio is in its own WAV file in
// work, asking the service for those not there yet, at most cfg.Concurrency
// at a time. files[i][j] is the audio of sentence j of segment i. chars is
// the number of characters the narration sends to the service. The first
// failure cancels the requests still running.
func (n *Narrator) synthesizeAll(ctx context.Context, segs [][]string, work string) (files [][]string, chars int64, err error) {
	type job struct{ seg, idx int }
	var jobs []job
	files = make([][]string, len(segs))
	for i, seg := range segs {
		files[i] = make([]string, len(seg))
		for j, text := range seg {
			files[i][j] = filepath.Join(work, n.sentenceKey(text)+".wav")
			chars += int64(utf8.RuneCountInString(text))
			if usable(files[i][j]) {
				continue // synthesized by an earlier attempt
			}
			jobs = append(jobs, job{i, j})
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan job)
	for range min(n.cfg.Concurrency, len(jobs)) {
		wg.Go(func() {
			for jb := range next {
				err := n.synthesizeTo(ctx, segs[jb.seg][jb.idx], files[jb.seg][jb.idx])
				if err == nil {
					continue
				}
				mu.Lock()
				if firstErr == nil {
					firstErr = fmt.Errorf("googletts: segment %d sentence %d: %w", jb.seg+1, jb.idx+1, err)
					cancel()
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, jb := range jobs {
		select {
		case next <- jb:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, 0, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("googletts: %w", err)
	}
	return files, chars, nil
}

// synthesizeTo asks for one sentence, retrying transient failures a bounded
// number of times, checks the answer is WAV audio and saves it to out.
func (n *Narrator) synthesizeTo(ctx context.Context, text, out string) error {
	req := n.request(text)
	wait := n.cfg.RetryBackoff
	for attempt := 1; ; attempt++ {
		callCtx, cancel := context.WithTimeout(ctx, n.cfg.RequestTimeout)
		resp, err := n.client.SynthesizeSpeech(callCtx, req)
		cancel()
		if err == nil {
			if _, _, err := parseWAV(resp.GetAudioContent()); err != nil {
				// LINEAR16 answers are whole WAV files; anything else is a
				// service fault that may not repeat.
				return fmt.Errorf("Text-to-Speech answered with unusable audio (%d bytes): %w", len(resp.GetAudioContent()), err)
			}
			return writeFileAtomically(out, resp.GetAudioContent())
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		apiErr := newAPIError(err, text)
		if !transient(apiErr.code) {
			return vividly.Permanent(apiErr)
		}
		if attempt >= n.cfg.MaxAttempts {
			apiErr.attempts = attempt
			return apiErr
		}
		// Full jitter around the doubling wait, so concurrent requests that
		// failed together do not retry together.
		d := wait/2 + rand.N(wait/2+1)
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return ctx.Err()
		}
		wait = min(2*wait, 10*time.Second)
	}
}

// transient reports whether a request that failed with code may succeed if
// sent again. Everything else (INVALID_ARGUMENT, PERMISSION_DENIED, NOT_FOUND,
// UNAUTHENTICATED, FAILED_PRECONDITION, UNIMPLEMENTED, OUT_OF_RANGE, ...) will
// fail the same way again.
func transient(code codes.Code) bool {
	switch code {
	case codes.Unavailable, codes.ResourceExhausted, codes.DeadlineExceeded,
		codes.Aborted, codes.Internal, codes.Unknown, codes.Canceled:
		return true
	}
	return false
}

// APIError is a failed Text-to-Speech request: its gRPC code and the service's
// message, with the request's text taken out. status.Code works on it.
type APIError struct {
	code     codes.Code
	msg      string
	attempts int
}

func newAPIError(err error, text string) *APIError {
	st, _ := status.FromError(err)
	msg := st.Message()
	if text != "" {
		msg = strings.ReplaceAll(msg, text, "[text]")
	}
	if len(msg) > 300 {
		msg = strings.ToValidUTF8(msg[:300], "") + "…"
	}
	return &APIError{code: status.Code(err), msg: msg}
}

func (e *APIError) Error() string {
	s := "Text-to-Speech answered " + e.code.String()
	if e.msg != "" {
		s += ": " + e.msg
	}
	if e.attempts > 1 {
		s += fmt.Sprintf(" (%d attempts)", e.attempts)
	}
	return s
}

// Code is the gRPC status code the service answered with.
func (e *APIError) Code() codes.Code { return e.code }

// GRPCStatus lets status.Code and status.FromError see the code.
func (e *APIError) GRPCStatus() *status.Status { return status.New(e.code, e.msg) }

// sentenceKey names a sentence's audio file after everything that decides it.
func (n *Narrator) sentenceKey(text string) string {
	h := sha256.New()
	fmt.Fprintf(h, "googletts-sentence v1\x00%s\x00%s\x00%g\x00%d\x00", n.cfg.LanguageCode, n.cfg.Voice,
		n.cfg.SpeakingRate, n.cfg.SampleRateHertz)
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// usable reports whether name holds a whole WAV file.
func usable(name string) bool {
	b, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	_, _, err = parseWAV(b)
	return err == nil
}

// writeFileAtomically writes b to name through a temporary file and a rename,
// so name is either absent or whole.
func writeFileAtomically(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), tempPrefix+"*.part")
	if err != nil {
		return err
	}
	// CreateTemp makes the file private; the narration is no secret from the
	// other stages, which may run as another user.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
