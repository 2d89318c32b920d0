package workflows

import (
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// Defaults for Options.
const (
	DefaultClarificationTimeout   = 48 * time.Hour
	DefaultMaxClarificationRounds = 3
	DefaultRenderHeartbeatTimeout = 30 * time.Second
)

// Options tune one run of ContentWorkflow; zero values take the defaults.
type Options struct {
	// ClarificationTimeout bounds each wait for a student's answer.
	ClarificationTimeout time.Duration `json:"clarification_timeout,omitempty"`
	// MaxClarificationRounds is how many times the student may be asked.
	MaxClarificationRounds int `json:"max_clarification_rounds,omitempty"`
	// RenderHeartbeatTimeout is how soon a render on a lost worker is retried elsewhere.
	RenderHeartbeatTimeout time.Duration `json:"render_heartbeat_timeout,omitempty"`
}

func (o Options) withDefaults() Options {
	if o.ClarificationTimeout <= 0 {
		o.ClarificationTimeout = DefaultClarificationTimeout
	}
	if o.MaxClarificationRounds <= 0 {
		o.MaxClarificationRounds = DefaultMaxClarificationRounds
	}
	if o.RenderHeartbeatTimeout <= 0 {
		o.RenderHeartbeatTimeout = DefaultRenderHeartbeatTimeout
	}
	return o
}

// Input starts a ContentWorkflow.
type Input struct {
	Request vividly.Request `json:"request"`
	Options Options         `json:"options"`
}

// Output is how a ContentWorkflow ended when it did not fail.
type Output struct {
	Status vividly.Status  `json:"status"`
	Result *vividly.Result `json:"result,omitempty"`
}

// ClarificationSignal is the payload of SignalClarification.
type ClarificationSignal struct {
	Answer string `json:"answer"`
	// Round is the clarification round the answer replies to (Progress's
	// ClarificationRound when it was sent). An answer for another round —
	// a retried send that arrives after its round was answered — is
	// ignored. 0, as when an operator signals by hand, answers the open round.
	Round int `json:"round,omitempty"`
}
