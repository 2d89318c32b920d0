package starter

import "fmt"

// Reason says in one word why a message was refused. It travels as the
// dead-letter attribute "reason", so operators and dashboards can group by it.
type Reason string

// The reasons a message is refused.
const (
	// ReasonNotJSON: the bytes are not one JSON value in UTF-8.
	ReasonNotJSON Reason = "not_json"
	// ReasonOversize: the message is longer than MaxMessageBytes.
	ReasonOversize Reason = "oversize_message"
	// ReasonInvalidUUID: an id is not a UUID in its 36-character form.
	ReasonInvalidUUID Reason = "invalid_uuid"
	// ReasonMissingField: a required field is absent, null or "".
	ReasonMissingField Reason = "missing_field"
	// ReasonWrongType: a field has the wrong JSON type (or the message is not an object).
	ReasonWrongType Reason = "wrong_type"
	// ReasonGradeOutOfRange: grade_level is a whole number outside 0..12.
	ReasonGradeOutOfRange Reason = "grade_out_of_range"
	// ReasonEmptyQuery: student_query is empty or only white space.
	ReasonEmptyQuery Reason = "empty_query"
	// ReasonQueryTooLong: student_query is longer than vividly.MaxQuestionRunes.
	ReasonQueryTooLong Reason = "query_too_long"
	// ReasonUnknownModality: modality is neither "text" nor "video".
	ReasonUnknownModality Reason = "unknown_modality"
	// ReasonUnknownField: the message has a field the contract does not name.
	ReasonUnknownField Reason = "unknown_field"
	// ReasonDuplicateField: a field appears twice in the message, so which
	// value was meant is unknown (encoding/json would silently keep the last).
	ReasonDuplicateField Reason = "duplicate_field"
	// ReasonInvalidField: any other broken rule, e.g. duration_minutes out of
	// range, an over-long interest or correlation_id, or control characters.
	ReasonInvalidField Reason = "invalid_field"
)

// Reasons lists every Reason, for reports that count dead letters by reason.
var Reasons = []Reason{
	ReasonNotJSON, ReasonOversize, ReasonInvalidUUID, ReasonMissingField, ReasonWrongType,
	ReasonGradeOutOfRange, ReasonEmptyQuery, ReasonQueryTooLong, ReasonUnknownModality,
	ReasonUnknownField, ReasonDuplicateField, ReasonInvalidField,
}

// Rejection is why Parse refused a message. Detail never quotes the student's
// question or interest, so a Rejection may be logged and sent as attributes.
type Rejection struct {
	Reason Reason
	// Field is the message field at fault; "" means the message as a whole.
	Field string
	// Detail says what is wrong in words a person can act on.
	Detail string
	// RequestID is the message's request_id when it was a valid UUID, so a dead
	// letter can still be traced to its request.
	RequestID string
}

// Error says why, with the reason and the field, for logs and people.
func (r *Rejection) Error() string {
	if r.Field == "" {
		return fmt.Sprintf("message refused (%s): %s", r.Reason, r.Detail)
	}
	return fmt.Sprintf("message refused (%s) at %s: %s", r.Reason, r.Field, r.Detail)
}
