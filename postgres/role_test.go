package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// Vividly runs as a role that owns its own database and nothing else: its
// migrations work, it cannot make databases or roles, and other roles cannot
// even connect to its database.
func TestAppRoleOwnsOnlyVividlysDatabase(t *testing.T) {
	var adminURL string // the server's maintenance database, set below
	suffix := make([]byte, 4)
	rand.Read(suffix)
	role, other := "vividly_test_app_"+hex.EncodeToString(suffix), "vividly_test_other_"+hex.EncodeToString(suffix)
	admin := func(sql string) {
		conn, err := pgx.Connect(context.Background(), adminURL)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), sql); err != nil {
			t.Logf("%s: %v", sql, err)
		}
	}
	t.Cleanup(func() { admin("DROP ROLE IF EXISTS " + role); admin("DROP ROLE IF EXISTS " + other) })
	dbURL := pgtest.UnusedDatabase(t) // dropped before the roles
	u, _ := url.Parse(dbURL)
	database := strings.TrimPrefix(u.Path, "/")
	u.Path = "/postgres"
	adminURL = u.String()

	appURL, err := postgres.AppRole(t.Context(), u.String(), role, "s3cret'pass", database)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := postgres.AppRole(t.Context(), u.String(), role, "s3cret'pass", database); err != nil {
		t.Fatalf("a second run: %v", err)
	}
	db, err := postgres.Open(t.Context(), appURL)
	if err != nil {
		t.Fatalf("Vividly on its own role (migrations included): %v", err)
	}
	defer db.Close()
	if _, err := db.RequestsOf(t.Context(), "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"); err != nil {
		t.Errorf("query as the app role: %v", err)
	}

	conn, err := pgx.Connect(t.Context(), appURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var super, createDB, createRole bool
	if err := conn.QueryRow(t.Context(), `SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user`).Scan(&super, &createDB, &createRole); err != nil {
		t.Fatal(err)
	}
	if super || createDB || createRole {
		t.Errorf("app role rights: superuser %v, create database %v, create role %v; want none", super, createDB, createRole)
	}
	var owner string
	if err := conn.QueryRow(t.Context(), `SELECT tableowner FROM pg_tables WHERE tablename = 'requests'`).Scan(&owner); err != nil || owner != role {
		t.Errorf("requests is owned by %q (%v), want the app role", owner, err)
	}
	if _, err := conn.Exec(t.Context(), "CREATE DATABASE "+role+"_x"); err == nil {
		admin("DROP DATABASE " + role + "_x")
		t.Error("the app role created a database")
	}

	admin("CREATE ROLE " + other + " LOGIN")
	ou, _ := url.Parse(appURL)
	ou.User = url.User(other)
	if c, err := pgx.Connect(t.Context(), ou.String()); err == nil {
		c.Close(context.Background())
		t.Error("another role connected to Vividly's database")
	}
}
