package main

import (
	"context"
	"fmt"
	"github.com/vividly-edu/vividly/googletts"
	"net/http"
	"os"

	"github.com/spf13/pflag"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/gemini"
)

// Provider choices per role: the embedded default, or Google's cloud.
const (
	providerOffline = "offline"
	providerGoogle  = "google"
	providerEspeak  = "espeak"
	providerLocal   = "local"
	providerGCS     = "gcs"
)

// googleConfig selects and configures the production providers.
type googleConfig struct {
	AI      string // understanding and scripts: offline | google
	TTS     string // narration: espeak | google
	Storage string // lesson files: local | gcs

	Project        string
	Location       string
	GeminiModel    string
	ThinkingBudget int
	GeminiEndpoint string // a base URL other than Vertex AI's, e.g. a test server
	TTSEndpoint    string // host:port of a Text-to-Speech server other than Google's, e.g. a test server
	TTSVoice       string // empty: the voice of TTSVoiceTier
	TTSVoiceTier   string
	Bucket         string
	PublicURLs     bool
}

func (g *googleConfig) bind(fs *pflag.FlagSet) {
	fs.StringVar(&g.AI, "ai", env("VIVIDLY_AI", providerOffline), "who understands questions and writes scripts: offline or google (Gemini on Vertex AI) [VIVIDLY_AI]")
	fs.StringVar(&g.TTS, "tts", env("VIVIDLY_TTS", providerEspeak), "who narrates: espeak or google (Cloud Text-to-Speech) [VIVIDLY_TTS]")
	fs.StringVar(&g.Storage, "storage", env("VIVIDLY_STORAGE", providerLocal), "where lessons are stored: local or gcs (Cloud Storage) [VIVIDLY_STORAGE]")
	fs.StringVar(&g.Project, "google-project", env("VIVIDLY_GOOGLE_PROJECT", os.Getenv("GOOGLE_CLOUD_PROJECT")), "Google Cloud project for Vertex AI [VIVIDLY_GOOGLE_PROJECT, GOOGLE_CLOUD_PROJECT]")
	fs.StringVar(&g.Location, "google-location", env("VIVIDLY_GOOGLE_LOCATION", "us-central1"), "Vertex AI location [VIVIDLY_GOOGLE_LOCATION]")
	fs.StringVar(&g.GeminiModel, "gemini-model", env("VIVIDLY_GEMINI_MODEL", "gemini-2.5-flash"), "Gemini model [VIVIDLY_GEMINI_MODEL]")
	fs.IntVar(&g.ThinkingBudget, "gemini-thinking-budget", envInt("VIVIDLY_GEMINI_THINKING_BUDGET", 0), "thinking tokens Gemini may spend per call, billed as output: 0 turns thinking off, -1 lets the model decide [VIVIDLY_GEMINI_THINKING_BUDGET]")
	fs.StringVar(&g.GeminiEndpoint, "gemini-endpoint", env("VIVIDLY_GEMINI_ENDPOINT", ""), "base URL of a generateContent server other than Vertex AI (tests, proxies); no credentials are used [VIVIDLY_GEMINI_ENDPOINT]")
	fs.StringVar(&g.TTSEndpoint, "tts-endpoint", env("VIVIDLY_TTS_ENDPOINT", ""), "host:port of a Text-to-Speech gRPC server other than Google's (tests); plaintext, no credentials [VIVIDLY_TTS_ENDPOINT]")
	fs.StringVar(&g.TTSVoiceTier, ttsVoiceTierFlag, env(ttsVoiceTierEnv, string(vividly.DefaultVoiceTier)), "Cloud Text-to-Speech voice tier: standard, wavenet or neural2; it picks the voice and the price per character [VIVIDLY_TTS_VOICE_TIER]")
	fs.StringVar(&g.TTSVoice, "tts-voice", env("VIVIDLY_TTS_VOICE", ""), "Cloud Text-to-Speech voice (default: the tier's, e.g. "+googletts.DefaultVoice+"); a named voice sets the tier [VIVIDLY_TTS_VOICE]")
	fs.StringVar(&g.Bucket, "gcs-bucket", env("VIVIDLY_GCS_BUCKET", ""), "Cloud Storage bucket for lessons (STORAGE_EMULATOR_HOST points it at a fake) [VIVIDLY_GCS_BUCKET]")
	fs.BoolVar(&g.PublicURLs, "gcs-public-urls", os.Getenv("VIVIDLY_GCS_PUBLIC_URLS") == "true", "give students public URLs instead of signed ones [VIVIDLY_GCS_PUBLIC_URLS]")
}

