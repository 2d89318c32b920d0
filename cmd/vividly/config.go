package main

import (
	"crypto/tls"
	"net"

	"errors"
	"fmt"
	"github.com/vividly-edu/vividly/cluster"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	vividly "github.com/vividly-edu/vividly"
)

// config is parsed once from flags (with environment defaults) and passed down.
type config struct {
	DataDir         string
	LessonsDir      string
	CodecKeys       string
	RetentionDays   int
	TemporalTLS     struct{ CA, Cert, Key, ServerName string }
	CodecAddr       string
	CodecToken      string
	UIOrigins       []string
	TemporalAddress string
	Namespace       string
	DatabaseURL     string
	TemporalCLI     string
	UIPort          int
	LogLevel        string
	Voice           string

	ClarificationTimeout time.Duration
	RenderHeartbeat      time.Duration

	// HTTPAddr serves /metrics and /health; see httpAddr for the starter's own default.
	HTTPAddr string
	// ShutdownGrace is how long a stopping worker lets activities in flight finish.
	ShutdownGrace time.Duration

	Prices vividly.Prices
	Google googleConfig
	// MaxRenders bounds concurrent renders and local narrations on a worker (0: one per CPU).
	MaxRenders int
	// AudioMemoMB is the MiB of spoken, and as many of encoded, narration a
	// worker keeps to reuse in videos that share a segment (0: none).
	AudioMemoMB int
	// NoCache makes every lesson anew; CacheTTL is how long a lesson made
	// is given again to the same question, grade and interest.
	NoCache  bool
	CacheTTL time.Duration
	// BurnCaptions draws the captions into the video as well as giving them
	// as a subtitle track and lesson.vtt.
	BurnCaptions bool
}

// Where /metrics, /health and /health/ready are served by default: the worker
// (and dev) and the starter differ, so both can run on one machine.
const (
	defaultHTTPAddr        = "127.0.0.1:9464"
	defaultStarterHTTPAddr = "127.0.0.1:9465"
	httpAddrFlag           = "http-addr"
	httpAddrEnv            = "VIVIDLY_HTTP_ADDR"
)

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// badEnv collects the environment variables that are set but cannot be
// read, while the flags are bound; the command then refuses to run and names
// them all, rather than quietly using the default.
var badEnv []error

// envValue parses a set variable with parse, or returns def when it is unset;
// a value that does not parse is noted in badEnv, with what was expected.
func envValue[T any](name string, def T, parse func(string) (T, error), want string) T {
	raw, ok := os.LookupEnv(name)
	if !ok || raw == "" {
		return def
	}
	v, err := parse(raw)
	if err != nil {
		badEnv = append(badEnv, fmt.Errorf("%s=%q is not %s", name, raw, want))
		return def
	}
	return v
}

func envDuration(name string, def time.Duration) time.Duration {
	return envValue(name, def, time.ParseDuration, "a duration (such as 30s or 2m)")
}

func envFloat(name string, def float64) float64 {
	return envValue(name, def, func(s string) (float64, error) { return strconv.ParseFloat(s, 64) }, "a number")
}

