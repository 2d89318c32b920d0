package main

import (
	"context"
	"fmt"
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
	GeminiEndpoint string // a base URL other than Vertex AI's, e.g. a test server
	TTSEndpoint    string // host:port of a Text-to-Speech server other than Google's, e.g. a test server
	TTSVoice       string
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
	fs.StringVar(&g.GeminiEndpoint, "gemini-endpoint", env("VIVIDLY_GEMINI_ENDPOINT", ""), "base URL of a generateContent server other than Vertex AI (tests, proxies); no credentials are used [VIVIDLY_GEMINI_ENDPOINT]")
	fs.StringVar(&g.TTSEndpoint, "tts-endpoint", env("VIVIDLY_TTS_ENDPOINT", ""), "host:port of a Text-to-Speech gRPC server other than Google's (tests); plaintext, no credentials [VIVIDLY_TTS_ENDPOINT]")
	fs.StringVar(&g.TTSVoice, "tts-voice", env("VIVIDLY_TTS_VOICE", "en-US-Neural2-F"), "Cloud Text-to-Speech voice [VIVIDLY_TTS_VOICE]")
	fs.StringVar(&g.Bucket, "gcs-bucket", env("VIVIDLY_GCS_BUCKET", ""), "Cloud Storage bucket for lessons (STORAGE_EMULATOR_HOST points it at a fake) [VIVIDLY_GCS_BUCKET]")
	fs.BoolVar(&g.PublicURLs, "gcs-public-urls", os.Getenv("VIVIDLY_GCS_PUBLIC_URLS") == "true", "give students public URLs instead of signed ones [VIVIDLY_GCS_PUBLIC_URLS]")
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
	return nil
}

// gemini builds the Gemini client from the configuration.
func (c *config) gemini(ctx context.Context) (*gemini.Client, error) {
	g := &c.Google
	cfg := gemini.Config{Project: g.Project, Location: g.Location, Model: g.GeminiModel}
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
