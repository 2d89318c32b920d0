package api_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/vividly-edu/vividly/api"
)

// fakeIssuer is an OpenID Connect provider that signs in whoever asks, as
// the account it is told to be: discovery, keys, authorize and token, over
// real HTTP, with ID tokens signed by a key of its own.
type fakeIssuer struct {
	srv   *httptest.Server
	key   *rsa.PrivateKey
	mu    sync.Mutex
	codes map[string]map[string]any // code → claims
	// account is who the next sign-in is.
	account map[string]any
}

func newFakeIssuer(t *testing.T) *fakeIssuer {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeIssuer{key: key, codes: map[string]map[string]any{}}
	mux := http.NewServeMux()
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{"issuer": f.srv.URL, "authorization_endpoint": f.srv.URL + "/authorize",
			"token_endpoint": f.srv.URL + "/token", "jwks_uri": f.srv.URL + "/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET /keys", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		code := strings.Repeat("c", 8) + q.Get("state")[:8]
		f.mu.Lock()
		claims := map[string]any{"iss": f.srv.URL, "aud": q.Get("client_id"), "nonce": q.Get("nonce"),
			"iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()}
		for k, v := range f.account {
			claims[k] = v
		}
		f.codes[code] = claims
		f.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code="+code+"&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		claims, ok := f.codes[r.PostFormValue("code")]
		delete(f.codes, r.PostFormValue("code"))
		f.mu.Unlock()
		if !ok {
			http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
			return
		}
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: f.key, KeyID: "k1"}}, nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		payload, _ := json.Marshal(claims)
		jws, err := signer.Sign(payload)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		idToken, _ := jws.CompactSerialize()
		writeJSON(w, map[string]any{"access_token": "at", "token_type": "Bearer", "expires_in": 3600, "id_token": idToken})
	})
	return f
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// Signing in with the school's provider: an account of the school's domain
// gets a session, the same account the same student; one of another domain,
// or a personal one (no hd), is refused.
func TestOIDCSignInLimitedToTheSchoolsDomain(t *testing.T) {
	t.Parallel()
	issuer := newFakeIssuer(t)
	// The callback's URL is the server's own, known once it listens: the
	// handler is swapped in behind a fixed address.
	var handler http.Handler
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(front.Close)
	e := newEnv(t, api.Options{OIDC: &api.OIDCConfig{Issuer: issuer.srv.URL, ClientID: "vividly", ClientSecret: "s",
		RedirectURL: front.URL + "/signin/oidc/callback", HostedDomain: "school.example.org"}})
	handler = e.api.Handler()

	signIn := func(account map[string]any) (int, string) {
		t.Helper()
		issuer.mu.Lock()
		issuer.account = account
		issuer.mu.Unlock()
		c := browserish(t)
		c.CheckRedirect = nil // follow: server → provider → callback → page
		resp, page := get(t, c, front.URL+"/signin/oidc")
		return resp.StatusCode, page
	}
	code, page := signIn(map[string]any{"sub": "111", "email": "ada@school.example.org", "name": "Ada L", "hd": "school.example.org"})
	if code != http.StatusOK || !strings.Contains(page, "Signed in as Ada L") {
		t.Fatalf("a school account: %d\n%s", code, page)
	}
	_, page = signIn(map[string]any{"sub": "111", "email": "ada@school.example.org", "name": "Ada L", "hd": "school.example.org"})
	if !strings.Contains(page, "Signed in as Ada L") {
		t.Fatal("signing in again failed")
	}
	for _, account := range []map[string]any{
		{"sub": "222", "email": "eve@elsewhere.example", "name": "Eve", "hd": "elsewhere.example"},
		{"sub": "333", "email": "eve@gmail.example", "name": "Eve"},
	} {
		code, page := signIn(account)
		if code != http.StatusForbidden || strings.Contains(page, "Signed in as") || !strings.Contains(page, "school account") {
			t.Errorf("account %v: %d, want 403 asking for a school account\n%s", account, code, page)
		}
	}
	// A callback that did not start here (no state cookie) signs no one in.
	c := browserish(t)
	resp, _ := get(t, c, front.URL+"/signin/oidc/callback?code=x&state=y")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a forged callback: %d, want 403", resp.StatusCode)
	}
}
