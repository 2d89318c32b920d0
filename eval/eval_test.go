package eval_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/vividly-edu/vividly/eval"
	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// floors are what this build is held to: every target of eval.Targets.
var floors = eval.Targets

// TestLessonQuality runs the evaluation that `vividly eval` prints on the
// embedded default providers and fails below the floors.
func TestLessonQuality(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewDatabase(t))
	require.NoError(t, err)
	defer db.Close()
	_, err = offline.LoadLibrary(ctx, db, nil)
	require.NoError(t, err)
	sets, err := eval.Load()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(sets.Topics), 250, "the topic question set")
	require.GreaterOrEqual(t, len(sets.Screen), 150, "the screen question set")

	r, err := eval.Run(ctx, eval.Providers{
		Understander: offline.NewUnderstander(db), Retriever: offline.NewRetriever(db), Writer: offline.NewScriptWriter(),
		NamesThing: offline.NamesThing,
	}, sets)
	require.NoError(t, err)
	var b strings.Builder
	r.Print(&b)
	t.Log("\n" + b.String())
	if err := r.CheckAgainst(floors); err != nil {
		for _, m := range r.Misses {
			t.Log(m)
		}
		t.Fatal(err)
	}
}
