package starter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	ps "cloud.google.com/go/pubsub/v2"
	vividly "github.com/vividly-edu/vividly"
)

// Starter starts the one workflow of a valid request. It is called again for
// every redelivery or re-publish of the same request, so starting a request
// whose workflow exists (running or ended) must succeed and start nothing. Any
// error is taken as transient: the message is nacked and comes back later.
type Starter interface {
	Start(ctx context.Context, r vividly.Request) error
}

// StarterFunc lets a function be a Starter.
type StarterFunc func(ctx context.Context, r vividly.Request) error

// Start calls f.
func (f StarterFunc) Start(ctx context.Context, r vividly.Request) error { return f(ctx, r) }

// Defaults for Config.
const (
	// DefaultStreams is how many pull streams the bridge keeps open. The
	// in-process server (pstest) hands each stream at most one message per
	// 10 ms tick, so one stream caps the bridge near 100 messages a second,
	// far below what Temporal takes; eight lift that cap above a dev server's
	// start rate. Real Pub/Sub and the official emulator spread messages over
	// the streams too, and an idle stream costs one gRPC stream.
	DefaultStreams = 8
	// DefaultMaxOutstandingMessages bounds the messages held at once, and so
	// the starts in flight: enough to keep Temporal busy while each start
	// waits a round trip.
	DefaultMaxOutstandingMessages = 64
	// MaxStreams bounds Config.Streams: more streams than this only add
	// connections.
	MaxStreams         = 64
	DefaultCallTimeout = 30 * time.Second
	DefaultRetryDelay  = time.Second
)

// Config tunes a Bridge; zero values take the defaults.
type Config struct {
	// Subscription is the requests subscription, by id or full name.
	Subscription string
	// DeadLetterTopic is where refused messages go, by id or full name.
	DeadLetterTopic string
	// Streams is how many pull streams receive at once (the client's
	// ReceiveSettings.NumGoroutines); at most MaxStreams.
	Streams int
	// MaxOutstandingMessages bounds the messages held at once (flow control),
	// over all streams: it is also how many starts run in parallel.
	MaxOutstandingMessages int
	// CallTimeout bounds one Start, and one dead-letter publish. A message
	// whose call times out is nacked and comes back.
	CallTimeout time.Duration
	// RetryDelay is how long a message whose start failed is held before it is
	// nacked, so that while Temporal is down the bridge does not spin on
	// immediate redeliveries. Shutdown skips the wait.
	RetryDelay time.Duration
	// Logger receives one line per message outcome; nil discards them.
	Logger *slog.Logger
	// OnDeadLetter, when set, is told the reason of each message refused,
	// once its dead letter is published: for metrics by reason.
	OnDeadLetter func(Reason)
	// OnIgnoredField, when set, is told the name of each field of an
	// accepted message that this version does not know: for metrics.
	OnIgnoredField func(name string)
}

