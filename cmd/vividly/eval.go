package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/vividly-edu/vividly/eval"
	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/postgres"
)

func newEvalCmd(cfg *config) *cobra.Command {
	var misses bool
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure lesson quality on Vividly's own question sets and fail below the targets",
		Long: `eval runs the embedded default providers on the question sets compiled into
Vividly (school questions with their topics, vague questions with the
student's answers, and unsafe, non-school and school asks) and prints:
right topic, refusals, clarification, readability per grade band, ask
answered, interest connected and lesson structure, each beside its target.
It exits 1 when a figure misses its target. It needs PostgreSQL, where the
embedded library is loaded for retrieval.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			db, err := postgres.Open(ctx, cfg.DatabaseURL)
			if err != nil {
				return fmt.Errorf("open PostgreSQL: %w", err)
			}
			defer db.Close()
			if _, err := offline.LoadLibrary(ctx, db, nil); err != nil {
				return err
			}
			sets, err := eval.Load()
			if err != nil {
				return err
			}
			r, err := eval.Run(ctx, eval.Providers{
				Understander: offline.NewUnderstander(db), Retriever: offline.NewRetriever(db), Writer: offline.NewScriptWriter(),
				NamesThing: offline.NamesThing,
			}, sets)
			if err != nil {
				return err
			}
			fmt.Printf("Vividly lesson evaluation: %d school questions, %d clarification dialogues, %d screen asks (%d of them held out)\n\n",
				len(sets.Topics), len(sets.Clarify), len(sets.Screen)+len(sets.HeldOut), len(sets.HeldOut))
			r.Print(os.Stdout)
			if misses {
				fmt.Println("\nMisses:")
				for _, m := range r.Misses {
					fmt.Println("  " + m)
				}
			}
			if err := r.Check(); err != nil {
				return fmt.Errorf("below target:\n%w", err)
			}
			fmt.Println("\nevery target met")
			return nil
		},
	}
	cmd.Flags().BoolVar(&misses, "misses", false, "list the questions behind every miss")
	return cmd
}
