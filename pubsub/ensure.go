package pubsub

import (
	"context"
	"fmt"
	"time"

	ps "cloud.google.com/go/pubsub/v2"
	pb "cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Subscription settings made by Ensure.
const (
	// AckDeadline is how long a message may be held before Pub/Sub redelivers
	// it; the client library extends it while a callback runs.
	AckDeadline = 60 * time.Second
	// MinRetryBackoff and MaxRetryBackoff space out redeliveries of requests
	// after a nack, so a message waiting for Temporal to come back is not
	// retried in a tight loop; once Temporal is back, a waiting message starts
	// within MaxRetryBackoff.
	MinRetryBackoff = 1 * time.Second
	MaxRetryBackoff = 60 * time.Second
	// Retention is how long unacknowledged messages (and so dead letters) are
	// kept: the most Pub/Sub allows.
	Retention = 7 * 24 * time.Hour
)

// Ensure creates the topics and subscriptions in n that are missing, and leaves
// existing ones as they are. It is meant for dev and emulators; in production
// the resources are usually made by infrastructure code.
//
// The requests subscription deliberately has no dead-letter policy: Pub/Sub
// would dead-letter a valid message after 5–100 failed deliveries, but a valid
// message must wait for as long as Temporal is down. The starter dead-letters
// invalid messages itself.
func Ensure(ctx context.Context, c *ps.Client, n Names) error {
	for _, t := range []string{n.RequestsTopic, n.DeadLetterTopic} {
		if err := ensureTopic(ctx, c, t); err != nil {
			return err
		}
	}
	// Only the requests subscription backs off after a nack. The dead-letter
	// subscription is read by peeking (pull, then nack to keep), and a backoff
	// there would hide every dead letter for a while after each look.
	if err := ensureSubscription(ctx, c, n.RequestsSubscription, n.RequestsTopic, retryBackoff); err != nil {
		return err
	}
	return ensureSubscription(ctx, c, n.DeadLetterSubscription, n.DeadLetterTopic, nil)
}

func ensureTopic(ctx context.Context, c *ps.Client, id string) error {
	name := topicName(c.Project(), id)
	// Look before creating: a service account allowed to read but not to create
	// still gets through when the topic exists.
	_, err := c.TopicAdminClient.GetTopic(ctx, &pb.GetTopicRequest{Topic: name})
	if status.Code(err) == codes.NotFound {
		_, err = c.TopicAdminClient.CreateTopic(ctx, &pb.Topic{Name: name})
	}
	if err != nil && status.Code(err) != codes.AlreadyExists {
		return fmt.Errorf("ensure topic %s: %w", name, err)
	}
	return nil
}

// retryBackoff spaces out redeliveries of nacked requests.
var retryBackoff = &pb.RetryPolicy{
	MinimumBackoff: durationpb.New(MinRetryBackoff),
	MaximumBackoff: durationpb.New(MaxRetryBackoff),
}

func ensureSubscription(ctx context.Context, c *ps.Client, id, topic string, retry *pb.RetryPolicy) error {
	name := subscriptionName(c.Project(), id)
	_, err := c.SubscriptionAdminClient.GetSubscription(ctx, &pb.GetSubscriptionRequest{Subscription: name})
	if status.Code(err) == codes.NotFound {
		_, err = c.SubscriptionAdminClient.CreateSubscription(ctx, &pb.Subscription{
			Name:                     name,
			Topic:                    topicName(c.Project(), topic),
			AckDeadlineSeconds:       int32(AckDeadline / time.Second),
			MessageRetentionDuration: durationpb.New(Retention),
			// An empty policy never expires: a dead-letter subscription nobody
			// reads would otherwise be deleted after 31 days of inactivity.
			ExpirationPolicy: &pb.ExpirationPolicy{},
			RetryPolicy:      retry,
		})
	}
	if err != nil && status.Code(err) != codes.AlreadyExists {
		return fmt.Errorf("ensure subscription %s: %w", name, err)
	}
	return nil
}
