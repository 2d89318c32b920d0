// Package api is the student's Vividly over HTTP: a REST API described by
// an OpenAPI 3.1 document (served at /openapi.json, with a docs page at
// /docs), server-sent events of a lesson's progress, its media, and the page
// a student uses in a browser. Every lesson belongs to a student: a bearer
// token (from `vividly token create`) or a signed-in page's session says
// who is asking, and a student sees and acts on their own lessons only.
package api

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
	"go.temporal.io/sdk/client"
)

// Options configure a Server; zero values take the defaults.
type Options struct {
	// LessonsDir is the local store's folder, whose files are served as
	// the lessons' media. Empty: media are not served (Cloud Storage
	// lessons carry a link of their own).
	LessonsDir string
	// Linker, when set, gives links to lessons kept in Cloud Storage (gs://
	// URIs): a video's media URL on this server redirects to a fresh signed
	// URL; captions and script are read through it and passed on.
	Linker vividly.Linker
	// MediaOrigins are the origins those links point to, allowed by the
	// page's Content-Security-Policy (for Cloud Storage,
	// https://storage.googleapis.com).
	MediaOrigins []string
	// LocalSignIn lets anyone sign in on the page with a name alone: for a
	// machine of one's own, never for a school.
	LocalSignIn bool
	// OIDC, when set, signs students in with an OpenID Connect provider
	// (Google, limited to a school's domain).
	OIDC *OIDCConfig
	// LessonsPerHour bounds the lessons one student may ask for in an hour
	// (default 30); a student over it gets 429 with Retry-After.
	LessonsPerHour int
	// SessionTTL is how long a page stays signed in (default 12 h).
	SessionTTL time.Duration
	// PollEvery is how often event streams read the status history
	// (default 250 ms); streams of one lesson share one reader.
	PollEvery time.Duration
	// SecureCookies marks cookies Secure, for a server behind HTTPS.
	SecureCookies bool
	Logger        *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.LessonsPerHour <= 0 {
		o.LessonsPerHour = 30
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.PollEvery <= 0 {
		o.PollEvery = 250 * time.Millisecond
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return o
}

// Server serves the API and the page.
type Server struct {
	opts     Options
	temporal client.Client
	db       *postgres.DB
	log      *slog.Logger
	limits   *limiter
	hub      *hub
	api      huma.API
	mux      *http.ServeMux
	pages    map[string]*template.Template
	oidc     *oidcProvider
}

// New makes a Server on a Temporal client and the database. With OIDC set,
// it reads the provider's discovery document first.
func New(ctx context.Context, c client.Client, db *postgres.DB, opts Options) (*Server, error) {
	opts = opts.withDefaults()
	s := &Server{opts: opts, temporal: c, db: db, log: opts.Logger,
		limits: newLimiter(opts.LessonsPerHour, time.Hour), mux: http.NewServeMux()}
	s.hub = newHub(db, opts.PollEvery)
	cfg := huma.DefaultConfig("Vividly", vividly.Version)
	cfg.Info.Description = "Ask for a lesson, follow it, answer its clarifying question and watch it. " +
		"Authenticate with `Authorization: Bearer <token>` (from `vividly token create --student <id>`)."
	cfg.DocsPath = "" // the docs page is served from this binary, see docs.go
	cfg.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "A token from `vividly token create`."},
	}
	cfg.Security = []map[string][]string{{"bearer": {}}}
	s.api = humago.New(s.mux, cfg)
	s.registerLessons()
	s.registerEvents()
	s.mux.HandleFunc("GET /v1/lessons/{id}/media/{name}", s.media)
	s.mux.HandleFunc("GET /docs", s.docs)
	if err := s.registerPage(); err != nil {
		return nil, err
	}
	if opts.OIDC != nil {
		p, err := newOIDCProvider(ctx, *opts.OIDC)
		if err != nil {
			return nil, err
		}
		s.oidc = p
		s.mux.HandleFunc("GET /signin/oidc", s.oidcStart)
		s.mux.HandleFunc("GET /signin/oidc/callback", s.oidcCallback)
	}
	return s, nil
}

// Handler is the whole server: the API, the page and its assets, with the
// security headers and the caller's identity resolved.
func (s *Server) Handler() http.Handler {
	return s.secure(s.identify(s.mux))
}

// Close stops the event streams' readers.
func (s *Server) Close() { s.hub.close() }
