package localstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
)

// Put copies the file at localPath to key (a slash-separated relative path such
// as "content/<request_id>/lesson.mp4") and returns the stored file's absolute
// path as its URI. Storing a key again replaces the file. The copy is written to
// a temporary file, synced and renamed over the final name, so readers and
// crashes see either the old file or the whole new one, never part of it, and
// concurrent Puts of one key leave one of them intact. If localPath already is
// the stored file, Put does nothing. contentType is not needed on a file
// system and is ignored.
func (s *Store) Put(ctx context.Context, key, localPath, contentType string) (string, error) {
	root, err := s.open(ctx, "put", key)
	if err != nil {
		return "", err
	}
	defer root.Close()
	uri := filepath.Join(s.root, filepath.FromSlash(key))

	src, err := os.Open(localPath)
	if err != nil {
		return "", fmt.Errorf("localstore: put %s: %w", key, err)
	}
	defer src.Close()
	srcInfo, err := src.Stat()
	if err != nil {
		return "", fmt.Errorf("localstore: put %s: %w", key, err)
	}
	if dstInfo, err := root.Stat(key); err == nil && os.SameFile(srcInfo, dstInfo) {
		// Copying a file onto itself would truncate it; it is stored already.
		return uri, nil
	}

	if err := storeAt(ctx, root, key, src); err != nil {
		return "", fmt.Errorf("localstore: put %s: %w", key, err)
	}
	return uri, nil
}

// PutContent stores content at key as Put stores a file: atomically and
// durably, replacing what is there.
func (s *Store) PutContent(ctx context.Context, key string, content []byte, contentType string) (string, error) {
	root, err := s.open(ctx, "put", key)
	if err != nil {
		return "", err
	}
	defer root.Close()
	if err := storeAt(ctx, root, key, bytes.NewReader(content)); err != nil {
		return "", fmt.Errorf("localstore: put %s: %w", key, err)
	}
	return filepath.Join(s.root, filepath.FromSlash(key)), nil
}

// open checks the keys an operation names (the first names it in errors)
// and opens the store's root, which no path may leave.
func (s *Store) open(ctx context.Context, op string, keys ...string) (*os.Root, error) {
	for _, k := range keys {
		if err := checkKey(k); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("localstore: %s %s: %w", op, keys[0], err)
	}
	root, err := os.OpenRoot(s.root)
	if err != nil {
		return nil, fmt.Errorf("localstore: %s %s: open root: %w", op, keys[0], err)
	}
	return root, nil
}

// storeAt writes src's content to key, creating its folder, atomically and
// durably.
func storeAt(ctx context.Context, root *os.Root, key string, src io.Reader) error {
	dir := path.Dir(key)
	if err := root.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create folder: %w", err)
	}
	if err := writeAtomically(ctx, root, key, src); err != nil {
		return err
	}
	// Make the rename itself durable, not just the file's bytes.
	return syncDir(root, dir)
}

// writeAtomically copies src to a new temporary file beside key, syncs it and
// renames it to key. On failure the temporary file is removed.
func writeAtomically(ctx context.Context, root *os.Root, key string, src io.Reader) (err error) {
	// A unique name per call, so concurrent writers never share a temp file.
	// The dot hides it from casual listings; the suffix marks it as debris if a
	// crash leaves it behind.
	tmp := path.Join(path.Dir(key), "."+path.Base(key)+"."+randomHex()+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			root.Remove(tmp)
		}
	}()
	if _, err = io.Copy(f, ctxReader{ctx, src}); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close: %w", err)
	}
	if err = root.Rename(tmp, key); err != nil {
		return fmt.Errorf("rename into place: %w", err)
	}
	return nil
}

// syncDir flushes a folder's entries to disk.
func syncDir(root *os.Root, dir string) error {
	d, err := root.Open(dir)
	if err != nil {
		return fmt.Errorf("open folder: %w", err)
	}
	defer d.Close()
	// Some file systems cannot sync a folder; the file itself is safe already.
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync folder: %w", err)
	}
	return nil
}

// ctxReader stops a long copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// randomHex returns 8 random bytes in hex.
func randomHex() string {
	b := make([]byte, 8)
	rand.Read(b) // never fails: crypto/rand panics instead
	return hex.EncodeToString(b)
}
