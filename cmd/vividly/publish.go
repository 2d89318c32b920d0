package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	ps "cloud.google.com/go/pubsub/v2"
	"github.com/spf13/cobra"
	"github.com/vividly-edu/vividly/starter"
)

// maxPublishLine bounds a line of input; longer than a valid message on
// purpose, so oversize messages can be published to test the dead-letter path.
const maxPublishLine = 1 << 20

func newPublishCmd() *cobra.Command {
	var pf pubsubFlags
	cmd := &cobra.Command{
		Use:   "publish [file]",
		Short: "Publish request messages, one JSON object per line, from a file or stdin; prints their message ids",
		Long: `Publishes each non-blank line as one message to the requests topic, as it is: a line
that breaks the contract is published too (and warned about on stderr), so the
dead-letter path can be exercised. Prints one message id per line, in input order.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := cmd.InOrStdin()
			if len(args) == 1 && args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			ctx := cmd.Context()
			c, err := pf.connect(ctx)
			if err != nil {
				return err
			}
			defer c.Close()
			p := c.Publisher(pf.names.RequestsTopic)
			defer p.Stop()

			var results []*ps.PublishResult
			sc := bufio.NewScanner(in)
			sc.Buffer(make([]byte, 64<<10), maxPublishLine)
			for line := 1; sc.Scan(); line++ {
				data := bytes.TrimSpace(sc.Bytes())
				if len(data) == 0 {
					continue
				}
				if _, err := starter.Parse(data); err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "line %d will be dead-lettered: %v\n", line, err)
				}
				// Publish copies nothing: the scanner reuses its buffer, so copy.
				results = append(results, p.Publish(ctx, &ps.Message{Data: bytes.Clone(data)}))
			}
			if err := sc.Err(); err != nil {
				if errors.Is(err, bufio.ErrTooLong) {
					err = fmt.Errorf("a line is longer than %d bytes", maxPublishLine)
				}
				return fmt.Errorf("read messages: %w", err)
			}
			return printIDs(ctx, cmd.OutOrStdout(), results)
		},
	}
	pf.bind(cmd.Flags())
	return cmd
}

// printIDs waits for each publish and prints its id; it fails on the first
// message Pub/Sub did not accept.
func printIDs(ctx context.Context, w io.Writer, results []*ps.PublishResult) error {
	for i, r := range results {
		id, err := r.Get(ctx)
		if err != nil {
			return fmt.Errorf("message %d of %d not published: %w", i+1, len(results), err)
		}
		fmt.Fprintln(w, id)
	}
	return nil
}
