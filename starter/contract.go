package starter

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// MaxMessageBytes bounds a message. A valid message is well under 8 KiB (1000
// characters of question at up to 4 bytes each, plus ids); the limit leaves room
// for escapes and stops a runaway producer before the JSON is even read.
const MaxMessageBytes = 16 << 10

// MaxCorrelationIDRunes bounds correlation_id, which is logged and passed on.
const MaxCorrelationIDRunes = 128

// The message's field names.
const (
	FieldRequestID       = "request_id"
	FieldStudentID       = "student_id"
	FieldStudentQuery    = "student_query"
	FieldGradeLevel      = "grade_level"
	FieldInterest        = "interest"
	FieldModality        = "modality"
	FieldDurationMinutes = "duration_minutes"
	FieldCorrelationID   = "correlation_id"
	FieldOrganizationID  = "organization_id"
)

// MessageSchema is the JSON Schema (draft 2020-12) of the message contract.
//
//go:embed message.schema.json
var MessageSchema []byte

// Message is the wire form of a request, for producers written in Go.
type Message struct {
	RequestID       string  `json:"request_id"`
	StudentID       string  `json:"student_id"`
	StudentQuery    string  `json:"student_query"`
	GradeLevel      int     `json:"grade_level"`
	Interest        string  `json:"interest,omitempty"`
	Modality        string  `json:"modality,omitempty"`
	DurationMinutes float64 `json:"duration_minutes,omitempty"`
	CorrelationID   string  `json:"correlation_id,omitempty"`
	OrganizationID  string  `json:"organization_id,omitempty"`
}

// MessageOf is the message that carries r.
func MessageOf(r vividly.Request) Message {
	return Message{
		RequestID: r.ID, StudentID: r.StudentID, StudentQuery: r.Question, GradeLevel: r.Grade,
		Interest: r.Interest, Modality: string(r.Modality), DurationMinutes: r.TargetDuration.Minutes(),
		CorrelationID: r.CorrelationID, OrganizationID: r.OrganizationID,
	}
}

// Encode is the JSON of the message that carries r; Parse gives r back.
func Encode(r vividly.Request) ([]byte, error) {
	b, err := json.Marshal(MessageOf(r))
	if err != nil {
		return nil, fmt.Errorf("encode request %s: %w", r.ID, err)
	}
	return b, nil
}

// minutes turns a validated duration_minutes into a time.Duration, to the nanosecond.
func minutes(m float64) time.Duration {
	return time.Duration(math.Round(m * float64(time.Minute)))
}
