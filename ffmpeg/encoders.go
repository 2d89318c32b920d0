package ffmpeg

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
)

// Starting ffmpeg costs about a tenth of a CPU-second before it reads a byte:
// it loads and links some two hundred libraries. A render encodes its
// narration in parts at once (audio.go), and with a memo only the parts no
// other lesson had, so a part is often a few seconds of speech: started
// afresh for each part, ffmpeg spent as much CPU starting as encoding. A
// renderer therefore keeps its AAC encoders running between parts and
// renders, and feeds each part through one that is idle.
//
// One encoder's output is one ADTS stream, frame i made of the input's
// blocks i-1 and i (aacFrame samples each; block -1 is the encoder's
// priming). A part of n blocks (its last padded with silence) that follows
// a block of silence therefore encodes to the n+1 frames from its first
// block on, as it does in an encoder of its own, whose priming is that
// silence: the frames cover the part's samples and nothing else, in place.
// After each part the encoder is fed encoderTail blocks of silence: one is
// the block the last frame ends on, the others push that frame out of
// ffmpeg (it holds back a few blocks) and leave the silence the next part
// follows; their frames are read and dropped. The frames are not byte for
// byte what a fresh encoder makes of the part (the encoder adapts as it
// goes), but they sound the same, and a narration joined from them keeps
// its timeline to the sample.

// encoderTail is the blocks of silence fed after each part.
const encoderTail = 8

// encoderIdle is how long an encoder waits for another part before it is
// stopped.
const encoderIdle = 30 * time.Second

// encoderStall is how long an encoder may go without a frame while a part
// still needs some, before it is fed more silence: ffmpeg holds back a few
// blocks, and should it hold back more than encoderTail the part would
// otherwise never end. encoderStalls bounds how often. An encoder that has
// made no frame for encoderStuck is stopped, and its part fails (a
// background encoder gets a tenth of a busy CPU, never none for that long).
const (
	encoderStall  = 250 * time.Millisecond
	encoderStalls = 8
	encoderStuck  = 30 * time.Second
)

// encoderKey is what an encoder is started for: the samples' format and the
// niceness it runs at (the oldest lesson's parts go to encoders at the
// normal priority, the others' to background ones; a process's priority can
// be lowered but not raised again).
type encoderKey struct {
	rate, channels, nice int
}

// encoders are a renderer's AAC encoders, idle ones by key.
type encoders struct {
	ffmpeg string
	mu     sync.Mutex
	idle   map[encoderKey][]*aacEncoder
}

func newEncoders(ffmpeg string) *encoders {
	return &encoders{ffmpeg: ffmpeg, idle: map[encoderKey][]*aacEncoder{}}
}

// take returns an idle encoder for samples of this rate and channels at the
// niceness ctx asks for now, or starts one.
func (p *encoders) take(ctx context.Context, rate, channels int) (*aacEncoder, error) {
	key := encoderKey{rate: rate, channels: channels, nice: child.Nice(ctx)}
	for {
		p.mu.Lock()
		list := p.idle[key]
		if len(list) == 0 {
			p.mu.Unlock()
			return startEncoder(p.ffmpeg, key)
		}
		e := list[len(list)-1]
		p.idle[key] = list[:len(list)-1]
		p.mu.Unlock()
		e.timer.Stop() // if it fired, it finds e gone from the list and leaves it
		select {
		case <-e.exited: // killed while it waited: not this part's failure
			e.stop()
		default:
			return e, nil
		}
	}
}

// put gives back an encoder that finished its part; it is stopped after
// encoderIdle unused, or at once if enough of its kind are idle.
func (p *encoders) put(e *aacEncoder) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle[e.key]) >= 2*runtime.NumCPU() {
		go e.stop()
		return
	}
	p.idle[e.key] = append(p.idle[e.key], e)
	e.timer = time.AfterFunc(encoderIdle, func() {
		p.mu.Lock()
		i := slices.Index(p.idle[e.key], e)
		if i >= 0 {
			p.idle[e.key] = slices.Delete(p.idle[e.key], i, i+1)
		}
		p.mu.Unlock()
		if i >= 0 {
			e.stop()
		}
	})
}

// encode encodes each of parts, raw samples of this rate and channels, to
// ADTS, one after the other in one encoder.
func (p *encoders) encode(ctx context.Context, rate, channels int, parts [][]byte) ([][]byte, error) {
	e, err := p.take(ctx, rate, channels)
	if err != nil {
		return nil, err
	}
	// Lent to the render's lane while it encodes the render's parts: sent
	// to the background with the render's other tools, it goes back to the
	// background encoders (child.Track).
	untrack := child.Track(ctx, e.cmd.Process)
	out := make([][]byte, len(parts))
	for i, part := range parts {
		if out[i], err = e.encode(ctx, part); err != nil {
			untrack()
			e.stop()
			return nil, err
		}
	}
	e.key.nice = max(e.key.nice, untrack())
	p.put(e)
	return out, nil
}

// aacEncoder is one ffmpeg encoding raw samples on its standard input to
// ADTS on its standard output, for as long as it is fed.
type aacEncoder struct {
	key    encoderKey
	ffmpeg string
	cmd    *exec.Cmd
	stdin  *os.File
	frames *bufio.Reader
	stdout *os.File
	stderr *child.Tail
	exited chan struct{} // closed once the process has ended
	err    error         // how it ended, once exited is closed
	fed    int           // blocks written
	read   int           // frames read
	timer  *time.Timer   // stops it while idle
}

