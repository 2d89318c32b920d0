package postgres

import (
	"context"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
)

// AppRole sets up least-privilege access for Vividly, run once by an
// administrator (a role with CREATEROLE and CREATEDB, such as postgres, or
// Cloud SQL's cloudsqlsuperuser): a login role with no other rights
// (NOSUPERUSER, NOCREATEDB, NOCREATEROLE) that owns Vividly's database and
// its public schema, so its migrations create and change tables (and the
// trusted extensions unaccent and pg_trgm) there and nowhere else; other
// roles lose the right to connect to that database. The database is created
// when missing. It returns the URL Vividly then connects with. Running it
// again changes nothing but the password, when one is given.
func AppRole(ctx context.Context, adminURL, role, password, database string) (string, error) {
	cfg, err := pgx.ParseConfig(adminURL)
	if err != nil {
		return "", fmt.Errorf("postgres: parse admin URL: %w", err)
	}
	cfg.Database = maintenanceDatabase
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return "", fmt.Errorf("postgres: connect as administrator: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	r, db := pgx.Identifier{role}.Sanitize(), pgx.Identifier{database}.Sanitize()
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, role).Scan(&exists); err != nil {
		return "", fmt.Errorf("postgres: look up role %s: %w", role, err)
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE ROLE "+r+" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"); err != nil {
			return "", fmt.Errorf("postgres: create role %s: %w", role, err)
		}
	}
	if password != "" {
		// A utility statement takes no parameters: the password is quoted
		// as a literal.
		lit := "'" + escapeLiteral(password) + "'"
		if _, err := conn.Exec(ctx, "ALTER ROLE "+r+" PASSWORD "+lit); err != nil {
			return "", fmt.Errorf("postgres: set the password of role %s: %w", role, err)
		}
	}
	dbCfg := cfg.Copy()
	dbCfg.Database = database
	if err := ensureDatabase(ctx, dbCfg); err != nil {
		return "", err
	}
	for _, stmt := range []string{
		"ALTER DATABASE " + db + " OWNER TO " + r,
		"REVOKE ALL ON DATABASE " + db + " FROM PUBLIC",
		"GRANT CONNECT, TEMPORARY ON DATABASE " + db + " TO " + r,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return "", fmt.Errorf("postgres: %s: %w", stmt, err)
		}
	}
	// The public schema (and whatever an earlier setup made there) changes
	// owner inside the database.
	dconn, err := pgx.ConnectConfig(ctx, dbCfg)
	if err != nil {
		return "", fmt.Errorf("postgres: connect to %s: %w", database, err)
	}
	defer dconn.Close(context.WithoutCancel(ctx))
	for _, stmt := range []string{
		"ALTER SCHEMA public OWNER TO " + r,
		"REVOKE CREATE ON SCHEMA public FROM PUBLIC",
	} {
		if _, err := dconn.Exec(ctx, stmt); err != nil {
			return "", fmt.Errorf("postgres: %s: %w", stmt, err)
		}
	}
	if err := reassignTables(ctx, dconn, r); err != nil {
		return "", err
	}
	u, err := url.Parse(adminURL)
	if err != nil {
		return "", fmt.Errorf("postgres: parse admin URL: %w", err)
	}
	u.User = url.User(role)
	if password != "" {
		u.User = url.UserPassword(role, password)
	}
	u.Path = "/" + database
	return u.String(), nil
}

// reassignTables gives role the tables, sequences, views and functions an
// earlier, more privileged setup left in the public schema.
func reassignTables(ctx context.Context, conn *pgx.Conn, role string) error {
	rows, err := conn.Query(ctx, `
		SELECT format('ALTER %s %I.%I OWNER TO %s',
			CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
			n.nspname, c.relname, $1::text)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')`, role)
	if err != nil {
		return fmt.Errorf("postgres: list tables to hand over: %w", err)
	}
	stmts, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("postgres: list tables to hand over: %w", err)
	}
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("postgres: %s: %w", s, err)
		}
	}
	return nil
}

// escapeLiteral doubles single quotes for a standard SQL string literal.
func escapeLiteral(s string) string {
	out := make([]byte, 0, len(s)+2)
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(out)
}
