package starter

import (
	"errors"
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"
)

// hugeExponentRE finds numbers the schema library cannot parse (see hugeExponent).
var hugeExponentRE = regexp.MustCompile(`[eE][+-]?0*[0-9]{7,}`)

// FuzzParse feeds Parse arbitrary bytes: it must never panic, must refuse with a
// known reason or return a request the domain accepts and that survives a round
// trip, and must agree with the shipped JSON Schema.
func FuzzParse(f *testing.F) {
	for _, c := range contractCases() {
		f.Add([]byte(c.data))
	}
	for _, s := range []string{`{}`, `{"grade_level":1e-7}`, `{"request_id":"\ud800"}`, `[[[[[[[[`, `0`, `"\u0000"`,
		`{"duration_minutes":-0}`, `{"grade_level":-0.0e+0}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			var rej *Rejection
			if !errors.As(err, &rej) || !slices.Contains(Reasons, rej.Reason) || rej.Detail == "" {
				t.Fatalf("Parse error %#v is not a Rejection with a known reason and a detail", err)
			}
		} else {
			if verr := r.Validate(); verr != nil {
				t.Fatalf("Parse accepted %+v, which the domain refuses: %v", r, verr)
			}
			b, eerr := Encode(r)
			if eerr != nil {
				t.Fatal(eerr)
			}
			if again, perr := Parse(b); perr != nil || again != r {
				t.Fatalf("round trip: Parse(Encode(%+v)) = %+v, %v", r, again, perr)
			}
		}
		var rej *Rejection
		if errors.As(err, &rej) && (rej.Reason == ReasonDuplicateField || rej.Reason == ReasonUnknownField) {
			// Below the schema: it sees the object after one member is
			// dropped, and cannot tell a misspelt field from a new one.
			return
		}
		if len(data) > MaxMessageBytes || !utf8.Valid(data) || hugeExponentRE.Match(data) {
			return // decided before the schema, or beyond the schema library
		}
		if serr := schemaVerdict(t, data); (serr == nil) != (err == nil) {
			t.Fatalf("Parse says %v, the schema says %v", err, serr)
		}
	})
}
