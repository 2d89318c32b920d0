// Package gcs is a vividly.ObjectStore on Google Cloud Storage: a lesson's
// files are uploaded to a bucket under deterministic names
// (<prefix>content/<request_id>/...), Put returns their gs:// URI, and URL
// gives a link a student can open: a V4 signed URL, or the public
// https://storage.googleapis.com/<bucket>/<object> URL when the bucket is
// public.
//
// # Signing
//
// A V4 signed URL needs a service account that can sign:
//
//   - a service account key file (GOOGLE_APPLICATION_CREDENTIALS, or
//     credentials given in ClientOptions) signs locally with its private key;
//   - a service account attached to the runtime (Compute Engine, Cloud Run,
//     GKE workload identity) has no private key: the storage library signs
//     through the IAM Credentials signBlob API, which needs
//     roles/iam.serviceAccountTokenCreator for that account on itself;
//   - user credentials (gcloud auth application-default login), a ready
//     Client given in Config, or an emulator (STORAGE_EMULATOR_HOST) cannot
//     sign, unless Config gives GoogleAccessID with PrivateKey or SignBytes.
//     For a client made from ClientOptions that point at an emulator, set
//     DisableSigning or PublicURLs: otherwise the storage library looks for
//     a metadata server to find out who to sign as.
//
// When signing is impossible, URL falls back to the authenticated browser URL
// https://storage.cloud.google.com/<bucket>/<object>, which opens only for a
// signed-in Google account with read access, and logs a warning once saying
// why. Check reports the problem at start-up; set PublicURLs for a public
// bucket.
//
// # Permissions
//
// Put reads an object's metadata and creates or overwrites it, and Check
// lists the bucket: roles/storage.objectUser on the bucket covers all of that
// (roles/storage.objectCreator alone cannot overwrite).
package gcs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"cloud.google.com/go/storage"
	"google.golang.org/api/iterator"
	"google.golang.org/api/option"

	vividly "github.com/vividly-edu/vividly"
)

// DefaultSignedURLExpiry is how long a signed URL works: seven days, the most
// V4 signing allows.
const DefaultSignedURLExpiry = 7 * 24 * time.Hour

// Config says where lessons are stored and how they are linked.
type Config struct {
	// Bucket is the bucket's name (no gs://). Required.
	Bucket string
	// Prefix goes before every key, e.g. "vividly/" to share a bucket. A
	// missing trailing slash is added. Optional.
	Prefix string

	// PublicURLs makes URL return https://storage.googleapis.com/<bucket>/<object>
	// without signing, for a bucket whose objects are publicly readable.
	PublicURLs bool
	// SignedURLExpiry is how long a signed URL works; default and at most
	// seven days.
	SignedURLExpiry time.Duration
	// DisableSigning makes URL never try to sign (for emulators, which cannot
	// check a signature, or deployments known not to be able to).
	DisableSigning bool
	// GoogleAccessID (a service account's e-mail) with PrivateKey (PEM) or
	// SignBytes signs URLs explicitly instead of with what the client's
	// credentials allow.
	GoogleAccessID string
	PrivateKey     []byte
	SignBytes      func([]byte) ([]byte, error)

	// MaxAttempts bounds the tries of one storage call on transient errors
	// within a Put. Default 3.
	MaxAttempts int

	// ClientOptions configure the storage client New creates. Without any it
	// uses Application Default Credentials (or STORAGE_EMULATOR_HOST).
	ClientOptions []option.ClientOption
	// Client, if set, is used instead of creating one (tests pass a
	// fake-gcs-server client); Close does not close it.
	Client *storage.Client
}

// Store keeps lesson files in a Cloud Storage bucket. It implements
// vividly.ObjectStore and is safe for concurrent use.
type Store struct {
	cfg        Config
	client     *storage.Client
	ownsClient bool
	bucket     *storage.BucketHandle

	warnOnce sync.Once
}

var _ vividly.ObjectStore = (*Store)(nil)
var _ vividly.ContentPutter = (*Store)(nil)

