package starter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	vividly "github.com/vividly-edu/vividly"

	"github.com/vividly-edu/vividly/internal/edit"
)

// knownFields are the fields the contract names.
var knownFields = []string{
	FieldRequestID, FieldStudentID, FieldStudentQuery, FieldGradeLevel, FieldInterest,
	FieldModality, FieldDurationMinutes, FieldCorrelationID, FieldOrganizationID,
}

// Parse reads one message into a normalized, valid request, or says with a
// *Rejection why it cannot. It never panics, whatever the bytes.
func Parse(data []byte) (vividly.Request, error) {
	p, err := ParseMessage(data)
	return p.Request, err
}

// Parsed is a message read by ParseMessage.
type Parsed struct {
	Request vividly.Request
	// Ignored names the fields this version of the contract does not know,
	// sorted: a producer one release ahead may send them. Each name is at
	// most 64 characters.
	Ignored []string
}

// ParseMessage is Parse, also saying which fields were ignored. A field this
// version does not know is ignored, so a newer producer's messages still
// start lessons; one that looks like a misspelt known field ("intrest",
// within two edits of "interest") is refused as unknown_field, since its
// value was surely meant for the known one.
func ParseMessage(data []byte) (Parsed, error) {
	if len(data) > MaxMessageBytes {
		return Parsed{}, &Rejection{Reason: ReasonOversize,
			Detail: fmt.Sprintf("%d bytes, more than the limit of %d", len(data), MaxMessageBytes)}
	}
	fields, rej := decodeObject(data)
	if rej != nil {
		return Parsed{}, rej
	}
	p := parser{fields: fields}
	var r vividly.Request
	r.ID = p.uuid(FieldRequestID, true)
	if p.rej == nil {
		p.requestID = strings.ToLower(r.ID) // as Normalize will have it
	}
	r.StudentID = p.uuid(FieldStudentID, true)
	r.Question = p.query()
	r.Grade = p.grade()
	r.Interest = p.text(FieldInterest, vividly.MaxInterestRunes)
	r.Modality = p.modality()
	r.TargetDuration = p.duration()
	r.CorrelationID = p.text(FieldCorrelationID, MaxCorrelationIDRunes)
	r.OrganizationID = p.uuid(FieldOrganizationID, false)
	ignored := p.unknownFields()
	if p.rej != nil {
		return Parsed{}, p.rej
	}
	r.Normalize()
	// The checks above are those of the schema; Validate is the domain's own and
	// has the last word, so the two can never drift apart silently.
	if err := r.Validate(); err != nil {
		return Parsed{}, p.fromValidation(err)
	}
	return Parsed{Request: r, Ignored: ignored}, nil
}

// decodeObject reads exactly one JSON object.
func decodeObject(data []byte) (map[string]json.RawMessage, *Rejection) {
	// JSON is UTF-8 (RFC 8259); encoding/json would quietly turn bad bytes into
	// U+FFFD and change the student's text, so refuse them instead.
	if !utf8.Valid(data) {
		return nil, &Rejection{Reason: ReasonNotJSON, Detail: "not UTF-8 text"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, &Rejection{Reason: ReasonNotJSON, Detail: jsonDetail(err)}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &Rejection{Reason: ReasonNotJSON, Detail: "more data after the JSON value (send one request per message)"}
	}
	if kind(raw) != "object" {
		return nil, &Rejection{Reason: ReasonWrongType, Detail: fmt.Sprintf("the message is a JSON %s; want an object", kind(raw))}
	}
	if rej := duplicateKey(raw); rej != nil {
		return nil, rej
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, &Rejection{Reason: ReasonNotJSON, Detail: jsonDetail(err)}
	}
	return fields, nil
}

// duplicateKey refuses an object that names a member twice: which of the two
// values the producer meant cannot be known, and decoding would keep the last
// one without a word. Only the message's own members are read; a nested
// value is skipped whole. A field the contract does not name is not quoted,
// since it could be anything.
func duplicateKey(raw json.RawMessage) *Rejection {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil // reported by the decoding that follows
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		if seen[key] {
			field := key
			if !slices.Contains(knownFields, key) {
				field = ""
			}
			return &Rejection{Reason: ReasonDuplicateField, Field: field,
				Detail: "a field appears more than once; send each field once"}
		}
		seen[key] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil
		}
	}
	return nil
}

// jsonDetail describes a syntax error by position only: the error text of
// encoding/json may quote the input, which may be the student's words.
func jsonDetail(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("not valid JSON (syntax error at byte %d)", syn.Offset)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "not valid JSON (empty or cut short)"
	}
	return "not valid JSON"
}

// kind names the JSON type of a raw value by its first byte.
func kind(raw json.RawMessage) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	default:
		return "number"
	}
}

// parser checks the fields one by one and keeps the first rejection.
type parser struct {
	fields    map[string]json.RawMessage
	rej       *Rejection
	requestID string
}

func (p *parser) fail(reason Reason, field, detail string) {
	if p.rej == nil {
		p.rej = &Rejection{Reason: reason, Field: field, Detail: detail, RequestID: p.requestID}
	}
}