// envOrEmpty is env, except that a variable set to "" counts: it turns a feature off.
func envOrEmpty(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func envBool(name string, def bool) bool {
	return envValue(name, def, strconv.ParseBool, "true or false")
}

func envInt(name string, def int) int {
	return envValue(name, def, strconv.Atoi, "a whole number")
}

// checkEnv reports the environment variables that could not be read.
func checkEnv() error {
	if len(badEnv) == 0 {
		return nil
	}
	return fmt.Errorf("environment: %w", errors.Join(badEnv...))
}

// bind registers the shared flags on fs.
func (c *config) bind(fs *pflag.FlagSet) {
	fs.StringVar(&c.DataDir, "data-dir", env("VIVIDLY_DATA_DIR", "data"), "where lessons, work files and the dev server's database live [VIVIDLY_DATA_DIR]")
	fs.StringVar(&c.LessonsDir, "lessons-dir", env("VIVIDLY_LESSONS_DIR", ""), "where finished lessons are stored when Cloud Storage is not used (default: <data-dir>/lessons); with several workers, a place every worker and reader reaches [VIVIDLY_LESSONS_DIR]")
	fs.StringVar(&c.CodecKeys, "codec-keys", env("VIVIDLY_CODEC_KEYS_FILE", ""), "file of the keys that encrypt what Temporal stores (default <data-dir>/codec.keys, made with a new key when missing); every worker and client must use the same file [VIVIDLY_CODEC_KEYS_FILE]")
	fs.StringVar(&c.CodecAddr, "codec-addr", env("VIVIDLY_CODEC_ADDR", "127.0.0.1:8234"), "host:port of the codec server (`vividly codec-server`, and in `vividly dev`) that the dev server's Web UI decodes payloads with [VIVIDLY_CODEC_ADDR]")
	c.CodecToken = os.Getenv("VIVIDLY_CODEC_TOKEN") // a secret: never a flag, which others can read in the process list
	fs.StringSliceVar(&c.UIOrigins, "ui-origin", nil, "origin of a Web UI allowed to call the codec server (default the dev server's UI) [VIVIDLY_UI_ORIGINS, comma-separated]")
	if v := os.Getenv("VIVIDLY_UI_ORIGINS"); v != "" {
		c.UIOrigins = strings.Split(v, ",")
	}
	fs.StringVar(&c.TemporalTLS.CA, "temporal-tls-ca", env("TEMPORAL_TLS_CA_PATH", ""), "PEM file of the CA that signed the Temporal server's certificate; setting any --temporal-tls-* flag connects over TLS [TEMPORAL_TLS_CA_PATH]")
	fs.StringVar(&c.TemporalTLS.Cert, "temporal-tls-cert", env("TEMPORAL_TLS_CLIENT_CERT_PATH", ""), "PEM file of this client's certificate, for a server that requires one (mutual TLS) [TEMPORAL_TLS_CLIENT_CERT_PATH]")
	fs.StringVar(&c.TemporalTLS.Key, "temporal-tls-key", env("TEMPORAL_TLS_CLIENT_KEY_PATH", ""), "PEM file of that certificate's private key [TEMPORAL_TLS_CLIENT_KEY_PATH]")
	fs.StringVar(&c.TemporalTLS.ServerName, "temporal-tls-server-name", env("TEMPORAL_TLS_SERVER_NAME", ""), "name the server's certificate must carry (default the host of --temporal-address) [TEMPORAL_TLS_SERVER_NAME]")
	fs.IntVar(&c.RetentionDays, "retention-days", envInt("VIVIDLY_RETENTION_DAYS", 0), "forget lessons older than this many days, daily, on a Temporal Schedule that workers keep in line (0: keep them until `vividly forget`) [VIVIDLY_RETENTION_DAYS]")
	fs.StringVar(&c.TemporalAddress, "temporal-address", env("TEMPORAL_ADDRESS", "127.0.0.1:7233"), "Temporal frontend host:port [TEMPORAL_ADDRESS]")
	fs.StringVar(&c.Namespace, "namespace", env("TEMPORAL_NAMESPACE", "default"), "Temporal namespace [TEMPORAL_NAMESPACE]")
	fs.StringVar(&c.DatabaseURL, "database-url", env("VIVIDLY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vividly?sslmode=disable"), "PostgreSQL URL; the database is created and migrated if missing [VIVIDLY_DATABASE_URL]")
	fs.StringVar(&c.TemporalCLI, "temporal-cli", env("VIVIDLY_TEMPORAL_CLI", filepath.Join(".tools", "bin", "temporal")), "the pinned Temporal CLI that runs the dev server [VIVIDLY_TEMPORAL_CLI]")
	fs.IntVar(&c.UIPort, "ui-port", envInt("VIVIDLY_UI_PORT", 8233), "Temporal Web UI port of a dev server started here [VIVIDLY_UI_PORT]")
	fs.StringVar(&c.LogLevel, "log-level", env("VIVIDLY_LOG_LEVEL", "warn"), "debug, info, warn or error [VIVIDLY_LOG_LEVEL]")
	fs.StringVar(&c.Voice, "voice", env("VIVIDLY_VOICE", "en-us"), "espeak-ng voice for narration [VIVIDLY_VOICE]")
	fs.DurationVar(&c.ClarificationTimeout, "clarification-timeout", envDuration("VIVIDLY_CLARIFICATION_TIMEOUT", 48*time.Hour), "how long a request waits for a student's answer [VIVIDLY_CLARIFICATION_TIMEOUT]")
	p := vividly.DefaultPrices
	fs.Float64Var(&c.Prices.InputTokensPerMillion, "price-input-tokens", envFloat("VIVIDLY_PRICE_INPUT_TOKENS", p.InputTokensPerMillion), "USD per million model input tokens, for cost estimates [VIVIDLY_PRICE_INPUT_TOKENS]")
	fs.Float64Var(&c.Prices.OutputTokensPerMillion, "price-output-tokens", envFloat("VIVIDLY_PRICE_OUTPUT_TOKENS", p.OutputTokensPerMillion), "USD per million model output tokens [VIVIDLY_PRICE_OUTPUT_TOKENS]")
	fs.Float64Var(&c.Prices.TTSCharactersPerMillion, ttsPriceFlag, envFloat(ttsPriceEnv, p.TTSCharactersPerMillion), "USD per million characters of speech synthesis (default: the list price of --tts-voice-tier) [VIVIDLY_PRICE_TTS_CHARACTERS]")
	fs.Float64Var(&c.Prices.RenderSecond, "price-render-second", envFloat("VIVIDLY_PRICE_RENDER_SECOND", p.RenderSecond), "USD per second of render time [VIVIDLY_PRICE_RENDER_SECOND]")
	fs.StringVar(&c.HTTPAddr, httpAddrFlag, envOrEmpty(httpAddrEnv, defaultHTTPAddr), "host:port of /metrics, /health and /health/ready for worker and dev (the starter's default is "+defaultStarterHTTPAddr+"); empty serves none ["+httpAddrEnv+"]")
	fs.DurationVar(&c.ShutdownGrace, "shutdown-grace", envDuration("VIVIDLY_SHUTDOWN_GRACE", 30*time.Second), "how long a stopping worker lets activities in flight finish before they are cancelled [VIVIDLY_SHUTDOWN_GRACE]")
	c.Google.bind(fs)
	fs.BoolVar(&c.BurnCaptions, "burn-captions", envBool("VIVIDLY_BURN_CAPTIONS", false), "also draw the captions into the video's picture, for players that show no subtitle track (the students' page shows lesson.vtt, and would show them twice) [VIVIDLY_BURN_CAPTIONS]")
	fs.BoolVar(&c.NoCache, "no-cache", envBool("VIVIDLY_NO_CACHE", false), "make every lesson anew instead of giving a lesson made before to the same question, grade, interest and modality [VIVIDLY_NO_CACHE]")
	fs.DurationVar(&c.CacheTTL, "cache-ttl", envDuration("VIVIDLY_CACHE_TTL", 30*24*time.Hour), "how long a lesson made is given again [VIVIDLY_CACHE_TTL]")
	fs.IntVar(&c.AudioMemoMB, "audio-memo-mb", envInt("VIVIDLY_AUDIO_MEMO_MB", 64), "MiB of narration a worker keeps in memory as spoken, and as many as encoded, each segment for up to an hour unused, so videos that share a segment (a class asking one question with different interests) say and encode it once; 64 MiB holds about 20 minutes spoken and two hours encoded; 0 keeps none [VIVIDLY_AUDIO_MEMO_MB]")
	fs.IntVar(&c.MaxRenders, "max-renders", envInt("VIVIDLY_MAX_RENDERS", 0), "renders and local (espeak-ng) narrations a worker runs at once; 0 means one per CPU [VIVIDLY_MAX_RENDERS]")
	fs.DurationVar(&c.RenderHeartbeat, "render-heartbeat-timeout", envDuration("VIVIDLY_RENDER_HEARTBEAT_TIMEOUT", 30*time.Second), "how soon a render on a lost worker is retried elsewhere [VIVIDLY_RENDER_HEARTBEAT_TIMEOUT]")
}

// httpAddr is where a command serves /metrics and /health: --http-addr or
// VIVIDLY_HTTP_ADDR when either is given, else def, the command's own default.
func (c *config) httpAddr(fs *pflag.FlagSet, def string) string {
	if _, ok := os.LookupEnv(httpAddrEnv); ok || fs.Changed(httpAddrFlag) {
		return c.HTTPAddr
	}
	return def
}

func (c *config) workDir() string { return filepath.Join(c.DataDir, "work") }

// temporalTLS is the TLS configuration for Temporal, or nil when no
// --temporal-tls-* flag is set.
func (c *config) temporalTLS() (*tls.Config, error) {
	t := c.TemporalTLS
	if t.CA == "" && t.Cert == "" && t.Key == "" && t.ServerName == "" {
		return nil, nil
	}
	name := t.ServerName
	if name == "" {
		host, _, err := net.SplitHostPort(c.TemporalAddress)
		if err != nil {
			return nil, fmt.Errorf("--temporal-address %q: %w", c.TemporalAddress, err)
		}
		name = host
	}
	return cluster.ClientTLS(t.CA, t.Cert, t.Key, name)
}

func (c *config) codecKeys() string {
	if c.CodecKeys != "" {
		return c.CodecKeys
	}
	return filepath.Join(c.DataDir, "codec.keys")
}

func (c *config) lessonsDir() string {
	if c.LessonsDir != "" {
		return c.LessonsDir
	}
	return filepath.Join(c.DataDir, "lessons")
}
func (c *config) temporalDir() string { return filepath.Join(c.DataDir, "temporal") }
