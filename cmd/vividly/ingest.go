package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/ingest"
	"github.com/vividly-edu/vividly/loadtest"
	"github.com/vividly-edu/vividly/postgres"
)

func newIngestCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add open textbooks (OpenStax CNXML) and a school's Markdown pages to the knowledge library",
		Long: `ingest reads each PATH into the knowledge library in PostgreSQL:

  - an OpenStax CNXML export (a folder with META-INF/books.xml), or a folder of them;
  - Markdown pages (.md) with front matter (title, subject, grades, licence), one
    collection per folder.

Each book or folder replaces what an earlier ingest stored for it: unchanged
sections stay, changed ones are updated and vanished ones removed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := postgres.Open(ctx, cfg.DatabaseURL)
			if err != nil {
				return fmt.Errorf("open PostgreSQL: %w", err)
			}
			defer db.Close()
			embedder, err := cfg.embedder(ctx)
			if err != nil {
				return err
			}
			return runIngest(ctx, db, embedder, args)
		},
	}
}

func runIngest(ctx context.Context, db *postgres.DB, embedder vividly.Embedder, paths []string) error {
	var bar *loadtest.Bar
	sum, err := ingest.Run(ctx, db, paths, ingest.Options{Embedder: embedder, Progress: func(done, total int) {
		if bar == nil {
			bar = loadtest.NewBar(os.Stderr, isTerminal(os.Stderr), "ingest", total)
		}
		bar.Set(done, fmt.Sprintf("%d/%d modules and pages", done, total))
	}})
	if bar != nil {
		bar.Finish("")
	}
	if err != nil {
		return err
	}
	fmt.Printf("ingested %d books and folders, %d sections, %d words in %.1f s\n",
		len(sum.Books), sum.Sections, sum.Words, sum.Elapsed.Seconds())
	for _, b := range sum.Books {
		fmt.Printf("  %s\n", b)
	}
	c := sum.Change
	fmt.Printf("sections: %d added, %d updated, %d unchanged, %d removed\n", c.Added, c.Updated, c.Unchanged, c.Removed)
	return nil
}
