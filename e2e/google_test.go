package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/fsouza/fake-gcs-server/fakestorage"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/gemini/fakevertex"
	"github.com/vividly-edu/vividly/googletts/faketts"
)

// TestGoogleProvidersThroughFakes runs a video lesson on the production providers —
// Gemini on Vertex AI, Cloud Text-to-Speech, Cloud Storage — pointed at stand-ins
// that speak their real protocols: the script comes from the fake Gemini, the audio
// from the fake Text-to-Speech, and the files land in the fake bucket.
func TestGoogleProvidersThroughFakes(t *testing.T) {
	f := startGoogleFakes(t)
	gemini, tts, storage := f.gemini, f.tts, f.storage
	s := newSystem(t)
	s.extra = f.env
	s.startWorker()
	v := decode(t, s.vividly("submit", "Explain photosynthesis for basketball fans", "--grade", "10",
		"--interest", "basketball", "--wait", "--json"))
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("status = %s (%s), want completed", v.Status, v.Error)
	}
	r := v.Result
	if r.Degraded {
		t.Errorf("degraded by %v: a production provider was not used", r.FallbackStages)
	}
	if gemini.Calls() < 2 {
		t.Errorf("fake Gemini called %d times, want understanding and script", gemini.Calls())
	}
	if len(tts.Requests()) == 0 {
		t.Error("fake Text-to-Speech never called")
	}
	if !strings.HasPrefix(r.Video, "gs://lessons/content/"+v.RequestID+"/") || r.VideoURL == "" {
		t.Errorf("video at %q (link %q), want it in the bucket with a link", r.Video, r.VideoURL)
	}
	obj, err := storage.GetObject("lessons", "content/"+v.RequestID+"/lesson.mp4")
	if err != nil || len(obj.Content) == 0 || obj.ContentType != "video/mp4" {
		t.Errorf("stored video: %v (content type %q, %d bytes)", err, obj.ContentType, len(obj.Content))
	}
	if r.CostUSD <= 0 || r.Usage.InputTokens == 0 || r.Usage.TTSCharacters == 0 {
		t.Errorf("cost %v from usage %+v: want tokens and characters counted", r.CostUSD, r.Usage)
	}
}

// googleFakes are stand-ins for Vertex AI, Text-to-Speech and Cloud Storage
// that speak their real protocols, and the environment that points a system
// at them.
type googleFakes struct {
	gemini  *fakevertex.Server
	tts     *faketts.Server
	storage *fakestorage.Server
	env     []string
}

func startGoogleFakes(t testing.TB) googleFakes {
	t.Helper()
	gemini := fakevertex.New()
	t.Cleanup(gemini.Close)
	tts, err := faketts.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tts.Close() })
	storage, err := fakestorage.NewServerWithOptions(fakestorage.Options{Host: "127.0.0.1", Scheme: "http"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(storage.Stop)
	storage.CreateBucketWithOpts(fakestorage.CreateBucketOpts{Name: "lessons"})
	storageURL, _ := url.Parse(storage.URL())
	return googleFakes{gemini: gemini, tts: tts, storage: storage, env: []string{
		"VIVIDLY_AI=google", "VIVIDLY_TTS=google", "VIVIDLY_STORAGE=gcs",
		"VIVIDLY_GOOGLE_PROJECT=vividly-test", "VIVIDLY_GEMINI_ENDPOINT=" + gemini.URL(), "VIVIDLY_TTS_ENDPOINT=" + tts.Addr(),
		"STORAGE_EMULATOR_HOST=" + storageURL.Host, "VIVIDLY_GCS_BUCKET=lessons", "VIVIDLY_GCS_PUBLIC_URLS=true"}}
}
