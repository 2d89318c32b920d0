package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

func section(key, title, body string, terms ...string) vividly.Section {
	return vividly.Section{Source: "school", Key: key, Collection: "notes", Book: "Notes", Title: title,
		Terms: terms, Body: body, Subject: "science", GradeMin: 5, GradeMax: 8, License: "CC BY 4.0"}
}

func TestReplaceCollectionIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewDatabase(t))
	require.NoError(t, err)
	defer db.Close()

	a := section("a", "Photosynthesis", "Plants make sugar from light, water and carbon dioxide.", "chlorophyll")
	b := section("b", "Volcanoes", "Magma rises through cracks in the crust and erupts.")
	ch, err := db.ReplaceCollection(ctx, "school", "notes", []vividly.Section{a, b})
	require.NoError(t, err)
	assert.Equal(t, vividly.CollectionChange{Added: 2}, ch)

	ch, err = db.ReplaceCollection(ctx, "school", "notes", []vividly.Section{a, b})
	require.NoError(t, err)
	assert.Equal(t, vividly.CollectionChange{Unchanged: 2}, ch, "the same sections again change nothing")

	b.Body = "Magma rises through weak spots in the crust; pressure builds until it erupts."
	c := section("c", "Earthquakes", "Plates slip past each other and the ground shakes.")
	ch, err = db.ReplaceCollection(ctx, "school", "notes", []vividly.Section{b, c})
	require.NoError(t, err)
	assert.Equal(t, vividly.CollectionChange{Added: 1, Updated: 1, Removed: 1}, ch)

	counts, err := db.KnowledgeCounts(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"school": 2}, counts)
}

func TestSearchKnowledgeMatchesAnyWordAndMisspellings(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewDatabase(t))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.ReplaceCollection(ctx, "school", "notes", []vividly.Section{
		section("p", "Photosynthesis", "Plants capture light energy and store it as chemical energy in sugar.", "chlorophyll"),
		section("v", "Volcanoes", "Magma rises through cracks in the crust and erupts as lava."),
		section("r", "Cellular Respiration", "Cells release the chemical energy stored in sugar.", "mitochondria"),
	})
	require.NoError(t, err)

	// Every word required would find nothing: no section has them all.
	hits, err := db.SearchKnowledge(ctx, vividly.KnowledgeQuery{Text: "how do plants make chemical energy from light"})
	require.NoError(t, err)
	require.NotEmpty(t, hits)
	assert.Equal(t, "Photosynthesis", hits[0].Title)
	assert.Equal(t, []string{"chlorophyll"}, hits[0].Terms)

	hits, err = db.SearchKnowledge(ctx, vividly.KnowledgeQuery{Fuzzy: []string{"photosinthesis"}})
	require.NoError(t, err)
	require.NotEmpty(t, hits)
	assert.Equal(t, "Photosynthesis", hits[0].Title)

	hits, err = db.SearchKnowledge(ctx, vividly.KnowledgeQuery{Text: "magma", HasGrade: true, Grade: 12})
	require.NoError(t, err)
	assert.Empty(t, hits, "grade 12 is more than two grades from 5–8")
	hits, err = db.SearchKnowledge(ctx, vividly.KnowledgeQuery{Text: "vólcanoes"})
	require.NoError(t, err)
	require.Len(t, hits, 1, "accents are folded")
}
