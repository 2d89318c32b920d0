package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/vividly-edu/vividly/codec"
	"github.com/vividly-edu/vividly/workflows"
)

func newRetryCmd(cfg *config) *cobra.Command {
	var wait, jsonOut bool
	cmd := &cobra.Command{
		Use:   "retry <request-id>",
		Short: "Start a failed, cancelled or timed-out request again, under the same id",
		Long: "retry starts a new run of a request whose lesson failed, was cancelled, stopped or\n" +
			"timed out, with the request exactly as first received (read from its workflow's\n" +
			"history, so it works even when the request never reached the database). A request\n" +
			"whose lesson is running or completed is left alone.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			if err := workflows.Retry(ctx, a.temporal, codec.DataConverter(a.codec), args[0]); err != nil {
				return err
			}
			if !wait {
				fmt.Fprintf(cmd.OutOrStdout(), "request %s started again\n", args[0])
				return nil
			}
			return a.followToEnd(cmd, args[0], jsonOut)
		},
	}
	cmd.Flags().BoolVar(&wait, "wait", false, "follow the request until it ends")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the outcome as JSON")
	return cmd
}
