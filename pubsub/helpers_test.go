package pubsub

import (
	ps "cloud.google.com/go/pubsub/v2"
	pb "cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
)

func subscriptionRequest(c *ps.Client, id string) *pb.GetSubscriptionRequest {
	return &pb.GetSubscriptionRequest{Subscription: subscriptionName(c.Project(), id)}
}
