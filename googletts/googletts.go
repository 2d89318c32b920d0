// Package googletts narrates lesson scripts with Google Cloud Text-to-Speech.
//
// It asks the service for one sentence at a time (LINEAR16, one request each,
// so no request comes near the API's 5,000-byte limit); package narration does
// the rest, as for the espeak narrator: the sentences are joined in order into
// dir/narration.wav with fixed pauses between sentences and segments, and
// every caption's timing, every segment end and the duration come exactly
// from sample counts.
//
// Requests run a few at a time. Transient failures (UNAVAILABLE,
// RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ...) are retried a bounded number of
// times within Narrate and then returned as ordinary, retryable errors; answers
// that retrying cannot change (INVALID_ARGUMENT, PERMISSION_DENIED, NOT_FOUND,
// UNAUTHENTICATED, ...) are returned marked vividly.Permanent. Errors never
// carry the script's text.
//
// Sentences already synthesized are kept in a hidden folder in dir until the
// narration is complete, so a retried Narrate pays only for what is missing,
// and a finished narration is recorded in dir/narration.json so a retry after
// it costs nothing.
//
// On a real project: enable the Cloud Text-to-Speech API
// (texttospeech.googleapis.com) in the project the credentials bill to, and
// provide Application Default Credentials (a service account attached to the
// runtime, GOOGLE_APPLICATION_CREDENTIALS, or for user credentials
// `gcloud auth application-default login` with a quota project). For a local
// fake, see faketts and EmulatorOptions.
package googletts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	texttospeech "cloud.google.com/go/texttospeech/apiv1"
	"github.com/googleapis/gax-go/v2"
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/narration"
)

// MaxRequestBytes is the most text Cloud Text-to-Speech takes in one request.
const MaxRequestBytes = 5000

// A sentence is at most narration.MaxSentenceRunes runes of at most 4 bytes
// each; this fails to compile if that could ever exceed the request limit.
const _ = uint(MaxRequestBytes - 4*narration.MaxSentenceRunes)

// Defaults for Config's zero fields.
const (
	// DefaultVoice is the voice of vividly.DefaultVoiceTier (VoiceFor).
	DefaultVoice           = "en-US-Wavenet-F"
	DefaultSampleRateHertz = 24000
	DefaultConcurrency     = 4
	DefaultMaxAttempts     = 3
	DefaultRequestTimeout  = 30 * time.Second
	DefaultRetryBackoff    = 500 * time.Millisecond
)

// Config chooses the voice and how Narrate talks to the service. Zero fields
// take defaults.
type Config struct {
	// Voice is a Cloud Text-to-Speech voice name. Default DefaultVoice.
	Voice string
	// LanguageCode is the voice's BCP-47 language. Default: taken from the
	// voice name ("en-US-Neural2-F" → "en-US").
	LanguageCode string
	// SpeakingRate is 0.25–4.0, 1 being the voice's normal pace. Zero means 1.
	SpeakingRate float64
	// SampleRateHertz of the narration. Default 24000. Every request asks for
	// it, so all sentences join without resampling.
	SampleRateHertz int32

	// Concurrency is how many requests run at once. Default 4.
	Concurrency int
	// MaxAttempts is how often one request is tried when the service answers
	// with a transient error, before Narrate gives up with a retryable error.
	// Default 3; 1 means no retries within Narrate.
	MaxAttempts int
	// RequestTimeout bounds one request. Default 30 s.
	RequestTimeout time.Duration
	// RetryBackoff is the wait before the first retry of a request; it
	// doubles for each further one, with jitter. Default 500 ms.
	RetryBackoff time.Duration

	// ClientOptions configure the Text-to-Speech client. Without any, it uses
	// the production endpoint and Application Default Credentials. Tests and
	// local fakes pass option.WithGRPCConn, or EmulatorOptions(addr).
	ClientOptions []option.ClientOption
}

// Narrator speaks scripts with Cloud Text-to-Speech. It implements
// vividly.Narrator and is safe for concurrent use (of different directories).
type Narrator struct {
	cfg    Config
	client *texttospeech.Client
}

var _ vividly.Narrator = (*Narrator)(nil)

// EmulatorOptions are the client options for a Text-to-Speech server at addr
// that speaks plain-text gRPC and wants no credentials, such as faketts.
func EmulatorOptions(addr string) []option.ClientOption {
	return []option.ClientOption{
		option.WithEndpoint(addr),
		option.WithoutAuthentication(),
		option.WithGRPCDialOption(grpc.WithTransportCredentials(insecure.NewCredentials())),
	}
}

