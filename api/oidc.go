package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDCConfig signs students in with an OpenID Connect provider, such as
// Google (issuer https://accounts.google.com).
type OIDCConfig struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is this server's /signin/oidc/callback as the provider
	// knows it.
	RedirectURL string
	// HostedDomain, when set, admits only accounts of that domain: the ID
	// token's hd claim must name it (Google sets hd for Workspace accounts
	// only, so personal accounts are refused).
	HostedDomain string
}

// cookieOIDC holds the state and nonce of a sign-in under way.
const cookieOIDC = "vividly_oidc"

type oidcProvider struct {
	cfg      OIDCConfig
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// newOIDCProvider reads the provider's discovery document.
func newOIDCProvider(ctx context.Context, cfg OIDCConfig) (*oidcProvider, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, errors.New("OpenID Connect needs an issuer, a client id and a redirect URL")
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("OpenID Connect provider %s: %w", cfg.Issuer, err)
	}
	return &oidcProvider{cfg: cfg,
		oauth: oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"}},
		verifier: p.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
	}, nil
}

// oidcStart sends the browser to the provider, with a state and a nonce
// that the callback checks against a cookie only this browser holds.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	state, nonce := newToken(), newToken()
	http.SetCookie(w, &http.Cookie{Name: cookieOIDC, Value: state + "." + nonce, Path: "/signin/oidc", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.opts.SecureCookies, MaxAge: 600})
	opts := []oauth2.AuthCodeOption{oidc.Nonce(nonce)}
	if hd := s.oidc.cfg.HostedDomain; hd != "" {
		opts = append(opts, oauth2.SetAuthURLParam("hd", hd)) // a hint to the account chooser; the claim is checked below
	}
	http.Redirect(w, r, s.oidc.oauth.AuthCodeURL(state, opts...), http.StatusFound)
}

// oidcCallback signs the student in once the provider vouches for them.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := r.Cookie(cookieOIDC)
	state, nonce, ok := strings.Cut(valueOf(c, err), ".")
	http.SetCookie(w, &http.Cookie{Name: cookieOIDC, Value: "", Path: "/signin/oidc", MaxAge: -1})
	if !ok || !sameToken(r.URL.Query().Get("state"), state) {
		s.signInPage(w, r, http.StatusForbidden, "The sign-in had expired; please try again.")
		return
	}
	tok, err := s.oidc.oauth.Exchange(ctx, r.URL.Query().Get("code"))
	if err != nil {
		s.log.WarnContext(ctx, "OpenID Connect code exchange", "error", err)
		s.signInPage(w, r, http.StatusForbidden, "The sign-in did not go through; please try again.")
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := s.oidc.verifier.Verify(ctx, raw)
	if err != nil || !sameToken(idt.Nonce, nonce) {
		s.log.WarnContext(ctx, "OpenID Connect ID token refused", "error", err)
		s.signInPage(w, r, http.StatusForbidden, "The sign-in did not go through; please try again.")
		return
	}
	var claims struct {
		Email string `json:"email"`
		Name  string `json:"name"`
		HD    string `json:"hd"`
	}
	if err := idt.Claims(&claims); err != nil {
		s.signInPage(w, r, http.StatusForbidden, "The sign-in did not go through; please try again.")
		return
	}
	if hd := s.oidc.cfg.HostedDomain; hd != "" && !strings.EqualFold(claims.HD, hd) {
		s.log.InfoContext(ctx, "sign-in refused: not the school's domain")
		s.signInPage(w, r, http.StatusForbidden, "Sign in with your school account ("+hd+").")
		return
	}
	name := strings.TrimSpace(claims.Name)
	if ValidName(name) != nil {
		name = strings.TrimSpace(claims.Email)
	}
	if ValidName(name) != nil {
		name = "Student"
	}
	st, err := s.db.EnsureStudent(ctx, "oidc:"+idt.Issuer+"|"+idt.Subject, name)
	if err != nil {
		s.log.ErrorContext(ctx, "sign in", "error", err)
		s.signInPage(w, r, http.StatusInternalServerError, "Internal error.")
		return
	}
	s.startSession(w, r, st)
}

func valueOf(c *http.Cookie, err error) string {
	if err != nil {
		return ""
	}
	return c.Value
}