// New checks cfg and creates the client. When no credentials can be found it
// returns an error that says how to provide them. It does not contact the
// bucket; Check does.
func New(ctx context.Context, cfg Config) (*Store, error) {
	if err := checkBucketName(cfg.Bucket); err != nil {
		return nil, err
	}
	cfg.Prefix = strings.TrimLeft(cfg.Prefix, "/")
	if cfg.Prefix != "" && !strings.HasSuffix(cfg.Prefix, "/") {
		cfg.Prefix += "/"
	}
	if cfg.Prefix != "" {
		if err := checkKey(strings.TrimSuffix(cfg.Prefix, "/")); err != nil {
			return nil, fmt.Errorf("gcs: prefix: %w", err)
		}
	}
	if cfg.SignedURLExpiry == 0 {
		cfg.SignedURLExpiry = DefaultSignedURLExpiry
	}
	if cfg.SignedURLExpiry < time.Second || cfg.SignedURLExpiry > DefaultSignedURLExpiry {
		return nil, fmt.Errorf("gcs: signed URL expiry %v is outside 1s–7 days", cfg.SignedURLExpiry)
	}
	if cfg.GoogleAccessID != "" && len(cfg.PrivateKey) == 0 && cfg.SignBytes == nil {
		return nil, errors.New("gcs: GoogleAccessID needs PrivateKey or SignBytes")
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 3
	}
	s := &Store{cfg: cfg, client: cfg.Client}
	if s.client == nil {
		client, err := storage.NewClient(ctx, cfg.ClientOptions...)
		if err != nil {
			if len(cfg.ClientOptions) == 0 {
				return nil, fmt.Errorf("gcs: no usable Google Cloud credentials for Cloud Storage "+
					"(set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, run "+
					"`gcloud auth application-default login`, or run on Google Cloud with a service account): %w", err)
			}
			return nil, fmt.Errorf("gcs: create storage client: %w", err)
		}
		s.client, s.ownsClient = client, true
	}
	s.bucket = s.client.Bucket(cfg.Bucket)
	return s, nil
}

// Close closes the client if New created it.
func (s *Store) Close() error {
	if s.ownsClient {
		return s.client.Close()
	}
	return nil
}

// Bucket is the bucket's name.
func (s *Store) Bucket() string { return s.cfg.Bucket }

// ObjectName is the name key is stored under: the prefix and the key.
func (s *Store) ObjectName(key string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	return s.cfg.Prefix + key, nil
}

// URI is the gs:// URI of the object stored under key.
func (s *Store) URI(key string) (string, error) {
	name, err := s.ObjectName(key)
	if err != nil {
		return "", err
	}
	return "gs://" + s.cfg.Bucket + "/" + name, nil
}

// Check makes sure the bucket exists and can be listed under the prefix (the
// storage.objects.list permission, which roles/storage.objectUser and
// objectAdmin include), and that URL can sign unless PublicURLs is set. Its
// error is vividly.Permanent when retrying cannot help.
func (s *Store) Check(ctx context.Context) error {
	it := s.bucket.Objects(ctx, &storage.Query{Prefix: s.cfg.Prefix})
	it.PageInfo().MaxSize = 1
	if _, err := it.Next(); err != nil && !errors.Is(err, iterator.Done) {
		return classify("check bucket "+s.cfg.Bucket, err)
	}
	if !s.cfg.PublicURLs {
		if _, err := s.sign("vividly-check"); err != nil {
			return vividly.Permanent(fmt.Errorf("gcs: cannot sign URLs: %w", err))
		}
	}
	return nil
}

