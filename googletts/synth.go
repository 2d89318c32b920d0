package googletts

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"cloud.google.com/go/texttospeech/apiv1/texttospeechpb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vividly "github.com/vividly-edu/vividly"
)

// speaker is a Narrator seen as a narration.Speaker.
type speaker Narrator

// Key names everything that changes the audio.
func (n *speaker) Key() string {
	return fmt.Sprintf("googletts v1\x00%s\x00%s\x00%g\x00%d", n.cfg.LanguageCode, n.cfg.Voice,
		n.cfg.SpeakingRate, n.cfg.SampleRateHertz)
}

// Speak asks for one sentence, retrying transient failures a bounded number of
// times, and returns the WAV file the service answers LINEAR16 requests with.
func (n *speaker) Speak(ctx context.Context, text string) ([]byte, error) {
	req := n.request(text)
	wait := n.cfg.RetryBackoff
	for attempt := 1; ; attempt++ {
		callCtx, cancel := context.WithTimeout(ctx, n.cfg.RequestTimeout)
		resp, err := n.client.SynthesizeSpeech(callCtx, req)
		cancel()
		if err == nil {
			return resp.GetAudioContent(), nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		apiErr := newAPIError(err, text)
		if !transient(apiErr.code) {
			return nil, vividly.Permanent(apiErr)
		}
		if attempt >= n.cfg.MaxAttempts {
			apiErr.attempts = attempt
			return nil, apiErr
		}
		// Full jitter around the doubling wait, so concurrent requests that
		// failed together do not retry together.
		d := wait/2 + rand.N(wait/2+1)
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		wait = min(2*wait, 10*time.Second)
	}
}

// request builds the SynthesizeSpeech request for one sentence.
func (n *speaker) request(text string) *texttospeechpb.SynthesizeSpeechRequest {
	return &texttospeechpb.SynthesizeSpeechRequest{
		Input: &texttospeechpb.SynthesisInput{
			InputSource: &texttospeechpb.SynthesisInput_Text{Text: text},
		},
		Voice: &texttospeechpb.VoiceSelectionParams{
			LanguageCode: n.cfg.LanguageCode,
			Name:         n.cfg.Voice,
		},
		AudioConfig: &texttospeechpb.AudioConfig{
			AudioEncoding:   texttospeechpb.AudioEncoding_LINEAR16,
			SpeakingRate:    n.cfg.SpeakingRate,
			SampleRateHertz: n.cfg.SampleRateHertz,
		},
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
