package ffmpeg

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	vividly "github.com/vividly-edu/vividly"
	"golang.org/x/sync/errgroup"
)

// drawShots draws one image per distinct slide (a segment and a caption) into
// work, up to one drawing goroutine per CPU, and returns the image file of
// every shot. done is called with the number of images finished.
func (r *Renderer) drawShots(ctx context.Context, s vividly.Script, shots []shot, work string, done func(n, of int)) ([]string, error) {
	type key struct {
		seg     int
		caption string
	}
	files := make([]string, len(shots))
	index := map[key]string{}
	var jobs []shot
	for i, sh := range shots {
		k := key{sh.seg, sh.caption}
		name, ok := index[k]
		if !ok {
			name = filepath.Join(work, fmt.Sprintf("slide-%04d.pam", len(jobs)+1))
			index[k] = name
			jobs = append(jobs, sh)
		}
		files[i] = name
	}

	// One painter per drawing goroutine: a painter reuses its canvas.
	g, gctx := errgroup.WithContext(ctx)
	next := make(chan int)
	var mu sync.Mutex
	finished := 0
	for range min(runtime.NumCPU(), len(jobs)) {
		g.Go(func() error {
			p, err := newPainter(r.cfg.Width, r.cfg.Height, s)
			if err != nil {
				return err
			}
			for j := range next {
				sh := jobs[j]
				if err := writeFrame(p, sh.seg, sh.caption, index[key{sh.seg, sh.caption}]); err != nil {
					return err
				}
				mu.Lock()
				finished++
				done(finished, len(jobs))
				mu.Unlock()
			}
			return nil
		})
	}
feed:
	for j := range jobs {
		select {
		case next <- j:
		case <-gctx.Done():
			break feed
		}
	}
	close(next)
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("draw slides: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return files, nil
}

// writeFrame draws one slide and saves it as an uncompressed PAM image: the
// canvas's RGBA bytes after a short header. The file lives for seconds and is
// read once; PNG at its fastest setting took about 70 ms a slide to compress
// (ten times the drawing) and ffmpeg twice as long to decode, for files that
// are 3.6 MB instead of 40 kB at 1280x720, removed with the render's work
// directory.
func writeFrame(p *painter, seg int, caption, name string) error {
	img := p.slide(seg, caption)
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	b := img.Bounds()
	fmt.Fprintf(w, "P7\nWIDTH %d\nHEIGHT %d\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n", b.Dx(), b.Dy())
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+4*b.Dx()]
		if _, err := w.Write(row); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", filepath.Base(name), err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(name), err)
	}
	return f.Close()
}

// writeConcat writes the ffconcat list that shows each shot's image for its
// duration. The last entry is repeated because the concat demuxer ignores the
// duration of the final file: the repeat becomes one more frame at the
// narration's end, so the last shot is held for its full duration.
// Names are relative to the list, which the demuxer's safe mode accepts.
func writeConcat(work string, shots []shot, files []string) (string, error) {
	var b strings.Builder
	b.WriteString("ffconcat version 1.0\n")
	for i, sh := range shots {
		fmt.Fprintf(&b, "file '%s'\nduration %.6f\n", filepath.Base(files[i]), (sh.end - sh.start).Seconds())
	}
	fmt.Fprintf(&b, "file '%s'\n", filepath.Base(files[len(files)-1]))
	name := filepath.Join(work, "slides.ffconcat")
	if err := os.WriteFile(name, []byte(b.String()), 0o640); err != nil {
		return "", fmt.Errorf("write concat list: %w", err)
	}
	return name, nil
}
