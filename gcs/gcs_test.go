package gcs_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/storage"
	"github.com/fsouza/fake-gcs-server/fakestorage"
	"google.golang.org/api/option"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/gcs"
)

const (
	bucket = "vividly-lessons"
	key    = "content/123e4567-e89b-12d3-a456-426614174000/lesson.mp4"
)

// fake runs fake-gcs-server in process (no socket) with one bucket.
func fake(t *testing.T) *fakestorage.Server {
	t.Helper()
	srv, err := fakestorage.NewServerWithOptions(fakestorage.Options{NoListener: true, Writer: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	srv.CreateBucketWithOpts(fakestorage.CreateBucketOpts{Name: bucket})
	return srv
}

func newStore(t *testing.T, srv *fakestorage.Server, cfg gcs.Config) *gcs.Store {
	t.Helper()
	if cfg.Bucket == "" {
		cfg.Bucket = bucket
	}
	cfg.Client = srv.Client()
	s, err := gcs.New(t.Context(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func source(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPutUploadsWithContentTypeAndReturnsURI(t *testing.T) {
	srv := fake(t)
	s := newStore(t, srv, gcs.Config{Prefix: "prod"})
	uri, err := s.Put(t.Context(), key, source(t, "lesson.mp4", "video bytes"), "video/mp4")
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	name := "prod/" + key
	if want := "gs://" + bucket + "/" + name; uri != want {
		t.Errorf("uri = %q, want %q", uri, want)
	}
	obj, err := srv.GetObject(bucket, name)
	if err != nil {
		t.Fatalf("object not stored: %v", err)
	}
	if string(obj.Content) != "video bytes" || obj.ContentType != "video/mp4" {
		t.Errorf("stored %q as %q", obj.Content, obj.ContentType)
	}

	// Without a content type it is guessed from the key.
	vtt := strings.Replace(key, "lesson.mp4", "lesson.vtt", 1)
	if _, err := s.Put(t.Context(), vtt, source(t, "x", "WEBVTT\n"), ""); err != nil {
		t.Fatal(err)
	}
	if obj, err := srv.GetObject(bucket, "prod/"+vtt); err != nil || obj.ContentType != "text/vtt; charset=utf-8" && obj.ContentType != "text/vtt" {
		t.Errorf("captions stored as %q (%v)", obj.ContentType, err)
	}
}

func TestPutContentUploadsLikePut(t *testing.T) {
	srv := fake(t)
	s := newStore(t, srv, gcs.Config{Prefix: "prod"})
	md := strings.Replace(key, "lesson.mp4", "script.md", 1)
	for _, content := range []string{"# a script", "# a script", "# changed"} {
		uri, err := s.PutContent(t.Context(), md, []byte(content), "text/markdown; charset=utf-8")
		if err != nil {
			t.Fatalf("PutContent: %v", err)
		}
		if want := "gs://" + bucket + "/prod/" + md; uri != want {
			t.Errorf("uri = %q, want %q", uri, want)
		}
	}
	obj, err := srv.GetObject(bucket, "prod/"+md)
	if err != nil {
		t.Fatalf("object not stored: %v", err)
	}
	if string(obj.Content) != "# changed" || obj.ContentType != "text/markdown; charset=utf-8" {
		t.Errorf("stored %q as %q", obj.Content, obj.ContentType)
	}
	if _, err := s.PutContent(t.Context(), "../escape", []byte("x"), ""); !vividly.IsPermanent(err) {
		t.Errorf("a bad key gave %v, want a permanent error", err)
	}
}

func TestPutTwiceLeavesOneObjectWithLatestContent(t *testing.T) {
	srv := fake(t)
	s := newStore(t, srv, gcs.Config{})
	for _, content := range []string{"first version", "second", "second"} {
		if _, err := s.Put(t.Context(), key, source(t, "f", content), "video/mp4"); err != nil {
			t.Fatalf("Put: %v", err)
		}
	}
	objs, _, err := srv.ListObjects(bucket, "", "", true) // every version
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != 1 || objs[0].Name != key {
		var names []string
		for _, o := range objs {
			names = append(names, o.Name)
		}
		t.Fatalf("objects = %v, want just %s", names, key)
	}
	obj, _ := srv.GetObject(bucket, key)
	if string(obj.Content) != "second" {
		t.Errorf("content = %q, want the latest", obj.Content)
	}
}

func TestPutOfIdenticalContentSkipsUpload(t *testing.T) {
	srv := fake(t)
	s := newStore(t, srv, gcs.Config{})
	src := source(t, "f", "same bytes")
	if _, err := s.Put(t.Context(), key, src, "video/mp4"); err != nil {
		t.Fatal(err)
	}
	first, _ := srv.GetObject(bucket, key)
	time.Sleep(5 * time.Millisecond)
	if _, err := s.Put(t.Context(), key, src, "video/mp4"); err != nil {
		t.Fatal(err)
	}
	again, _ := srv.GetObject(bucket, key)
	if again.Generation != first.Generation {
		t.Errorf("identical content uploaded again: generation %d → %d", first.Generation, again.Generation)
	}
	// A new content type is a change.
	if _, err := s.Put(t.Context(), key, src, "application/octet-stream"); err != nil {
		t.Fatal(err)
	}
	if obj, _ := srv.GetObject(bucket, key); obj.ContentType != "application/octet-stream" {
		t.Errorf("content type %q not updated", obj.ContentType)
	}
}

func TestMissingBucketIsPermanent(t *testing.T) {
	srv := fake(t)
	s := newStore(t, srv, gcs.Config{Bucket: "no-such-bucket"})
	_, err := s.Put(t.Context(), key, source(t, "f", "x"), "video/mp4")
	if err == nil || !vividly.IsPermanent(err) {
		t.Errorf("Put to a missing bucket: err = %v, want permanent", err)
	}
	if err := s.Check(t.Context()); err == nil || !vividly.IsPermanent(err) {
		t.Errorf("Check of a missing bucket: err = %v, want permanent", err)
	}
	if !errors.Is(s.Check(t.Context()), storage.ErrBucketNotExist) {
		t.Errorf("Check error does not wrap ErrBucketNotExist")
	}
}

func TestCheck(t *testing.T) {
	srv := fake(t)
	if err := newStore(t, srv, gcs.Config{PublicURLs: true}).Check(t.Context()); err != nil {
		t.Errorf("Check: %v", err)
	}
	// A ready client without signing material cannot sign.
	if err := newStore(t, srv, gcs.Config{}).Check(t.Context()); err == nil || !vividly.IsPermanent(err) ||
		!strings.Contains(err.Error(), "sign") {
		t.Errorf("Check without a signer: %v", err)
	}
}

func TestPutRejectsBadKeysAndMissingFiles(t *testing.T) {
	srv := fake(t)
	s := newStore(t, srv, gcs.Config{})
	src := source(t, "f", "x")
	for _, k := range []string{"", "/abs", "a/../b", "a//b", "dir/", "./a", "a\x00b"} {
		if uri, err := s.Put(t.Context(), k, src, ""); err == nil || !vividly.IsPermanent(err) {
			t.Errorf("Put(%q) = %q, %v; want a permanent error", k, uri, err)
		}
	}
	if _, err := s.Put(t.Context(), key, filepath.Join(t.TempDir(), "missing"), ""); err == nil || !strings.Contains(err.Error(), key) {
		t.Errorf("missing file: err = %v, want one naming the key", err)
	}
	objs, _, _ := srv.ListObjects(bucket, "", "", true)
	if len(objs) != 0 {
		t.Errorf("rejected puts stored %d objects", len(objs))
	}
}

func TestPublicURL(t *testing.T) {
	srv := fake(t)
	s := newStore(t, srv, gcs.Config{PublicURLs: true, Prefix: "v/"})
	got, err := s.URL(t.Context(), "content/abc/my lesson#1.mp4")
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://storage.googleapis.com/" + bucket + "/v/content/abc/my%20lesson%231.mp4"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
}

func TestSignedURL(t *testing.T) {
	srv := fake(t)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	s := newStore(t, srv, gcs.Config{
		GoogleAccessID: "vividly@project.iam.gserviceaccount.com",
		PrivateKey:     pemKey,
	})
	got, err := s.URL(t.Context(), "content/abc/lesson.mp4")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "https" || u.Path != "/"+bucket+"/content/abc/lesson.mp4" ||
		q.Get("X-Goog-Algorithm") != "GOOG4-RSA-SHA256" || !oneOf(q.Get("X-Goog-Expires"), "604799", "604800") ||
		q.Get("X-Goog-Signature") == "" || !strings.HasPrefix(q.Get("X-Goog-Credential"), "vividly@project.iam.gserviceaccount.com/") {
		t.Errorf("not a 7-day V4 signed URL for the object: %s", got)
	}

	short := newStore(t, srv, gcs.Config{GoogleAccessID: "a@b.iam.gserviceaccount.com", PrivateKey: pemKey, SignedURLExpiry: time.Hour})
	got, _ = short.URL(t.Context(), "content/abc/lesson.mp4")
	if u, _ := url.Parse(got); !oneOf(u.Query().Get("X-Goog-Expires"), "3599", "3600") {
		t.Errorf("expiry not applied: %s", got)
	}
}

func TestURLFallsBackWhenSigningIsImpossible(t *testing.T) {
	var logs bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))

	srv := fake(t)
	for _, cfg := range []gcs.Config{{}, {DisableSigning: true}} {
		logs.Reset()
		s := newStore(t, srv, cfg)
		for range 2 {
			got, err := s.URL(t.Context(), "content/abc/lesson.mp4")
			if err != nil {
				t.Fatal(err)
			}
			if want := "https://storage.cloud.google.com/" + bucket + "/content/abc/lesson.mp4"; got != want {
				t.Errorf("URL = %q, want %q", got, want)
			}
		}
		if n := strings.Count(logs.String(), "cannot sign URLs"); n != 1 {
			t.Errorf("%d warnings, want one per store:\n%s", n, logs.String())
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	srv := fake(t)
	for _, cfg := range []gcs.Config{
		{},
		{Bucket: "gs://vividly-lessons"},
		{Bucket: "Upper"},
		{Bucket: bucket, SignedURLExpiry: 8 * 24 * time.Hour},
		{Bucket: bucket, GoogleAccessID: "a@b"},
		{Bucket: bucket, Prefix: "a/../b"},
	} {
		cfg.Client = srv.Client()
		if s, err := gcs.New(t.Context(), cfg); err == nil {
			s.Close()
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}

func TestNewWithoutCredentials(t *testing.T) {
	// Pointing ADC at a missing file makes credential detection fail without
	// looking for a metadata server on the network.
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", filepath.Join(t.TempDir(), "missing.json"))
	t.Setenv("STORAGE_EMULATOR_HOST", "")
	os.Unsetenv("STORAGE_EMULATOR_HOST")
	s, err := gcs.New(t.Context(), gcs.Config{Bucket: bucket})
	if err == nil {
		s.Close()
		t.Fatal("New succeeded without credentials")
	}
	if !strings.Contains(err.Error(), "credentials") || !strings.Contains(err.Error(), "GOOGLE_APPLICATION_CREDENTIALS") {
		t.Errorf("unclear error: %v", err)
	}
}

// oneOf allows for the second that may pass between choosing the expiry and
// signing.
func oneOf(s string, choices ...string) bool {
	for _, c := range choices {
		if s == c {
			return true
		}
	}
	return false
}

func TestOverHTTPWithClientOptions(t *testing.T) {
	srv, err := fakestorage.NewServerWithOptions(fakestorage.Options{
		Host: "127.0.0.1", Port: 0, Scheme: "http", Writer: io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	srv.CreateBucketWithOpts(fakestorage.CreateBucketOpts{Name: bucket})
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") {
		t.Fatalf("fake at %s", srv.URL())
	}
	s, err := gcs.New(t.Context(), gcs.Config{
		Bucket:         bucket,
		DisableSigning: true,
		ClientOptions: []option.ClientOption{
			option.WithEndpoint(srv.URL() + "/storage/v1/"),
			option.WithoutAuthentication(),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(t.Context()); err == nil {
		t.Error("Check passed although URLs cannot be signed")
	}
	uri, err := s.Put(t.Context(), key, source(t, "f", "over http"), "video/mp4")
	if err != nil {
		t.Fatal(err)
	}
	if obj, err := srv.GetObject(bucket, key); err != nil || string(obj.Content) != "over http" || uri != "gs://"+bucket+"/"+key {
		t.Errorf("stored %q at %s (%v)", obj.Content, uri, err)
	}
}

func TestRemoveDeletesOneLessonsObjectsOnly(t *testing.T) {
	srv := fake(t)
	s := newStore(t, srv, gcs.Config{Prefix: "prod/"})
	keep := "content/223e4567-e89b-12d3-a456-426614174000/lesson.mp4"
	for _, k := range []string{key, "content/123e4567-e89b-12d3-a456-426614174000/script.md", keep} {
		if _, err := s.Put(t.Context(), k, source(t, "f", "x"), ""); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Remove(t.Context(), "content/123e4567-e89b-12d3-a456-426614174000/")
	if err != nil || n != 2 {
		t.Fatalf("Remove = %d, %v; want 2 objects", n, err)
	}
	if _, err := srv.GetObject(bucket, "prod/"+keep); err != nil {
		t.Errorf("another lesson's object went too: %v", err)
	}
	if _, err := srv.GetObject(bucket, "prod/"+key); err == nil {
		t.Error("the lesson's video is still stored")
	}
	if n, err := s.Remove(t.Context(), "content/123e4567-e89b-12d3-a456-426614174000/"); err != nil || n != 0 {
		t.Errorf("second Remove = %d, %v; want 0, nil", n, err)
	}
}
