package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vividly-edu/vividly/api"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
	"github.com/vividly-edu/vividly/workflows"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"
)

// temporal is a dev server shared by the package's tests. No worker polls
// its queue: lessons started here stay pending, which is all the API's
// own rules need; the lessons' whole flow is tested end to end (e2e).
var temporal client.Client

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	bin := os.Getenv("VIVIDLY_TEMPORAL_CLI")
	if bin == "" {
		bin = filepath.Join("..", ".tools", "bin", "temporal")
	}
	if _, err := os.Stat(bin); err != nil {
		fmt.Fprintf(os.Stderr, "api: the pinned Temporal CLI is missing at %s: run scripts/setup (or set VIVIDLY_TEMPORAL_CLI)\n", bin)
		return 1
	}
	srv, err := testsuite.StartDevServer(context.Background(), testsuite.DevServerOptions{
		ExistingPath: bin, LogLevel: "error", ClientOptions: &client.Options{Namespace: "default"},
		ExtraArgs: searchAttributeArgs(),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "api: start the Temporal dev server:", err)
		return 1
	}
	defer srv.Stop()
	temporal = srv.Client()
	return m.Run()
}

func searchAttributeArgs() []string {
	var args []string
	for name, typ := range workflows.SearchAttributeTypes {
		args = append(args, "--search-attribute", name+"="+typ)
	}
	return args
}

// env is one server on a database of its own.
type env struct {
	t   testing.TB
	db  *postgres.DB
	srv *httptest.Server
	api *api.Server
}

func newEnv(t testing.TB, opts api.Options) *env {
	t.Helper()
	db, err := postgres.Open(t.Context(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	if opts.LessonsDir == "" {
		opts.LessonsDir = t.TempDir()
	}
	s, err := api.New(t.Context(), temporal, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { s.Close(); srv.Close() })
	return &env{t: t, db: db, srv: srv, api: s}
}

// student makes a student and a token for them.
func (e *env) student(name string) (postgres.Student, string) {
	e.t.Helper()
	st, err := e.db.EnsureStudent(e.t.Context(), api.LocalSubject(name), name)
	if err != nil {
		e.t.Fatal(err)
	}
	token, err := e.db.CreateToken(e.t.Context(), st.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return st, token
}

// reply is an answer of the server.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// do sends a request with a bearer token (none when token is empty).
func (e *env) do(method, path, token string, body any, header ...string) reply {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequestWithContext(e.t.Context(), method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}
