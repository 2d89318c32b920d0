package gemini

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxOutputBytes bounds the model text this package will parse; a lesson
// script of ten minutes is well under a tenth of it.
const maxOutputBytes = 256 << 10

// errMissingField: the output lacks a field the schema requires.
var errMissingField = errors.New("output lacks a required field")

// dataBlock renders v as one line of JSON between marker lines:
//
//	<<<MARKER
//	{"question":"…"}
//	MARKER>>>
//
// json.Marshal escapes <, > and & inside strings (as \u003c, \u003e, \u0026)
// and new lines as \n, so nothing in the data can close the block early or
// start a line of its own: student text and passages stay inside as data.
func dataBlock(marker string, v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encoding the data block: %w", err)
	}
	if bytes.Contains(b, []byte("<<<")) || bytes.Contains(b, []byte(">>>")) || bytes.ContainsAny(b, "\n\r") {
		return "", errors.New("encoding the data block: markers leaked into the data") // json.Marshal promises otherwise
	}
	return "<<<" + marker + "\n" + string(b) + "\n" + marker + ">>>", nil
}

// decodeStrict parses the model's text as exactly one JSON object of v's
// shape. Its errors describe the problem without quoting the text, which may
// echo the student's.
func decodeStrict(text string, v any) error {
	text = strings.TrimSpace(text)
	if len(text) > maxOutputBytes {
		return fmt.Errorf("output of %d bytes is too long (max %d)", len(text), maxOutputBytes)
	}
	if !strings.HasPrefix(text, "{") {
		return errors.New("output is not a JSON object")
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return fmt.Errorf("output is not valid JSON (at byte %d)", syn.Offset)
		case errors.As(err, &typ):
			return fmt.Errorf("output field %q has the wrong type (want %s)", typ.Field, typ.Type)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return errors.New("output is cut-off JSON")
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return errors.New("output has a field the schema does not allow")
		}
		return errors.New("output does not match the schema")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("output has text after the JSON object")
	}
	return nil
}
