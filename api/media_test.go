package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/uuid"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/api"
)

// storeLinks stands in for Cloud Storage's signed URLs: links into a test
// server that holds a lesson's files by key.
type storeLinks struct{ base string }

func (l storeLinks) URL(_ context.Context, key string) (string, error) {
	return l.base + "/" + key + "?signature=fresh", nil
}

// A lesson kept in Cloud Storage: the video redirects to a fresh signed URL,
// the captions are passed through (no CORS needed for the <track>), and the
// page's policy allows the store's origin.
func TestMediaInCloudStorage(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	store := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok || r.URL.Query().Get("signature") != "fresh" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(store.Close)
	e := newEnv(t, api.Options{Linker: storeLinks{store.URL}, MediaOrigins: []string{store.URL}})
	ctx := t.Context()
	st, token := e.student("Ada")
	_, other := e.student("Ben")
	r := vividly.Request{ID: uuid.NewString(), StudentID: st.ID, Question: "What is rain?", Grade: 5}
	r.Normalize()
	if err := e.db.CreateRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	prefix := "content/" + r.ID + "/"
	files[prefix+"lesson.vtt"] = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nRain falls.\n"
	files[prefix+"script.json"] = `{"title":"Rain"}`
	gs := "gs://bucket/" + prefix
	err := e.db.RecordStatus(ctx, vividly.StatusUpdate{Seq: 1, Snapshot: vividly.Snapshot{RequestID: r.ID, Status: vividly.StatusCompleted,
		Result: &vividly.Result{Title: "Rain", Video: gs + "lesson.mp4", Captions: gs + "lesson.vtt", Script: gs + "script.md"}}})
	if err != nil {
		t.Fatal(err)
	}
	c := e.contract()
	var l api.Lesson
	e.call(c, http.MethodGet, "/v1/lessons/"+r.ID, token, nil).json(t, &l)
	if l.Result == nil || l.Result.Media.Video == "" || l.Result.Media.Captions == "" || l.Result.Media.ScriptJSON == "" {
		t.Fatalf("media of a lesson in Cloud Storage: %+v", l.Result)
	}
	noFollow := browserish(t)
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+l.Result.Media.Video, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if want := store.URL + "/" + prefix + "lesson.mp4?signature=fresh"; resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
		t.Errorf("video: %d to %q, want 302 to %s", resp.StatusCode, resp.Header.Get("Location"), want)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "media-src 'self' "+store.URL) {
		t.Errorf("Content-Security-Policy %q does not allow the store's media", csp)
	}
	for path, want := range map[string]string{l.Result.Media.Captions: "WEBVTT", l.Result.Media.ScriptJSON: `{"title":"Rain"}`} {
		if got := e.do(http.MethodGet, path, token, nil); got.status != http.StatusOK || !strings.HasPrefix(string(got.body), want) {
			t.Errorf("%s: %d %q, want %q", path, got.status, got.body, want)
		}
		if got := e.do(http.MethodGet, path, other, nil); got.status != http.StatusNotFound {
			t.Errorf("another student reading %s: %d, want 404", path, got.status)
		}
	}
}
