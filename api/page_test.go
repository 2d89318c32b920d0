package api_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/vividly-edu/vividly/api"
)

// browserish is a client that keeps cookies and does not follow redirects.
func browserish(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

var hiddenCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn signs in on the page and returns the session's CSRF token.
func signIn(t *testing.T, c *http.Client, base, name string) string {
	t.Helper()
	_, page := get(t, c, base+"/")
	m := hiddenCSRF.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no sign-in form:\n%s", page)
	}
	resp, err := c.PostForm(base+"/signin", url.Values{"name": {name}, "csrf": {m[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", resp.StatusCode)
	}
	_, page = get(t, c, base+"/")
	m = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("signed in, the page has no CSRF token:\n%s", page)
	}
	return m[1]
}

func TestPageSignInCSRFAndCSP(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Options{LocalSignIn: true})
	c := browserish(t)
	resp, page := get(t, c, e.srv.URL+"/")
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	if !strings.Contains(page, "For local use only") {
		t.Error("the local sign-in is not marked as for local use")
	}
	// A sign-in form posted from elsewhere carries no matching token.
	resp, err := c.PostForm(e.srv.URL+"/signin", url.Values{"name": {"Mallory"}, "csrf": {"guess"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with a wrong token: %d, want 403", resp.StatusCode)
	}
	csrf := signIn(t, c, e.srv.URL, "Ada")

	ask := func(question, token string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/v1/lessons", strings.NewReader(`{"question":`+quote(question)+`,"grade":5,"modality":"text"}`))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set(api.HeaderCSRF, token)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := ask("What is rain?", ""); r.StatusCode != http.StatusForbidden {
		t.Errorf("a change from the page without its CSRF token: %d, want 403", r.StatusCode)
	}
	hostile := `<script>alert("hi")</script> what is rain?`
	if r := ask(hostile, csrf); r.StatusCode != http.StatusAccepted {
		t.Fatalf("asking with the CSRF token: %d", r.StatusCode)
	}
	_, page = get(t, c, e.srv.URL+"/")
	if strings.Contains(page, `<script>alert`) || !strings.Contains(page, `&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt; what is rain?`) {
		t.Errorf("the question is not shown as text on the page:\n%s", page)
	}
	// Reading needs no token.
	if resp, _ := get(t, c, e.srv.URL+"/v1/lessons"); resp.StatusCode != http.StatusOK {
		t.Errorf("listing from the page: %d", resp.StatusCode)
	}
}

func TestNoLocalSignInUnlessAsked(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Options{})
	c := browserish(t)
	_, page := get(t, c, e.srv.URL+"/")
	if strings.Contains(page, `name="name"`) {
		t.Error("the local sign-in form is offered though it is off")
	}
	resp, err := c.PostForm(e.srv.URL+"/signin", url.Values{"name": {"Ada"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /signin with the local sign-in off: %d, want 404", resp.StatusCode)
	}
}

func TestDocsPageNeedsNothingFromElsewhere(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Options{})
	_, page := get(t, http.DefaultClient, e.srv.URL+"/docs")
	for _, want := range []string{"POST /v1/lessons", "GET /v1/lessons/{id}/events", "POST /v1/lessons/{id}/clarification", "/openapi.json"} {
		if !strings.Contains(page, want) {
			t.Errorf("the docs page does not mention %s", want)
		}
	}
	if regexp.MustCompile(`(src|href)="https?://`).MatchString(page) {
		t.Error("the docs page loads something from another site")
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
