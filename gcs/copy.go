package gcs

import (
	"context"
	"errors"
	"fmt"

	"cloud.google.com/go/storage"
	vividly "github.com/vividly-edu/vividly"
)

var _ vividly.Copier = (*Store)(nil)

// Copy copies the object at srcKey to dstKey inside the bucket (a rewrite on
// the server: the bytes never pass through the worker) and returns the new
// object's URI. A missing source is vividly.ErrNotFound. Copying the same
// object again leaves one object, so every call may be retried.
func (s *Store) Copy(ctx context.Context, srcKey, dstKey string) (string, error) {
	src, err := s.ObjectName(srcKey)
	if err != nil {
		return "", vividly.Permanent(err)
	}
	dst, err := s.ObjectName(dstKey)
	if err != nil {
		return "", vividly.Permanent(err)
	}
	uri := "gs://" + s.cfg.Bucket + "/" + dst
	obj := s.bucket.Object(dst).Retryer(
		storage.WithPolicy(storage.RetryAlways),
		storage.WithMaxAttempts(s.cfg.MaxAttempts),
	)
	if _, err := obj.CopierFrom(s.bucket.Object(src)).Run(ctx); err != nil {
		if errors.Is(err, storage.ErrObjectNotExist) {
			return "", fmt.Errorf("gcs: copy %s: %w", src, vividly.ErrNotFound)
		}
		return "", classify("copy to "+uri, err)
	}
	return uri, nil
}
