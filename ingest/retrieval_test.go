package ingest_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/ingest"
	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// TestTextbookMaterialReachesLessons ingests the physics book beside the
// embedded library and checks what a student gets from it: excerpts credited
// to the book, and a lesson on a section the library has no topic for.
func TestTextbookMaterialReachesLessons(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewDatabase(t))
	require.NoError(t, err)
	defer db.Close()
	_, err = ingest.Run(ctx, db, []string{filepath.Join("..", "..", "shared", "oer", "osbooks-physics")}, ingest.Options{})
	require.NoError(t, err)
	_, err = offline.LoadLibrary(ctx, db, nil)
	require.NoError(t, err)
	u, r := offline.NewUnderstander(db), offline.NewRetriever(db)

	// A library topic taught in high school gets a textbook excerpt too.
	und, err := u.Understand(ctx, vividly.UnderstandInput{Question: "explain newton's third law", Grade: 11})
	require.NoError(t, err)
	require.Equal(t, "newtons-third-law", und.TopicID)
	ps, err := r.Retrieve(ctx, und, 11, 0)
	require.NoError(t, err)
	i := slices.IndexFunc(ps, func(p vividly.Passage) bool { return p.Source == "openstax" })
	require.GreaterOrEqual(t, i, 0, "no textbook excerpt among %d passages", len(ps))
	assert.Equal(t, "Physics", ps[i].Book)
	assert.Equal(t, "CC BY 4.0", ps[i].License)
	assert.Equal(t, "Newton's third law, Physics, OpenStax, CC BY 4.0, https://openstax.org/details/books/physics",
		strings.Replace(ps[i].Credit().Attribution(), ps[i].Title, "Newton's third law", 1))

	// The same topic for a grade 3 student gets no college-level text.
	ps, err = r.Retrieve(ctx, und, 3, 0)
	require.NoError(t, err)
	assert.False(t, slices.ContainsFunc(ps, func(p vividly.Passage) bool { return p.Source == "openstax" }))

	// A section the library lacks is understood by its title and taught
	// from the book, with the credit on the lesson.
	und, err = u.Understand(ctx, vividly.UnderstandInput{Question: "what is simple harmonic motion", Grade: 11})
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(und.TopicID, "section:openstax:"), "%+v", und)
	ps, err = r.Retrieve(ctx, und, 11, 0)
	require.NoError(t, err)
	require.NotEmpty(t, ps)
	s, err := offline.NewScriptWriter().WriteScript(ctx, vividly.ScriptInput{Question: "what is simple harmonic motion", Grade: 11,
		Understanding: und, Passages: ps})
	require.NoError(t, err)
	s = s.WithCredits(ps)
	require.NotEmpty(t, s.Credits)
	assert.Contains(t, s.Markdown(), "Physics, OpenStax, CC BY 4.0, https://openstax.org/details/books/physics")
	assert.Equal(t, vividly.HeadingSources, s.Segments[len(s.Segments)-1].Heading)
}
