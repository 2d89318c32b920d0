package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// SQLSTATE codes this package reacts to.
const (
	codeInvalidCatalogName = "3D000" // the database does not exist
	codeDuplicateDatabase  = "42P04"
	codeUniqueViolation    = "23505"
	codeForeignKey         = "23503"
)

// maintenanceDatabase is where CREATE DATABASE is run from, as the target
// database cannot be connected to before it exists.
const maintenanceDatabase = "postgres"

// EnsureDatabase creates the database databaseURL names when it does not
// exist yet, and leaves it empty: for databases other programs fill, such as
// Temporal's.
func EnsureDatabase(ctx context.Context, databaseURL string) error {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return fmt.Errorf("postgres: parse database URL: %w", err)
	}
	return ensureDatabase(ctx, cfg)
}

// ensureDatabase creates the database named in cfg when it does not exist yet.
// It first tries the database itself, so a role without CREATEDB can still use
// an existing one.
func ensureDatabase(ctx context.Context, cfg *pgx.ConnConfig) error {
	name := cfg.Database
	conn, err := pgx.ConnectConfig(ctx, cfg.Copy())
	if err == nil {
		return conn.Close(ctx)
	}
	if !hasCode(err, codeInvalidCatalogName) || name == "" {
		return fmt.Errorf("postgres: connect to %s: %w", name, err)
	}

	maint := cfg.Copy()
	maint.Database = maintenanceDatabase
	mconn, err := pgx.ConnectConfig(ctx, maint)
	if err != nil {
		return fmt.Errorf("postgres: connect to %s to create %s: %w", maintenanceDatabase, name, err)
	}
	defer mconn.Close(context.WithoutCancel(ctx))

	_, err = mconn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	// Another process may have created it meanwhile: PostgreSQL reports that as
	// duplicate_database, or as a unique violation on pg_database when both
	// creators got past the existence check.
	if err != nil && !hasCode(err, codeDuplicateDatabase) && !hasCode(err, codeUniqueViolation) {
		return fmt.Errorf("postgres: create database %s: %w", name, err)
	}
	return nil
}

// hasCode reports whether err carries a PostgreSQL error with SQLSTATE code.
func hasCode(err error, code string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == code
}
