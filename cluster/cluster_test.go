package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vividly-edu/vividly/postgres/pgtest"
	"github.com/vividly-edu/vividly/workflows"
	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// binaries are the ones scripts/build-temporal-server builds (scripts/test
// runs it first); the environment can point elsewhere. A missing binary fails
// the test: a cluster test that skips would pass without testing anything.
func binaries(t *testing.T) (server, sqlTool, ui string) {
	t.Helper()
	find := func(env, name string) string {
		if p := os.Getenv(env); p != "" {
			return p
		}
		p, _ := filepath.Abs(filepath.Join("..", ".tools", "bin", name))
		return p
	}
	server = find("VIVIDLY_TEMPORAL_SERVER", "temporal-server")
	sqlTool = find("VIVIDLY_TEMPORAL_SQL_TOOL", "temporal-sql-tool")
	ui = find("VIVIDLY_TEMPORAL_UI", "temporal-ui-server")
	for _, p := range []string{server, sqlTool, ui} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s is missing: build it with scripts/build-temporal-server (scripts/test does)", p)
		}
	}
	return server, sqlTool, ui
}

// testDatabases reserves two uniquely named databases, dropped after the
// test, and returns the server's URL and their names.
func testDatabases(t *testing.T) (base, temporalDB, visibilityDB string) {
	t.Helper()
	name := func(raw string) (*url.URL, string) {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		return u, strings.TrimPrefix(u.Path, "/")
	}
	u, temporalDB := name(pgtest.UnusedDatabase(t))
	_, visibilityDB = name(pgtest.UnusedDatabase(t))
	u.Path, u.RawQuery = "", ""
	return u.String(), temporalDB, visibilityDB
}

// The cluster comes up on PostgreSQL with its namespace and search
// attributes, runs a workflow whose search attribute the visibility store
// answers for, is served by its Web UI, and after a restart still knows all
// of it.
func TestClusterOnPostgres(t *testing.T) {
	server, sqlTool, ui := binaries(t)
	base, temporalDB, visibilityDB := testDatabases(t)
	ports, err := FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	o := Options{
		Dir: t.TempDir(), PostgresURL: base, Database: temporalDB, VisibilityDatabase: visibilityDB,
		Ports: ports, Namespace: "vividly-test", SearchAttributes: workflows.SearchAttributeTypes,
		Server: server, SQLTool: sqlTool, UI: ui,
	}
	start := time.Now()
	c, err := Start(ctx, o)
	if err != nil {
		t.Fatalf("%v\n%s", err, logTail(o.Dir, ServerName))
	}
	// Registered after the databases', so it runs before they are dropped.
	t.Cleanup(c.Stop)
	t.Logf("cluster up in %s: frontend %s, Web UI %s", time.Since(start).Round(time.Millisecond), c.Address(), c.UIURL())

	// A client dialled afresh after each restart, as a command would be: one
	// kept open from before may wait out gRPC's reconnect back-off first.
	check := func(when string, withWorkflow bool) {
		t.Helper()
		tc, err := client.DialContext(ctx, client.Options{HostPort: c.Address(), Namespace: o.Namespace, Logger: quiet()})
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		defer tc.Close()
		checkNamespace(ctx, t, tc, o)
		if withWorkflow {
			runWorkflow(ctx, t, tc, when)
		}
	}
	check("first-start", true)
	checkUI(t, c, o.Namespace)

	// The same databases again after a clean restart, then after a crash.
	if err := c.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	check("after-restart", true)
	c.Kill()
	if err := c.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	check("after-crash", true)

	// Start on existing databases and config: set-up is idempotent.
	c.Stop()
	if c, err = Start(ctx, o); err != nil {
		t.Fatalf("second start on the same databases: %v", err)
	}
	t.Cleanup(c.Stop)
	check("second-start", false)
}

