package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/cluster"
	"github.com/vividly-edu/vividly/postgres/pgtest"
	"github.com/vividly-edu/vividly/workflows"
)

// The production topology: a Temporal server on PostgreSQL (not the dev
// server's SQLite), built from the pinned modules by scripts/setup.

// clusterBinary is one of the binaries scripts/build-temporal-server builds;
// a missing one fails the test (scripts/test builds them).
func clusterBinary(t *testing.T, env, name string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		p, _ = filepath.Abs(filepath.Join("..", ".tools", "bin", name))
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is missing: build it with VIVIDLY_CLUSTER=1 scripts/setup (scripts/test does)", p)
	}
	return p
}

// databaseName reserves a database name on the test server, dropped after the test.
func databaseName(t *testing.T) string {
	u, err := url.Parse(pgtest.UnusedDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

// startTemporalCluster runs a Temporal server on PostgreSQL, on free ports
// and databases of its own, for the test.
func startTemporalCluster(t *testing.T) *cluster.Cluster {
	t.Helper()
	ports, err := cluster.FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	c, err := cluster.Start(ctx, cluster.Options{
		Dir: t.TempDir(), Database: databaseName(t), VisibilityDatabase: databaseName(t), Ports: ports,
		SearchAttributes: workflows.SearchAttributeTypes,
		Server:           clusterBinary(t, "VIVIDLY_TEMPORAL_SERVER", "temporal-server"),
		SQLTool:          clusterBinary(t, "VIVIDLY_TEMPORAL_SQL_TOOL", "temporal-sql-tool"),
		UI:               clusterBinary(t, "VIVIDLY_TEMPORAL_UI", "temporal-ui-server"),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	return c
}

// TestChaosOnCluster runs the chaos scenarios against a Temporal server on
// PostgreSQL, with every worker on a disk of its own (a worker that dies
// takes its files with it), as production runs.
func TestChaosOnCluster(t *testing.T) {
	c := startTemporalCluster(t)
	runChaos(t, chaosTarget{
		name: "cluster",
		system: func(t *testing.T) *system {
			s := newSystem(t)
			s.temporal, s.ownDisks = c.Address(), true
			return s
		},
		crashable: func(t *testing.T) (string, func(), func() error) {
			return c.Address(), c.Kill, func() error {
				ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
				defer cancel()
				return c.Restart(ctx)
			}
		},
	})
}

// TestClusterTopology brings the whole topology up with `vividly cluster up`
// — Temporal on PostgreSQL, its Web UI, the official Pub/Sub emulator, two
// workers with data dirs of their own and the starter — and runs the load
// test and a video lesson through it.
func TestClusterTopology(t *testing.T) {
	if _, err := os.Stat(emulatorBinary()); err != nil {
		t.Fatalf("the official Pub/Sub emulator is missing at %s", emulatorBinary())
	}
	dir := t.TempDir()
	frontend := clusterFrontendPort(t)
	emulator := net.JoinHostPort("127.0.0.1", strconv.Itoa(freePort()))
	dbURL := pgtest.NewDatabase(t)
	codecAddr := "127.0.0.1:" + strconv.Itoa(freePort())
	env := append(os.Environ(),
		"TEMPORAL_ADDRESS=127.0.0.1:"+strconv.Itoa(frontend),
		"VIVIDLY_DATABASE_URL="+dbURL,
		"VIVIDLY_DATA_DIR="+filepath.Join(dir, "client"),
		"VIVIDLY_CLUSTER_DIR="+filepath.Join(dir, "cluster"),
		"PUBSUB_EMULATOR_HOST="+emulator,
		"VIVIDLY_LESSONS_DIR="+filepath.Join(dir, "cluster", "lessons"),
		"VIVIDLY_HTTP_ADDR=127.0.0.1:0",
		"VIVIDLY_CODEC_KEYS_FILE="+filepath.Join(dir, "codec.keys"),
		"VIVIDLY_CODEC_ADDR="+codecAddr,
		"VIVIDLY_TEMPORAL_SERVER="+clusterBinary(t, "VIVIDLY_TEMPORAL_SERVER", "temporal-server"),
		"VIVIDLY_TEMPORAL_SQL_TOOL="+clusterBinary(t, "VIVIDLY_TEMPORAL_SQL_TOOL", "temporal-sql-tool"),
		"VIVIDLY_TEMPORAL_UI="+clusterBinary(t, "VIVIDLY_TEMPORAL_UI", "temporal-ui-server"),
		"VIVIDLY_PUBSUB_EMULATOR="+emulatorBinary(),
	)
	run := func(within time.Duration, args ...string) ([]byte, error) {
		ctx, cancel := context.WithTimeout(context.Background(), within)
		defer cancel()
		cmd := exec.CommandContext(ctx, vividlyBin, args...)
		cmd.Env = env
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			err = fmt.Errorf("vividly %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return out, err
	}
	started := time.Now()
	up, err := run(5*time.Minute, "cluster", "up", "--ui-port", strconv.Itoa(freePort()), "--ops-port", strconv.Itoa(opsPorts(t)),
		"--temporal-db", databaseName(t), "--temporal-visibility-db", databaseName(t))
	t.Cleanup(func() {
		if t.Failed() {
			for _, name := range []string{"worker-1", "worker-2", "starter", "temporal-server"} {
				b, _ := os.ReadFile(filepath.Join(dir, "cluster", name+".log"))
				t.Logf("%s log:\n%s", name, tail(b, 3000))
			}
		}
		if out, err := run(2*time.Minute, "cluster", "down"); err != nil {
			t.Errorf("cluster down: %v\n%s", err, out)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("cluster up in %s:\n%s", time.Since(started).Round(time.Second), up)

	out, err := run(10*time.Minute, "loadtest", "-n", "60", "-c", "6", "--json")
	var rep struct {
		Pass       bool           `json:"pass"`
		Lost       int            `json:"lost"`
		Statuses   map[string]int `json:"statuses"`
		Duplicates []any          `json:"duplicate_runs"`
		Problems   []string       `json:"problems"`
	}
	if jerr := json.Unmarshal(out, &rep); jerr != nil {
		t.Fatalf("load test: %v (%v)\n%s", err, jerr, out)
	}
	failed := rep.Statuses[string(vividly.StatusFailed)]
	if err != nil || !rep.Pass || rep.Lost+failed+len(rep.Duplicates) != 0 {
		t.Errorf("load test on the cluster: pass=%v lost=%d failed=%d duplicated=%d problems=%v (%v)", rep.Pass, rep.Lost, failed, len(rep.Duplicates), rep.Problems, err)
	}
	t.Logf("load test on the cluster: settled %v, lost %d, duplicated %d", rep.Statuses, rep.Lost, len(rep.Duplicates))

	out, err = run(5*time.Minute, "submit", "How do volcanoes erupt?", "--grade", "6", "--interest", "skateboarding",
		"--duration", "1m", "--wait", "--json")
	if err != nil {
		t.Fatal(err)
	}
	v := decode(t, out)
	if v.Status != vividly.StatusCompleted || v.Result == nil {
		t.Fatalf("video lesson on the cluster: %s (%s)", v.Status, v.Error)
	}
	if !strings.HasPrefix(v.Result.Video, filepath.Join(dir, "cluster", "lessons")) {
		t.Errorf("video stored at %s, want the cluster's lesson store", v.Result.Video)
	}
	if p := probe(t, v.Result.Video); p.videoStreams != 1 || p.audioStreams != 1 {
		t.Errorf("video has %d video / %d audio streams", p.videoStreams, p.audioStreams)
	}
	// What Temporal holds is encrypted; the cluster's codec server (the Web
	// UI's codec endpoint) decodes it for operators.
	show := func(args ...string) string {
		out, err := exec.Command(temporalBin, append([]string{"workflow", "show", "--address", "127.0.0.1:" + strconv.Itoa(frontend),
			"--workflow-id", workflows.WorkflowID(v.RequestID), "--output", "json"}, args...)...).Output()
		if err != nil {
			t.Fatalf("workflow show: %v", err)
		}
		return strings.ToLower(historyText(t, string(out)))
	}
	if strings.Contains(show(), "skateboard") {
		t.Error("the cluster's history holds the student's interest in clear")
	}
	if !strings.Contains(show("--codec-endpoint", "http://"+codecAddr), "skateboard") {
		t.Error("the cluster's codec server does not decode the history")
	}
	for _, w := range []string{"worker-1", "worker-2"} {
		if left := findFiles(t, filepath.Join(dir, "cluster", w), ".wav"); len(left) > 0 {
			t.Errorf("%s kept work files after the lesson was stored: %v", w, left)
		}
	}
}

// clusterFrontendPort picks a frontend port whose neighbours, which the
// cluster's other services take (see cluster.Ports), are free too.
func clusterFrontendPort(t *testing.T) int {
	return freeBlock(t, 20400, 12000, 0, 1, 2, 6, 10, -300, -299, -298, -294, 1000)
}

// opsPorts picks a port p with p+1 and p+2 free too: the starter's and the
// two workers' /health. They are below the ports the cluster's services take
// and below the kernel's ephemeral range (32768 up, on Linux), where any
// outgoing connection made in between could take one of them before its
// process listens: a worker of TestClusterTopology once failed so.
func opsPorts(t *testing.T) int {
	return freeBlock(t, 10000, 9000, 0, 1, 2)
}

// freeBlock picks a port p in [from, from+span) with p+offset free for
// every offset.
func freeBlock(t *testing.T, from, span int, offsets ...int) int {
	t.Helper()
	for tries := 0; tries < 200; tries++ {
		p := from + rand.IntN(span)
		free := true
		for _, off := range offsets {
			l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p+off)))
			if err != nil {
				free = false
				break
			}
			l.Close()
		}
		if free {
			return p
		}
	}
	t.Fatalf("no free block of ports %v around %d–%d", offsets, from, from+span)
	return 0
}

// emulatorBinary is where the official Pub/Sub emulator is installed.
func emulatorBinary() string {
	if p := os.Getenv("VIVIDLY_PUBSUB_EMULATOR"); p != "" {
		return p
	}
	return "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator"
}
