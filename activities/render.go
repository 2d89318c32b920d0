package activities

import (
	"context"
	"os"
	"runtime"
	"sync/atomic"

	vividly "github.com/vividly-edu/vividly"
)

// RenderInput is the narrated script to turn into a video.
type RenderInput struct {
	RequestID string            `json:"request_id"`
	Script    vividly.Script    `json:"script"`
	Narration vividly.Narration `json:"narration"`
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

	// Renders are CPU-bound and ffmpeg already uses every core: running more at
	// once than the worker has slots only slows them all (and starves heartbeats).
	// Waiting renders keep heartbeating, so they are not taken for lost.
	slots := a.renderSlots()
	select {
	case slots <- struct{}{}:
		defer func() { <-slots }()
	case <-ctx.Done():
		return RenderResult{}, stageError("render", ctx.Err())
	}

	v, err := a.Renderer.Render(ctx, vividly.RenderInput{Script: in.Script, Narration: in.Narration, Dir: dir},
		func(f float64) { done.Store(uint64(f * 1000)) })
	if err != nil {
		return RenderResult{}, stageError("render", err)
	}
	renderSpeedMetric(ctx, v)
	return RenderResult{Video: v, CostUSD: a.Prices.Estimate(vividly.Usage{RenderSeconds: v.RenderTime.Seconds()})}, nil
}

// renderSlots is the semaphore that bounds concurrent renders to MaxRenders.
func (a *Activities) renderSlots() chan struct{} {
	a.rendersOnce.Do(func() {
		n := a.MaxRenders
		if n <= 0 {
			n = DefaultMaxRenders()
		}
		a.renders = make(chan struct{}, n)
	})
	return a.renders
}

// DefaultMaxRenders is the number of renders a worker runs at once when
// MaxRenders is not set: one per CPU.
func DefaultMaxRenders() int {
	return runtime.NumCPU()
}
