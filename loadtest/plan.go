// Package loadtest drives the Pub/Sub bridge with a realistic mix of lesson
// requests and checks what became of each: every valid request one workflow that
// ends (or waits for a clarification), every invalid message one dead letter with
// the reason expected, nothing lost and nothing started twice.
//
// A Plan is the mix (made from a seed, so it can be repeated); Run publishes it
// through an Env, waits and measures; a Report says what happened and what is
// wrong. The command `vividly loadtest` wires an Env to Pub/Sub, PostgreSQL and
// Temporal.
package loadtest

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/starter"
)

// PlanOptions say what mix to make.
type PlanOptions struct {
	// N is how many distinct requests: round(N·InvalidRatio) invalid messages,
	// the rest valid requests.
	N            int
	InvalidRatio float64
	// Duplicates is how many extra copies of each valid request are published
	// (1+Duplicates in all), shuffled among the other messages.
	Duplicates int
	// Modality of every valid request.
	Modality vividly.Modality
	// Seed decides the mix: questions, grades, invalid cases and publish order.
	Seed uint64
	// CorrelationID is set on every valid request, to find the run's requests.
	CorrelationID string
	// NewID makes request and student ids. The default, uuid.NewString, makes
	// them fresh on every run even with the same seed: a request id used in an
	// earlier run would find its old workflow and start nothing.
	NewID func() string
}

// ValidRequest is a request that meets the contract.
type ValidRequest struct {
	Request vividly.Request
	Kind    Kind
	Data    []byte // the message, as published (every copy is the same bytes)
}

// InvalidMessage is a message that breaks the contract in one known way.
type InvalidMessage struct {
	Case   string         // what is wrong, e.g. "grade 14"
	Reason starter.Reason // the reason the starter must give
	// RequestID is the valid request id the message carries, if any (even in
	// bytes that are not JSON): no workflow and no row may ever exist for it.
	RequestID string
	Data      []byte
}

// Message is one message to publish: a copy of a valid request, or an invalid message.
type Message struct {
	Valid   int // index in Plan.Valid, or -1
	Invalid int // index in Plan.Invalid, or -1
	Copy    int // 0 for the first copy of a valid request, then 1..Duplicates
}

// Plan is a load test's messages.
type Plan struct {
	Options  PlanOptions
	Valid    []ValidRequest
	Invalid  []InvalidMessage
	Messages []Message // in publish order
}

// Data is the bytes of message m.
func (p *Plan) Data(m Message) []byte {
	if m.Valid >= 0 {
		return p.Valid[m.Valid].Data
	}
	return p.Invalid[m.Invalid].Data
}

// split is the indices of the messages in publish order: first copies of the
// valid requests, then the rest (duplicates and invalid messages).
func (p *Plan) split() (firsts, rest []int) {
	for i, m := range p.Messages {
		if m.Valid >= 0 && m.Copy == 0 {
			firsts = append(firsts, i)
		} else {
			rest = append(rest, i)
		}
	}
	return firsts, rest
}

// Check says what is wrong with o, if anything.
func (o PlanOptions) Check() error {
	switch {
	case o.N < 1:
		return fmt.Errorf("-n %d: want at least one request", o.N)
	case math.IsNaN(o.InvalidRatio) || o.InvalidRatio < 0 || o.InvalidRatio > 1:
		return fmt.Errorf("--invalid-ratio %v: want 0 to 1", o.InvalidRatio)
	case o.Duplicates < 0:
		return fmt.Errorf("--duplicates %d: want 0 or more", o.Duplicates)
	case o.Modality != vividly.ModalityText && o.Modality != vividly.ModalityVideo:
		return fmt.Errorf("--modality %q: want text or video", o.Modality)
	}
	return nil
}

// InvalidCount is how many of the N requests are invalid: round(N·InvalidRatio).
func (o PlanOptions) InvalidCount() int {
	return int(math.Round(float64(o.N) * o.InvalidRatio))
}

