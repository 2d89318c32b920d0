package gemini

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vividly-edu/vividly/gemini/fakevertex"
)

// newFake starts a fake Vertex AI and a client pointed at it.
func newFake(t *testing.T, cfg Config) (*fakevertex.Server, *Client) {
	t.Helper()
	srv := fakevertex.New()
	t.Cleanup(srv.Close)
	if cfg.Project == "" {
		cfg.Project = "test-project"
	}
	cfg.HTTPClient, cfg.BaseURL = srv.Client(), srv.URL()
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return srv, c
}

func TestNewRequiresProject(t *testing.T) {
	for _, p := range []string{"", "   "} {
		_, err := New(context.Background(), Config{Project: p, HTTPClient: &http.Client{}})
		if err == nil {
			t.Fatalf("project %q: no error", p)
		}
		for _, want := range []string{"gemini: project is required", "VIVIDLY_GOOGLE_PROJECT"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
	}
}

func TestNewWithoutCredentials(t *testing.T) {
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", filepath.Join(t.TempDir(), "missing.json"))
	_, err := New(context.Background(), Config{Project: "p"})
	if err == nil {
		t.Fatal("no error without credentials")
	}
	for _, want := range []string{"no Google Cloud credentials", "gcloud auth application-default login", "GOOGLE_APPLICATION_CREDENTIALS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// With application default credentials present, New succeeds without
// calling anything: a service account key is read, no token is fetched yet.
func TestNewWithApplicationDefaultCredentials(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pk := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: must(x509.MarshalPKCS8PrivateKey(key))})
	sa, _ := json.Marshal(map[string]string{
		"type": "service_account", "project_id": "p", "private_key_id": "k1", "private_key": string(pk),
		"client_email": "vividly@p.iam.gserviceaccount.com", "client_id": "1", "token_uri": "http://127.0.0.1:1/token",
	})
	file := filepath.Join(t.TempDir(), "sa.json")
	if err := os.WriteFile(file, sa, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", file)
	c, err := New(context.Background(), Config{Project: "p"})
	if err != nil {
		t.Fatalf("New with a service account key: %v", err)
	}
	if c.Model() != DefaultModel {
		t.Errorf("model %q, want the default %q", c.Model(), DefaultModel)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestDefaultsReachTheRequest(t *testing.T) {
	srv, c := newFake(t, Config{Project: "my-proj"})
	if _, err := c.Understand(context.Background(), photosynthesisQuestion()); err != nil {
		t.Fatal(err)
	}
	r := srv.Requests()[0]
	want := "/v1beta1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent"
	if r.Method != "POST" || r.Path != want {
		t.Errorf("request %s %s, want POST %s", r.Method, r.Path, want)
	}
	if got := r.Header.Get("X-Server-Timeout"); got != "30" {
		t.Errorf("x-server-timeout %q, want the default 30 s", got)
	}

	srv2, c2 := newFake(t, Config{Project: "p", Location: "europe-west4", Model: "gemini-2.5-pro", Timeout: 5 * time.Second})
	if _, err := c2.Understand(context.Background(), photosynthesisQuestion()); err != nil {
		t.Fatal(err)
	}
	r = srv2.Requests()[0]
	if r.Location != "europe-west4" || r.Model != "gemini-2.5-pro" || r.Header.Get("X-Server-Timeout") != "5" {
		t.Errorf("location %q model %q timeout %q, want the configured ones", r.Location, r.Model, r.Header.Get("X-Server-Timeout"))
	}
	if c2.Understander() == nil || c2.ScriptWriter() == nil {
		t.Error("the client must serve as both providers")
	}
}
