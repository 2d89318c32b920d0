package main

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/vividly-edu/vividly/postgres"
)

func newDBRoleCmd(cfg *config) *cobra.Command {
	var adminURL, role string
	cmd := &cobra.Command{
		Use:   "db-role",
		Short: "Set up a PostgreSQL role that owns Vividly's database and nothing else (run once, as an administrator)",
		Long: `db-role connects with --admin-url (a role that may create roles and databases:
postgres, or on Cloud SQL a member of cloudsqlsuperuser) and makes --role a login
role with no other rights that owns the database of --database-url (created when
missing) and its public schema; other roles can no longer connect to it. Vividly
then runs as that role: its migrations, applied at start, create the tables and
the trusted extensions unaccent and pg_trgm in its own database. The password is
read from VIVIDLY_DB_ROLE_PASSWORD (never a flag, which others can read in the
process list); on a server with trust or IAM authentication leave it unset.
Prints the URL to set as VIVIDLY_DATABASE_URL (password elided). Safe to run again.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			u, err := url.Parse(cfg.DatabaseURL)
			if err != nil {
				return fmt.Errorf("--database-url: %w", err)
			}
			database := strings.TrimPrefix(u.Path, "/")
			if database == "" {
				return fmt.Errorf("--database-url %q names no database", cfg.DatabaseURL)
			}
			appURL, err := postgres.AppRole(cmd.Context(), adminURL, role, os.Getenv("VIVIDLY_DB_ROLE_PASSWORD"), database)
			if err != nil {
				return err
			}
			shown, _ := url.Parse(appURL)
			if _, set := shown.User.Password(); set {
				shown.User = url.UserPassword(role, "PASSWORD")
			}
			shown.RawQuery = u.RawQuery
			fmt.Fprintf(cmd.OutOrStdout(), "role %s owns database %s; run Vividly with\n  VIVIDLY_DATABASE_URL=%s\n", role, database, shown)
			return nil
		},
	}
	cmd.Flags().StringVar(&adminURL, "admin-url", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL URL of an administrator")
	cmd.Flags().StringVar(&role, "role", "vividly", "the role Vividly runs as")
	return cmd
}
