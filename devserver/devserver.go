// Package devserver runs the Temporal dev server (the pinned Temporal CLI binary)
// with Vividly's search attributes and a SQLite file under the data directory,
// and connects clients to it.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
)

// Options say how to run the dev server.
type Options struct {
	Binary    string // the Temporal CLI
	Dir       string // holds dev.db, dev.log and dev.pid
	IP        string // default 127.0.0.1
	Port      int    // gRPC; default 7233
	UIPort    int    // Web UI; default Port+1000
	Namespace string // default "default"
	// SearchAttributes maps names to CLI type names (Keyword, Int, Bool, …).
	SearchAttributes map[string]string
	// Detached leaves the server running after this process exits, so its Web UI
	// stays open; otherwise it stops with ctx.
	Detached bool
	// UICodecEndpoint is the codec server the Web UI decodes payloads with.
	UICodecEndpoint string
}

func (o *Options) defaults() {
	if o.IP == "" {
		o.IP = "127.0.0.1"
	}
	if o.Port == 0 {
		o.Port = 7233
	}
	if o.UIPort == 0 {
		o.UIPort = o.Port + 1000
	}
	if o.Namespace == "" {
		o.Namespace = "default"
	}
}

// Address is the gRPC address clients dial.
func (o Options) Address() string { return net.JoinHostPort(o.IP, strconv.Itoa(o.Port)) }

// UIURL is where the Web UI is served.
func (o Options) UIURL() string { return fmt.Sprintf("http://localhost:%d", o.UIPort) }

// Server is a dev server this process started.
type Server struct {
	cmd  *exec.Cmd
	opts Options
	done chan struct{}
}

// Start runs the dev server and waits until it answers. The caller must Stop a
// non-detached server.
func Start(ctx context.Context, o Options) (*Server, error) {
	o.defaults()
	if o.Binary == "" {
		return nil, errors.New("devserver: no Temporal CLI binary given")
	}
	if _, err := os.Stat(o.Binary); err != nil {
		return nil, fmt.Errorf("devserver: Temporal CLI not found at %s (build it with scripts/build-temporal): %w", o.Binary, err)
	}
	// Its database holds every lesson's history: the owner's alone.
	if err := os.MkdirAll(o.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("devserver: %w", err)
	}
	if err := os.Chmod(o.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("devserver: %w", err)
	}
	args := []string{"server", "start-dev",
		"--db-filename", filepath.Join(o.Dir, "dev.db"),
		"--ip", o.IP, "--port", strconv.Itoa(o.Port), "--ui-port", strconv.Itoa(o.UIPort),
		"--namespace", o.Namespace, "--log-level", "warn",
	}
	// The same limits as the cluster's dynamic config (cluster/dynamicconfig):
	// each history shard reads its transfer and visibility queues at most 20
	// times a second by default, so every task of a lesson, which come back to
	// back, would wait for the next 50 ms tick.
	for _, v := range devDynamicConfig {
		args = append(args, "--dynamic-config-value", v)
	}
	for _, p := range devSQLitePragmas {
		args = append(args, "--sqlite-pragma", p)
	}
	if o.UICodecEndpoint != "" {
		args = append(args, "--ui-codec-endpoint", o.UICodecEndpoint)
	}
	names := make([]string, 0, len(o.SearchAttributes))
	for n := range o.SearchAttributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		args = append(args, "--search-attribute", n+"="+o.SearchAttributes[n])
	}
	logf, err := os.OpenFile(filepath.Join(o.Dir, "dev.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return nil, fmt.Errorf("devserver: %w", err)
	}
	defer logf.Close()

	cmd := exec.Command(o.Binary, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	// Its own process group: a Ctrl-C meant for us is handled by us, and a detached
	// server outlives us.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("devserver: start %s: %w", o.Binary, err)
	}
	s := &Server{cmd: cmd, opts: o, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.done) }()
	if o.Detached {
		_ = os.WriteFile(filepath.Join(o.Dir, "dev.pid"), []byte(strconv.Itoa(cmd.Process.Pid)), 0o640)
	}

	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for !Reachable(wctx, o.Address()) {
		select {
		case <-s.done:
			return nil, fmt.Errorf("devserver: exited at start; see %s", filepath.Join(o.Dir, "dev.log"))
		case <-wctx.Done():
			s.Stop()
			return nil, fmt.Errorf("devserver: not answering on %s after 60s; see %s", o.Address(), filepath.Join(o.Dir, "dev.log"))
		case <-time.After(200 * time.Millisecond):
		}
	}
	return s, nil
}

