package starter

import (
	"errors"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

func TestParseCases(t *testing.T) {
	for _, c := range contractCases() {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse([]byte(c.data))
			if c.reason == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if err := r.Validate(); err != nil {
					t.Fatalf("Parse accepted a request the domain refuses: %v", err)
				}
				return
			}
			var rej *Rejection
			if !errors.As(err, &rej) {
				t.Fatalf("Parse = %+v, %v; want a *Rejection", r, err)
			}
			if rej.Reason != c.reason || rej.Field != c.field {
				t.Fatalf("rejection %s at %q (%s); want %s at %q", rej.Reason, rej.Field, rej.Detail, c.reason, c.field)
			}
			if rej.Detail == "" {
				t.Error("rejection has no detail")
			}
		})
	}
}

func TestParseFillsDefaultsAndNormalizes(t *testing.T) {
	data := `{"request_id":"` + strings.ToUpper(reqID) + `","student_id":"` + studentID +
		`","student_query":"  How do volcanoes erupt?\n","grade_level":"K","interest":" skating "}`
	r, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := vividly.Request{ID: reqID, StudentID: studentID, Question: "How do volcanoes erupt?", Grade: 0,
		Interest: "skating", Modality: vividly.ModalityVideo, TargetDuration: vividly.DefaultDuration}
	if r != want {
		t.Fatalf("Parse = %+v\nwant    %+v", r, want)
	}
}

func TestParseDuration(t *testing.T) {
	r, err := Parse([]byte(msg(set("duration_minutes", 1.5))))
	if err != nil {
		t.Fatal(err)
	}
	if r.TargetDuration != 90*time.Second {
		t.Fatalf("duration %s, want 1m30s", r.TargetDuration)
	}
}

func TestRejectionCarriesRequestIDWhenValid(t *testing.T) {
	_, err := Parse([]byte(msg(set("grade_level", 99))))
	var rej *Rejection
	if !errors.As(err, &rej) || rej.RequestID != reqID {
		t.Fatalf("rejection %+v; want request id %s", rej, reqID)
	}
	_, err = Parse([]byte(msg(set("request_id", "nope"))))
	if !errors.As(err, &rej) || rej.RequestID != "" {
		t.Fatalf("rejection %+v; want no request id", rej)
	}
}

func TestRejectionNeverQuotesStudentText(t *testing.T) {
	secret := "my-secret-question"
	for _, data := range []string{
		`{"student_query": "` + secret, // cut short
		`{"x": ` + secret + `}`,        // syntax error
		msg(set("student_query", secret+strings.Repeat("a", 1000))),
		msg(set("interest", secret+strings.Repeat("a", 100))),
		msg(set("student_query", secret+"\x00")),
	} {
		_, err := Parse([]byte(data))
		if err == nil || strings.Contains(err.Error(), secret) {
			t.Errorf("Parse(%.40q) = %v; want a rejection that does not quote the text", data, err)
		}
	}
}

func TestEncodeRoundTrips(t *testing.T) {
	in := vividly.Request{ID: reqID, StudentID: studentID, OrganizationID: orgID, Question: "What are fractions?",
		Grade: 3, Interest: "baking", Modality: vividly.ModalityText, TargetDuration: 150 * time.Second, CorrelationID: "c-1"}
	b, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Parse(b)
	if err != nil {
		t.Fatalf("Parse(Encode(r)): %v", err)
	}
	if out != in {
		t.Fatalf("round trip = %+v\nwant         %+v", out, in)
	}
}

// TestNewerProducersFieldsAreIgnored: a field this version does not know is
// ignored and named, so a producer one release ahead still starts lessons;
// a misspelling of a known field is still refused, with the suggestion.
func TestNewerProducersFieldsAreIgnored(t *testing.T) {
	p, err := ParseMessage([]byte(msg(func(m map[string]any) { m["priority"] = "high"; m["client"] = map[string]any{"app": "web"} })))
	if err != nil {
		t.Fatalf("a newer producer's message was refused: %v", err)
	}
	if strings.Join(p.Ignored, ",") != "client,priority" || p.Request.Question == "" {
		t.Errorf("ignored %v from %+v, want client and priority", p.Ignored, p.Request)
	}
	_, err = ParseMessage([]byte(msg(set("intrest", "skating"))))
	var rej *Rejection
	if !errors.As(err, &rej) || rej.Reason != ReasonUnknownField || !strings.Contains(rej.Detail, `did you mean "interest"`) {
		t.Errorf("a misspelt field: %v, want unknown_field suggesting interest", err)
	}
}
