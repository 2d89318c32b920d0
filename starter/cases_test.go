package starter

import (
	"encoding/json"
	"strings"
)

const (
	reqID     = "8a1f6c2e-3b4d-4e5f-9a6b-7c8d9e0f1a2b"
	studentID = "0b5e2f7a-1c3d-4e6f-8a9b-0c1d2e3f4a5b"
	orgID     = "11111111-2222-4333-8444-555555555555"
)

// validFields is a complete, valid message as a map, for cases to change.
func validFields() map[string]any {
	return map[string]any{
		"request_id": reqID, "student_id": studentID, "student_query": "How do volcanoes erupt?",
		"grade_level": 6, "interest": "skateboarding", "modality": "video", "duration_minutes": 2,
		"correlation_id": "batch-7", "organization_id": orgID,
	}
}

// msg is the JSON of a valid message after change.
func msg(change func(m map[string]any)) string {
	m := validFields()
	change(m)
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func set(k string, v any) func(map[string]any) { return func(m map[string]any) { m[k] = v } }
func del(k string) func(map[string]any)        { return func(m map[string]any) { delete(m, k) } }

// withDuplicate adds members written out by hand to a valid message, so one
// can repeat a name the message already has.
func withDuplicate(members string) string {
	m := msg(func(map[string]any) {})
	return m[:len(m)-1] + "," + members + "}"
}

// withRaw puts a raw JSON literal as the value of field k.
func withRaw(k, literal string) string {
	return strings.Replace(msg(set(k, "@@")), `"@@"`, literal, 1)
}

// hugeExponent: jsonschema/v6 parses numbers with big.Rat.SetString, which
// fails beyond an exponent of about 1e6, and the validator then dereferences nil.
const hugeExponent = "numbers with exponents beyond 1e6 panic the schema library"

// misspeltField: JSON Schema cannot tell a misspelt field from a new one.
const misspeltField = "a schema accepts any other field; the starter refuses near-misses"

// parsedAway: JSON Schema judges the parsed object, in which one of two
// members of the same name is already lost.
const parsedAway = "a schema sees the object after a repeated member has been dropped"

// contractCase is a message and the verdict Parse and the schema must agree on.
type contractCase struct {
	name   string
	data   string
	reason Reason // "" means valid
	field  string
	// transport cases are refused before the JSON is read (size, encoding), so
	// the schema has no say on them.
	transport bool
	// schemaBug names a case the test-only schema library cannot judge.
	schemaBug string
}

// contractCases are shared by the Parse tests and the schema agreement test.
func contractCases() []contractCase {
	return []contractCase{
		{name: "valid", data: msg(func(map[string]any) {})},
		{name: "only required fields", data: msg(func(m map[string]any) {
			for _, k := range []string{"interest", "modality", "duration_minutes", "correlation_id", "organization_id"} {
				delete(m, k)
			}
		})},
		{name: "optional fields null", data: msg(func(m map[string]any) {
			for _, k := range []string{"interest", "modality", "duration_minutes", "correlation_id", "organization_id"} {
				m[k] = nil
			}
		})},
		{name: "optional strings empty", data: msg(func(m map[string]any) {
			for _, k := range []string{"interest", "modality", "correlation_id", "organization_id"} {
				m[k] = ""
			}
		})},
		{name: "grade K", data: msg(set("grade_level", "K"))},
		{name: "grade k", data: msg(set("grade_level", "k"))},
		{name: "grade 0", data: msg(set("grade_level", 0))},
		{name: "grade 12", data: msg(set("grade_level", 12))},
		{name: "grade 7.0", data: withRaw("grade_level", "7.0")},
		{name: "grade 1e1", data: withRaw("grade_level", "1e1")},
		{name: "text modality", data: msg(set("modality", "text"))},
		{name: "duration 1", data: msg(set("duration_minutes", 1))},
		{name: "duration 10", data: msg(set("duration_minutes", 10))},
		{name: "duration 1.5", data: msg(set("duration_minutes", 1.5))},
		{name: "uppercase uuid", data: msg(set("request_id", strings.ToUpper(reqID)))},
		{name: "query of 1000 characters", data: msg(set("student_query", strings.Repeat("é", 1000)))},
		{name: "query with newline and tab", data: msg(set("student_query", "Why?\n\tReally, why?"))},
		{name: "query padded with spaces", data: msg(set("student_query", "  volcanoes  "))},
		{name: "interest of 80 characters", data: msg(set("interest", strings.Repeat("b", 80)))},
		{name: "interest only spaces", data: msg(set("interest", "   "))},
		{name: "correlation id of 128", data: msg(set("correlation_id", strings.Repeat("c", 128)))},
		{name: "white space around the object", data: " \n" + msg(func(map[string]any) {}) + "\n "},

		{name: "empty", data: "", reason: ReasonNotJSON},
		{name: "not json", data: "request_id=1", reason: ReasonNotJSON},
		{name: "cut short", data: `{"request_id":`, reason: ReasonNotJSON},
		{name: "two objects", data: msg(func(map[string]any) {}) + msg(func(map[string]any) {}), reason: ReasonNotJSON},
		{name: "trailing garbage", data: msg(func(map[string]any) {}) + "x", reason: ReasonNotJSON},
		{name: "not utf-8", data: strings.Replace(msg(func(map[string]any) {}), "volcanoes", "volc\xffnoes", 1), reason: ReasonNotJSON, transport: true},
		{name: "oversize", data: msg(set("padding", strings.Repeat("x", MaxMessageBytes))), reason: ReasonOversize, transport: true},
		{name: "array", data: "[" + msg(func(map[string]any) {}) + "]", reason: ReasonWrongType},
		{name: "null message", data: "null", reason: ReasonWrongType},
		{name: "string message", data: `"hello"`, reason: ReasonWrongType},

		{name: "request id not a uuid", data: msg(set("request_id", "req-123")), reason: ReasonInvalidUUID, field: "request_id"},
		{name: "request id without dashes", data: msg(set("request_id", strings.ReplaceAll(reqID, "-", ""))), reason: ReasonInvalidUUID, field: "request_id"},
		{name: "request id in braces", data: msg(set("request_id", "{"+reqID+"}")), reason: ReasonInvalidUUID, field: "request_id"},
		{name: "request id with spaces", data: msg(set("request_id", " "+reqID)), reason: ReasonInvalidUUID, field: "request_id"},
		{name: "request id missing", data: msg(del("request_id")), reason: ReasonMissingField, field: "request_id"},
		{name: "request id null", data: msg(set("request_id", nil)), reason: ReasonMissingField, field: "request_id"},
		{name: "request id empty", data: msg(set("request_id", "")), reason: ReasonMissingField, field: "request_id"},
		{name: "request id number", data: msg(set("request_id", 42)), reason: ReasonWrongType, field: "request_id"},
		{name: "student id missing", data: msg(del("student_id")), reason: ReasonMissingField, field: "student_id"},
		{name: "student id not a uuid", data: msg(set("student_id", "alice")), reason: ReasonInvalidUUID, field: "student_id"},
		{name: "organization id not a uuid", data: msg(set("organization_id", "acme")), reason: ReasonInvalidUUID, field: "organization_id"},
		{name: "organization id number", data: msg(set("organization_id", 7)), reason: ReasonWrongType, field: "organization_id"},

		{name: "query missing", data: msg(del("student_query")), reason: ReasonMissingField, field: "student_query"},
		{name: "query null", data: msg(set("student_query", nil)), reason: ReasonMissingField, field: "student_query"},
		{name: "query empty", data: msg(set("student_query", "")), reason: ReasonEmptyQuery, field: "student_query"},
		{name: "query blank", data: msg(set("student_query", " \n\t ")), reason: ReasonEmptyQuery, field: "student_query"},
		{name: "query no-break spaces", data: msg(set("student_query", "\u00a0\u3000")), reason: ReasonEmptyQuery, field: "student_query"},
		{name: "query too long", data: msg(set("student_query", strings.Repeat("a", 1001))), reason: ReasonQueryTooLong, field: "student_query"},
		{name: "query too long with padding", data: msg(set("student_query", " "+strings.Repeat("a", 1000))), reason: ReasonQueryTooLong, field: "student_query"},
		{name: "query with NUL", data: msg(set("student_query", "why\x00")), reason: ReasonInvalidField, field: "student_query"},
		{name: "query with carriage return at the edge", data: msg(set("student_query", "\rwhy")), reason: ReasonInvalidField, field: "student_query"},
		{name: "query with C1 control", data: msg(set("student_query", "why\u0085")), reason: ReasonInvalidField, field: "student_query"},
		{name: "query a number", data: msg(set("student_query", 5)), reason: ReasonWrongType, field: "student_query"},
		{name: "query an array", data: msg(set("student_query", []string{"a"})), reason: ReasonWrongType, field: "student_query"},

		{name: "grade missing", data: msg(del("grade_level")), reason: ReasonMissingField, field: "grade_level"},
		{name: "grade null", data: msg(set("grade_level", nil)), reason: ReasonMissingField, field: "grade_level"},
		{name: "grade 13", data: msg(set("grade_level", 13)), reason: ReasonGradeOutOfRange, field: "grade_level"},
		{name: "grade -1", data: msg(set("grade_level", -1)), reason: ReasonGradeOutOfRange, field: "grade_level"},
		{name: "grade huge", data: withRaw("grade_level", "1e999999999"), reason: ReasonGradeOutOfRange, field: "grade_level", schemaBug: hugeExponent},
		{name: "grade 6.5", data: msg(set("grade_level", 6.5)), reason: ReasonWrongType, field: "grade_level"},
		{name: "grade tiny fraction", data: withRaw("grade_level", "12.0000000000000000001"), reason: ReasonWrongType, field: "grade_level"},
		{name: "grade string 7", data: msg(set("grade_level", "7")), reason: ReasonWrongType, field: "grade_level"},
		{name: "grade string kindergarten", data: msg(set("grade_level", "kindergarten")), reason: ReasonWrongType, field: "grade_level"},
		{name: "grade boolean", data: msg(set("grade_level", true)), reason: ReasonWrongType, field: "grade_level"},

		{name: "interest too long", data: msg(set("interest", strings.Repeat("b", 81))), reason: ReasonInvalidField, field: "interest"},
		{name: "interest with control", data: msg(set("interest", "b\x1bb")), reason: ReasonInvalidField, field: "interest"},
		{name: "interest a number", data: msg(set("interest", 3)), reason: ReasonWrongType, field: "interest"},
		{name: "modality audio", data: msg(set("modality", "audio")), reason: ReasonUnknownModality, field: "modality"},
		{name: "modality Video", data: msg(set("modality", "Video")), reason: ReasonUnknownModality, field: "modality"},
		{name: "modality a number", data: msg(set("modality", 1)), reason: ReasonWrongType, field: "modality"},
		{name: "duration 0", data: msg(set("duration_minutes", 0)), reason: ReasonInvalidField, field: "duration_minutes"},
		{name: "duration 11", data: msg(set("duration_minutes", 11)), reason: ReasonInvalidField, field: "duration_minutes"},
		{name: "duration just over 10", data: withRaw("duration_minutes", "10.0000000000000000001"), reason: ReasonInvalidField, field: "duration_minutes"},
		{name: "duration tiny", data: withRaw("duration_minutes", "1e-999999999"), reason: ReasonInvalidField, field: "duration_minutes", schemaBug: hugeExponent},
		{name: "duration a string", data: msg(set("duration_minutes", "2")), reason: ReasonWrongType, field: "duration_minutes"},
		{name: "correlation id too long", data: msg(set("correlation_id", strings.Repeat("c", 129))), reason: ReasonInvalidField, field: "correlation_id"},
		{name: "correlation id with carriage return", data: msg(set("correlation_id", "a\rb")), reason: ReasonInvalidField, field: "correlation_id"},
		{name: "misspelt field", data: msg(set("intrest", "skating")), reason: ReasonUnknownField, field: "intrest", schemaBug: misspeltField},
		{name: "misspelt field in capitals", data: msg(set("Modalty", "text")), reason: ReasonUnknownField, field: "Modalty", schemaBug: misspeltField},
		{name: "a newer producer's field", data: msg(set("priority", "high"))},
		{name: "a newer producer's object", data: msg(set("client", map[string]any{"app": "web", "version": 3}))},
		{name: "request id twice", data: withDuplicate(`"request_id":"8d1d7f0c-5a3e-4c41-9d5e-3f1c2b7a9e10"`), reason: ReasonDuplicateField, field: "request_id", schemaBug: parsedAway},
		{name: "unknown member twice", data: withDuplicate(`"note":"a","note":"b"`), reason: ReasonDuplicateField, schemaBug: parsedAway},
		{name: "field in another case", data: msg(func(m map[string]any) { m["Request_ID"] = m["request_id"]; delete(m, "request_id") }), reason: ReasonMissingField, field: "request_id"},
	}
}