// logTail is the end of a process's log, for a failure message.
func logTail(dir, name string) string {
	b, _ := os.ReadFile(LogPath(dir, name))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

func checkNamespace(ctx context.Context, t *testing.T, tc client.Client, o Options) {
	t.Helper()
	if _, err := tc.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: o.Namespace}); err != nil {
		t.Fatalf("namespace %s: %v", o.Namespace, err)
	}
	have, err := tc.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: o.Namespace})
	if err != nil {
		t.Fatal(err)
	}
	for name, typ := range o.SearchAttributes {
		got, ok := have.GetCustomAttributes()[name]
		if !ok {
			t.Errorf("search attribute %s is not registered (have %v)", name, have.GetCustomAttributes())
			continue
		}
		if want := enums.IndexedValueType(enums.IndexedValueType_shorthandValue[typ]); got != want {
			t.Errorf("search attribute %s is %s, want %s", name, got, want)
		}
	}
}

func greet(_ workflow.Context, name string) (string, error) { return "hello " + name, nil }

// runWorkflow runs one workflow carrying a Keyword search attribute and finds
// it again by that attribute, as the Web UI's filters do.
func runWorkflow(ctx context.Context, t *testing.T, tc client.Client, tag string) {
	t.Helper()
	queue := "cluster-test-" + tag
	w := worker.New(tc, queue, worker.Options{})
	w.RegisterWorkflow(greet)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	run, err := tc.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: "greet-" + tag, TaskQueue: queue,
		TypedSearchAttributes: temporal.NewSearchAttributes(workflows.AttrStatus.ValueSet(tag)),
	}, greet, tag)
	if err != nil {
		t.Fatal(err)
	}
	var got string
	if err := run.Get(ctx, &got); err != nil || got != "hello "+tag {
		t.Fatalf("workflow: %q, %v", got, err)
	}
	query := fmt.Sprintf("%s = %q", workflows.AttrStatus.GetName(), tag)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := tc.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Query: query})
		if err == nil && len(resp.GetExecutions()) == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("list %s: %d executions, %v", query, len(resp.GetExecutions()), err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// checkUI asks the Web UI's API for the namespace: it answers only when it
// reaches the frontend.
func checkUI(t *testing.T, c *Cluster, namespace string) {
	t.Helper()
	hc := &http.Client{Timeout: 10 * time.Second}
	resp, err := hc.Get(c.UIURL() + "/api/v1/namespaces/" + namespace)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var got struct {
		NamespaceInfo struct{ Name string } `json:"namespaceInfo"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &got) != nil || got.NamespaceInfo.Name != namespace {
		t.Fatalf("Web UI %s/api/v1/namespaces/%s: %s %.300s", c.UIURL(), namespace, resp.Status, body)
	}
}

// With Frontend 7233 the derived ports are Temporal's own defaults.
func TestDefaultPortsAreTemporals(t *testing.T) {
	var p Ports
	p.defaults()
	want := Ports{Frontend: 7233, FrontendHTTP: 7243, FrontendMembership: 6933, History: 7234, HistoryMembership: 6934,
		Matching: 7235, MatchingMembership: 6935, Worker: 7239, WorkerMembership: 6939, UI: 8233}
	if p != want {
		t.Errorf("default ports %+v, want %+v", p, want)
	}
}

// A detached process outlives nothing here, but is found and stopped through
// its pid file, as `vividly cluster down` does from another process.
func TestDetachedProcessStopsByPidFile(t *testing.T) {
	dir := t.TempDir()
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep(1)")
	}
	p, err := StartProcess(Spec{Name: "sleeper", Path: sleep, Args: []string{"60"}, Dir: dir, Detached: true})
	if err != nil {
		t.Fatal(err)
	}
	r, ok, err := Lookup(dir, "sleeper")
	if err != nil || !ok || !r.Running || r.Pid != p.Pid() {
		t.Fatalf("lookup: %+v %v %v (pid %d)", r, ok, err, p.Pid())
	}
	stopped, err := StopRecorded(dir, "sleeper", 5*time.Second)
	if err != nil || !stopped {
		t.Fatalf("stop: %v %v", stopped, err)
	}
	select {
	case <-p.Exited():
	case <-time.After(5 * time.Second):
		t.Fatal("still running after StopRecorded")
	}
	if _, ok, _ := Lookup(dir, "sleeper"); ok {
		t.Error("the pid file is left behind")
	}
}
