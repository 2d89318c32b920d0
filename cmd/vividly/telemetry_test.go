package main

import (
	"context"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func TestHTTPAddrDefaultsPerCommand(t *testing.T) {
	for _, tc := range []struct {
		name          string
		env           *string
		args          []string
		worker, start string
	}{
		{name: "defaults", worker: defaultHTTPAddr, start: defaultStarterHTTPAddr},
		{name: "flag", args: []string{"--http-addr", "127.0.0.1:9999"}, worker: "127.0.0.1:9999", start: "127.0.0.1:9999"},
		{name: "flag empty disables", args: []string{"--http-addr", ""}},
		{name: "env", env: setTo("0.0.0.0:9100"), worker: "0.0.0.0:9100", start: "0.0.0.0:9100"},
		{name: "env empty disables", env: setTo("")},
		{name: "flag beats env", env: setTo("0.0.0.0:9100"), args: []string{"--http-addr=127.0.0.1:1"}, worker: "127.0.0.1:1", start: "127.0.0.1:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.env != nil {
				t.Setenv(httpAddrEnv, *tc.env)
			}
			var cfg config
			fs := pflag.NewFlagSet("vividly", pflag.ContinueOnError)
			cfg.bind(fs)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			if got := cfg.httpAddr(fs, defaultHTTPAddr); got != tc.worker {
				t.Errorf("worker/dev address = %q, want %q", got, tc.worker)
			}
			if got := cfg.httpAddr(fs, defaultStarterHTTPAddr); got != tc.start {
				t.Errorf("starter address = %q, want %q", got, tc.start)
			}
		})
	}
}

func TestHTTPAddrGivenToASubcommand(t *testing.T) {
	root := newRootCmd()
	sub, _, err := root.Find([]string{"starter"})
	if err != nil {
		t.Fatal(err)
	}
	if err := sub.ParseFlags([]string{"--http-addr", "127.0.0.1:1"}); err != nil {
		t.Fatal(err)
	}
	if !sub.Flags().Changed(httpAddrFlag) {
		t.Error("--http-addr given to the starter is not seen as given")
	}
}

func TestShutdownGrace(t *testing.T) {
	var cfg config
	fs := pflag.NewFlagSet("vividly", pflag.ContinueOnError)
	cfg.bind(fs)
	if cfg.ShutdownGrace != 30*time.Second {
		t.Errorf("default grace %s, want 30s", cfg.ShutdownGrace)
	}
	t.Setenv("VIVIDLY_SHUTDOWN_GRACE", "5s")
	cfg.bind(pflag.NewFlagSet("vividly", pflag.ContinueOnError))
	if cfg.ShutdownGrace != 5*time.Second {
		t.Errorf("grace from the environment %s, want 5s", cfg.ShutdownGrace)
	}
}

func TestInterruptedReadinessFirst(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	firstCalled := make(chan struct{})
	ch := interrupted(ctx, func() { close(firstCalled) })
	select {
	case <-ch:
		t.Fatal("closed before the context was done")
	case <-time.After(10 * time.Millisecond):
	}
	cancel()
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Fatal("not closed after the context was done")
	}
	select {
	case <-firstCalled:
	default:
		t.Error("closed before first ran")
	}
}

func setTo(s string) *string { return &s }
