package starter

import (
	"context"
	"strconv"
	"time"

	ps "cloud.google.com/go/pubsub/v2"
)

// Attributes of a dead letter. Its data is the original message, byte for byte.
const (
	AttrReason            = "reason"              // a Reason
	AttrField             = "field"               // the field at fault; absent for the message as a whole
	AttrDetail            = "detail"              // what is wrong, never quoting student text
	AttrRequestID         = "request_id"          // present when the message had a valid request_id
	AttrOriginalMessageID = "original_message_id" // the message id on the requests topic
	AttrDeliveryAttempt   = "delivery_attempt"    // Pub/Sub's count, or "0" when the subscription does not count (no dead-letter policy)
	AttrRejectedAt        = "rejected_at"         // RFC 3339, UTC
)

// maxAttrValue is Pub/Sub's limit on an attribute value, in bytes.
const maxAttrValue = 1024

// deadLetterAttributes are the attributes the bridge sets on the dead letter of
// message id refused for rej at time at.
func deadLetterAttributes(rej *Rejection, id string, deliveryAttempt *int, at time.Time) map[string]string {
	attempt := 0
	if deliveryAttempt != nil {
		attempt = *deliveryAttempt
	}
	a := map[string]string{
		AttrReason:            string(rej.Reason),
		AttrDetail:            clip(rej.Detail),
		AttrOriginalMessageID: id,
		AttrDeliveryAttempt:   strconv.Itoa(attempt),
		AttrRejectedAt:        at.UTC().Format(time.RFC3339),
	}
	if rej.Field != "" {
		a[AttrField] = clip(rej.Field)
	}
	if rej.RequestID != "" {
		a[AttrRequestID] = rej.RequestID
	}
	return a
}

// clip keeps an attribute value within Pub/Sub's limit, on a rune boundary.
func clip(s string) string {
	if len(s) <= maxAttrValue {
		return s
	}
	r := []rune(s[:maxAttrValue-len("…")])
	return string(r[:len(r)-1]) + "…" // the last rune may have been cut
}

// deadLetter publishes the original bytes of a refused message to the
// dead-letter topic and acks the message once Pub/Sub has stored the copy. If
// the publish fails the message is nacked instead: a refused message is never
// dropped.
func (b *Bridge) deadLetter(ctx context.Context, dlq *ps.Publisher, m *ps.Message, rej *Rejection) {
	log := b.log.With("request_id", rej.RequestID, "message_id", m.ID)
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.CallTimeout)
	defer cancel()
	res := dlq.Publish(pctx, &ps.Message{Data: m.Data, Attributes: deadLetterAttributes(rej, m.ID, m.DeliveryAttempt, time.Now())})
	id, err := res.Get(pctx)
	if err != nil {
		log.Error("dead-letter publish failed; the message will be redelivered", "reason", string(rej.Reason), "error", err)
		b.retryLater(ctx, m)
		return
	}
	m.Ack()
	b.deadLettered.Add(1)
	if b.cfg.OnDeadLetter != nil {
		b.cfg.OnDeadLetter(rej.Reason)
	}
	log.Warn("message refused and dead-lettered", "reason", string(rej.Reason), "field", rej.Field,
		"detail", rej.Detail, "dead_letter_message_id", id)
}
