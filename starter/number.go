package starter

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// maxExponent bounds the decimal exponent of a number before it is expanded.
// big.Rat would build 10^exponent in full, so "1e999999999" would take
// gigabytes. A message has fewer than MaxMessageBytes digits, so any value
// with |exponent| beyond this is already either zero, far above every limit, or
// a non-zero fraction far below 1; clamping keeps each of those verdicts.
const maxExponent = 4 * MaxMessageBytes

// number reads a field as an exact rational. ok is false when the field is
// absent or null, or p has already failed.
func (p *parser) number(field, want string) (*big.Rat, bool) {
	if p.rej != nil {
		return nil, false
	}
	raw, present := p.fields[field]
	if !present || kind(raw) == "null" {
		return nil, false
	}
	if k := kind(raw); k != "number" {
		p.fail(ReasonWrongType, field, fmt.Sprintf("want %s, got a %s", want, k))
		return nil, false
	}
	r, ok := exactNumber(strings.TrimSpace(string(raw)))
	if !ok {
		p.fail(ReasonWrongType, field, fmt.Sprintf("want %s", want))
		return nil, false
	}
	return r, true
}

// exactNumber parses a JSON number literal exactly, so that 7.0 is the whole
// number 7 and 10.0000000000000000001 is above 10, as JSON Schema says.
func exactNumber(s string) (*big.Rat, bool) {
	if !json.Valid([]byte(s)) {
		return nil, false
	}
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
	}
	if exp != "" {
		exp = clampExponent(exp)
		s = mant + "e" + exp
	}
	return new(big.Rat).SetString(s)
}

// clampExponent limits an exponent's magnitude to maxExponent.
func clampExponent(exp string) string {
	neg := exp[0] == '-'
	digits := strings.TrimLeft(strings.TrimLeft(exp, "+-"), "0")
	n := maxExponent
	if len(digits) <= 6 { // below 10^6, and so safe for Atoi
		n, _ = strconv.Atoi("0" + digits)
		n = min(n, maxExponent)
	}
	if neg {
		n = -n
	}
	return strconv.Itoa(n)
}

// The domain's limits as exact numbers: grades, and durations in minutes.
var (
	minGrade    = big.NewRat(vividly.MinGrade, 1)
	maxGrade    = big.NewRat(vividly.MaxGrade, 1)
	minDuration = big.NewRat(int64(vividly.MinDuration), int64(time.Minute))
	maxDuration = big.NewRat(int64(vividly.MaxDuration), int64(time.Minute))
)

func (p *parser) grade() int {
	if p.rej != nil {
		return 0
	}
	const want = `a whole number from 0 to 12, or "K"`
	if raw, ok := p.fields[FieldGradeLevel]; ok && kind(raw) == "string" {
		s, _ := p.str(FieldGradeLevel, want)
		if s == "K" || s == "k" {
			return 0
		}
		p.fail(ReasonWrongType, FieldGradeLevel, fmt.Sprintf("want %s; a string may only be \"K\"", want))
		return 0
	}
	r, ok := p.number(FieldGradeLevel, want)
	if p.rej != nil {
		return 0
	}
	if !ok {
		p.fail(ReasonMissingField, FieldGradeLevel, "required")
		return 0
	}
	if !r.IsInt() {
		p.fail(ReasonWrongType, FieldGradeLevel, fmt.Sprintf("want %s, not a fraction", want))
		return 0
	}
	if r.Cmp(minGrade) < 0 || r.Cmp(maxGrade) > 0 {
		p.fail(ReasonGradeOutOfRange, FieldGradeLevel, "outside K–12 (use 0 or \"K\" for kindergarten, up to 12)")
		return 0
	}
	return int(r.Num().Int64())
}

func (p *parser) duration() time.Duration {
	r, ok := p.number(FieldDurationMinutes, "a number of minutes from 1 to 10")
	if !ok {
		return 0 // absent: Normalize sets the default
	}
	if r.Cmp(minDuration) < 0 || r.Cmp(maxDuration) > 0 {
		p.fail(ReasonInvalidField, FieldDurationMinutes, "outside 1 to 10 minutes")
		return 0
	}
	f, _ := r.Float64()
	return minutes(f)
}