func (c Config) withDefaults() Config {
	if c.Streams <= 0 {
		c.Streams = DefaultStreams
	}
	if c.MaxOutstandingMessages <= 0 {
		c.MaxOutstandingMessages = DefaultMaxOutstandingMessages
	}
	if c.CallTimeout <= 0 {
		c.CallTimeout = DefaultCallTimeout
	}
	if c.RetryDelay <= 0 {
		c.RetryDelay = DefaultRetryDelay
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Counters count what a Bridge did with the messages it received. A message
// delivered twice is counted twice.
type Counters struct {
	Received     int64 // deliveries handed to the bridge
	Validated    int64 // deliveries that met the contract
	Rejected     int64 // deliveries that broke it
	Started      int64 // valid deliveries whose start succeeded (new or existing workflow), then acked
	DeadLettered int64 // refused deliveries published to the dead-letter topic, then acked
	Nacked       int64 // deliveries handed back for redelivery: start or dead-letter publish failed
	Ignored      int64 // fields of valid deliveries this version does not know, ignored
}

// Bridge receives lesson requests from a subscription and turns each message
// into exactly one started workflow or one dead letter. Nothing is acked before
// its outcome is durable, so no message is lost.
type Bridge struct {
	client  *ps.Client
	starter Starter
	cfg     Config
	log     *slog.Logger

	received, validated, rejected, started, deadLettered, nacked, ignored atomic.Int64
	// seenFields are the ignored field names already logged once.
	seenFields sync.Map
}

// New makes a Bridge; it receives nothing until Run.
func New(client *ps.Client, starter Starter, cfg Config) (*Bridge, error) {
	if client == nil || starter == nil {
		return nil, errors.New("starter bridge: a Pub/Sub client and a Starter are required")
	}
	if cfg.Subscription == "" || cfg.DeadLetterTopic == "" {
		return nil, errors.New("starter bridge: a subscription and a dead-letter topic are required")
	}
	if cfg.Streams > MaxStreams {
		return nil, fmt.Errorf("starter bridge: %d pull streams, want at most %d", cfg.Streams, MaxStreams)
	}
	cfg = cfg.withDefaults()
	return &Bridge{client: client, starter: starter, cfg: cfg, log: cfg.Logger}, nil
}

// Counters is a snapshot of what the bridge has done so far.
func (b *Bridge) Counters() Counters {
	return Counters{
		Received: b.received.Load(), Validated: b.validated.Load(), Rejected: b.rejected.Load(),
		Started: b.started.Load(), DeadLettered: b.deadLettered.Load(), Nacked: b.nacked.Load(),
		Ignored: b.ignored.Load(),
	}
}

// Run receives until ctx is done, then stops receiving, lets the messages in
// hand finish (each start or dead-letter publish runs to its end, within
// CallTimeout), sends their acks and returns nil. It returns an error early
// only when Pub/Sub refuses for good, e.g. the subscription does not exist.
func (b *Bridge) Run(ctx context.Context) error {
	sub := b.client.Subscriber(b.cfg.Subscription)
	sub.ReceiveSettings.NumGoroutines = b.cfg.Streams
	sub.ReceiveSettings.MaxOutstandingMessages = b.cfg.MaxOutstandingMessages
	dlq := b.client.Publisher(b.cfg.DeadLetterTopic)
	defer dlq.Stop()

	b.log.Info("starter bridge receiving", "subscription", sub.String(), "dead_letter_topic", dlq.String(),
		"streams", b.cfg.Streams, "max_outstanding_messages", b.cfg.MaxOutstandingMessages)
	err := sub.Receive(ctx, func(mctx context.Context, m *ps.Message) { b.handle(mctx, dlq, m) })
	c := b.Counters()
	b.log.Info("starter bridge stopped", "received", c.Received, "started", c.Started,
		"dead_lettered", c.DeadLettered, "nacked", c.Nacked)
	if err != nil {
		return fmt.Errorf("receive from %s: %w", sub, err)
	}
	return nil
}

// handle decides one delivery. ctx is cancelled when Run is asked to stop; the
// calls that decide the outcome run on a context that is not, so a start in
// flight is finished and acked rather than abandoned.
func (b *Bridge) handle(ctx context.Context, dlq *ps.Publisher, m *ps.Message) {
	b.received.Add(1)
	parsed, err := ParseMessage(m.Data)
	r := parsed.Request
	if err != nil {
		b.rejected.Add(1)
		var rej *Rejection
		if !errors.As(err, &rej) { // Parse only returns Rejections; be safe anyway
			rej = &Rejection{Reason: ReasonInvalidField, Detail: err.Error()}
		}
		b.deadLetter(ctx, dlq, m, rej)
		return
	}
	b.validated.Add(1)
	log := b.log.With("request_id", r.ID, "message_id", m.ID)
	for _, name := range parsed.Ignored {
		b.ignored.Add(1)
		if _, seen := b.seenFields.LoadOrStore(name, true); !seen {
			log.Warn("a request message has a field this version does not know; it is ignored (logged once per name)", "field", name)
		}
		if b.cfg.OnIgnoredField != nil {
			b.cfg.OnIgnoredField(name)
		}
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.CallTimeout)
	defer cancel()
	if err := b.starter.Start(cctx, r); err != nil {
		log.Warn("start failed; the message will be redelivered", "error", err)
		b.retryLater(ctx, m)
		return
	}
	m.Ack()
	b.started.Add(1)
	log.Info("request started", "modality", string(r.Modality), "grade_level", r.Grade)
	log.Debug("request content", "question", r.Question, "interest", r.Interest)
}

// retryLater hands a message back for redelivery after RetryDelay, or at once
// when the bridge is stopping.
func (b *Bridge) retryLater(ctx context.Context, m *ps.Message) {
	t := time.NewTimer(b.cfg.RetryDelay)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
	m.Nack()
	b.nacked.Add(1)
}
