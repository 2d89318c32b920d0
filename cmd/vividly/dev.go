package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vividly-edu/vividly/devserver"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/workflows"
	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
)

func newDevCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "dev",
		Short: "Run the whole system locally until interrupted: dev server and worker",
		Long: `Runs a Temporal dev server (unless one already answers), with its Web UI and
Vividly's search attributes, and a worker, until Ctrl-C. Submit questions from another
terminal with 'vividly submit'.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, startAttached)
			if err != nil {
				return err
			}
			defer a.Close()
			w, err := a.newWorker()
			if err != nil {
				return err
			}
			if err := w.Start(); err != nil {
				return fmt.Errorf("start worker: %w", err)
			}
			defer w.Stop()
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Vividly is running.\n  Temporal:  %s (namespace %s)\n  Web UI:    http://localhost:%d\n  Lessons:   %s\n",
				cfg.TemporalAddress, cfg.Namespace, cfg.UIPort, cfg.lessonsDir())
			fmt.Fprintln(out, "Submit a question from another terminal: vividly submit \"How do volcanoes work?\" --grade 6 --wait")
			fmt.Fprintln(out, "Ctrl-C stops everything.")
			<-ctx.Done()
			fmt.Fprintln(out, "stopping")
			return nil
		},
	}
}

func newWorkerCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "worker",
		Short: "Run a worker for Vividly's workflows and activities (scale out by running more)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			w, err := a.newWorker()
			if err != nil {
				return err
			}
			a.log.Info("worker starting", "task_queue", workflows.TaskQueue, "temporal", cfg.TemporalAddress)
			return w.Run(worker.InterruptCh())
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
