package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vividly-edu/vividly/pubsub"
	"github.com/vividly-edu/vividly/starter"
)

// starterBenchRequests is how many lessons each side starts; the starter's
// are timed in two halves, each from its first publish to its last start.
// A rate is what a side keeps up, and what it pays once at a half's start
// (the first message's way through Pub/Sub) counts for less in a longer
// run: with 300 a half lasted about 0.4 s and starter/direct printed
// 0.72-0.80, with 1,000 0.79-0.96 in nine runs on the same machine (on
// the in-process server and the emulator alike).
const starterBenchRequests = "1000"

// BenchmarkStarter runs `vividly loadtest --starts-only` through a `vividly
// starter` on the in-process Pub/Sub server and on the official emulator,
// and prints the starter's rate, the rate of the same starts made directly
// through the Temporal client in the same run, and their ratio. No worker
// runs: both rates are measured before any lesson is processed, and the load
// test terminates what it started. It prints figures and never fails on speed.
func BenchmarkStarter(b *testing.B) {
	servers := []struct {
		name  string
		start func(b *testing.B) string
	}{
		{"in-process", func(b *testing.B) string {
			srv, err := pubsub.StartInProcess(context.Background(), "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { srv.Close() })
			return srv.Addr
		}},
		{"official-emulator", startOfficialEmulator},
	}
	for _, server := range servers {
		b.Run(server.name, func(b *testing.B) {
			for range b.N {
				s := newSystem(b)
				s.extra = append(s.extra, pubsub.EmulatorHostEnv+"="+server.start(b))
				st := s.startCommand("starter")
				waitForLog(b, st, "Starter receiving", time.Minute)

				// As many publishes in flight as the starter holds messages
				// and the direct side makes calls (64): each publisher waits
				// for its message's ack, and with 10 of them the emulator's
				// acks set part of the pace (starter/direct 0.68-0.79 in three
				// runs, 0.81-0.88 with 64).
				rep := loadtestRun(b, s, "--starts-only", "-n", starterBenchRequests, "--invalid-ratio", "0", "--duplicates", "0",
					"-c", strconv.Itoa(starter.DefaultMaxOutstandingMessages), "--timeout", "2m")
				if !rep.Pass {
					b.Fatalf("load test failed: %v", rep.Problems)
				}
				fmt.Printf("starter benchmark (%s): starter %.1f starts/s, direct %.1f starts/s, starter/direct %.2f (%d lessons each way, %d in flight, no worker)\n",
					server.name, rep.Starter, rep.Baseline.Rate, rep.Ratio, rep.Started, rep.Baseline.Concurrency)
				b.ReportMetric(rep.Starter, "starter/s")
				b.ReportMetric(rep.Baseline.Rate, "direct/s")
				b.ReportMetric(rep.Ratio, "starter/direct")
			}
		})
	}
}

// waitForLog waits until the process's log holds want.
func waitForLog(b testing.TB, w *worker, want string, within time.Duration) {
	b.Helper()
	deadline := time.Now().Add(within)
	for {
		log, _ := os.ReadFile(w.log.Name())
		if strings.Contains(string(log), want) {
			return
		}
		if time.Now().After(deadline) {
			b.Fatalf("%q not in the log after %s:\n%s", want, within, tail(log, 2000))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// startOfficialEmulator runs the official Pub/Sub emulator on a free port
// until the benchmark ends, and returns its address once it answers.
func startOfficialEmulator(b *testing.B) string {
	addr := "127.0.0.1:" + strconv.Itoa(freePort())
	_, port, _ := net.SplitHostPort(addr)
	started := make(chan *exec.Cmd, 1)
	exited := make(chan error, 1)
	// The emulator is started from a thread kept for it, so that Pdeathsig
	// (sent when that thread ends) kills it with the test binary.
	go func() {
		runtime.LockOSThread()
		cmd := exec.Command(emulatorBinary(), "--host=127.0.0.1", "--port="+port)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
		if err := cmd.Start(); err != nil {
			started <- nil
			exited <- err
			return
		}
		started <- cmd
		exited <- cmd.Wait()
	}()
	cmd := <-started
	if cmd == nil {
		b.Fatalf("official Pub/Sub emulator: %v", <-exited)
	}
	b.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // the script execs java in its group
		<-exited
	})
	deadline := time.Now().Add(45 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		c, err := pubsub.Connect(ctx, pubsub.Options{EmulatorHost: addr})
		if err == nil {
			err = pubsub.Ensure(ctx, c, pubsub.DefaultNames().WithSuffix("-ready"))
			c.Close()
		}
		cancel()
		if err == nil {
			return addr
		}
		if time.Now().After(deadline) {
			b.Fatalf("official Pub/Sub emulator not ready at %s after 45s: %v", addr, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestLoadtestComparesLikeWithLike runs the full load test through a starter
// on the in-process server with a worker: every request is accounted for, and
// the baseline starts as many lessons as there are valid requests, with the
// starter's concurrency, and the worker runs them to the end like the rest.
func TestLoadtestComparesLikeWithLike(t *testing.T) {
	srv, err := pubsub.StartInProcess(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	s := newSystem(t)
	s.extra = append(s.extra, pubsub.EmulatorHostEnv+"="+srv.Addr, "VIVIDLY_STARTER_MAX_OUTSTANDING=16")
	s.startWorker()
	waitForLog(t, s.startCommand("starter"), "Starter receiving", time.Minute)
	rep := loadtestRun(t, s, "-n", "20", "-c", "4", "--timeout", "3m")
	bl := rep.Baseline
	if !rep.Pass || rep.Started != rep.Valid || bl.Started != rep.Valid || bl.Settled != rep.Valid || bl.Concurrency != 16 {
		t.Fatalf("pass %v %v; %d valid, %d started; baseline %+v", rep.Pass, rep.Problems, rep.Valid, rep.Started, bl)
	}
	if rep.Starter <= 0 || bl.Rate <= 0 || rep.Ratio <= 0 {
		t.Fatalf("rates: starter %v, direct %v, ratio %v", rep.Starter, bl.Rate, rep.Ratio)
	}
	t.Logf("with the worker running: starter %.1f starts/s, direct %.1f starts/s, ratio %.2f", rep.Starter, bl.Rate, rep.Ratio)
}

// loadtestReport is what the tests read of `vividly loadtest --json`.
type loadtestReport struct {
	Pass     bool     `json:"pass"`
	Problems []string `json:"problems"`
	Valid    int      `json:"valid_requests"`
	Started  int      `json:"started"`
	Starter  float64  `json:"starter_requests_per_second"`
	Ratio    float64  `json:"starter_to_direct_ratio"`
	Baseline struct {
		Started     int     `json:"started"`
		Settled     int     `json:"settled"`
		Concurrency int     `json:"concurrency"`
		Rate        float64 `json:"starts_per_second"`
	} `json:"baseline"`
}

// loadtestRun runs `vividly loadtest --json` with args and reads its report.
func loadtestRun(t testing.TB, s *system, args ...string) loadtestReport {
	t.Helper()
	out := s.vividly(append([]string{"loadtest", "--json"}, args...)...)
	var rep loadtestReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("load test report: %v\n%s", err, out)
	}
	return rep
}