// NewPlan makes the mix o asks for. The same options and seed give the same
// questions, cases and order (the ids differ unless NewID is fixed).
func NewPlan(o PlanOptions) (*Plan, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	if o.NewID == nil {
		o.NewID = uuid.NewString
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x10ad7e57))
	p := &Plan{Options: o}

	nInvalid := o.InvalidCount()
	nValid := o.N - nInvalid
	kinds := kindsFor(nValid, rng)
	students := make([]string, max(1, nValid/3)) // a student often asks more than once
	for i := range students {
		students[i] = o.NewID()
	}
	for i := 0; i < nValid; i++ {
		r := validRequest(rng, kinds[i], o, students[rng.IntN(len(students))])
		data, err := starter.Encode(r)
		if err != nil {
			return nil, err
		}
		p.Valid = append(p.Valid, ValidRequest{Request: r, Kind: kinds[i], Data: data})
	}

	cases := invalidCases()
	order := rng.Perm(len(cases)) // every case once before any twice
	for i := 0; i < nInvalid; i++ {
		c := cases[order[i%len(cases)]]
		base := validRequest(rng, KindClear, o, students[rng.IntN(len(students))])
		m := c.make(base, rng)
		p.Invalid = append(p.Invalid, InvalidMessage{Case: c.name, Reason: c.reason, RequestID: m.requestID, Data: m.data})
	}

	for i := range p.Valid {
		for k := 0; k <= o.Duplicates; k++ {
			p.Messages = append(p.Messages, Message{Valid: i, Invalid: -1, Copy: k})
		}
	}
	for i := range p.Invalid {
		p.Messages = append(p.Messages, Message{Valid: -1, Invalid: i})
	}
	rng.Shuffle(len(p.Messages), func(i, j int) { p.Messages[i], p.Messages[j] = p.Messages[j], p.Messages[i] })
	return p, nil
}

// kindsFor is the kind of each of n valid requests: a few vague, a few out of
// scope, the rest clear, in random order.
func kindsFor(n int, rng *rand.Rand) []Kind {
	vague := int(math.Round(float64(n) * VagueShare))
	oos := int(math.Round(float64(n) * OutOfScopeShare))
	if n >= 3 { // at least one of each when there is room
		vague, oos = max(vague, 1), max(oos, 1)
	}
	if vague+oos > n {
		vague, oos = 0, 0
	}
	kinds := make([]Kind, n)
	for i := range kinds {
		switch {
		case i < vague:
			kinds[i] = KindVague
		case i < vague+oos:
			kinds[i] = KindOutOfScope
		default:
			kinds[i] = KindClear
		}
	}
	rng.Shuffle(n, func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	return kinds
}

// organizations are the schools requests come from; "" is a student on their own.
var organizationCount = 3

func validRequest(rng *rand.Rand, k Kind, o PlanOptions, student string) vividly.Request {
	r := vividly.Request{
		ID: o.NewID(), StudentID: student, Modality: o.Modality,
		Interest:       interests[rng.IntN(len(interests))],
		TargetDuration: time.Duration(1+rng.IntN(2)) * time.Minute,
		CorrelationID:  o.CorrelationID,
	}
	switch k {
	case KindVague:
		r.Question = vagueQuestions[rng.IntN(len(vagueQuestions))]
		r.Grade = 3 + rng.IntN(8)
	case KindOutOfScope:
		r.Question = outOfScopeQuestions[rng.IntN(len(outOfScopeQuestions))]
		r.Grade = 5 + rng.IntN(8)
	default:
		q := clearQuestions[rng.IntN(len(clearQuestions))]
		r.Question = q.text
		r.Grade = q.gradeMin + rng.IntN(q.gradeMax-q.gradeMin+1)
	}
	if rng.IntN(organizationCount+1) > 0 {
		// Ids of schools are derived from the seed: the same few on every run.
		r.OrganizationID = uuid.NewSHA1(uuid.NameSpaceOID, fmt.Appendf(nil, "vividly-loadtest-school-%d", rng.IntN(organizationCount))).String()
	}
	r.Normalize()
	return r
}

// ErrEmptyPlan is returned by Run for a plan with nothing to publish.
var ErrEmptyPlan = errors.New("loadtest: the plan has no messages")
