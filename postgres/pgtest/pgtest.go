// Package pgtest gives tests a fresh PostgreSQL database of their own, so tests
// run against the real server, in parallel, without seeing each other's rows.
//
// The server is the one at $VIVIDLY_TEST_DATABASE_URL, a postgres:// URL naming
// any database the test role can connect to and that allows CREATE DATABASE,
// by default DefaultURL. A test whose server cannot be reached fails: it is
// never skipped, so a missing database cannot pass as a green run.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the environment variable that points tests at a server.
const EnvURL = "VIVIDLY_TEST_DATABASE_URL"

// DefaultURL is the server used when EnvURL is unset: the local one, with trust auth.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// namePrefix starts every database this package makes, so leftovers of a
// killed test run are easy to find and drop.
const namePrefix = "vividly_test_"

// timeout bounds each administrative statement, so a hung server fails a test
// instead of stalling the run.
const timeout = 30 * time.Second

// NewDatabase creates an empty database with a unique name and returns its URL.
// The database is dropped, along with any connections still open to it, when
// the test and its subtests have finished.
func NewDatabase(t testing.TB) string {
	t.Helper()
	name, dbURL := reserve(t)
	if err := admin("CREATE DATABASE " + pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	return dbURL
}

// UnusedDatabase returns the URL of a uniquely named database that does not
// exist yet, for tests of code that creates its database. Whatever creates it,
// it is dropped when the test has finished.
func UnusedDatabase(t testing.TB) string {
	t.Helper()
	_, dbURL := reserve(t)
	return dbURL
}

// reserve picks a unique database name on a reachable server, arranges for
// the database to be dropped at cleanup, and returns the name and its URL.
func reserve(t testing.TB) (name, dbURL string) {
	t.Helper()
	server := serverURL(t)
	if err := admin("SELECT 1"); err != nil {
		t.Fatalf("pgtest: tests need a running PostgreSQL server; cannot use %s "+
			"(start it, or set %s to a reachable one): %v", server.Redacted(), EnvURL, err)
	}
	name = namePrefix + randomHex()
	t.Cleanup(func() {
		// FORCE ends connections a test left open, e.g. a pool it never closed.
		if err := admin("DROP DATABASE IF EXISTS " + pgx.Identifier{name}.Sanitize() + " WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	u := *server
	u.Path, u.RawPath = "/"+name, ""
	return name, u.String()
}

// serverURL parses the configured server URL.
func serverURL(t testing.TB) *url.URL {
	t.Helper()
	raw := os.Getenv(EnvURL)
	if raw == "" {
		raw = DefaultURL
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("pgtest: %s must be a postgres:// URL", EnvURL)
	}
	return u
}

// admin runs one statement on the configured server's own database.
func admin(sql string) error {
	// Not the test's context: cleanups run after it is cancelled.
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	raw := os.Getenv(EnvURL)
	if raw == "" {
		raw = DefaultURL
	}
	conn, err := pgx.Connect(ctx, raw)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// randomHex returns 8 random bytes in hex: enough that parallel tests and
// parallel test binaries never pick the same name.
func randomHex() string {
	b := make([]byte, 8)
	rand.Read(b) // never fails: crypto/rand panics instead
	return hex.EncodeToString(b)
}

// NewPackageDatabase creates an empty database for a whole test binary, from
// TestMain, where there is no testing.TB: tests that only read shared data
// (such as a loaded library) can use one database instead of one each. Call
// drop after m.Run.
func NewPackageDatabase() (dbURL string, drop func(), err error) {
	raw := os.Getenv(EnvURL)
	if raw == "" {
		raw = DefaultURL
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", nil, errors.New("pgtest: " + EnvURL + " must be a postgres:// URL")
	}
	name := namePrefix + randomHex()
	if err := admin("CREATE DATABASE " + pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, fmt.Errorf("pgtest: tests need a running PostgreSQL server at %s: %w", u.Redacted(), err)
	}
	u.Path, u.RawPath = "/"+name, ""
	drop = func() { _ = admin("DROP DATABASE IF EXISTS " + pgx.Identifier{name}.Sanitize() + " WITH (FORCE)") }
	return u.String(), drop, nil
}
