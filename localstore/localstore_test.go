package localstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/localstore"
)

// source writes content to a new file and returns its path.
func source(t *testing.T, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "src")
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// newStore returns a store on a fresh folder.
func newStore(t *testing.T) (*localstore.Store, string) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "lessons") // not there yet: New creates it
	s, err := localstore.New(root)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s, root
}

// files lists every file under root, relative and slash-separated.
func files(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const key = "content/123e4567-e89b-12d3-a456-426614174000/lesson.mp4"

func TestPutTwiceKeepsOneFileWithLatestContent(t *testing.T) {
	s, root := newStore(t)
	var uri string
	for _, content := range []string{"first version", "second"} {
		var err error
		uri, err = s.Put(t.Context(), key, source(t, []byte(content)), "video/mp4")
		if err != nil {
			t.Fatalf("Put: %v", err)
		}
	}
	want := filepath.Join(root, filepath.FromSlash(key))
	if uri != want || !filepath.IsAbs(uri) {
		t.Errorf("uri = %q, want the absolute path %q", uri, want)
	}
	if got, err := os.ReadFile(uri); err != nil || string(got) != "second" {
		t.Errorf("stored content = %q, %v; want %q", got, err, "second")
	}
	if got := files(t, root); len(got) != 1 || got[0] != key {
		t.Errorf("files under root = %v, want just %s", got, key)
	}
}

func TestPutRejectsUnsafeKeys(t *testing.T) {
	s, root := newStore(t)
	src := source(t, []byte("x"))
	tests := []struct{ name, key string }{
		{"empty", ""},
		{"absolute", "/etc/passwd"},
		{"parent", "../escape"},
		{"parent inside", "content/../../escape"},
		{"parent at end", "content/.."},
		{"dot segment", "content/./x"},
		{"empty segment", "content//x"},
		{"trailing slash", "content/"},
		{"backslash root", `\escape`},
		{"NUL", "content/a\x00b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if uri, err := s.Put(t.Context(), tt.key, src, ""); err == nil {
				t.Errorf("Put(%q) stored %s", tt.key, uri)
			}
		})
	}
	if got := files(t, root); len(got) != 0 {
		t.Errorf("rejected keys left files %v", got)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "escape")); err == nil {
		t.Error("a file escaped the root")
	}
}

func TestPutDoesNotFollowSymlinkOutOfRoot(t *testing.T) {
	s, root := newStore(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(t.Context(), "content/x", source(t, []byte("x")), ""); err == nil {
		t.Error("Put wrote through a symbolic link that leaves the root")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("files appeared outside the root: %v", entries)
	}
}

func TestPutOfStoredFileIsNoOp(t *testing.T) {
	s, _ := newStore(t)
	uri, err := s.Put(t.Context(), key, source(t, []byte("lesson")), "video/mp4")
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	again, err := s.Put(t.Context(), key, uri, "video/mp4")
	if err != nil || again != uri {
		t.Fatalf("Put of the stored file = %q, %v; want %q", again, err, uri)
	}
	if got, _ := os.ReadFile(uri); string(got) != "lesson" {
		t.Errorf("content = %q after putting the file onto itself", got)
	}
}

func TestConcurrentPutsLeaveOneIntactFile(t *testing.T) {
	s, root := newStore(t)
	const writers = 8
	contents := make([][]byte, writers)
	srcs := make([]string, writers)
	for i := range writers {
		// Large enough that copies overlap in time.
		contents[i] = bytes.Repeat([]byte(fmt.Sprintf("writer %d|", i)), 200_000)
		srcs[i] = source(t, contents[i])
	}
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			if _, err := s.Put(t.Context(), key, srcs[i], "video/mp4"); err != nil {
				t.Errorf("Put #%d: %v", i, err)
			}
		})
	}
	wg.Wait()
	got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(key)))
	if err != nil {
		t.Fatal(err)
	}
	intact := false
	for _, c := range contents {
		intact = intact || bytes.Equal(got, c)
	}
	if !intact {
		t.Errorf("stored file (%d bytes) is no single writer's content", len(got))
	}
	if f := files(t, root); len(f) != 1 {
		t.Errorf("files under root = %v, want just %s (no temporary files)", f, key)
	}
}

