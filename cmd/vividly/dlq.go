package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"text/tabwriter"
	"time"

	ps "cloud.google.com/go/pubsub/v2"
	"github.com/spf13/cobra"
	"github.com/vividly-edu/vividly/pubsub"
	"github.com/vividly-edu/vividly/starter"
)

// attrReplayedFrom marks a replayed message with the dead letter it came from.
const attrReplayedFrom = "replayed_from"

func newDLQCmd() *cobra.Command {
	var pf pubsubFlags
	var max int
	cmd := &cobra.Command{
		Use:   "dlq",
		Short: "Inspect and replay dead letters: messages the starter refused, with the reason",
		Long: `Dead letters are read from the dead-letter subscription without being consumed
(list and show leave them there). An <id> is the dead letter's message id or the
original message id. Run these while no other reader drains that subscription.`,
	}
	pf.bind(cmd.PersistentFlags())
	cmd.PersistentFlags().IntVar(&max, "max", 1000, "read at most this many dead letters")

	list := &cobra.Command{
		Use:   "list",
		Short: "List dead letters: id, original id, reason, field, request id, when",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := pf.connect(cmd.Context())
			if err != nil {
				return err
			}
			defer c.Close()
			held, err := pubsub.Peek(cmd.Context(), c, pf.names.DeadLetterSubscription, max)
			if err != nil {
				return err
			}
			slices.SortFunc(held, func(a, b pubsub.Held) int { return a.PublishTime.Compare(b.PublishTime) })
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tORIGINAL ID\tREASON\tFIELD\tREQUEST ID\tREJECTED AT")
			for _, h := range held {
				a := h.Attributes
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", h.ID, a[starter.AttrOriginalMessageID], a[starter.AttrReason],
					dash(a[starter.AttrField]), dash(a[starter.AttrRequestID]), a[starter.AttrRejectedAt])
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "%d dead letters\n", len(held))
			return nil
		},
	}

	var jsonOut bool
	show := &cobra.Command{
		Use:   "show <id>",
		Short: "Show one dead letter: its attributes and the original message",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := pf.connect(cmd.Context())
			if err != nil {
				return err
			}
			defer c.Close()
			held, err := pubsub.Peek(cmd.Context(), c, pf.names.DeadLetterSubscription, max)
			if err != nil {
				return err
			}
			i := findDeadLetter(held, args[0])
			if i < 0 {
				return fmt.Errorf("no dead letter %s among the %d read", args[0], len(held))
			}
			return writeDeadLetter(cmd.OutOrStdout(), held[i], jsonOut)
		},
	}
	show.Flags().BoolVar(&jsonOut, "json", false, "print as JSON")

	var corrected string
	replay := &cobra.Command{
		Use:   "replay <id>",
		Short: "Publish a dead letter again (as it was, or corrected with --file) and remove it once accepted",
		Long: `Re-validates the message (the dead letter's bytes, or the file given with --file) and,
if it now meets the contract, publishes it to the requests topic with the attribute
replayed_from=<dead letter id>, then removes the dead letter. A message that still
breaks the contract is not published and the dead letter stays.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var fix []byte
			if corrected != "" {
				var err error
				if fix, err = os.ReadFile(corrected); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			c, err := pf.connect(ctx)
			if err != nil {
				return err
			}
			defer c.Close()
			p := c.Publisher(pf.names.RequestsTopic)
			defer p.Stop()
			choose := func(held []pubsub.Held) int { return findDeadLetter(held, args[0]) }
			err = pubsub.Take(ctx, c, pf.names.DeadLetterSubscription, max, choose, func(h pubsub.Held) error {
				data := h.Data
				if fix != nil {
					data = fix
				}
				r, err := starter.Parse(data)
				if err != nil {
					return fmt.Errorf("not replayed, the dead letter stays: %w", err)
				}
				id, err := p.Publish(ctx, &ps.Message{Data: data, Attributes: map[string]string{attrReplayedFrom: h.ID}}).Get(ctx)
				if err != nil {
					return fmt.Errorf("publish the replay of %s: %w", h.ID, err)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s\t(request %s, replayed from %s)\n", id, r.ID, h.ID)
				return nil
			})
			if errors.Is(err, pubsub.ErrNotFound) {
				return fmt.Errorf("no dead letter %s", args[0])
			}
			return err
		},
	}
	replay.Flags().StringVar(&corrected, "file", "", "publish this corrected message instead of the dead letter's bytes")

	cmd.AddCommand(list, show, replay)
	return cmd
}

// findDeadLetter is the index of a dead letter by its own id, else by its
// original message id, or -1.
func findDeadLetter(held []pubsub.Held, id string) int {
	if i := slices.IndexFunc(held, func(h pubsub.Held) bool { return h.ID == id }); i >= 0 {
		return i
	}
	return slices.IndexFunc(held, func(h pubsub.Held) bool { return h.Attributes[starter.AttrOriginalMessageID] == id })
}

func writeDeadLetter(w io.Writer, h pubsub.Held, jsonOut bool) error {
	if jsonOut {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			ID          string            `json:"id"`
			PublishTime time.Time         `json:"publish_time"`
			Attributes  map[string]string `json:"attributes"`
			Data        string            `json:"data"`
		}{h.ID, h.PublishTime, h.Attributes, string(h.Data)})
	}
	fmt.Fprintf(w, "dead letter %s (published %s)\n", h.ID, h.PublishTime.Format(time.RFC3339))
	keys := make([]string, 0, len(h.Attributes))
	for k := range h.Attributes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  %-20s %s\n", k+":", h.Attributes[k])
	}
	fmt.Fprintf(w, "message (%d bytes):\n%s\n", len(h.Data), h.Data)
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