// URL returns a link to the object stored under key that a student can open:
// the public URL when PublicURLs is set, else a V4 signed GET URL valid for
// SignedURLExpiry. When signing is impossible (see the package
// documentation) it returns the authenticated browser URL instead and logs a
// warning once. It does not check that the object exists.
func (s *Store) URL(ctx context.Context, key string) (string, error) {
	name, err := s.ObjectName(key)
	if err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if s.cfg.PublicURLs {
		return PublicURL(s.cfg.Bucket, name), nil
	}
	signed, err := s.sign(name)
	if err == nil {
		return signed, nil
	}
	s.warnOnce.Do(func() {
		slog.Warn("gcs: cannot sign URLs; giving authenticated storage.cloud.google.com URLs, "+
			"which open only for signed-in accounts with read access. Use a service account key, "+
			"grant the runtime service account roles/iam.serviceAccountTokenCreator on itself, "+
			"or set PublicURLs for a public bucket", "bucket", s.cfg.Bucket, "error", err.Error())
	})
	return AuthenticatedURL(s.cfg.Bucket, name), nil
}

// sign makes a V4 signed GET URL for the object name.
func (s *Store) sign(name string) (string, error) {
	opts := &storage.SignedURLOptions{
		Method:  "GET",
		Expires: time.Now().Add(s.cfg.SignedURLExpiry),
		Scheme:  storage.SigningSchemeV4,
	}
	switch {
	case s.cfg.DisableSigning:
		return "", errors.New("signing is disabled in the configuration")
	case s.cfg.GoogleAccessID != "":
		opts.GoogleAccessID, opts.PrivateKey, opts.SignBytes = s.cfg.GoogleAccessID, s.cfg.PrivateKey, s.cfg.SignBytes
	case !s.ownsClient:
		// Nothing is known of a ready client's credentials; asking the
		// library to find out would probe for a metadata server.
		return "", errors.New("a ready storage client was given without GoogleAccessID and PrivateKey or SignBytes")
	case os.Getenv("STORAGE_EMULATOR_HOST") != "":
		return "", errors.New("STORAGE_EMULATOR_HOST is set: an emulator has no credentials to sign with")
	}
	return s.bucket.SignedURL(name, opts)
}

// PublicURL is the URL of a publicly readable object.
func PublicURL(bucket, name string) string {
	return "https://storage.googleapis.com/" + bucket + "/" + escapePath(name)
}

// AuthenticatedURL is the URL that opens an object in a browser for a
// signed-in Google account that may read it.
func AuthenticatedURL(bucket, name string) string {
	return "https://storage.cloud.google.com/" + bucket + "/" + escapePath(name)
}

// escapePath escapes each segment of an object name for a URL path, keeping
// the slashes.
func escapePath(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// checkBucketName rejects names that cannot be a bucket, so a typo fails at
// start-up instead of on the first lesson.
func checkBucketName(b string) error {
	switch {
	case b == "":
		return errors.New("gcs: no bucket configured")
	case strings.HasPrefix(b, "gs://"):
		return fmt.Errorf("gcs: bucket %q: give the name without gs://", b)
	case len(b) < 3 || len(b) > 222:
		return fmt.Errorf("gcs: bucket name %q must be 3–222 characters", b)
	}
	for _, r := range b {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return fmt.Errorf("gcs: bucket name %q may hold only lower-case letters, digits, -, _ and .", b)
		}
	}
	return nil
}

// checkKey rejects keys that are not a clean relative path, as localstore
// does, so the two stores accept the same keys.
func checkKey(key string) error {
	switch {
	case key == "":
		return errors.New("gcs: empty key")
	case strings.HasPrefix(key, "/"):
		return fmt.Errorf("gcs: key %q is absolute", key)
	case strings.HasSuffix(key, "/"):
		return fmt.Errorf("gcs: key %q names a folder", key)
	case strings.ContainsAny(key, "\x00\r\n"):
		return errors.New("gcs: key contains a NUL or line break")
	case len(key) > 1024:
		return errors.New("gcs: key is longer than 1024 bytes")
	}
	for _, part := range strings.Split(key, "/") {
		if part == "" || part == "." || part == ".." {
			return fmt.Errorf("gcs: key %q has an empty, . or .. segment", key)
		}
	}
	return nil
}
