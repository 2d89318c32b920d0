package api

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
)

// The cookies the page uses.
const (
	cookieSession = "vividly_session"
	// cookieSignIn carries the CSRF token of the sign-in form, which is
	// posted before any session exists.
	cookieSignIn = "vividly_signin"
	// HeaderCSRF carries a session's CSRF token on every change the page asks for.
	HeaderCSRF = "X-CSRF-Token"
)

// caller is who is asking, resolved once per request.
type caller struct {
	student postgres.Student
	// session is set when the caller came with the page's cookie, not a token.
	session *postgres.Session
	// sessionID is the cookie's value, to sign out.
	sessionID string
}

type callerKey struct{}

// identify resolves the caller from a bearer token or the session cookie. A
// token that is unknown, or whose student was deleted, is refused with 401
// here; a request from the page that would change something must carry the
// session's CSRF token, or is refused with 403.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			st, err := s.db.StudentByToken(ctx, strings.TrimSpace(token))
			if !ok || err != nil {
				if err != nil && !errors.Is(err, vividly.ErrNotFound) {
					s.log.ErrorContext(ctx, "look up a bearer token", "error", err)
				}
				writeProblem(w, http.StatusUnauthorized, "The bearer token is not valid: create one with `vividly token create --student <id>`.")
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, callerKey{}, &caller{student: st})))
			return
		}
		if c, err := r.Cookie(cookieSession); err == nil && c.Value != "" {
			se, err := s.db.SessionByID(ctx, c.Value)
			if err == nil {
				if unsafeMethod(r.Method) && !sameToken(r.Header.Get(HeaderCSRF), se.CSRF) && !sameToken(r.PostFormValue("csrf"), se.CSRF) {
					writeProblem(w, http.StatusForbidden, "The page's security token is missing or stale: reload the page and try again.")
					return
				}
				ctx = context.WithValue(ctx, callerKey{}, &caller{student: se.Student, session: &se, sessionID: c.Value})
			} else if !errors.Is(err, vividly.ErrNotFound) {
				s.log.ErrorContext(ctx, "look up a session", "error", err)
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

func sameToken(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// callerOf is who is asking, or nil.
func callerOf(ctx context.Context) *caller {
	c, _ := ctx.Value(callerKey{}).(*caller)
	return c
}

// student is the caller's student, or the 401 an API operation returns.
func student(ctx context.Context) (postgres.Student, error) {
	c := callerOf(ctx)
	if c == nil {
		return postgres.Student{}, huma.Error401Unauthorized("Sign in, or send `Authorization: Bearer <token>`.")
	}
	return c.student, nil
}

// writeProblem answers with an RFC 9457 problem, as the API's own errors are.
func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="vividly"`)
	}
	w.WriteHeader(status)
	b, _ := jsonMarshal(map[string]any{"title": http.StatusText(status), "status": status, "detail": detail})
	_, _ = w.Write(b)
}

// contentSecurityPolicy allows only this server's own scripts, styles and
// media (and media from the object store's origins): no inline script, no
// other origin, no framing.
func contentSecurityPolicy(mediaOrigins []string) string {
	media := strings.TrimSpace("'self' " + strings.Join(mediaOrigins, " "))
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"media-src " + media + "; connect-src " + media + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}

// secure sets the security headers of every answer.
func (s *Server) secure(next http.Handler) http.Handler {
	csp := contentSecurityPolicy(s.opts.MediaOrigins)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// newToken is a random token for a form's CSRF cookie.
func newToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
