package espeak

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
)

// speakAll speaks every sentence into its own WAV file in work, running up to
// one espeak-ng per CPU. files[i][j] is the audio of sentence j of segment i,
// or "" if espeak-ng had nothing to say for it. The first failure cancels the
// sentences still running.
func (n *Narrator) speakAll(ctx context.Context, segs [][]string, work string) ([][]string, error) {
	type job struct{ seg, idx int }
	var jobs []job
	files := make([][]string, len(segs))
	for i, seg := range segs {
		files[i] = make([]string, len(seg))
		for j := range seg {
			files[i][j] = filepath.Join(work, fmt.Sprintf("s%04d-%04d.wav", i, j))
			jobs = append(jobs, job{i, j})
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	next := make(chan job)
	for range min(runtime.NumCPU(), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for jb := range next {
				err := n.speak(ctx, segs[jb.seg][jb.idx], files[jb.seg][jb.idx])
				mu.Lock()
				switch {
				case errors.Is(err, errNoAudio):
					files[jb.seg][jb.idx] = ""
				case err != nil && firstErr == nil:
					// Sentence text stays out of the error: it may be logged.
					firstErr = fmt.Errorf("segment %d sentence %d: %w", jb.seg+1, jb.idx+1, err)
					cancel()
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, jb := range jobs {
		select {
		case next <- jb:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return files, nil
}
