package activities

import (
	"context"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/activity"
)

// DefaultFallbackAfterAttempts is how many attempts a production provider gets
// before its stage falls back to the offline provider. The workflow allows more
// attempts than this, so the fallback always gets its turn.
const DefaultFallbackAfterAttempts = 3

// Fallbacks are the providers a stage falls back to when its production provider
// keeps failing: the offline ones. A nil field means that stage has no fallback.
type Fallbacks struct {
	Understander vividly.Understander
	Writer       vividly.ScriptWriter
	Narrator     vividly.Narrator
	Objects      vividly.ObjectStore
}

// withFallback runs primary. When it fails for good — a permanent error, or a
// transient one on the last attempt before the fallback is due — it runs fallback
// instead and reports that it did; earlier transient failures are returned so
// Temporal retries them with backoff. A nil fallback means the error stands.
//
// spent is the usage of the outputs it drops, which the provider billed all
// the same: a failed primary's when the fallback ran (a script that failed its
// checks, a reply that did not parse), and a failed fallback's. The caller adds
// it to the lesson's. What this cannot count is the usage of an activity
// attempt that ended in an error for Temporal to retry: Temporal keeps a
// failed attempt's error, not a result, so the tokens and characters of up to
// FallbackAfterAttempts-1 failed attempts per stage are billed but missing
// from the estimate. A nil usage means the stage bills nothing.
func withFallback[T any](ctx context.Context, a *Activities, stage string, primary, fallback func() (T, error), usage func(T) vividly.Usage) (out T, spent vividly.Usage, fellBack bool, err error) {
	out, err = primary()
	if err == nil || fallback == nil {
		return out, spent, false, err
	}
	after := a.FallbackAfterAttempts
	if after <= 0 {
		after = DefaultFallbackAfterAttempts
	}
	attempt := activity.GetInfo(ctx).Attempt
	if !vividly.IsPermanent(err) && int(attempt) < after {
		return out, spent, false, err
	}
	activity.GetLogger(ctx).Warn("production provider failed; using the offline one",
		"stage", stage, "attempt", attempt, "error", err.Error())
	fellBackMetric(ctx, stage)
	if usage != nil {
		spent = usage(out)
	}
	out, err = fallback()
	if err != nil && usage != nil {
		spent = spent.Add(usage(out))
	}
	return out, spent, true, err
}
