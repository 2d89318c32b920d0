package activities

import (
	"context"
	"os"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// NarrateInput is the script to speak.
type NarrateInput struct {
	RequestID string         `json:"request_id"`
	Script    vividly.Script `json:"script"`
	// Since is when the lesson began: the older lessons' media go first.
	Since time.Time `json:"since,omitzero"`
}

// NarrateResult is the spoken script and its timing.
type NarrateResult struct {
	Narration vividly.Narration `json:"narration"`
	FellBack  bool              `json:"fell_back,omitempty"`
	CostUSD   float64           `json:"cost_usd,omitempty"`
}

// Narrate speaks the script into an audio file in the request's work directory.
func (a *Activities) Narrate(ctx context.Context, in NarrateInput) (NarrateResult, error) {
	dir, err := a.workDir(in.RequestID)
	if err != nil {
		return NarrateResult{}, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return NarrateResult{}, stageError("narrate", err)
	}
	// A narration takes seconds to minutes; heartbeats let a lost worker's
	// narration be retried elsewhere within the heartbeat timeout.
	defer heartbeating(ctx, nil)()
	// A narrator that runs here (espeak-ng) competes with renders for the
	// CPU, so it takes one of their slots; renders waiting go first.
	if l, ok := a.Narrator.(localNarrator); ok && l.RunsLocally() {
		slots := a.mediaSlots()
		if err := slots.acquire(ctx, slotNarrate, in.Since); err != nil {
			return NarrateResult{}, stageError("narrate", err)
		}
		defer slots.release()
		var held func()
		ctx, _, held = slots.hold(ctx, in.Since)
		defer held()
	}
	primary := func() (vividly.Narration, error) { return a.Narrator.Narrate(ctx, in.Script, dir) }
	var fallback func() (vividly.Narration, error)
	if a.Fallback.Narrator != nil {
		fallback = func() (vividly.Narration, error) { return a.Fallback.Narrator.Narrate(ctx, in.Script, dir) }
	}
	n, spent, fellBack, err := withFallback(ctx, a, string(vividly.StatusGeneratingAudio), primary, fallback,
		func(n vividly.Narration) vividly.Usage { return n.Usage })
	if err != nil {
		return NarrateResult{}, stageError("narrate", err)
	}
	n.Usage = n.Usage.Add(spent)
	cost := a.Prices.Estimate(n.Usage)
	n.Usage.Cost = vividly.CostParts{Narration: cost}
	return NarrateResult{Narration: n, FellBack: fellBack, CostUSD: cost}, nil
}

// localNarrator is a Narrator that says whether it runs on this machine's CPU
// (and so shares the render slots) rather than calling a service.
type localNarrator interface {
	RunsLocally() bool
}