func startEncoder(ffmpeg string, key encoderKey) (*aacEncoder, error) {
	args := []string{"-hide_banner", "-nostdin", "-loglevel", "error",
		// The input's format is given: no need to read ahead to find it.
		"-probesize", "32", "-analyzeduration", "0",
		"-f", "s16le", "-ar", fmt.Sprint(key.rate), "-ac", fmt.Sprint(key.channels), "-i", "pipe:0"}
	args = append(args, aacArgs...)
	args = append(args, "-flush_packets", "1", "-f", "adts", "pipe:1")
	// Not the part's context: the encoder outlives it, at the niceness it
	// was asked for when it started.
	nice := key.nice
	cmd := child.Command(child.WithNice(context.Background(), func() int { return nice }), ffmpeg, args...)
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, err
	}
	stderr := &child.Tail{Max: 2048}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, stderr
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, fmt.Errorf("%s (audio): %w", ffmpeg, err)
	}
	e := &aacEncoder{key: key, ffmpeg: ffmpeg, cmd: cmd, stdin: inW, stdout: outR,
		frames: bufio.NewReaderSize(outR, 64<<10), stderr: stderr, exited: make(chan struct{})}
	go func() {
		e.err = cmd.Wait()
		close(e.exited)
	}()
	return e, nil
}

// stop ends the encoder and frees its pipes.
func (e *aacEncoder) stop() {
	_ = e.cmd.Process.Kill()
	<-e.exited
	e.stdin.Close()
	e.stdout.Close()
}

// failed is the error for an encoder that could not finish a part: how the
// process ended and what it said, or why it was stopped.
func (e *aacEncoder) failed(ctx context.Context, err error) error {
	_ = e.cmd.Process.Kill()
	select {
	case <-e.exited:
	case <-time.After(2 * time.Second):
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s stopped: %w", e.ffmpeg, ctx.Err())
	}
	if msg := e.stderr.String(); msg != "" {
		return fmt.Errorf("%s (audio): %v; stderr: %q", e.ffmpeg, err, msg)
	}
	return fmt.Errorf("%s (audio): %w", e.ffmpeg, err)
}

// encode encodes samples as a part of its own (see the comment at the top).
// On error the encoder is unusable: stop it.
func (e *aacEncoder) encode(ctx context.Context, samples []byte) ([]byte, error) {
	block := aacFrame * e.key.channels * 2
	n := (len(samples) + block - 1) / block
	first := e.fed

	kill := func() { _ = e.cmd.Process.Kill() }
	stopped := context.AfterFunc(ctx, kill)
	defer stopped()
	var progress atomic.Int64
	done := make(chan struct{})
	type fed struct {
		blocks int
		err    error
	}
	wrote := make(chan fed, 1)
	go func() {
		// Written while the frames are read: ffmpeg stops reading when
		// nobody reads what it writes. The part, the rest of its last
		// block and the tail, all silence.
		silence := make([]byte, encoderTail*block) // more than the padding: it is under a block
		for _, b := range [][]byte{samples, silence[:n*block-len(samples)], silence} {
			if _, err := e.stdin.Write(b); err != nil {
				wrote <- fed{0, err}
				return
			}
		}
		blocks := n + encoderTail
		last, lastAt := progress.Load(), time.Now()
		tick := time.NewTicker(encoderStall)
		defer tick.Stop()
		for stalls := 0; ; {
			select {
			case <-done:
				wrote <- fed{blocks, nil}
				return
			case <-tick.C:
			}
			if now := progress.Load(); now != last {
				last, lastAt, stalls = now, time.Now(), 0
				continue
			}
			if time.Since(lastAt) > encoderStuck {
				kill() // fed plenty and still silent: the part fails
				continue
			}
			if stalls++; stalls > encoderStalls {
				continue
			}
			if _, err := e.stdin.Write(silence); err != nil {
				wrote <- fed{blocks, err}
				return
			}
			blocks += encoderTail
		}
	}()

	out := make([]byte, 0, len(samples)/4)
	var err error
	for e.read <= first+n {
		var frame []byte
		if frame, err = readADTS(e.frames); err != nil {
			kill() // the writer may be blocked on an encoder that no longer reads
			break
		}
		if e.read >= first {
			out = append(out, frame...)
		}
		e.read++
		progress.Add(1)
	}
	close(done)
	w := <-wrote
	if err == nil {
		err = w.err
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("ended early")
		}
		return nil, e.failed(ctx, err)
	}
	e.fed += w.blocks
	return out, nil
}

// readADTS reads one ADTS frame, header and all.
func readADTS(r *bufio.Reader) ([]byte, error) {
	h, err := r.Peek(7)
	if err != nil {
		return nil, err
	}
	if h[0] != 0xff || h[1]&0xf0 != 0xf0 {
		return nil, errors.New("not an ADTS frame")
	}
	size := int(h[3]&3)<<11 | int(h[4])<<3 | int(h[5])>>5
	if size < 7 {
		return nil, errors.New("ADTS frame too short")
	}
	frame := make([]byte, size)
	_, err = io.ReadFull(r, frame)
	return frame, err
}
