package ffmpeg

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
	"github.com/vividly-edu/vividly/internal/memo"
	"github.com/vividly-edu/vividly/narration"
)

// Encoding the narration to AAC is most of a render's work, and ffmpeg's AAC
// encoder runs on one thread. A long narration is therefore encoded in parts
// at once, one per CPU, in encoders the renderer keeps running (encoders.go),
// and the parts joined: AAC frames stand alone (ADTS), so the join is the
// parts end to end.
//
// Where the parts meet must not be heard or seen. Each encoder starts with
// one frame of priming (aacFrame samples the decoder outputs first), so a
// part after the first leaves out the aacFrame samples after its cut and its
// priming takes their place: the joined stream keeps the narration's
// timeline to the sample, and only the whole stream's first priming is
// skipped, as the muxer does for one encode. The cuts are made in the
// narration's own pauses, exact silence wider than the frames on either side
// that share samples with the cut (the encoder's window), so the parts add
// nothing to it, and a cut falls on a frame boundary of its part.

// aacFrame is the samples in an AAC frame, and the encoder's priming.
const aacFrame = 1024

// minAudioPart is the least narration worth an encoder of its own.
const minAudioPart = 20 * time.Second

// audioParts is how many parts a narration of d is encoded in, on at most
// cores CPUs (0: no limit).
func (r *Renderer) audioParts(d time.Duration, cores int) int {
	parts := min(r.cfg.AudioParts, int(d/minAudioPart))
	if cores > 0 {
		parts = min(parts, cores)
	}
	return max(1, parts)
}

// cutPoints finds parts-1 cuts (sample frames) in pcm, each near an equal
// share of it and inside a silence that leaves two frames of silence before
// the cut and, after the aacFrame samples the next part leaves out, two more.
// It returns fewer when pauses that wide are missing.
func cutPoints(pcm narration.PCM, parts int) []int {
	n := len(pcm.Data) / (pcm.Channels * 2)
	// A silence holds a cut when, after rounding up to a frame boundary with
	// two frames of silence before it, the frame left out and two more fit.
	runs := pcm.Silences(5 * aacFrame)
	var cuts []int
	last := 0
	for k := 1; k < parts; k++ {
		target := k * n / parts
		// The nearest cut to target within half a part of it.
		best, bestDist := -1, n/parts/2
		for _, r := range runs {
			first := (r[0] + 2*aacFrame + aacFrame - 1) / aacFrame * aacFrame
			lastOK := (r[1] - 3*aacFrame) / aacFrame * aacFrame
			if first > lastOK || first < last {
				continue
			}
			// Any frame boundary in [first, lastOK] will do: the one
			// nearest target.
			c := min(max(first, target/aacFrame*aacFrame), lastOK)
			if d := abs(c - target); d < bestDist {
				best, bestDist = c, d
			}
		}
		if best > last {
			cuts = append(cuts, best)
			last = best + aacFrame
		}
	}
	return cuts
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// startAudioParts starts encoding the narration at path in parts at once,
// and returns the joined ADTS stream as the parts finish, in order, with its
// sample rate; or a nil stream when the narration is too short for parts,
// not 16-bit PCM, or has no pauses to cut in, and the render encodes it as a
// whole. With a memo, a narration whose segments start on frame boundaries
// is cut at every segment (segmentBounds), and only the parts the memo lacks
// are encoded. The final encode reads the stream while the parts are still
// being encoded, so it starts (and encodes the slides) meanwhile. If a part
// fails, fail is called and the stream ends with its error; wait returns it,
// once every part this render encodes has ended. A caller that stops reading
// closes the stream.
func (r *Renderer) startAudioParts(ctx context.Context, path string, d time.Duration, segmentEnds []time.Duration, cores int, fail func()) (stream *io.PipeReader, rate int, wait func() error, err error) {
	if r.memo == nil || len(segmentEnds) < 2 {
		if r.audioParts(d, cores) < 2 {
			return nil, 0, nil, nil
		}
	}
	pcm, err := narration.ReadPCM(path)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("narration audio: %w", err)
	}
	if !pcm.Integer || pcm.BitsPerSample != 16 || pcm.Channels < 1 {
		return nil, 0, nil, nil
	}
	var bounds [][2]int
	kept := r.memo
	if kept != nil {
		bounds = segmentBounds(pcm, segmentEnds)
	}
	if len(bounds) < 2 {
		kept, bounds = nil, nil
		if parts := r.audioParts(d, cores); parts >= 2 {
			from := 0
			for _, c := range cutPoints(pcm, parts) {
				bounds = append(bounds, [2]int{from, c})
				from = c + aacFrame
			}
			bounds = append(bounds, [2]int{from, len(pcm.Data) / (pcm.Channels * 2)})
		}
		if len(bounds) < 2 {
			return nil, 0, nil, nil
		}
	}
	frame := pcm.Channels * 2
	samples := func(i int) []byte { return pcm.Data[bounds[i][0]*frame : bounds[i][1]*frame] }

	// Claim every part: those the memo has, or another render is encoding,
	// are waited for; the rest are this render's to encode.
	parts := make([]*memo.Entry, len(bounds))
	var mine []int
	first := child.First(ctx) // encodes what others are still encoding (memo.Memo.Claim)
	for i := range bounds {
		var key memo.Key
		if kept != nil {
			key = partKey(r.encoder(), pcm.SampleRate, pcm.Channels, samples(i))
		}
		var owner bool
		if parts[i], owner = kept.Claim(key, !first); owner {
			mine = append(mine, i)
		}
	}
	var encoders sync.WaitGroup
	// cause is the first part that failed on its own, not for being stopped.
	var cause error
	var causeOnce sync.Once
	for _, group := range r.groupParts(pcm, mine, samples, cores, kept != nil) {
		encoders.Add(1)
		go func() {
			defer encoders.Done()
			in := make([][]byte, len(group))
			for j, i := range group {
				in[j] = samples(i)
			}
			aac, err := r.encodeAAC(ctx, pcm, in)
			if err != nil && ctx.Err() == nil {
				causeOnce.Do(func() { cause = err })
				fail() // the render fails now, not when the stream reaches it
			}
			for j, i := range group {
				var got []byte
				if err == nil {
					got = aac[j]
				}
				kept.Settle(parts[i], got, err)
			}
		}()
	}

	pr, pw := io.Pipe()
	fed := make(chan error, 1)
	go func() {
		var first error
		for i, p := range parts {
			if first != nil {
				break
			}
			var aac []byte
			var err error
			select {
			case <-p.Done():
				aac, err = p.Value()
			case <-ctx.Done():
				err = ctx.Err()
			}
			if err != nil && ctx.Err() == nil && !slices.Contains(mine, i) {
				// Another render's encode of it failed or was stopped.
				var alone [][]byte
				if alone, err = r.encodeAAC(ctx, pcm, [][]byte{samples(i)}); err == nil {
					aac = alone[0]
				}
			}
			if err == nil {
				_, err = pw.Write(aac)
			}
			if err != nil {
				first = err
				fail()
				pw.CloseWithError(err)
			}
		}
		encoders.Wait()
		if first != nil && cause != nil {
			first = cause
		}
		pw.Close()
		fed <- first
	}()
	return pr, pcm.SampleRate, sync.OnceValue(func() error { return <-fed }), nil
}

