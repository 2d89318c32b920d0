package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/vividly-edu/vividly/codec"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vividly-edu/vividly/cluster"
	"github.com/vividly-edu/vividly/pubsub"
	"github.com/vividly-edu/vividly/telemetry"
	"github.com/vividly-edu/vividly/workflows"
)

// clusterFlags say where the production topology keeps its state and how
// it is laid out.
type clusterFlags struct {
	dir             string
	postgresURL     string
	temporalDB      string
	visibilityDB    string
	server, sqlTool string
	ui              string
	emulator        string
	emulatorAddr    string
	workers         int
	opsPort         int
	pubsubProject   string
}

func (f *clusterFlags) bind(fs *pflag.FlagSet) {
	tool := func(name string) string { return filepath.Join(".tools", "bin", name) }
	fs.StringVar(&f.dir, "dir", env("VIVIDLY_CLUSTER_DIR", ""), "state directory: config, logs, pid files and the workers' data (default <data-dir>/cluster) [VIVIDLY_CLUSTER_DIR]")
	fs.StringVar(&f.postgresURL, "temporal-postgres-url", env("VIVIDLY_TEMPORAL_POSTGRES_URL", cluster.DefaultPostgresURL), "PostgreSQL server for Temporal's databases [VIVIDLY_TEMPORAL_POSTGRES_URL]")
	fs.StringVar(&f.temporalDB, "temporal-db", env("VIVIDLY_TEMPORAL_DB", cluster.DefaultDatabase), "Temporal's database, created if missing [VIVIDLY_TEMPORAL_DB]")
	fs.StringVar(&f.visibilityDB, "temporal-visibility-db", env("VIVIDLY_TEMPORAL_VISIBILITY_DB", cluster.DefaultVisibilityDatabase), "Temporal's visibility database, created if missing [VIVIDLY_TEMPORAL_VISIBILITY_DB]")
	fs.StringVar(&f.server, "temporal-server", env("VIVIDLY_TEMPORAL_SERVER", tool("temporal-server")), "the Temporal server binary (scripts/build-temporal-server) [VIVIDLY_TEMPORAL_SERVER]")
	fs.StringVar(&f.sqlTool, "temporal-sql-tool", env("VIVIDLY_TEMPORAL_SQL_TOOL", tool("temporal-sql-tool")), "Temporal's SQL schema tool [VIVIDLY_TEMPORAL_SQL_TOOL]")
	fs.StringVar(&f.ui, "temporal-ui", env("VIVIDLY_TEMPORAL_UI", tool("temporal-ui-server")), "the Temporal Web UI server [VIVIDLY_TEMPORAL_UI]")
	fs.StringVar(&f.emulator, "pubsub-emulator-binary", env("VIVIDLY_PUBSUB_EMULATOR", "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator"), "the official Pub/Sub emulator [VIVIDLY_PUBSUB_EMULATOR]")
	fs.StringVar(&f.emulatorAddr, "pubsub-emulator", envOrEmpty(pubsub.EmulatorHostEnv, pubsub.DefaultEmulatorAddr), "host:port the emulator listens on ["+pubsub.EmulatorHostEnv+"]")
	fs.StringVar(&f.pubsubProject, "pubsub-project", env("PUBSUB_PROJECT_ID", pubsub.DefaultProject), "project on the emulator [PUBSUB_PROJECT_ID]")
	fs.IntVar(&f.workers, "workers", 2, "workers to run, each with its own data directory")
	fs.IntVar(&f.opsPort, "ops-port", 9470, "the starter's /metrics and /health port; worker n uses this port + n")
}

// clusterState is what `up` started, kept in the state directory for
// `status` and for people.
type clusterState struct {
	Temporal  string            `json:"temporal"`
	Namespace string            `json:"namespace"`
	WebUI     string            `json:"web_ui"`
	PubSub    string            `json:"pubsub_emulator"`
	Health    map[string]string `json:"health"` // process name -> /health/ready URL
	Env       []string          `json:"env"`
	Processes []string          `json:"processes"`
}

const stateFile = "cluster.json"

// Names of the processes besides Temporal's.
const (
	codecName    = "codec-server"
	emulatorName = "pubsub-emulator"
	starterName  = "starter"
)

func workerName(n int) string { return fmt.Sprintf("worker-%d", n) }