// Names of the settings resolveVoice must know were given.
const (
	ttsVoiceTierFlag = "tts-voice-tier"
	ttsVoiceTierEnv  = "VIVIDLY_TTS_VOICE_TIER"
	ttsPriceFlag     = "price-tts-characters"
	ttsPriceEnv      = "VIVIDLY_PRICE_TTS_CHARACTERS"
)

// resolveVoice settles the Cloud Text-to-Speech voice and what a character
// costs: the voice follows the tier unless one is named, a named voice sets
// the tier, and the price follows the tier unless it is set. A voice of a
// family with no list price here needs its price set.
func (c *config) resolveVoice(fs *pflag.FlagSet) error {
	g := &c.Google
	tier, err := vividly.ParseVoiceTier(g.TTSVoiceTier)
	if err != nil {
		return fmt.Errorf("--%s: %w", ttsVoiceTierFlag, err)
	}
	priced := fs.Changed(ttsPriceFlag) || os.Getenv(ttsPriceEnv) != ""
	tierGiven := fs.Changed(ttsVoiceTierFlag) || os.Getenv(ttsVoiceTierEnv) != ""
	switch vt, known := googletts.TierOf(g.TTSVoice); {
	case g.TTSVoice == "":
		g.TTSVoice = googletts.VoiceFor(tier)
	case known && tierGiven && vt != tier:
		return fmt.Errorf("--tts-voice %s is a %s voice, but --%s is %s", g.TTSVoice, vt, ttsVoiceTierFlag, tier)
	case known:
		tier = vt
	case !priced && g.TTS == providerGoogle:
		return fmt.Errorf("--tts-voice %s is of no priced tier (standard, wavenet, neural2): set --%s", g.TTSVoice, ttsPriceFlag)
	}
	g.TTSVoiceTier = string(tier)
	if !priced {
		c.Prices.TTSCharactersPerMillion = tier.PricePerMillion()
	}
	return nil
}

// check refuses unknown choices before anything is built.
func (g *googleConfig) check() error {
	for _, c := range []struct{ flag, v, a, b string }{
		{"--ai", g.AI, providerOffline, providerGoogle},
		{"--tts", g.TTS, providerEspeak, providerGoogle},
		{"--storage", g.Storage, providerLocal, providerGCS},
	} {
		if c.v != c.a && c.v != c.b {
			return fmt.Errorf("%s %q: want %s or %s", c.flag, c.v, c.a, c.b)
		}
	}
	if g.ThinkingBudget < -1 {
		return fmt.Errorf("--gemini-thinking-budget %d: want -1 (the model decides), 0 (off) or a number of tokens", g.ThinkingBudget)
	}
	return nil
}

// gemini builds the Gemini client from the configuration.
func (c *config) gemini(ctx context.Context) (*gemini.Client, error) {
	g := &c.Google
	cfg := gemini.Config{Project: g.Project, Location: g.Location, Model: g.GeminiModel, ThinkingBudget: g.ThinkingBudget}
	if g.GeminiEndpoint != "" {
		cfg.BaseURL, cfg.HTTPClient = g.GeminiEndpoint, &http.Client{}
	}
	cl, err := gemini.New(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("--ai google: %w", err)
	}
	return cl, nil
}

// embedder is Vertex AI's embedding model when --ai google is chosen, and
// nil (full-text search alone) with the offline default.
func (c *config) embedder(ctx context.Context) (vividly.Embedder, error) {
	if err := c.Google.check(); err != nil {
		return nil, err
	}
	if c.Google.AI != providerGoogle {
		return nil, nil
	}
	return c.gemini(ctx)
}
