package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"github.com/vividly-edu/vividly/espeak"
	"github.com/vividly-edu/vividly/ffmpeg"
	"github.com/vividly-edu/vividly/gcs"
	"github.com/vividly-edu/vividly/gemini"
	"github.com/vividly-edu/vividly/googletts"
	"github.com/vividly-edu/vividly/internal/memo"
	"github.com/vividly-edu/vividly/localstore"
	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/telemetry"
)

// activities builds the stages: the embedded default providers, or Google's for
// the roles configured so, each with its offline provider as the fallback.
func (a *app) activities(ctx context.Context) (*activities.Activities, error) {
	g := &a.cfg.Google
	if err := g.check(); err != nil {
		return nil, err
	}
	local, err := localstore.New(a.cfg.lessonsDir())
	if err != nil {
		return nil, err
	}
	var gem *gemini.Client
	var embedder vividly.Embedder
	if g.AI == providerGoogle {
		if gem, err = a.cfg.gemini(ctx); err != nil {
			return nil, err
		}
		embedder = gem
	}
	// The embedded library lives in the same store as ingested books, so one
	// search serves both; loading it compares hashes when nothing changed.
	load := func(ctx context.Context) error {
		_, err := offline.LoadLibrary(ctx, a.db, embedder)
		return err
	}
	if !a.eventualDB {
		if err := load(ctx); err != nil {
			return nil, err
		}
	} else if err := load(ctx); err != nil {
		// Understanding and retrieval use the library in memory meanwhile.
		go a.retryUntilDone(context.WithoutCancel(ctx), "load the library into PostgreSQL", load)
	}
	retriever := offline.NewRetriever(a.db)
	writer := offline.NewScriptWriter()
	retriever.Embedder = embedder
	speech := espeak.New(espeak.Config{Voice: a.cfg.Voice, Memo: int64(a.cfg.AudioMemoMB) << 20})
	renderer := ffmpeg.New(ffmpeg.Config{BurnCaptions: a.cfg.BurnCaptions, AudioMemo: int64(a.cfg.AudioMemoMB) << 20})
	if a.metrics != nil {
		for which, stats := range map[string]func() memo.Stats{"speech": speech.MemoStats, "aac": renderer.MemoStats} {
			if err := a.metrics.Memo(which, func() telemetry.MemoCounts {
				s := stats()
				return telemetry.MemoCounts{Hits: s.Hits, Misses: s.Misses, ReusedBytes: s.HitBytes, Bytes: s.Bytes}
			}); err != nil {
				return nil, err
			}
		}
	}
	acts := &activities.Activities{
		Store:        a.db,
		Understander: offline.NewUnderstander(a.db),
		Retriever:    retriever,
		Writer:       writer,
		Planner:      writer,
		Narrator:     speech,
		Renderer:     renderer,
		Objects:      local,
		Notifier:     a.db,
		WorkDir:      a.cfg.workDir(),
		Prices:       a.cfg.Prices,
		MaxRenders:   a.cfg.MaxRenders,
	}
	if gem != nil {
		acts.Candidates = acts.Understander.(*offline.Understander)
		acts.Fallback.Understander, acts.Fallback.Writer = acts.Understander, acts.Writer
		acts.Understander, acts.Writer = gem.Understander(), gem.ScriptWriter()
	}
	if g.TTS == providerGoogle {
		cfg := googletts.Config{Voice: g.TTSVoice}
		if g.TTSEndpoint != "" {
			cfg.ClientOptions = googletts.EmulatorOptions(g.TTSEndpoint)
		}
		n, err := googletts.New(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("--tts google: %w", err)
		}
		acts.Fallback.Narrator, acts.Narrator = acts.Narrator, n
	}
	if g.Storage == providerGCS {
		if g.Bucket == "" {
			return nil, errors.New("--storage gcs: no bucket: set --gcs-bucket or VIVIDLY_GCS_BUCKET")
		}
		st, err := gcs.New(ctx, gcs.Config{Bucket: g.Bucket, PublicURLs: g.PublicURLs})
		if err != nil {
			return nil, fmt.Errorf("--storage gcs: %w", err)
		}
		acts.Fallback.Objects, acts.Objects = acts.Objects, st
	}
	// Every stage in process: the workflow runs them inside its own task.
	acts.LocalStages = gem == nil && g.Storage != providerGCS
	if !a.cfg.NoCache {
		acts.Cache, acts.CacheTTL, acts.CorpusVersion = a.db, a.cfg.CacheTTL, a.db.CorpusVersion
		if acts.ContentVersion, err = a.contentVersion(); err != nil {
			return nil, err
		}
	}
	return acts, nil
}

// contentVersion names what makes this worker's lessons: its own build (the
// offline writer, the embedded library, the renderer's settings) and the
// providers configured, so that a lesson is given again only by workers
// that would make it the same way (see activities.LessonKey).
func (a *app) contentVersion() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("lesson cache: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("lesson cache: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("lesson cache: read %s: %w", exe, err)
	}
	g := &a.cfg.Google
	v := fmt.Sprintf("build=%x|voice=%s|burn-captions=%t", h.Sum(nil)[:12], a.cfg.Voice, a.cfg.BurnCaptions)
	if g.AI == providerGoogle {
		v += "|model=" + g.GeminiModel
	}
	if g.TTS == providerGoogle {
		v += "|tts=" + g.TTSVoice
	}
	return v, nil
}

// retryUntilDone calls f until it succeeds or ctx ends, pausing longer each
// time, up to 30 s.
func (a *app) retryUntilDone(ctx context.Context, what string, f func(context.Context) error) {
	pause := time.Second
	for {
		err := f(ctx)
		if err == nil {
			a.log.Info("done after waiting for PostgreSQL", "what", what)
			return
		}
		a.log.Warn("waiting for PostgreSQL", "what", what, "retry_in", pause.String(), "error", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(2*pause, 30*time.Second)
	}
}