func TestPutHonoursCancelledContext(t *testing.T) {
	s, root := newStore(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Put(ctx, key, source(t, []byte("x")), ""); err == nil {
		t.Error("Put with a cancelled context succeeded")
	}
	if got := files(t, root); len(got) != 0 {
		t.Errorf("cancelled Put left %v", got)
	}
}

func TestPutMissingSource(t *testing.T) {
	s, _ := newStore(t)
	_, err := s.Put(t.Context(), key, filepath.Join(t.TempDir(), "missing"), "")
	if err == nil || !strings.Contains(err.Error(), key) {
		t.Errorf("err = %v, want an error naming the key", err)
	}
}

// Lessons are students' data: their files are for the service's user and
// group only, and so are the folders that lead to them.
func TestStoredLessonsAreNotWorldReadable(t *testing.T) {
	s, root := newStore(t)
	uri, err := s.Put(t.Context(), key, source(t, []byte("video")), "video/mp4")
	if err != nil {
		t.Fatal(err)
	}
	for p := uri; ; p = filepath.Dir(p) {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm&0o007 != 0 {
			t.Errorf("%s has mode %v: others may read it", p, perm)
		}
		if p == root {
			break
		}
	}
}

func TestRemoveDeletesOneLessonsFolderOnly(t *testing.T) {
	s, root := newStore(t)
	keep := "content/223e4567-e89b-12d3-a456-426614174000/lesson.mp4"
	for _, k := range []string{key, "content/123e4567-e89b-12d3-a456-426614174000/script.md", keep} {
		if _, err := s.Put(t.Context(), k, source(t, []byte("x")), ""); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Remove(t.Context(), "content/123e4567-e89b-12d3-a456-426614174000/")
	if err != nil || n != 2 {
		t.Fatalf("Remove = %d, %v; want 2 files", n, err)
	}
	if got := files(t, root); len(got) != 1 || got[0] != keep {
		t.Errorf("files left: %v, want only %s", got, keep)
	}
	if n, err := s.Remove(t.Context(), "content/123e4567-e89b-12d3-a456-426614174000/"); err != nil || n != 0 {
		t.Errorf("second Remove = %d, %v; want 0, nil", n, err)
	}
	for _, bad := range []string{"../", "content/../../", "/etc/", "content/123e4567-e89b-12d3-a456-426614174000"} {
		if _, err := s.Remove(t.Context(), bad); err == nil {
			t.Errorf("Remove(%q) accepted", bad)
		}
	}
}

func TestCopyStoresTheSameBytesUnderTheNewKey(t *testing.T) {
	s, root := newStore(t)
	if _, err := s.Put(t.Context(), "content/a/lesson.vtt", source(t, []byte("WEBVTT\n")), "text/vtt"); err != nil {
		t.Fatal(err)
	}
	uri, err := s.Copy(t.Context(), "content/a/lesson.vtt", "content/b/lesson.vtt")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(uri); err != nil || string(got) != "WEBVTT\n" || uri != filepath.Join(root, "content", "b", "lesson.vtt") {
		t.Errorf("copy at %s = %q, %v", uri, got, err)
	}
	if _, err := s.Copy(t.Context(), "content/gone/lesson.vtt", "content/c/lesson.vtt"); !errors.Is(err, vividly.ErrNotFound) {
		t.Errorf("copy of a missing file: %v, want ErrNotFound", err)
	}
	if _, err := s.Copy(t.Context(), "../outside", "content/c/x"); err == nil {
		t.Error("copy from outside the store was allowed")
	}
}

func TestPutContentStoresLikePut(t *testing.T) {
	s, root := newStore(t)
	var uri string
	for _, content := range []string{"# first script", "# second"} {
		var err error
		uri, err = s.PutContent(t.Context(), key, []byte(content), "text/markdown")
		if err != nil {
			t.Fatalf("PutContent: %v", err)
		}
	}
	if want := filepath.Join(root, filepath.FromSlash(key)); uri != want {
		t.Errorf("uri = %q, want %q", uri, want)
	}
	if got, err := os.ReadFile(uri); err != nil || string(got) != "# second" {
		t.Errorf("stored content = %q, %v; want the latest", got, err)
	}
	if got := files(t, root); len(got) != 1 || got[0] != key {
		t.Errorf("files under root = %v, want just %s (no temporary file left)", got, key)
	}
	for _, bad := range []string{"", "../escape", "/etc/passwd"} {
		if uri, err := s.PutContent(t.Context(), bad, []byte("x"), ""); err == nil {
			t.Errorf("PutContent(%q) stored %s", bad, uri)
		}
	}
}
