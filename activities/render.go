package activities

import (
	"context"
	"os"
	"runtime"
	"sync/atomic"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// RenderInput is the narrated script to turn into a video.
type RenderInput struct {
	RequestID string            `json:"request_id"`
	Script    vividly.Script    `json:"script"`
	Narration vividly.Narration `json:"narration"`
	// Since is when the lesson began: the older lessons' media go first.
	Since time.Time `json:"since,omitzero"`
}

// RenderResult is the rendered video on the worker's disk.
type RenderResult struct {
	Video   vividly.Video `json:"video"`
	CostUSD float64       `json:"cost_usd,omitempty"`
}

// Render turns the narration and script into a captioned video. It heartbeats
// throughout, so a render on a worker that dies is retried elsewhere as soon as the
// heartbeat timeout passes, not after the whole start-to-close timeout.
func (a *Activities) Render(ctx context.Context, in RenderInput) (RenderResult, error) {
	dir, err := a.workDir(in.RequestID)
	if err != nil {
		return RenderResult{}, err
	}
	if _, err := os.Stat(in.Narration.AudioPath); err != nil {
		return RenderResult{}, workFilesLost("render: the narration", err)
	}

	var done atomic.Uint64 // per mille
	defer heartbeating(ctx, func() any { return float64(done.Load()) / 1000 })()

	// Renders are CPU-bound: running more at once than the worker has slots
	// only slows them all (and starves heartbeats). Waiting renders keep
	// heartbeating, so they are not taken for lost.
	slots := a.mediaSlots()
	if err := slots.acquire(ctx, slotRender, in.Since); err != nil {
		return RenderResult{}, stageError("render", err)
	}
	defer slots.release()
	ctx, oldest, held := slots.hold(ctx, in.Since)
	defer held()
	cores := slots.cpuShare()
	if oldest() {
		cores = runtime.NumCPU()
	}

	v, err := a.Renderer.Render(ctx, vividly.RenderInput{Script: in.Script, Narration: in.Narration, Dir: dir,
		Cores: cores},
		func(f float64) { done.Store(uint64(f * 1000)) })
	if err != nil {
		return RenderResult{}, stageError("render", err)
	}
	renderSpeedMetric(ctx, v)
	return RenderResult{Video: v, CostUSD: a.Prices.Estimate(vividly.Usage{RenderSeconds: v.RenderTime.Seconds()})}, nil
}

// mediaSlots is the worker's bound on CPU-bound media work: MaxRenders
// renders and local narrations at once.
func (a *Activities) mediaSlots() *mediaSlots {
	a.slotsOnce.Do(func() {
		n := a.MaxRenders
		if n <= 0 {
			n = DefaultMaxRenders()
		}
		a.slots = newMediaSlots(n)
	})
	return a.slots
}

// DefaultMaxRenders is the number of renders (and local narrations) a worker
// runs at once when MaxRenders is not set: one per CPU. A render's ffmpeg
// runs mostly on one thread (decoding the slides and encoding the audio), so
// fewer slots than CPUs would leave cores idle.
func DefaultMaxRenders() int {
	return runtime.NumCPU()
}
