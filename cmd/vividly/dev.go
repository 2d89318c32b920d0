package main

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/spf13/cobra"
	"github.com/vividly-edu/vividly/devserver"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/pubsub"
	"github.com/vividly-edu/vividly/starter"
	"github.com/vividly-edu/vividly/telemetry"
	"github.com/vividly-edu/vividly/workflows"
	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
)

func newDevCmd(cfg *config) *cobra.Command {
	var pf pubsubFlags
	var sf serveFlags
	cmd := &cobra.Command{
		Use:   "dev",
		Short: "Run the whole system locally until interrupted: dev server, worker, Pub/Sub and starter",
		Long: `Runs a Temporal dev server (unless one already answers), with its Web UI and
Vividly's search attributes; a worker; an in-process Pub/Sub server on the emulator
port (unless an emulator already answers there, such as the official one); and the
starter that turns request messages into workflows; and the students' page and
REST API (as 'vividly serve'). Runs until Ctrl-C. Submit
questions from another terminal with 'vividly submit' or 'vividly publish'.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, startAttached)
			if err != nil {
				return err
			}
			defer a.Close()
			ops, err := a.serveOps(cfg.httpAddr(cmd.Flags(), defaultHTTPAddr))
			if err != nil {
				return err
			}
			defer ops.Close() // after the worker has drained: probes and scrapes answer until then
			codecSrv, err := a.serveCodec()
			if err != nil {
				return err
			}
			defer codecSrv.Close()
			w, err := a.newWorker()
			if err != nil {
				return err
			}
			if err := w.Start(); err != nil {
				return fmt.Errorf("start worker: %w", err)
			}
			defer w.Stop()

			pubsubNote := "an emulator already running there"
			if pf.emulatorHost != "" && !listening(pf.emulatorHost) {
				srv, err := pubsub.StartInProcess(ctx, pf.emulatorHost)
				if err != nil {
					return err
				}
				defer srv.Close()
				pubsubNote = "in-process server"
			}
			c, err := pf.connect(ctx)
			if err != nil {
				return err
			}
			defer c.Close()
			bridge, err := a.newBridge(c, pf, receiveFlags{streams: starter.DefaultStreams, maxOutstanding: starter.DefaultMaxOutstandingMessages})
			if err != nil {
				return err
			}
			page, err := a.serveAPI(ctx, sf)
			if err != nil {
				return err
			}
			defer page.Close()
			// The bridge drains its messages in hand before the worker stops.
			bridged := make(chan error, 1)
			go func() { bridged <- bridge.Run(ctx) }()

			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Vividly is running.\n  Temporal:  %s (namespace %s)\n  Web UI:    http://localhost:%d (payloads decoded by the codec server at %s)\n  Pub/Sub:   %s (%s), topic %s\n  Lessons:   %s\n",
				cfg.TemporalAddress, cfg.Namespace, cfg.UIPort, cfg.codecEndpoint(), pf.emulatorHost, pubsubNote, pf.names.RequestsTopic, cfg.lessonsDir())
			fmt.Fprintf(out, "  Students:  %s (API: %s/openapi.json; a token: vividly token create --student <name>)\n", page.url, page.url)
			if ops != nil {
				fmt.Fprintf(out, "  Metrics:   http://%s%s (health: %s, %s)\n", ops.Addr(), telemetry.PathMetrics, telemetry.PathHealth, telemetry.PathReady)
			}
			fmt.Fprintln(out, "Submit a question from another terminal: vividly submit \"How do volcanoes work?\" --grade 6 --wait")
			fmt.Fprintln(out, "Ctrl-C stops everything.")
			<-ctx.Done()
			ops.Stopping()
			fmt.Fprintf(out, "stopping: activities in flight get up to %s to finish\n", cfg.ShutdownGrace)
			return <-bridged
		},
	}
	pf.bind(cmd.Flags())
	sf.bind(cmd.Flags())
	return cmd
}

// listening reports whether something accepts connections at addr.
func listening(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

func newWorkerCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "worker",
		Short: "Run a worker for Vividly's workflows and activities (scale out by running more)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, err := connectWorker(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			w, err := a.newWorker()
			if err != nil {
				return err
			}
			ops, err := a.serveOps(cfg.httpAddr(cmd.Flags(), defaultHTTPAddr))
			if err != nil {
				return err
			}
			defer ops.Close() // after Run: probes and scrapes answer while the worker drains
			a.log.Info("worker starting", "task_queue", workflows.TaskQueue, "temporal", cfg.TemporalAddress,
				"http_addr", ops.Addr(), "shutdown_grace", cfg.ShutdownGrace.String())
			// SIGINT or SIGTERM: readiness turns 503, polling stops, and activities
			// in flight get up to --shutdown-grace to finish (WorkerStopTimeout).
			err = w.Run(interrupted(ctx, func() {
				ops.Stopping()
				a.log.Info("worker stopping: no new tasks; activities in flight may finish", "shutdown_grace", cfg.ShutdownGrace.String())
			}))
			if err != nil {
				return err
			}
			a.log.Info("worker stopped")
			return nil
		},
	}
}

func newStopCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "stop",
		Short: "Stop a dev server that `vividly demo` left running",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			stopped, err := devserver.StopDetached(cfg.temporalDir())
			if err != nil {
				return err
			}
			if stopped {
				fmt.Fprintln(cmd.OutOrStdout(), "Temporal dev server stopped")
			} else {
				fmt.Fprintln(cmd.OutOrStdout(), "no dev server started by vividly demo is running")
			}
			return nil
		},
	}
}

func newSearchAttributesCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "search-attributes",
		Short: "Register Vividly's search attributes on a Temporal cluster (the dev server gets them at start)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			c, err := devserver.Dial(ctx, client.Options{HostPort: cfg.TemporalAddress, Namespace: cfg.Namespace,
				Logger: tlog.NewStructuredLogger(cfg.logger())})
			if err != nil {
				return err
			}
			defer c.Close()
			if err := devserver.EnsureSearchAttributes(ctx, c, cfg.Namespace, workflows.SearchAttributeTypes); err != nil {
				return err
			}
			for name, typ := range workflows.SearchAttributeTypes {
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t%s\n", name, typ)
			}
			return nil
		},
	}
}

func openStore(ctx context.Context, cfg *config) (*postgres.DB, error) {
	db, err := postgres.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	return db, nil
}
