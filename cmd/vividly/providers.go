package main

import (
	"github.com/vividly-edu/vividly/activities"
	"github.com/vividly-edu/vividly/espeak"
	"github.com/vividly-edu/vividly/ffmpeg"
	"github.com/vividly-edu/vividly/localstore"
	"github.com/vividly-edu/vividly/offline"
)

// activities builds the stages with the embedded default providers.
func (a *app) activities() (*activities.Activities, error) {
	objects, err := localstore.New(a.cfg.lessonsDir())
	if err != nil {
		return nil, err
	}
	return &activities.Activities{
		Store:        a.db,
		Understander: offline.NewUnderstander(),
		Retriever:    offline.NewRetriever(),
		Writer:       offline.NewScriptWriter(),
		Narrator:     espeak.New(espeak.Config{Voice: a.cfg.Voice}),
		Renderer:     ffmpeg.New(ffmpeg.Config{}),
		Objects:      objects,
		Notifier:     a.db,
		WorkDir:      a.cfg.workDir(),
		Prices:       a.cfg.Prices,
	}, nil
}