func newClusterCmd(cfg *config) *cobra.Command {
	var f clusterFlags
	cmd := &cobra.Command{
		Use:   "cluster",
		Short: "Run the production topology on this machine: Temporal on PostgreSQL, its Web UI, workers, the starter and the Pub/Sub emulator",
		Long: `up starts, in the background, a Temporal server on PostgreSQL (databases created
and migrated if missing) with its namespace and Vividly's search attributes, the
Temporal Web UI, the official Pub/Sub emulator, --workers workers (each with its own
data directory) and the starter. Each writes a log in the state directory. down
stops them all; status shows what runs.

Temporal listens on the port of --temporal-address (its other services on the
ports above it, as Temporal lays them out) and the Web UI on --ui-port.`,
	}
	f.bind(cmd.PersistentFlags())
	cmd.AddCommand(
		&cobra.Command{Use: "up", Short: "Set up and start everything, detached", Args: cobra.NoArgs,
			RunE: func(c *cobra.Command, _ []string) error { return clusterUp(c.Context(), c.OutOrStdout(), cfg, &f) }},
		&cobra.Command{Use: "down", Short: "Stop everything `cluster up` started", Args: cobra.NoArgs,
			RunE: func(c *cobra.Command, _ []string) error { return clusterDown(c.OutOrStdout(), cfg, &f) }},
		&cobra.Command{Use: "status", Short: "Show what runs, where, and whether it is ready", Args: cobra.NoArgs,
			RunE: func(c *cobra.Command, _ []string) error { return clusterStatus(c.OutOrStdout(), cfg, &f) }},
		&cobra.Command{Use: "env", Short: "Print the export line that points vividly's commands at the running cluster (eval \"$(vividly cluster env)\")", Args: cobra.NoArgs,
			RunE: func(c *cobra.Command, _ []string) error { return clusterEnv(c.OutOrStdout(), cfg, &f) }},
	)
	return cmd
}

func (f *clusterFlags) stateDir(cfg *config) (string, error) {
	dir := f.dir
	if dir == "" {
		dir = filepath.Join(cfg.DataDir, "cluster")
	}
	return filepath.Abs(dir)
}

// names are every process of the topology, in the order they start.
func (f *clusterFlags) names() []string {
	names := []string{cluster.ServerName, cluster.UIName, emulatorName, codecName}
	for n := 1; n <= f.workers; n++ {
		names = append(names, workerName(n))
	}
	return append(names, starterName)
}

