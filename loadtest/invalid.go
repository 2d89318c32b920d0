package loadtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/starter"
)

// invalidCase is one way of breaking the message contract, and the reason the
// starter gives for it.
type invalidCase struct {
	name   string
	reason starter.Reason
	// change breaks a valid message (as a map) in one way; nil means make builds
	// the bytes itself.
	change func(m map[string]any, rng *rand.Rand)
	raw    func(m map[string]any, rng *rand.Rand) []byte
}

type built struct {
	data      []byte
	requestID string // the valid request id the message still carries somewhere, if any
}

// make is the message of case c, built from the valid request base.
func (c invalidCase) make(base vividly.Request, rng *rand.Rand) built {
	m := fieldsOf(base)
	var data []byte
	if c.raw != nil {
		data = c.raw(m, rng)
	} else {
		c.change(m, rng)
		data = mustJSON(m)
	}
	b := built{data: data}
	if bytes.Contains(data, []byte(base.ID)) {
		b.requestID = base.ID
	}
	return b
}

// fieldsOf is the message of r as a map, for a case to change.
func fieldsOf(r vividly.Request) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(mustJSON(starter.MessageOf(r)), &m); err != nil {
		panic(err) // a Message always round-trips
	}
	return m
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func set(k string, v any) func(map[string]any, *rand.Rand) {
	return func(m map[string]any, _ *rand.Rand) { m[k] = v }
}

func del(k string) func(map[string]any, *rand.Rand) {
	return func(m map[string]any, _ *rand.Rand) { delete(m, k) }
}

// invalidCases are the contract violations a load test mixes in. Each breaks one
// rule of an otherwise valid message, so its reason is certain.
func invalidCases() []invalidCase {
	const (
		f   = starter.FieldRequestID
		q   = starter.FieldStudentQuery
		g   = starter.FieldGradeLevel
		mod = starter.FieldModality
	)
	return []invalidCase{
		{name: "not JSON (a form post)", reason: starter.ReasonNotJSON, raw: func(m map[string]any, _ *rand.Rand) []byte {
			return fmt.Appendf(nil, "request_id=%s&grade=%v", m[f], m[g])
		}},
		{name: "JSON cut short", reason: starter.ReasonNotJSON, raw: func(m map[string]any, rng *rand.Rand) []byte {
			b := mustJSON(m)
			return b[:1+rng.IntN(len(b)-2)]
		}},
		{name: "a JSON array", reason: starter.ReasonWrongType, raw: func(m map[string]any, _ *rand.Rand) []byte {
			return mustJSON([]any{m})
		}},
		{name: "request_id not a UUID", reason: starter.ReasonInvalidUUID, change: func(m map[string]any, rng *rand.Rand) {
			m[f] = fmt.Sprintf("req-%d", rng.IntN(1_000_000))
		}},
		{name: "request_id without dashes", reason: starter.ReasonInvalidUUID, change: func(m map[string]any, _ *rand.Rand) {
			m[f] = strings.ReplaceAll(m[f].(string), "-", "")
		}},
		{name: "request_id a number", reason: starter.ReasonWrongType, change: func(m map[string]any, rng *rand.Rand) {
			m[f] = rng.IntN(1_000_000)
		}},
		{name: "student_id not a UUID", reason: starter.ReasonInvalidUUID, change: set(starter.FieldStudentID, "alice")},
		{name: "missing student_query", reason: starter.ReasonMissingField, change: del(q)},
		{name: "missing request_id", reason: starter.ReasonMissingField, change: del(f)},
		{name: "blank student_query", reason: starter.ReasonEmptyQuery, change: set(q, "   ")},
		{name: "over-long student_query", reason: starter.ReasonQueryTooLong, change: func(m map[string]any, rng *rand.Rand) {
			m[q] = strings.Repeat("why is the sky blue? ", 50+rng.IntN(100))
		}},
		{name: "student_query a number", reason: starter.ReasonWrongType, change: set(q, 42)},
		{name: "grade 14", reason: starter.ReasonGradeOutOfRange, change: set(g, 14)},
		{name: "grade -1", reason: starter.ReasonGradeOutOfRange, change: set(g, -1)},
		{name: "grade a word", reason: starter.ReasonWrongType, change: set(g, "seventh")},
		{name: "unknown modality", reason: starter.ReasonUnknownModality, change: set(mod, "hologram")},
		{name: "duration of an hour", reason: starter.ReasonInvalidField, change: set(starter.FieldDurationMinutes, 60)},
		{name: "misspelt field", reason: starter.ReasonUnknownField, change: func(m map[string]any, _ *rand.Rand) {
			m["intrest"] = "skating"
			delete(m, starter.FieldInterest)
		}},
		{name: "oversize message", reason: starter.ReasonOversize, change: func(m map[string]any, _ *rand.Rand) {
			m["padding"] = strings.Repeat("x", starter.MaxMessageBytes)
		}},
	}
}
