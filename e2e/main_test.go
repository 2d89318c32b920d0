// Package e2e runs Vividly as a user would: the vividly binary, the real Temporal
// dev server (the pinned CLI), real PostgreSQL, espeak-ng and ffmpeg.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/codec"
	"github.com/vividly-edu/vividly/devserver"
	"github.com/vividly-edu/vividly/postgres/pgtest"
	"github.com/vividly-edu/vividly/workflows"
)

var (
	vividlyBin  string // the CLI under test, built by TestMain
	temporalBin string // the pinned Temporal CLI
	temporalAt  string // the dev server's address
	temporalDir string // the dev server's folder (dev.db, dev.log)
	webUI       string // the dev server's Web UI
	codecKeys   string // the payload keys every system shares
	codecAt     string // the codec server the Web UI decodes with
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	temporalBin = os.Getenv("VIVIDLY_TEMPORAL_CLI")
	if temporalBin == "" {
		temporalBin = filepath.Join("..", ".tools", "bin", "temporal")
	}
	if abs, err := filepath.Abs(temporalBin); err == nil {
		temporalBin = abs
	}
	if _, err := os.Stat(temporalBin); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: the pinned Temporal CLI is missing at %s: run scripts/setup (or set VIVIDLY_TEMPORAL_CLI)\n", temporalBin)
		return 1
	}
	dir, err := os.MkdirTemp("", "vividly-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)

	vividlyBin = filepath.Join(dir, "vividly")
	build := exec.Command("go", "build", "-o", vividlyBin, "../cmd/vividly")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build vividly:", err)
		return 1
	}

	port, uiPort := freePort(), freePort()
	codecKeys = filepath.Join(dir, "codec.keys")
	keys, _, err := codec.LoadFile(codecKeys, true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	codecSrv := httptest.NewServer(codec.Handler(codec.New(keys), codec.ServerOptions{
		Origins: []string{fmt.Sprintf("http://localhost:%d", uiPort), fmt.Sprintf("http://127.0.0.1:%d", uiPort)}}))
	defer codecSrv.Close()
	codecAt = codecSrv.URL
	srv, err := devserver.Start(context.Background(), devserver.Options{
		Binary: temporalBin, Dir: filepath.Join(dir, "temporal"), Port: port, UIPort: uiPort,
		SearchAttributes: workflows.SearchAttributeTypes, UICodecEndpoint: codecAt,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer srv.Stop()
	temporalAt = srv.Options().Address()
	temporalDir = srv.Options().Dir
	webUI = srv.Options().UIURL()
	return m.Run()
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// system is one Vividly installation for a test: its own database and data dir,
// sharing the dev server unless temporal names another server.
type system struct {
	t        testing.TB
	dbURL    string
	dataDir  string
	temporal string   // the Temporal server's address
	extra    []string // extra environment
	// ownDisks gives each worker a data dir of its own, as separate hosts
	// have, with finished lessons in a store they all reach.
	ownDisks bool
	workers  int
	// cache lets workers give a lesson made before again. Off by default:
	// most tests repeat questions and must see every lesson made.
	cache bool
	// audioMemo lets workers reuse the encoded narration of segments that
	// videos share. Off by default, so every video is encoded whole.
	audioMemo bool
}

func newSystem(t testing.TB) *system {
	return &system{t: t, dbURL: pgtest.NewDatabase(t), dataDir: t.TempDir(), temporal: temporalAt}
}

// store is where finished lessons go when workers have disks of their own.
func (s *system) store() string { return filepath.Join(s.dataDir, "store") }

func (s *system) env() []string {
	e := append(os.Environ(),
		"TEMPORAL_ADDRESS="+s.temporal,
		"VIVIDLY_DATABASE_URL="+s.dbURL,
		"VIVIDLY_DATA_DIR="+s.dataDir,
		"VIVIDLY_TEMPORAL_CLI="+temporalBin,
		"VIVIDLY_CODEC_KEYS_FILE="+codecKeys,
		// Any free port for /metrics and /health: tests run several workers at once.
		"VIVIDLY_HTTP_ADDR=127.0.0.1:0",
	)
	if s.ownDisks {
		e = append(e, "VIVIDLY_LESSONS_DIR="+s.store())
	}
	if !s.cache {
		e = append(e, "VIVIDLY_NO_CACHE=true")
	}
	if !s.audioMemo {
		e = append(e, "VIVIDLY_AUDIO_MEMO_MB=0")
	}
	return e
}

// vividly runs the CLI and returns its standard output; a non-zero exit fails the test.
func (s *system) vividly(args ...string) []byte {
	s.t.Helper()
	return s.vividlyExit(0, args...)
}

// vividlyExit runs the CLI, requires the exit code and returns standard output.
func (s *system) vividlyExit(code int, args ...string) []byte {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, vividlyBin, args...)
	cmd.Env = append(s.env(), s.extra...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	got := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		s.t.Fatalf("vividly %v: %v\nstderr:\n%s", args, err, stderr.String())
	}
	if got != code {
		s.t.Fatalf("vividly %v exited %d, want %d\nstderr:\n%s\nstdout:\n%s", args, got, code, stderr.String(), out)
	}
	return out
}

// view is the JSON the CLI prints.
type view struct {
	RequestID           string          `json:"request_id"`
	Status              vividly.Status  `json:"status"`
	Stage               vividly.Status  `json:"stage"`
	Progress            int             `json:"progress"`
	ClarifyingQuestions []string        `json:"clarifying_questions"`
	Result              *vividly.Result `json:"result"`
	Error               string          `json:"error"`
}

func (s *system) status(id string) view {
	s.t.Helper()
	return decode(s.t, s.vividly("status", id, "--json"))
}

// waitFor polls the request's status until ok says so.
func (s *system) waitFor(id string, within time.Duration, ok func(view) bool) view {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for {
		out := s.tryStatus(id)
		if out != nil && ok(*out) {
			return *out
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("request %s: condition not reached within %s; last status %+v", id, within, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// tryStatus is status that tolerates a request not recorded yet.
func (s *system) tryStatus(id string) *view {
	cmd := exec.Command(vividlyBin, "status", id, "--json")
	cmd.Env = s.env()
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	v := decode(s.t, out)
	return &v
}

func decode(t testing.TB, b []byte) view {
	t.Helper()
	var v view
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not the JSON view: %v\n%s", err, b)
	}
	return v
}

// worker is a `vividly worker` (or other long-running command) process.
type worker struct {
	cmd *exec.Cmd
	log *os.File
}

func (s *system) startWorker() *worker {
	s.t.Helper()
	return s.startWorkerWith()
}

// startWorkerWith starts a worker with more environment, after s.extra (a
// later value of the same variable wins).
func (s *system) startWorkerWith(env ...string) *worker {
	s.t.Helper()
	s.workers++
	if s.ownDisks {
		// A new host: a fresh disk, whatever the one it replaces left behind.
		env = append([]string{"VIVIDLY_DATA_DIR=" + filepath.Join(s.dataDir, "hosts", strconv.Itoa(s.workers))}, env...)
	}
	return s.startCommand("worker", env...)
}

// startCommand starts `vividly <name> --log-level info` in the background
// with more environment, logging to a file of the data dir; the test's end
// stops it.
func (s *system) startCommand(name string, env ...string) *worker {
	s.t.Helper()
	logf, err := os.CreateTemp(s.dataDir, name+"-*.log")
	if err != nil {
		s.t.Fatal(err)
	}
	cmd := exec.Command(vividlyBin, name, "--log-level", "info")
	cmd.Env = append(append(s.env(), s.extra...), env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	w := &worker{cmd: cmd, log: logf}
	s.t.Cleanup(func() {
		w.stop()
		if s.t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			s.t.Logf("%s log %s:\n%s", name, strconv.Itoa(cmd.Process.Pid), tail(b, 4000))
		}
	})
	return w
}

func (w *worker) stop() {
	if w.cmd.ProcessState == nil {
		_ = w.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = w.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = w.cmd.Process.Kill()
			<-done
		}
	}
}

func (w *worker) kill() {
	_ = w.cmd.Process.Kill()
	_ = w.cmd.Wait()
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