func clusterUp(ctx context.Context, out io.Writer, cfg *config, f *clusterFlags) (err error) {
	dir, err := f.stateDir(cfg)
	if err != nil {
		return err
	}
	if running := runningIn(dir, f.names()); len(running) > 0 {
		return fmt.Errorf("already running in %s: %s (`vividly cluster status`; `vividly cluster down` first)", dir, strings.Join(running, ", "))
	}
	host, portText, err := net.SplitHostPort(cfg.TemporalAddress)
	port, perr := strconv.Atoi(portText)
	if err != nil || perr != nil || (host != "127.0.0.1" && host != "localhost") {
		return fmt.Errorf("--temporal-address %q: the cluster listens on 127.0.0.1:<port>", cfg.TemporalAddress)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	for _, p := range []*string{&f.server, &f.sqlTool, &f.ui} {
		if *p, err = filepath.Abs(*p); err != nil {
			return err
		}
	}
	// Whatever fails part-way stops what was started, so a retry starts clean.
	defer func() {
		if err != nil {
			_ = stopAll(io.Discard, dir, f.names(), cfg.ShutdownGrace)
		}
	}()

	fmt.Fprintf(out, "Setting up Temporal on PostgreSQL (%s, %s) and starting it…\n", f.temporalDB, f.visibilityDB)
	tc, err := cluster.Start(ctx, cluster.Options{
		Dir: dir, PostgresURL: f.postgresURL, Database: f.temporalDB, VisibilityDatabase: f.visibilityDB,
		Ports: cluster.Ports{Frontend: port, UI: cfg.UIPort}, Namespace: cfg.Namespace,
		SearchAttributes: workflows.SearchAttributeTypes,
		Server:           f.server, SQLTool: f.sqlTool, UI: f.ui, LogLevel: "info", Detached: true,
		UICodecEndpoint: cfg.codecEndpoint(),
	})
	if err != nil {
		return err
	}
	st := clusterState{
		Temporal: tc.Address(), Namespace: cfg.Namespace, WebUI: tc.UIURL(), PubSub: f.emulatorAddr,
		Health: map[string]string{}, Processes: f.names(),
	}

	fmt.Fprintln(out, "Starting the Pub/Sub emulator…")
	if err := startEmulator(ctx, dir, f); err != nil {
		return err
	}

	// One key set for every process: what one encrypts, all decrypt.
	if _, _, err := codec.LoadFile(cfg.codecKeys(), true); err != nil {
		return err
	}
	keys, err := filepath.Abs(cfg.codecKeys())
	if err != nil {
		return err
	}
	// The environment of Vividly's processes, and of a user's commands.
	st.Env = []string{
		"VIVIDLY_CODEC_KEYS_FILE=" + keys,
		"TEMPORAL_ADDRESS=" + tc.Address(), "TEMPORAL_NAMESPACE=" + cfg.Namespace,
		"VIVIDLY_DATABASE_URL=" + cfg.DatabaseURL,
		// Finished lessons: the stand-in for a bucket, which every worker and
		// reader reaches. Work files stay in each worker's own data dir.
		"VIVIDLY_LESSONS_DIR=" + filepath.Join(dir, "lessons"),
		pubsub.EmulatorHostEnv + "=" + f.emulatorAddr, "PUBSUB_PROJECT_ID=" + f.pubsubProject,
	}
	start := func(name, sub, httpAddr string, extra ...string) error {
		env := append(append([]string{httpAddrEnv + "=" + httpAddr, "VIVIDLY_LOG_LEVEL=info"}, st.Env...), extra...)
		if _, err := cluster.StartProcess(cluster.Spec{Name: name, Path: self, Args: []string{sub}, Env: env, Dir: dir, Detached: true}); err != nil {
			return err
		}
		st.Health[name] = "http://" + httpAddr + telemetry.PathReady
		return nil
	}
	// The codec server, for the Web UI (started pointing at it) and the
	// Temporal CLI: operators read the encrypted payloads decoded.
	ui := strconv.Itoa(cfg.UIPort)
	if _, err := cluster.StartProcess(cluster.Spec{Name: codecName, Path: self, Args: []string{"codec-server"}, Dir: dir, Detached: true,
		Env: append([]string{"VIVIDLY_CODEC_ADDR=" + cfg.CodecAddr, "VIVIDLY_LOG_LEVEL=info",
			"VIVIDLY_UI_ORIGINS=http://localhost:" + ui + ",http://127.0.0.1:" + ui}, st.Env...)}); err != nil {
		return err
	}
	st.Health[codecName] = cfg.codecEndpoint() + "/health"
	fmt.Fprintf(out, "Starting %d workers and the starter…\n", f.workers)
	for n := 1; n <= f.workers; n++ {
		name := workerName(n)
		// A data directory of its own: no worker sees another's files.
		if err := start(name, "worker", net.JoinHostPort("127.0.0.1", strconv.Itoa(f.opsPort+n)), "VIVIDLY_DATA_DIR="+filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	if err := start(starterName, "starter", net.JoinHostPort("127.0.0.1", strconv.Itoa(f.opsPort)), "VIVIDLY_DATA_DIR="+filepath.Join(dir, starterName)); err != nil {
		return err
	}
	for _, name := range sortedNames(st.Health) {
		if err := waitReady(ctx, dir, name, st.Health[name]); err != nil {
			return err
		}
	}
	if err := writeState(dir, st); err != nil {
		return err
	}
	printState(out, dir, st)
	return nil
}

// startEmulator runs the official emulator and waits until it serves, with
// the bridge's topics and subscriptions made.
func startEmulator(ctx context.Context, dir string, f *clusterFlags) error {
	host, port, err := net.SplitHostPort(f.emulatorAddr)
	if err != nil {
		return fmt.Errorf("--pubsub-emulator %q: %w", f.emulatorAddr, err)
	}
	if listening(f.emulatorAddr) {
		return fmt.Errorf("something already listens on %s, the emulator's address (set --pubsub-emulator)", f.emulatorAddr)
	}
	p, err := cluster.StartProcess(cluster.Spec{Name: emulatorName, Path: f.emulator,
		Args: []string{"--host=" + host, "--port=" + port}, Dir: dir, Detached: true})
	if err != nil {
		return fmt.Errorf("start the Pub/Sub emulator: %w", err)
	}
	pf := pubsubFlags{project: f.pubsubProject, emulatorHost: f.emulatorAddr, names: pubsub.DefaultNames()}
	deadline := time.Now().Add(90 * time.Second)
	for {
		if listening(f.emulatorAddr) {
			cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			c, err := pf.connect(cctx)
			cancel()
			if err == nil {
				c.Close()
				return nil
			}
		}
		if !p.Running() || time.Now().After(deadline) {
			return fmt.Errorf("the Pub/Sub emulator did not start on %s; see %s", f.emulatorAddr, cluster.LogPath(dir, emulatorName))
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// waitReady waits until the process's /health/ready answers 200.
func waitReady(ctx context.Context, dir, name, url string) error {
	hc := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if ready(hc, url) {
			return nil
		}
		r, _, _ := cluster.Lookup(dir, name)
		if !r.Running {
			return fmt.Errorf("%s exited during start-up; see %s", name, cluster.LogPath(dir, name))
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("%s is not ready at %s; see %s", name, url, cluster.LogPath(dir, name))
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func ready(hc *http.Client, url string) bool {
	resp, err := hc.Get(url)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func writeState(dir string, st clusterState) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, stateFile), b, 0o600)
}

func readState(dir string) (clusterState, bool) {
	var st clusterState
	b, err := os.ReadFile(filepath.Join(dir, stateFile))
	if err != nil || json.Unmarshal(b, &st) != nil {
		return clusterState{}, false
	}
	return st, true
}

func printState(out io.Writer, dir string, st clusterState) {
	fmt.Fprintf(out, "\nVividly's cluster is running (state, logs: %s).\n", dir)
	fmt.Fprintf(out, "  Temporal:  %s (namespace %s), on PostgreSQL\n", st.Temporal, st.Namespace)
	fmt.Fprintf(out, "  Web UI:    %s\n", st.WebUI)
	fmt.Fprintf(out, "  Pub/Sub:   %s (emulator)\n", st.PubSub)
	for _, name := range sortedNames(st.Health) {
		fmt.Fprintf(out, "  %-10s %s\n", name+":", st.Health[name])
	}
	fmt.Fprintln(out, "\nPoint vividly's commands (submit, status, loadtest, publish) at it with:")
	fmt.Fprintf(out, "  %s\n", exportLine(st.Env))
	fmt.Fprintln(out, "Stop it with `vividly cluster down`.")
}

// sortedNames: starter, worker-1, worker-2, …
func sortedNames(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// runningIn names the processes recorded as running in dir.
func runningIn(dir string, names []string) []string {
	var running []string
	for _, name := range names {
		if r, ok, _ := cluster.Lookup(dir, name); ok && r.Running {
			running = append(running, name)
		}
	}
	return running
}

func clusterDown(out io.Writer, cfg *config, f *clusterFlags) error {
	dir, err := f.stateDir(cfg)
	if err != nil {
		return err
	}
	names := f.names()
	if st, ok := readState(dir); ok {
		names = st.Processes
	}
	return stopAll(out, dir, names, cfg.ShutdownGrace)
}

// stopAll stops the recorded processes in reverse order of start: the
// starter first, so nothing new arrives, Temporal last.
func stopAll(out io.Writer, dir string, names []string, workerGrace time.Duration) error {
	var errs []error
	stopped := 0
	for i := len(names) - 1; i >= 0; i-- {
		name := names[i]
		if name == cluster.ServerName || name == cluster.UIName {
			continue // cluster.StopDetached, below
		}
		// A worker lets activities in flight finish for its grace period.
		was, err := cluster.StopRecorded(dir, name, workerGrace+10*time.Second)
		if err != nil {
			errs = append(errs, err)
		}
		if was {
			fmt.Fprintf(out, "stopped %s\n", name)
			stopped++
		}
	}
	names, err := cluster.StopDetached(dir)
	if err != nil {
		errs = append(errs, err)
	}
	for _, name := range names {
		fmt.Fprintf(out, "stopped %s\n", name)
		stopped++
	}
	if stopped == 0 {
		fmt.Fprintf(out, "nothing was running in %s\n", dir)
	}
	_ = os.Remove(filepath.Join(dir, stateFile))
	return errors.Join(errs...)
}

func clusterStatus(out io.Writer, cfg *config, f *clusterFlags) error {
	dir, err := f.stateDir(cfg)
	if err != nil {
		return err
	}
	st, ok := readState(dir)
	names := f.names()
	if ok {
		names = st.Processes
	}
	hc := &http.Client{Timeout: 2 * time.Second}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PROCESS\tSTATE\tPID\tLOG")
	for _, name := range names {
		r, recorded, err := cluster.Lookup(dir, name)
		if err != nil {
			return err
		}
		state := "stopped"
		switch {
		case recorded && r.Running && st.Health[name] != "" && !ready(hc, st.Health[name]):
			state = "running, not ready"
		case recorded && r.Running:
			state = "running"
		case recorded:
			state = "exited"
		}
		pid := "-"
		if recorded && r.Running {
			pid = strconv.Itoa(r.Pid)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", name, state, pid, cluster.LogPath(dir, name))
	}
	tw.Flush()
	if ok {
		printState(out, dir, st)
	}
	return nil
}

func clusterEnv(out io.Writer, cfg *config, f *clusterFlags) error {
	dir, err := f.stateDir(cfg)
	if err != nil {
		return err
	}
	st, ok := readState(dir)
	if !ok {
		return fmt.Errorf("no cluster is running from %s (`vividly cluster up`)", dir)
	}
	fmt.Fprintln(out, exportLine(st.Env))
	return nil
}

// exportLine is a shell command that exports env (NAME=value items), each
// value single-quoted so that a URL's ? or & stays literal.
func exportLine(env []string) string {
	words := make([]string, len(env))
	for i, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		words[i] = name + "='" + strings.ReplaceAll(value, "'", `'\''`) + "'"
	}
	return "export " + strings.Join(words, " ")
}
