package pubsub

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	ps "cloud.google.com/go/pubsub/v2"
	pb "cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Held is a message pulled from a subscription and not yet acknowledged.
type Held struct {
	ID          string
	Data        []byte
	Attributes  map[string]string
	PublishTime time.Time
}

// pullWait bounds each pull: Pub/Sub may hold a pull open when it has nothing
// to give, and an empty answer (or this deadline) means the subscription is drained.
const pullWait = 2 * time.Second

// ErrNotFound is returned by Take when no held message matches.
var ErrNotFound = errors.New("no matching message")

// Peek reads up to max messages of a subscription (by id or full name) without
// consuming them: every one is released (nacked) before Peek returns, so they
// stay for the next reader. Pub/Sub has no true peek; messages are held for
// the duration, so run it against a subscription no one else is draining.
func Peek(ctx context.Context, c *ps.Client, subscription string, max int) ([]Held, error) {
	var out []Held
	err := hold(ctx, c, subscription, max, func(held []Held) (int, error) {
		out = held
		return -1, nil
	})
	return out, err
}

// Take reads up to max messages, lets choose pick one of them (an index, or -1
// for none), calls use on it, and acknowledges it only if use succeeds. Every
// other message is released untouched. It returns ErrNotFound when choose
// picks none.
func Take(ctx context.Context, c *ps.Client, subscription string, max int, choose func([]Held) int, use func(Held) error) error {
	return hold(ctx, c, subscription, max, func(held []Held) (int, error) {
		i := choose(held)
		if i < 0 || i >= len(held) {
			return -1, ErrNotFound
		}
		if err := use(held[i]); err != nil {
			return -1, err
		}
		return i, nil
	})
}

// hold pulls up to max messages (fewer when the subscription drains first),
// holds them all, and gives them to decide, which names one to acknowledge
// (-1 for none). Every other message is released, whatever happens.
func hold(ctx context.Context, c *ps.Client, subscription string, max int, decide func([]Held) (ack int, err error)) (err error) {
	sub := c.Subscriber(subscription).String()
	var held []Held
	var ackIDs []string
	defer func() {
		if rerr := releaseAll(ctx, c, sub, ackIDs); rerr != nil && err == nil {
			err = rerr
		}
	}()
	for len(held) < max {
		pctx, cancel := context.WithTimeout(ctx, pullWait)
		resp, perr := c.SubscriptionAdminClient.Pull(pctx, &pb.PullRequest{
			Subscription: sub, MaxMessages: int32(min(max-len(held), 100)),
		})
		cancel()
		if status.Code(perr) == codes.DeadlineExceeded && ctx.Err() == nil {
			break // nothing more within pullWait: drained
		}
		if perr != nil {
			return fmt.Errorf("pull from %s: %w", sub, perr)
		}
		if len(resp.ReceivedMessages) == 0 {
			break
		}
		for _, rm := range resp.ReceivedMessages {
			m := rm.GetMessage()
			held = append(held, Held{ID: m.GetMessageId(), Data: m.GetData(), Attributes: m.GetAttributes(), PublishTime: m.GetPublishTime().AsTime()})
			ackIDs = append(ackIDs, rm.GetAckId())
		}
	}
	i, err := decide(held)
	if err != nil || i < 0 {
		return err
	}
	if err := c.SubscriptionAdminClient.Acknowledge(ctx, &pb.AcknowledgeRequest{Subscription: sub, AckIds: []string{ackIDs[i]}}); err != nil {
		return fmt.Errorf("acknowledge %s on %s: %w", held[i].ID, sub, err)
	}
	ackIDs = slices.Delete(ackIDs, i, i+1)
	return nil
}

// releaseAll nacks held messages so they come back at once rather than after
// their ack deadline; it runs even when ctx is done.
func releaseAll(ctx context.Context, c *ps.Client, sub string, ackIDs []string) error {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	for len(ackIDs) > 0 {
		n := min(len(ackIDs), 1000) // the API's limit per request
		if err := c.SubscriptionAdminClient.ModifyAckDeadline(rctx, &pb.ModifyAckDeadlineRequest{
			Subscription: sub, AckIds: ackIDs[:n], AckDeadlineSeconds: 0,
		}); err != nil {
			return fmt.Errorf("release messages on %s: %w", sub, err)
		}
		ackIDs = ackIDs[n:]
	}
	return nil
}