// segmentBounds cuts a narration at every segment's end (ends, from
// Narration.SegmentEnds) into parts that depend on their own segment alone:
// the pause before the next segment is cut three frames before it starts,
// and the next part starts two frames before it, after the one frame its
// priming replaces. It returns nil unless every segment but the last ends on
// a frame boundary after five frames of silence.
func segmentBounds(pcm narration.PCM, ends []time.Duration) [][2]int {
	frame := pcm.Channels * 2
	n := len(pcm.Data) / frame
	var bounds [][2]int
	from := 0
	for _, d := range ends[:max(0, len(ends)-1)] {
		e := int((int64(d)*int64(pcm.SampleRate) + int64(time.Second)/2) / int64(time.Second))
		cut := e - 3*aacFrame
		if e%aacFrame != 0 || e > n || e-5*aacFrame < from || cut-from < aacFrame {
			return nil
		}
		for _, b := range pcm.Data[(e-5*aacFrame)*frame : e*frame] {
			if b != 0 {
				return nil
			}
		}
		bounds = append(bounds, [2]int{from, cut})
		from = cut + aacFrame
	}
	if from >= n {
		return nil
	}
	return append(bounds, [2]int{from, n})
}

// groupParts shares the parts this render encodes (mine, by index) among
// encoders, as many as audioParts allows for their length: each part its
// own when they were cut one per encoder, else the longest first to the
// least loaded.
func (r *Renderer) groupParts(pcm narration.PCM, mine []int, samples func(int) []byte, cores int, bySegment bool) [][]int {
	if !bySegment {
		groups := make([][]int, len(mine))
		for j, i := range mine {
			groups[j] = []int{i}
		}
		return groups
	}
	total := 0
	for _, i := range mine {
		total += len(samples(i))
	}
	rate := pcm.SampleRate * pcm.Channels * 2
	n := min(len(mine), r.audioParts(time.Duration(float64(total)/float64(rate)*float64(time.Second)), cores))
	if n == 0 {
		return nil
	}
	order := slices.Clone(mine)
	slices.SortStableFunc(order, func(a, b int) int { return len(samples(b)) - len(samples(a)) })
	groups := make([][]int, n)
	load := make([]int, n)
	for _, i := range order {
		least := 0
		for g := range load {
			if load[g] < load[least] {
				least = g
			}
		}
		groups[least] = append(groups[least], i)
		load[least] += len(samples(i))
	}
	for _, g := range groups {
		slices.Sort(g) // in narration order, the order the stream needs them
	}
	return groups
}

// encodeAAC encodes each of parts, raw samples of pcm's format, to ADTS with
// the same encoder settings as a whole narration, one after the other in
// one of the renderer's running encoders (encoders.go).
func (r *Renderer) encodeAAC(ctx context.Context, pcm narration.PCM, parts [][]byte) ([][]byte, error) {
	return r.encoders.encode(ctx, pcm.SampleRate, pcm.Channels, parts)
}
