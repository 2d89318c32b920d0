package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

const page = `---
title: Our River
subject: science
grades: 4-6
licence: CC BY 4.0
url: https://school.example/river
source: Riverside School
---
Our town's river starts as rain on the hills. **Every** drop flows downhill.

## Where the water goes

- It joins small streams.
- The streams meet the river.
![a photo](river.png) See the [river map](https://school.example/map).
`

func writePage(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
	return p
}

func TestReadMarkdown(t *testing.T) {
	p := writePage(t, t.TempDir(), "river.md", page)
	ss, err := ReadMarkdown(p, "pages/notes")
	require.NoError(t, err)
	require.Len(t, ss, 2)
	assert.Equal(t, "Our River", ss[0].Title)
	assert.Equal(t, "Our town's river starts as rain on the hills. Every drop flows downhill.", ss[0].Body)
	assert.Equal(t, "Where the water goes", ss[1].Title)
	assert.Equal(t, "It joins small streams. The streams meet the river. See the river map.", ss[1].Body)
	for _, s := range ss {
		assert.Equal(t, "Riverside School", s.Source)
		assert.Equal(t, 4, s.GradeMin)
		assert.Equal(t, 6, s.GradeMax)
		assert.Equal(t, "science", s.Subject)
		assert.Equal(t, "CC BY 4.0", s.License)
	}
}

func TestReadMarkdownRefusesIncompleteFrontMatter(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"none.md":     "Just text.\n",
		"subject.md":  "---\ntitle: A\nsubject: cooking\ngrades: 4\nlicence: CC BY 4.0\n---\nText.\n",
		"grades.md":   "---\ntitle: A\nsubject: science\ngrades: 4 to 14\nlicence: CC BY 4.0\n---\nText.\n",
		"licence.md":  "---\ntitle: A\nsubject: science\ngrades: K-2\n---\nText.\n",
		"unclosed.md": "---\ntitle: A\n",
	} {
		_, err := ReadMarkdown(writePage(t, dir, name, text), "c")
		assert.Error(t, err, name)
	}
}

// TestIngestIsIdempotent ingests a folder of pages twice, then changes one
// page and deletes another: the store follows the folder.
func TestIngestIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewDatabase(t))
	require.NoError(t, err)
	defer db.Close()
	dir := filepath.Join(t.TempDir(), "notes")
	require.NoError(t, os.Mkdir(dir, 0o700))
	writePage(t, dir, "river.md", page)
	other := writePage(t, dir, "hills.md", "---\ntitle: Hills\nsubject: geography\ngrades: 5\nlicence: CC BY 4.0\nsource: Riverside School\n---\nHills are high land.\n")

	sum, err := Run(ctx, db, []string{dir}, Options{})
	require.NoError(t, err)
	assert.Equal(t, vividly.CollectionChange{Added: 3}, sum.Change)
	sum, err = Run(ctx, db, []string{dir}, Options{})
	require.NoError(t, err)
	assert.Equal(t, vividly.CollectionChange{Unchanged: 3}, sum.Change)

	require.NoError(t, os.Remove(other))
	writePage(t, dir, "river.md", page+"\nNew line about floods.\n")
	sum, err = Run(ctx, db, []string{dir}, Options{})
	require.NoError(t, err)
	assert.Equal(t, vividly.CollectionChange{Updated: 1, Unchanged: 1, Removed: 1}, sum.Change)

	hits, err := db.SearchKnowledge(ctx, vividly.KnowledgeQuery{Text: "floods"})
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Equal(t, "Where the water goes", hits[0].Title)
}
