package main

import (
	"context"
	"fmt"

	ps "cloud.google.com/go/pubsub/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/vividly-edu/vividly/pubsub"
	"github.com/vividly-edu/vividly/starter"
	"github.com/vividly-edu/vividly/telemetry"
)

// pubsubFlags say which Pub/Sub, topics and subscriptions the bridge commands use.
type pubsubFlags struct {
	project      string
	emulatorHost string
	names        pubsub.Names
	create       bool
}

func (f *pubsubFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.project, "pubsub-project", env("PUBSUB_PROJECT_ID", ""), "Google Cloud project (default: "+pubsub.DefaultProject+" on an emulator, else from the credentials) [PUBSUB_PROJECT_ID]")
	fs.StringVar(&f.emulatorHost, "pubsub-emulator", envOrEmpty(pubsub.EmulatorHostEnv, pubsub.DefaultEmulatorAddr), "host:port of a Pub/Sub emulator (or of the in-process server that dev runs); set it empty for real Pub/Sub with application default credentials ["+pubsub.EmulatorHostEnv+"]")
	fs.StringVar(&f.names.RequestsTopic, "requests-topic", env("VIVIDLY_REQUESTS_TOPIC", pubsub.DefaultRequestsTopic), "topic producers publish requests to [VIVIDLY_REQUESTS_TOPIC]")
	fs.StringVar(&f.names.RequestsSubscription, "requests-subscription", env("VIVIDLY_REQUESTS_SUBSCRIPTION", pubsub.DefaultRequestsSubscription), "subscription the starter receives from [VIVIDLY_REQUESTS_SUBSCRIPTION]")
	fs.StringVar(&f.names.DeadLetterTopic, "dead-letter-topic", env("VIVIDLY_DEAD_LETTER_TOPIC", pubsub.DefaultDeadLetterTopic), "topic refused messages go to [VIVIDLY_DEAD_LETTER_TOPIC]")
	fs.StringVar(&f.names.DeadLetterSubscription, "dead-letter-subscription", env("VIVIDLY_DEAD_LETTER_SUBSCRIPTION", pubsub.DefaultDeadLetterSubscription), "subscription that keeps dead letters [VIVIDLY_DEAD_LETTER_SUBSCRIPTION]")
	fs.BoolVar(&f.create, "create-topics", false, "create missing topics and subscriptions (always done against an emulator)")
}

// connect makes a Pub/Sub client and, on an emulator or when asked, the
// topics and subscriptions that are missing.
func (f *pubsubFlags) connect(ctx context.Context) (*ps.Client, error) {
	opts := pubsub.Options{Project: f.project, EmulatorHost: f.emulatorHost}
	c, err := pubsub.Connect(ctx, opts)
	if err != nil {
		return nil, err
	}
	if f.create || opts.Emulated() {
		if err := pubsub.Ensure(ctx, c, f.names); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

func newStarterCmd(cfg *config) *cobra.Command {
	var pf pubsubFlags
	var rf receiveFlags
	cmd := &cobra.Command{
		Use:   "starter",
		Short: "Run the Pub/Sub bridge: each request message becomes one workflow, or a dead letter with its reason",
		Long: `Receives lesson requests from the requests subscription until interrupted. A valid
message starts the request's one workflow (content-<request_id>; a redelivery or
re-publish starts nothing new) and is acked once Temporal has accepted it. An invalid
one is copied to the dead-letter topic with its reason, then acked. While Temporal is
unreachable, messages are handed back to Pub/Sub and wait. Scale out by running more.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			ops, err := a.serveOps(cfg.httpAddr(cmd.Flags(), defaultStarterHTTPAddr))
			if err != nil {
				return err
			}
			defer ops.Close() // after Run: probes and scrapes answer while the bridge drains
			go func() {
				<-ctx.Done()
				ops.Stopping()
			}()
			c, err := pf.connect(ctx)
			if err != nil {
				return err
			}
			defer c.Close()
			b, err := a.newBridge(c, pf, rf)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Starter receiving from %s (dead letters to %s). Ctrl-C stops after the messages in hand.\n",
				pf.names.RequestsSubscription, pf.names.DeadLetterTopic)
			if err := b.Run(ctx); err != nil {
				return err
			}
			n := b.Counters()
			fmt.Fprintf(cmd.OutOrStdout(), "stopped: %d received, %d started, %d dead-lettered, %d handed back\n",
				n.Received, n.Started, n.DeadLettered, n.Nacked)
			return nil
		},
	}
	pf.bind(cmd.Flags())
	rf.bind(cmd.Flags())
	return cmd
}

// receiveFlags are the bridge's receive settings. The load test binds them
// too, to start its direct baseline with the starter's own concurrency.
type receiveFlags struct {
	streams, maxOutstanding int
}

func (f *receiveFlags) bind(fs *pflag.FlagSet) {
	fs.IntVar(&f.streams, "streams", envInt("VIVIDLY_STARTER_STREAMS", starter.DefaultStreams), fmt.Sprintf("pull streams receiving at once, 1 to %d [VIVIDLY_STARTER_STREAMS]", starter.MaxStreams))
	fs.IntVar(&f.maxOutstanding, "max-outstanding", envInt("VIVIDLY_STARTER_MAX_OUTSTANDING", starter.DefaultMaxOutstandingMessages), "messages held and started at once, over all streams (flow control) [VIVIDLY_STARTER_MAX_OUTSTANDING]")
}

// check refuses settings the bridge would not run well with.
func (f receiveFlags) check() error {
	if f.streams < 1 || f.streams > starter.MaxStreams {
		return fmt.Errorf("--streams %d: want 1 to %d", f.streams, starter.MaxStreams)
	}
	if f.maxOutstanding < 1 || f.maxOutstanding > maxOutstandingLimit {
		return fmt.Errorf("--max-outstanding %d: want 1 to %d", f.maxOutstanding, maxOutstandingLimit)
	}
	return nil
}

// maxOutstandingLimit bounds --max-outstanding: each message held is a start
// in flight and up to a request's size in memory.
const maxOutstandingLimit = 10000

// newBridge makes the Pub/Sub bridge that starts lessons through this app.
func (a *app) newBridge(c *ps.Client, pf pubsubFlags, rf receiveFlags) (*starter.Bridge, error) {
	if err := rf.check(); err != nil {
		return nil, err
	}
	reasons := make([]string, len(starter.Reasons))
	for i, r := range starter.Reasons {
		reasons[i] = string(r)
	}
	m, err := a.metrics.Starter(reasons)
	if err != nil {
		return nil, err
	}
	b, err := starter.New(c, starter.StarterFunc(a.startLesson), starter.Config{
		Subscription: pf.names.RequestsSubscription, DeadLetterTopic: pf.names.DeadLetterTopic,
		Streams: rf.streams, MaxOutstandingMessages: rf.maxOutstanding, Logger: a.log,
		OnDeadLetter:   func(r starter.Reason) { m.DeadLettered(string(r)) },
		OnIgnoredField: m.IgnoredField,
	})
	if err != nil {
		return nil, err
	}
	m.Observe(func() telemetry.StarterCounts {
		n := b.Counters()
		return telemetry.StarterCounts{Received: n.Received, Started: n.Started, Nacked: n.Nacked}
	})
	return b, nil
}
