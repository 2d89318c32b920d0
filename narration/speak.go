package narration

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/vividly-edu/vividly/internal/memo"
	"golang.org/x/sync/errgroup"
)

// speakAll makes sure every sentence's audio is in its own WAV file in work,
// asking sp for those not there yet, at most concurrency at a time. files[i][j]
// is the audio of sentence j of segment i, or "" if sp had nothing to say for
// it. The first failure cancels the sentences still being spoken. A
// GapSpeaker's segments are looked up in kept (nil keeps none) first.
func speakAll(ctx context.Context, sp Speaker, segs [][]string, work string, concurrency int, kept *memo.Memo) ([][]string, error) {
	type job struct{ seg, idx int }
	var jobs []job
	speakerKey := sp.Key()
	files := make([][]string, len(segs))
	for i, seg := range segs {
		files[i] = make([]string, len(seg))
		for j, text := range seg {
			files[i][j] = filepath.Join(work, sentenceKey(speakerKey, text)+".wav")
			if usable(files[i][j]) {
				continue // spoken by an earlier attempt
			}
			jobs = append(jobs, job{i, j})
		}
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(concurrency, 1))
	var grouped []job
	var groups [][2]int
	var gs []*group
	if gsp, ok := sp.(GapSpeaker); ok && len(jobs) > 1 {
		// Grouped by segment: with a memo, one utterance a segment, kept
		// for the lessons that share it; without, one for all of them
		// (speakGroups).
		grouped = jobs
		jobs = nil // none left to say one by one
		for k := range grouped {
			if k == 0 || grouped[k].seg != grouped[k-1].seg {
				groups = append(groups, [2]int{k, k})
			}
			groups[len(groups)-1][1] = k + 1
		}
		gs = make([]*group, len(groups))
		for k, grp := range groups {
			first := grouped[grp[0]]
			gs[k] = &group{from: fmt.Sprintf("from segment %d sentence %d", first.seg+1, first.idx+1)}
			for _, jb := range grouped[grp[0]:grp[1]] {
				gs[k].texts = append(gs[k].texts, segs[jb.seg][jb.idx])
				gs[k].outs = append(gs[k].outs, files[jb.seg][jb.idx])
			}
		}
		speakGroups(gctx, g, gsp, gs, kept)
	}
	for _, jb := range jobs {
		g.Go(func() error {
			spoken, err := speakTo(gctx, sp, segs[jb.seg][jb.idx], files[jb.seg][jb.idx])
			if err != nil {
				// Sentence text stays out of the error: it may be logged.
				return fmt.Errorf("segment %d sentence %d: %w", jb.seg+1, jb.idx+1, err)
			}
			if !spoken {
				files[jb.seg][jb.idx] = "" // each job owns its own element
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	for k, grp := range groups {
		for i, ok := range gs[k].spoken {
			if !ok {
				jb := grouped[grp[0]+i]
				files[jb.seg][jb.idx] = "" // nothing to say
			}
		}
	}
	return files, nil
}

// spokenCharacters counts the characters of the sentences whose audio is in
// work: what the speaker has been paid for so far.
func spokenCharacters(speakerKey string, segs [][]string, work string) int64 {
	var n int64
	for _, seg := range segs {
		for _, text := range seg {
			if usable(filepath.Join(work, sentenceKey(speakerKey, text)+".wav")) {
				n += int64(utf8.RuneCountInString(text))
			}
		}
	}
	return n
}

// speakTo has sp say text, checks the answer is WAV audio and saves it to
// out. spoken is false if sp had nothing to say.
func speakTo(ctx context.Context, sp Speaker, text, out string) (spoken bool, err error) {
	b, err := sp.Speak(ctx, text)
	if err != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		return false, err
	}
	if len(b) == 0 {
		return false, nil
	}
	if _, _, err := parseWAV(b); err != nil {
		return false, fmt.Errorf("unusable audio (%d bytes): %w", len(b), err)
	}
	return true, writeFileAtomically(out, b)
}

// sentenceKey names a sentence's audio file after everything that decides it.
func sentenceKey(speakerKey, text string) string {
	h := sha256.New()
	fmt.Fprintf(h, "sentence v1\x00%d\x00%s\x00", len(speakerKey), speakerKey)
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// usable reports whether name holds a whole WAV file.
func usable(name string) bool {
	b, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	_, _, err = parseWAV(b)
	return err == nil
}