// New checks cfg and connects a Text-to-Speech client. When no credentials can
// be found it returns an error that says how to provide them. The connection
// is not tried until the first request.
func New(ctx context.Context, cfg Config) (*Narrator, error) {
	if cfg.Voice == "" {
		cfg.Voice = DefaultVoice
	}
	if cfg.LanguageCode == "" {
		cfg.LanguageCode = languageOf(cfg.Voice)
		if cfg.LanguageCode == "" {
			return nil, fmt.Errorf("googletts: cannot tell the language of voice %q; set the language code", cfg.Voice)
		}
	}
	if cfg.SpeakingRate != 0 && (cfg.SpeakingRate < 0.25 || cfg.SpeakingRate > 4) {
		return nil, fmt.Errorf("googletts: speaking rate %g is outside 0.25–4", cfg.SpeakingRate)
	}
	if cfg.SampleRateHertz == 0 {
		cfg.SampleRateHertz = DefaultSampleRateHertz
	}
	if cfg.SampleRateHertz < 8000 || cfg.SampleRateHertz > 48000 {
		return nil, fmt.Errorf("googletts: sample rate %d Hz is outside 8000–48000", cfg.SampleRateHertz)
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.RetryBackoff <= 0 {
		cfg.RetryBackoff = DefaultRetryBackoff
	}
	client, err := texttospeech.NewClient(ctx, cfg.ClientOptions...)
	if err != nil {
		if len(cfg.ClientOptions) == 0 {
			return nil, fmt.Errorf("googletts: no usable Google Cloud credentials for Text-to-Speech "+
				"(set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, run "+
				"`gcloud auth application-default login`, or run on Google Cloud with a service account): %w", err)
		}
		return nil, fmt.Errorf("googletts: create Text-to-Speech client: %w", err)
	}
	// Narrate retries by itself, a bounded number of times; the client's own
	// policy would retry UNAVAILABLE for up to five minutes, as long as the
	// whole narration stage may take.
	client.CallOptions.SynthesizeSpeech = []gax.CallOption{}
	return &Narrator{cfg: cfg, client: client}, nil
}

// Close releases the client's connection.
func (n *Narrator) Close() error { return n.client.Close() }

// Voice returns the voice name the narrator speaks with.
func (n *Narrator) Voice() string { return n.cfg.Voice }

// voiceFamilies are the names voices of each priced tier carry
// ("en-US-Wavenet-F" is a WaveNet voice).
var voiceFamilies = map[vividly.VoiceTier]string{
	vividly.VoiceTierStandard: "Standard",
	vividly.VoiceTierWaveNet:  "Wavenet",
	vividly.VoiceTierNeural2:  "Neural2",
}

// VoiceFor is the voice lessons are narrated with on tier t: the same US
// English speaker in each family, so changing the tier changes the price and
// the quality, not who speaks. "" for a tier not priced here.
func VoiceFor(t vividly.VoiceTier) string {
	f, ok := voiceFamilies[t]
	if !ok {
		return ""
	}
	return "en-US-" + f + "-F"
}

// TierOf is the priced tier of a voice name, from its family part; false for a
// family not priced here (Studio, Chirp, Polyglot, ...).
func TierOf(voice string) (vividly.VoiceTier, bool) {
	parts := strings.SplitN(voice, "-", 4)
	if len(parts) < 4 {
		return "", false
	}
	for t, f := range voiceFamilies {
		if strings.EqualFold(parts[2], f) {
			return t, true
		}
	}
	return "", false
}

// languageOf takes "en-US" out of "en-US-Neural2-F"; "" if the name has no
// language part.
func languageOf(voice string) string {
	parts := strings.SplitN(voice, "-", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return ""
	}
	return parts[0] + "-" + parts[1]
}

// Narrate speaks the narration of every segment of s into dir/narration.wav
// and returns its timing: one cue per sentence and the end of every segment
// (see narration.Assemble). If dir already holds the narration of the same
// script with the same voice and settings (recorded in narration.json), it is
// returned without calling the service.
//
// Usage.TTSCharacters is the number of characters of text sent to the service
// for this narration, each sentence counted once even when a retry reused the
// audio an earlier attempt had paid for.
func (n *Narrator) Narrate(ctx context.Context, s vividly.Script, dir string) (vividly.Narration, error) {
	nar, err := narration.Assemble(ctx, s, dir, (*speaker)(n), narration.Options{
		Voice:           n.cfg.Voice,
		Concurrency:     n.cfg.Concurrency,
		Resume:          true,
		CountCharacters: true,
	})
	if errors.Is(err, narration.ErrNothingToNarrate) {
		err = vividly.Permanent(err)
	}
	if err != nil {
		// nar.Usage counts the sentences spoken before the failure: billed.
		return vividly.Narration{Usage: nar.Usage}, fmt.Errorf("googletts: %w", err)
	}
	return nar, nil
}