// Stop ends a server this process started and waits for it to exit.
func (s *Server) Stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
	_ = os.Remove(filepath.Join(s.opts.Dir, "dev.pid"))
}

// Kill ends the server at once, as a crash would, and waits for it to exit:
// for fault tests. Its database file is kept, so Start with the same Options
// brings back every workflow.
func (s *Server) Kill() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL) // its process group
	<-s.done
}

// StopDetached ends a detached server recorded in dir, if any; it reports whether
// one was stopped.
func StopDetached(dir string) (bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, "dev.pid"))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return false, fmt.Errorf("devserver: bad pid file: %w", err)
	}
	_ = os.Remove(filepath.Join(dir, "dev.pid"))
	p, err := os.FindProcess(pid)
	if err != nil {
		return false, nil
	}
	if err := p.Signal(syscall.SIGTERM); err != nil {
		return false, nil // already gone
	}
	for i := 0; i < 100; i++ {
		if p.Signal(syscall.Signal(0)) != nil {
			return true, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	_ = p.Kill()
	return true, nil
}

// Reachable reports whether a Temporal frontend answers a health check at address.
func Reachable(ctx context.Context, address string) bool {
	return ReachableWith(ctx, client.Options{HostPort: address})
}

// ReachableWith is Reachable for a server reached with opts (its address
// and connection options, such as TLS).
func ReachableWith(ctx context.Context, opts client.Options) bool {
	cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	opts.Logger = quiet()
	c, err := client.DialContext(cctx, opts)
	if err != nil {
		return false
	}
	defer c.Close()
	_, err = c.CheckHealth(cctx, &client.CheckHealthRequest{})
	return err == nil
}

// Dial connects to Temporal, retrying for up to a minute: a dev server that just
// restarted on its SQLite file can refuse work for a moment ("Not enough hosts").
func Dial(ctx context.Context, opts client.Options) (client.Client, error) {
	deadline := time.Now().Add(time.Minute)
	for {
		c, err := client.DialContext(ctx, opts)
		if err == nil {
			if _, err = c.CheckHealth(ctx, &client.CheckHealthRequest{}); err == nil {
				return c, nil
			}
			c.Close()
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("connect to Temporal at %s: %w", opts.HostPort, err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// EnsureSearchAttributes registers any of attrs (name → CLI type name) the
// namespace lacks, so a server started without them still accepts Vividly's
// workflows. It is what `vividly search-attributes` runs against a real cluster.
func EnsureSearchAttributes(ctx context.Context, c client.Client, namespace string, attrs map[string]string) error {
	op := c.OperatorService()
	have, err := op.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list search attributes: %w", err)
	}
	missing := map[string]enums.IndexedValueType{}
	for name, typ := range attrs {
		if _, ok := have.GetCustomAttributes()[name]; ok {
			continue
		}
		v, ok := enums.IndexedValueType_shorthandValue[typ]
		if !ok {
			return fmt.Errorf("search attribute %s: unknown type %q", name, typ)
		}
		missing[name] = enums.IndexedValueType(v)
	}
	if len(missing) == 0 {
		return nil
	}
	if _, err := op.AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: namespace, SearchAttributes: missing,
	}); err != nil {
		return fmt.Errorf("add search attributes: %w", err)
	}
	return nil
}

// quiet is a logger for probes, whose failures are expected.
func quiet() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError + 4})))
}

// Attached reports whether the server stops with this process.
func (s *Server) Attached() bool { return s != nil && !s.opts.Detached }

// Options returns the options the server runs with.
func (s *Server) Options() Options { return s.opts }

// devSQLitePragmas set how the dev server's SQLite file commits. By default
// (a rollback journal, synchronous=FULL) every commit waits for two or more
// fsyncs, and a lesson makes a dozen commits. With a write-ahead log and
// synchronous=NORMAL a commit is an append, synced at checkpoints: a dev
// server that crashes or is killed loses nothing, and the file is never
// corrupted; only a power loss or a crash of the machine itself can take the
// last commits back. In a burst of 12 video lessons the server used 40% less
// CPU (WAL with synchronous=FULL: 27% less).
var devSQLitePragmas = []string{"journal_mode=wal", "synchronous=normal"}

// devDynamicConfig is the dev server's dynamic config, as key=JSON value.
var devDynamicConfig = []string{
	"history.transferProcessorMaxPollRPS=1000",
	"history.visibilityProcessorMaxPollRPS=1000",
	"history.timerProcessorMaxPollRPS=1000",
	"frontend.namespaceRPS.visibility=100",
}
