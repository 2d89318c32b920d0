package vividly

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Modality is the form a lesson takes.
type Modality string

// The modalities: a text lesson stops after the script; a video lesson is narrated
// and rendered too.
const (
	ModalityText  Modality = "text"
	ModalityVideo Modality = "video"
)

// Limits on a request's fields. They bound what a student can send and are
// documented in the README.
const (
	MaxQuestionRunes = 1000
	MaxInterestRunes = 80
	MaxAnswerRunes   = 500
	MinGrade         = 0 // kindergarten
	MaxGrade         = 12
	MinDuration      = 1 * time.Minute
	MaxDuration      = 10 * time.Minute
	DefaultDuration  = 2 * time.Minute
)

// Request is a student's question and how they want the lesson.
type Request struct {
	ID             string        `json:"request_id"`
	StudentID      string        `json:"student_id"`
	OrganizationID string        `json:"organization_id,omitempty"`
	Question       string        `json:"question"`
	Grade          int           `json:"grade_level"` // 0 is kindergarten
	Interest       string        `json:"interest,omitempty"`
	Modality       Modality      `json:"modality"`
	TargetDuration time.Duration `json:"target_duration"`
	CorrelationID  string        `json:"correlation_id,omitempty"`
}

// ValidationError says which field of a request is wrong and why, in words a
// person can act on.
type ValidationError struct {
	Field  string
	Reason string
}

func (e *ValidationError) Error() string { return fmt.Sprintf("invalid %s: %s", e.Field, e.Reason) }

// Normalize fills defaults and trims white space; it never fails.
func (r *Request) Normalize() {
	r.Question = strings.TrimSpace(r.Question)
	r.Interest = strings.TrimSpace(r.Interest)
	r.ID = strings.ToLower(strings.TrimSpace(r.ID))
	r.StudentID = strings.ToLower(strings.TrimSpace(r.StudentID))
	r.OrganizationID = strings.ToLower(strings.TrimSpace(r.OrganizationID))
	if r.Modality == "" {
		r.Modality = ModalityVideo
	}
	if r.TargetDuration == 0 {
		r.TargetDuration = DefaultDuration
	}
}

// Validate checks every field against the contract and returns a
// *ValidationError for the first one that breaks it.
func (r Request) Validate() error {
	if err := validUUID("request_id", r.ID); err != nil {
		return err
	}
	if err := validUUID("student_id", r.StudentID); err != nil {
		return err
	}
	if r.OrganizationID != "" {
		if err := validUUID("organization_id", r.OrganizationID); err != nil {
			return err
		}
	}
	if err := validText("question", r.Question, MaxQuestionRunes, true); err != nil {
		return err
	}
	if err := validText("interest", r.Interest, MaxInterestRunes, false); err != nil {
		return err
	}
	if r.Grade < MinGrade || r.Grade > MaxGrade {
		return &ValidationError{"grade_level", fmt.Sprintf("%d is outside K–12 (use 0 for kindergarten, up to %d)", r.Grade, MaxGrade)}
	}
	switch r.Modality {
	case ModalityText, ModalityVideo:
	default:
		return &ValidationError{"modality", fmt.Sprintf("%q is not one of text, video", r.Modality)}
	}
	if r.TargetDuration < MinDuration || r.TargetDuration > MaxDuration {
		return &ValidationError{"duration", fmt.Sprintf("%s is outside %s to %s", r.TargetDuration, MinDuration, MaxDuration)}
	}
	return nil
}

// ValidateAnswer checks a student's answer to a clarifying question.
func ValidateAnswer(answer string) error {
	return validText("answer", strings.TrimSpace(answer), MaxAnswerRunes, true)
}

func validUUID(field, s string) error {
	if s == "" {
		return &ValidationError{field, "missing"}
	}
	if _, err := uuid.Parse(s); err != nil || len(s) != 36 {
		return &ValidationError{field, "not a UUID (want the 36-character form, e.g. 123e4567-e89b-12d3-a456-426614174000)"}
	}
	return nil
}

func validText(field, s string, max int, required bool) error {
	if s == "" {
		if required {
			return &ValidationError{field, "empty"}
		}
		return nil
	}
	if !utf8.ValidString(s) {
		return &ValidationError{field, "not valid UTF-8 text"}
	}
	if n := utf8.RuneCountInString(s); n > max {
		return &ValidationError{field, fmt.Sprintf("%d characters, more than the limit of %d", n, max)}
	}
	for _, c := range s {
		if unicode.IsControl(c) && c != '\n' && c != '\t' {
			return &ValidationError{field, "contains control characters"}
		}
	}
	return nil
}

// GradeLabel names a grade the way people say it: "K" or "grade 7".
func GradeLabel(g int) string {
	if g == 0 {
		return "kindergarten"
	}
	return fmt.Sprintf("grade %d", g)
}
