package activities_test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/google/uuid"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"github.com/vividly-edu/vividly/ffmpeg"
	"github.com/vividly-edu/vividly/gemini"
	"github.com/vividly-edu/vividly/gemini/fakevertex"
	"github.com/vividly-edu/vividly/hostile"
	"github.com/vividly-edu/vividly/offline"
)

// TestHostileTextStaysText gives each hostile text to both script writers as
// the student's interest, inside the question and as the answer to a
// clarifying question; the fake Gemini model echoes the interest into the
// title, headings, narration and key points, as a careless model would.
// The lesson is then narrated, rendered and stored as for a student, and
// the script.md and captions the student gets must show only text. (What
// the slides draw is checked in the ffmpeg package, with the hostile text in
// every field.)
func TestHostileTextStaysText(t *testing.T) {
	acts, _, env := stages(t)
	acts.Renderer = ffmpeg.New(ffmpeg.Config{Width: 320, Height: 180}) // the render must succeed; its pixels are not read
	// Narrating and rendering every case takes most of a minute.
	media := installed("espeak-ng", "ffmpeg", "ffprobe") && !testing.Short()
	if !media {
		t.Log("-short, or espeak-ng, ffmpeg or ffprobe not installed: checking script.md only, not the captions")
	}
	vertex := fakevertex.New()
	t.Cleanup(vertex.Close)
	model, err := gemini.New(context.Background(), gemini.Config{Project: "test-project", HTTPClient: vertex.Client(), BaseURL: vertex.URL()})
	if err != nil {
		t.Fatal(err)
	}
	writers := []struct {
		name   string
		writer vividly.ScriptWriter
	}{{"offline", offline.NewScriptWriter()}, {"gemini", model}}
	topic := vividly.Understanding{TopicID: "photosynthesis", Topic: "Photosynthesis", Subject: "science", GradeFit: true, Confidence: 0.9}

	for _, h := range hostile.Texts {
		for _, w := range writers {
			t.Run(w.name+"/"+h.Name, func(t *testing.T) {
				acts.Writer = w.writer
				id := uuid.NewString()
				var written activities.WriteScriptResult
				get(t, env, &written, acts.WriteScript, activities.WriteScriptInput{RequestID: id, Script: vividly.ScriptInput{
					Question: "Explain photosynthesis " + h.Text, Answers: []string{h.Text}, Grade: 7, Interest: h.Text,
					Understanding: topic, TargetDuration: vividly.MinDuration,
				}})
				upload := activities.UploadInput{RequestID: id, Script: written.Script}
				if media {
					var narrated activities.NarrateResult
					get(t, env, &narrated, acts.Narrate, activities.NarrateInput{RequestID: id, Script: written.Script})
					var rendered activities.RenderResult
					get(t, env, &rendered, acts.Render, activities.RenderInput{RequestID: id, Script: written.Script, Narration: narrated.Narration})
					upload.Video = &rendered.Video
				}
				var stored activities.UploadResult
				get(t, env, &stored, acts.Upload, upload)

				md := readFile(t, stored.Script)
				_, problems := hostile.CheckMarkdown(md)
				for _, p := range problems {
					t.Errorf("script.md: %s in\n%s", p, md)
				}
				if media {
					vtt := readFile(t, stored.Captions)
					_, problems := hostile.CheckWebVTT(vtt)
					for _, p := range problems {
						t.Errorf("captions: %s in\n%s", p, vtt)
					}
				}
			})
		}
	}
}

// installed reports whether every tool is in PATH.
func installed(tools ...string) bool {
	for _, name := range tools {
		if _, err := exec.LookPath(name); err != nil {
			return false
		}
	}
	return true
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
