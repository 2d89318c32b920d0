package gcs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"mime"
	"net/http"
	"os"
	"path"

	"cloud.google.com/go/storage"
	"github.com/googleapis/gax-go/v2/apierror"
	"google.golang.org/api/googleapi"
	"google.golang.org/grpc/codes"

	vividly "github.com/vividly-edu/vividly"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Put uploads the file at localPath to the object <prefix><key> with
// contentType (guessed from the key's extension when empty) and returns its
// gs:// URI. Storing a key again replaces the object, so a retried Put leaves
// one object with the latest content. When the object already holds exactly
// this content (same size and CRC32C) and content type, nothing is uploaded.
// The upload sends the file's CRC32C, so Cloud Storage refuses a corrupted
// copy, and transient failures are retried a bounded number of times.
//
// A missing bucket, a refused permission or an invalid name is returned
// marked vividly.Permanent; other failures can be retried.
func (s *Store) Put(ctx context.Context, key, localPath, contentType string) (string, error) {
	if _, err := s.ObjectName(key); err != nil {
		return "", vividly.Permanent(err)
	}
	f, err := os.Open(localPath)
	if err != nil {
		return "", fmt.Errorf("gcs: put %s: %w", key, err)
	}
	defer f.Close()
	return s.put(ctx, key, f, localPath, contentType)
}

// PutContent uploads content to the object <prefix><key> as Put uploads a
// file.
func (s *Store) PutContent(ctx context.Context, key string, content []byte, contentType string) (string, error) {
	return s.put(ctx, key, bytes.NewReader(content), "content", contentType)
}

// put uploads what src holds; from names it in errors.
func (s *Store) put(ctx context.Context, key string, src io.ReadSeeker, from, contentType string) (string, error) {
	name, err := s.ObjectName(key)
	if err != nil {
		return "", vividly.Permanent(err)
	}
	uri := "gs://" + s.cfg.Bucket + "/" + name
	if contentType == "" {
		contentType = mime.TypeByExtension(path.Ext(key))
		if contentType == "" {
			contentType = "application/octet-stream"
		}
	}

	crc, size, err := checksum(ctx, src)
	if err != nil {
		return "", fmt.Errorf("gcs: put %s: read %s: %w", key, from, err)
	}

	// Overwriting an object with the same bytes is idempotent, so every
	// call may be retried, not only those the library knows to be.
	obj := s.bucket.Object(name).Retryer(
		storage.WithPolicy(storage.RetryAlways),
		storage.WithMaxAttempts(s.cfg.MaxAttempts),
	)
	attrs, err := obj.Attrs(ctx)
	switch {
	case err == nil:
		if attrs.Size == size && attrs.CRC32C == crc && attrs.ContentType == contentType {
			return uri, nil // stored already, by an earlier attempt
		}
	case errors.Is(err, storage.ErrObjectNotExist):
	default:
		return "", classify("put "+uri, err)
	}

	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return "", fmt.Errorf("gcs: put %s: %w", key, err)
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := obj.NewWriter(wctx)
	w.ContentType = contentType
	w.CRC32C = crc
	w.SendCRC32C = true
	if _, err := io.Copy(w, ctxReader{ctx, src}); err != nil {
		cancel() // abandons the upload; Close then reports why
		w.Close()
		if ctx.Err() != nil {
			return "", fmt.Errorf("gcs: put %s: %w", uri, ctx.Err())
		}
		return "", classify("put "+uri, err)
	}
	if err := w.Close(); err != nil {
		return "", classify("put "+uri, err)
	}
	if got := w.Attrs(); got != nil && got.Size != size {
		return "", fmt.Errorf("gcs: put %s: stored %d bytes of %d", uri, got.Size, size)
	}
	return uri, nil
}

// checksum is the CRC32C (Castagnoli) and size of r's content.
func checksum(ctx context.Context, r io.Reader) (uint32, int64, error) {
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, ctxReader{ctx, r})
	return h.Sum32(), n, err
}

// classify wraps a storage error, marking it vividly.Permanent when retrying
// cannot help: no such bucket, no permission, no credentials, a request the
// service refuses.
func classify(op string, err error) error {
	wrapped := fmt.Errorf("gcs: %s: %w", op, err)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return wrapped
	}
	if errors.Is(err, storage.ErrBucketNotExist) {
		return vividly.Permanent(wrapped)
	}
	var gerr *googleapi.Error
	if errors.As(err, &gerr) {
		switch gerr.Code {
		case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound,
			http.StatusMethodNotAllowed, http.StatusLengthRequired, http.StatusRequestEntityTooLarge:
			return vividly.Permanent(wrapped)
		}
		return wrapped
	}
	// The gRPC transport reports codes instead of HTTP statuses.
	var aerr *apierror.APIError
	if errors.As(err, &aerr) {
		switch aerr.GRPCStatus().Code() {
		case codes.InvalidArgument, codes.NotFound, codes.PermissionDenied, codes.Unauthenticated,
			codes.FailedPrecondition, codes.OutOfRange, codes.Unimplemented:
			return vividly.Permanent(wrapped)
		}
	}
	return wrapped
}

// ctxReader stops a long read when its context ends.
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