// str returns a field's string; ok is false when it is absent or null (or p has
// already failed). Any other JSON type is refused as wrong_type.
func (p *parser) str(field, want string) (s string, ok bool) {
	if p.rej != nil {
		return "", false
	}
	raw, present := p.fields[field]
	if !present || kind(raw) == "null" {
		return "", false
	}
	if k := kind(raw); k != "string" {
		p.fail(ReasonWrongType, field, fmt.Sprintf("want %s, got a %s", want, k))
		return "", false
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		p.fail(ReasonWrongType, field, fmt.Sprintf("want %s", want))
		return "", false
	}
	return s, true
}

func (p *parser) uuid(field string, required bool) string {
	s, ok := p.str(field, "a UUID string")
	if p.rej != nil {
		return ""
	}
	if !ok || s == "" {
		if required {
			p.fail(ReasonMissingField, field, "required")
		}
		return ""
	}
	if !isUUID(s) {
		p.fail(ReasonInvalidUUID, field, "not a UUID (want the 36-character form, e.g. 123e4567-e89b-12d3-a456-426614174000)")
		return ""
	}
	return s
}

// isUUID accepts exactly the 36-character hyphenated form, in either case.
// White space around it is refused too, so the schema's pattern agrees.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func (p *parser) query() string {
	s, ok := p.str(FieldStudentQuery, "a string")
	if p.rej != nil {
		return ""
	}
	if !ok {
		p.fail(ReasonMissingField, FieldStudentQuery, "required")
		return ""
	}
	// Lengths are counted as sent, before white space is trimmed, so that the
	// schema's maxLength says the same.
	if n := utf8.RuneCountInString(s); n > vividly.MaxQuestionRunes {
		p.fail(ReasonQueryTooLong, FieldStudentQuery, fmt.Sprintf("%d characters, more than the limit of %d", n, vividly.MaxQuestionRunes))
		return ""
	}
	if hasControl(s) {
		p.fail(ReasonInvalidField, FieldStudentQuery, "contains control characters (only tab and newline are allowed)")
		return ""
	}
	if strings.TrimSpace(s) == "" {
		p.fail(ReasonEmptyQuery, FieldStudentQuery, "empty or only white space")
		return ""
	}
	return s
}

// text reads an optional free-text field with a length limit.
func (p *parser) text(field string, max int) string {
	s, _ := p.str(field, "a string")
	if p.rej != nil {
		return ""
	}
	if n := utf8.RuneCountInString(s); n > max {
		p.fail(ReasonInvalidField, field, fmt.Sprintf("%d characters, more than the limit of %d", n, max))
		return ""
	}
	if hasControl(s) {
		p.fail(ReasonInvalidField, field, "contains control characters (only tab and newline are allowed)")
		return ""
	}
	return s
}

// hasControl is the domain's rule: control characters except tab and newline.
func hasControl(s string) bool {
	for _, c := range s {
		if unicode.IsControl(c) && c != '\n' && c != '\t' {
			return true
		}
	}
	return false
}

func (p *parser) modality() vividly.Modality {
	s, _ := p.str(FieldModality, `"text" or "video"`)
	if p.rej != nil {
		return ""
	}
	switch m := vividly.Modality(s); m {
	case "", vividly.ModalityText, vividly.ModalityVideo:
		return m // "" becomes the default in Normalize
	default:
		p.fail(ReasonUnknownModality, FieldModality, fmt.Sprintf("%q is not one of text, video", truncate(s, 32)))
		return ""
	}
}

func (p *parser) unknownFields() []string {
	if p.rej != nil {
		return nil
	}
	var unknown []string
	for name := range p.fields {
		if !slices.Contains(knownFields, name) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown) // report the same one every time
	for _, name := range unknown {
		if known, ok := misspelt(name); ok {
			p.fail(ReasonUnknownField, truncate(name, 64),
				fmt.Sprintf("not a field of the contract; did you mean %q? (known: %s)", known, strings.Join(knownFields, ", ")))
			return nil
		}
	}
	for i, name := range unknown {
		unknown[i] = truncate(name, 64)
	}
	return unknown
}

// misspelt reports the known field name is within two edits of (ignoring
// case), when it is one.
func misspelt(name string) (string, bool) {
	lower := strings.ToLower(name)
	for _, known := range knownFields {
		if edit.Distance(lower, known, 3) <= 2 {
			return known, true
		}
	}
	return "", false
}

// fromValidation maps the domain's verdict to a rejection. Parse's own checks
// catch everything Validate does today; this is the safety net if the domain
// grows a rule first.
func (p *parser) fromValidation(err error) *Rejection {
	var ve *vividly.ValidationError
	if !errors.As(err, &ve) {
		return &Rejection{Reason: ReasonInvalidField, Detail: err.Error(), RequestID: p.requestID}
	}
	field, reason := ve.Field, ReasonInvalidField
	switch ve.Field {
	case "request_id", "student_id", "organization_id":
		reason = ReasonInvalidUUID
		if ve.Reason == "missing" {
			reason = ReasonMissingField
		}
	case "question":
		field = FieldStudentQuery
	case "grade_level":
		reason = ReasonGradeOutOfRange
	case "modality":
		reason = ReasonUnknownModality
	case "duration":
		field = FieldDurationMinutes
	}
	return &Rejection{Reason: reason, Field: field, Detail: ve.Reason, RequestID: p.requestID}
}

// truncate shortens s to at most n runes, for details and attributes.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
