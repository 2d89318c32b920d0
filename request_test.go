package vividly

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func validRequest() Request {
	return Request{
		ID: "8a1f6c2e-3b4d-4e5f-9a6b-7c8d9e0f1a2b", StudentID: "0b5e2f7a-1c3d-4e6f-8a9b-0c1d2e3f4a5b",
		Question: "How do volcanoes erupt?", Grade: 6, Interest: "skateboarding",
		Modality: ModalityVideo, TargetDuration: 2 * time.Minute,
	}
}

func TestRequestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Request)
		field  string // "" means valid
	}{
		{"valid", func(*Request) {}, ""},
		{"kindergarten", func(r *Request) { r.Grade = 0 }, ""},
		{"no interest", func(r *Request) { r.Interest = "" }, ""},
		{"text", func(r *Request) { r.Modality = ModalityText }, ""},
		{"request id missing", func(r *Request) { r.ID = "" }, "request_id"},
		{"request id not a uuid", func(r *Request) { r.ID = "req-123" }, "request_id"},
		{"request id without dashes", func(r *Request) { r.ID = "8a1f6c2e3b4d4e5f9a6b7c8d9e0f1a2b" }, "request_id"},
		{"student id not a uuid", func(r *Request) { r.StudentID = "alice" }, "student_id"},
		{"organization id not a uuid", func(r *Request) { r.OrganizationID = "school" }, "organization_id"},
		{"empty question", func(r *Request) { r.Question = "" }, "question"},
		{"long question", func(r *Request) { r.Question = strings.Repeat("é", MaxQuestionRunes+1) }, "question"},
		{"longest question", func(r *Request) { r.Question = strings.Repeat("é", MaxQuestionRunes) }, ""},
		{"control characters", func(r *Request) { r.Question = "why\x00" }, "question"},
		{"invalid utf-8", func(r *Request) { r.Question = "why \xff" }, "question"},
		{"long interest", func(r *Request) { r.Interest = strings.Repeat("a", MaxInterestRunes+1) }, "interest"},
		{"grade too high", func(r *Request) { r.Grade = 13 }, "grade_level"},
		{"grade negative", func(r *Request) { r.Grade = -1 }, "grade_level"},
		{"unknown modality", func(r *Request) { r.Modality = "podcast" }, "modality"},
		{"too short", func(r *Request) { r.TargetDuration = 10 * time.Second }, "duration"},
		{"too long", func(r *Request) { r.TargetDuration = time.Hour }, "duration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRequest()
			tt.change(&r)
			err := r.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("valid request refused: %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a ValidationError on %s", err, tt.field)
			}
			if ve.Field != tt.field {
				t.Errorf("field = %s, want %s (%v)", ve.Field, tt.field, err)
			}
		})
	}
}

func TestNormalizeFillsDefaults(t *testing.T) {
	r := Request{ID: " 8A1F6C2E-3B4D-4E5F-9A6B-7C8D9E0F1A2B ", Question: "  why is the sky blue?\n"}
	r.Normalize()
	if r.Modality != ModalityVideo || r.TargetDuration != DefaultDuration {
		t.Errorf("defaults not filled: %+v", r)
	}
	if r.ID != "8a1f6c2e-3b4d-4e5f-9a6b-7c8d9e0f1a2b" || r.Question != "why is the sky blue?" {
		t.Errorf("not trimmed and lower-cased: %q %q", r.ID, r.Question)
	}
}

func TestStatuses(t *testing.T) {
	terminal := map[Status]bool{StatusCompleted: true, StatusOutOfScope: true, StatusExpired: true, StatusFailed: true, StatusCancelled: true}
	prev := -1
	for _, s := range AllStatuses {
		if !s.Valid() {
			t.Errorf("%s not valid", s)
		}
		if s.Terminal() != terminal[s] {
			t.Errorf("%s terminal = %v", s, s.Terminal())
		}
		if !s.Terminal() && s.Progress() <= prev {
			t.Errorf("progress of %s (%d) does not rise", s, s.Progress())
		}
		if !s.Terminal() {
			prev = s.Progress()
		} else if s.Progress() != 100 {
			t.Errorf("terminal %s has progress %d", s, s.Progress())
		}
	}
	if _, err := ParseStatus("done"); err == nil {
		t.Error("unknown status parsed")
	}
}
