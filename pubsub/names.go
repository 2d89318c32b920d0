package pubsub

import "fmt"

// Default resource names.
const (
	DefaultRequestsTopic          = "vividly-requests"
	DefaultRequestsSubscription   = "vividly-requests-sub"
	DefaultDeadLetterTopic        = "vividly-dead-letter"
	DefaultDeadLetterSubscription = "vividly-dead-letter-sub"
)

// Names are the topics and subscriptions of the bridge, as ids within a project.
type Names struct {
	// RequestsTopic is where producers publish lesson requests.
	RequestsTopic string
	// RequestsSubscription is what the starter receives from.
	RequestsSubscription string
	// DeadLetterTopic is where the starter puts messages it refuses.
	DeadLetterTopic string
	// DeadLetterSubscription keeps dead letters: a topic without a subscription
	// drops what is published to it.
	DeadLetterSubscription string
}

// DefaultNames are the names used unless configured otherwise.
func DefaultNames() Names {
	return Names{
		RequestsTopic: DefaultRequestsTopic, RequestsSubscription: DefaultRequestsSubscription,
		DeadLetterTopic: DefaultDeadLetterTopic, DeadLetterSubscription: DefaultDeadLetterSubscription,
	}
}

// WithSuffix appends suffix to every name, so tests sharing one emulator stay apart.
func (n Names) WithSuffix(suffix string) Names {
	return Names{
		RequestsTopic: n.RequestsTopic + suffix, RequestsSubscription: n.RequestsSubscription + suffix,
		DeadLetterTopic: n.DeadLetterTopic + suffix, DeadLetterSubscription: n.DeadLetterSubscription + suffix,
	}
}

func topicName(project, id string) string { return fmt.Sprintf("projects/%s/topics/%s", project, id) }

func subscriptionName(project, id string) string {
	return fmt.Sprintf("projects/%s/subscriptions/%s", project, id)
}
