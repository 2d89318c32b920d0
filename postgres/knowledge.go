package postgres

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vividly-edu/vividly"
)

var _ vividly.Knowledge = (*DB)(nil)

// ReplaceCollection makes the stored sections of one collection (a book, a
// folder of a school's pages, the embedded library) exactly sections: new ones
// are added, changed ones (by content hash) updated, unchanged ones left
// alone and vanished ones removed, all in one transaction, so a search never
// sees half a book. Keys must be unique within sections.
func (db *DB) ReplaceCollection(ctx context.Context, source, collection string, sections []vividly.Section) (vividly.CollectionChange, error) {
	var ch vividly.CollectionChange
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		ch = vividly.CollectionChange{}
		have := map[string]string{}
		embedded := map[string]bool{}
		rows, err := tx.Query(ctx, `SELECT key, content_hash, embedding IS NOT NULL FROM knowledge_sections
			WHERE source = $1 AND collection = $2 FOR UPDATE`, source, collection)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k, h string
			var e bool
			if err := rows.Scan(&k, &h, &e); err != nil {
				return err
			}
			have[k], embedded[k] = h, e
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var b pgx.Batch
		seen := make(map[string]bool, len(sections))
		for _, s := range sections {
			if s.Source != source || s.Collection != collection {
				return fmt.Errorf("section %q belongs to %s/%s, not %s/%s", s.Key, s.Source, s.Collection, source, collection)
			}
			if seen[s.Key] {
				return fmt.Errorf("section key %q appears twice", s.Key)
			}
			seen[s.Key] = true
			hash := s.Hash()
			old, exists := have[s.Key]
			switch {
			case exists && old == hash && (len(s.Embedding) == 0 || embedded[s.Key]):
				ch.Unchanged++
				continue
			case exists:
				ch.Updated++
			default:
				ch.Added++
			}
			var emb []float32
			if len(s.Embedding) > 0 {
				emb = s.Embedding
			}
			b.Queue(`
				INSERT INTO knowledge_sections (source, key, collection, book, chapter, title, objectives,
					terms, body, subject, grade_min, grade_max, license, url, topic_id, words, content_hash, embedding)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
				ON CONFLICT (source, key) DO UPDATE SET collection = EXCLUDED.collection, book = EXCLUDED.book,
					chapter = EXCLUDED.chapter, title = EXCLUDED.title, objectives = EXCLUDED.objectives,
					terms = EXCLUDED.terms, body = EXCLUDED.body, subject = EXCLUDED.subject,
					grade_min = EXCLUDED.grade_min, grade_max = EXCLUDED.grade_max, license = EXCLUDED.license,
					url = EXCLUDED.url, topic_id = EXCLUDED.topic_id, words = EXCLUDED.words,
					content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding, ingested_at = now()`,
				s.Source, s.Key, s.Collection, s.Book, s.Chapter, s.Title, strings.Join(s.Objectives, "\n"),
				strings.Join(s.Terms, "\n"), s.Body, s.Subject, s.GradeMin, s.GradeMax, s.License, s.URL,
				nullIfEmpty(s.TopicID), s.Words(), hash, emb)
		}
		var gone []string
		for k := range have {
			if !seen[k] {
				gone = append(gone, k)
			}
		}
		if len(gone) > 0 {
			b.Queue(`DELETE FROM knowledge_sections WHERE source = $1 AND collection = $2 AND key = ANY($3)`,
				source, collection, gone)
			ch.Removed = len(gone)
		}
		if b.Len() == 0 {
			return nil
		}
		return tx.SendBatch(ctx, &b).Close()
	})
	if err != nil {
		return vividly.CollectionChange{}, fmt.Errorf("postgres: replace collection %s/%s: %w", source, collection, err)
	}
	return ch, nil
}

// sectionColumns are the columns scanSection reads, in order.
const sectionColumns = `id, source, key, collection, book, chapter, title, objectives, terms, body,
	subject, grade_min, grade_max, license, url, coalesce(topic_id, '')`

func scanSection(row pgx.Row, h *vividly.SectionHit, extra ...any) error {
	var objectives, terms string
	var gmin, gmax int16
	dest := append([]any{&h.ID, &h.Source, &h.Key, &h.Collection, &h.Book, &h.Chapter, &h.Title,
		&objectives, &terms, &h.Body, &h.Subject, &gmin, &gmax, &h.License, &h.URL, &h.TopicID}, extra...)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	h.GradeMin, h.GradeMax = int(gmin), int(gmax)
	h.Objectives, h.Terms = splitLines(objectives), splitLines(terms)
	return nil
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// fuzzyThreshold is the least word similarity a misspelling needs to its
// intended title or term word: below pg_trgm's default of 0.6, since a short
// word with one wrong letter ("shakespere") scores about 0.5.
const fuzzyThreshold = 0.5

// fuzzyWeight scales a trigram similarity (0..1) against full-text ranks,
// which for a good match of a title word are around 0.1–0.5.
const fuzzyWeight = 0.3

// SearchKnowledge finds the sections that match any word of q.Text, ranked by
// ts_rank_cd over the weighted document (title, then objectives and terms,
// then body), plus those whose title or terms are spelt like one of q.Fuzzy.
// A section found both ways adds the two scores.
func (db *DB) SearchKnowledge(ctx context.Context, q vividly.KnowledgeQuery) ([]vividly.SectionHit, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	var filters []string
	args := []any{}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if q.Subject != "" {
		filters = append(filters, "subject = "+arg(q.Subject))
	}
	if q.HasGrade {
		g := arg(q.Grade)
		filters = append(filters, fmt.Sprintf("grade_min <= %s::int + 2 AND grade_max >= %s::int - 2", g, g))
	}
	if len(q.Sources) > 0 {
		filters = append(filters, "source = ANY("+arg(q.Sources)+")")
	}
	if len(q.Exclude) > 0 {
		filters = append(filters, "NOT (source = ANY("+arg(q.Exclude)+"))")
	}
	where := ""
	if len(filters) > 0 {
		where = " AND " + strings.Join(filters, " AND ")
	}
	lim := arg(limit)
	scores := map[int64]float64{}
	var order []int64
	hits := map[int64]vividly.SectionHit{}
	collect := func(fuzzy bool, sql string, extra ...any) error {
		var q interface {
			Query(context.Context, string, ...any) (pgx.Rows, error)
		} = db.pool
		if fuzzy {
			// A transaction of its own, so the lower similarity threshold
			// applies to this query alone.
			tx, err := db.pool.Begin(ctx)
			if err != nil {
				return err
			}
			defer tx.Rollback(ctx) //nolint:errcheck // read-only
			if _, err := tx.Exec(ctx, "SET LOCAL pg_trgm.word_similarity_threshold = "+fmt.Sprint(fuzzyThreshold)); err != nil {
				return err
			}
			q = tx
		}
		rows, err := q.Query(ctx, sql, append(slices.Clone(args), extra...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h vividly.SectionHit
			var score float64
			if err := scanSection(rows, &h, &score); err != nil {
				return err
			}
			if _, ok := hits[h.ID]; !ok {
				hits[h.ID] = h
				order = append(order, h.ID)
			}
			scores[h.ID] += score
		}
		return rows.Err()
	}
	if strings.TrimSpace(q.Text) != "" {
		// plainto_tsquery ANDs the words; a student's question should match
		// sections that have any of them, ranked by how many and where.
		text := fmt.Sprintf("$%d", len(args)+1)
		sql := `WITH q AS (SELECT replace(plainto_tsquery('vividly_english', ` + text + `)::text, ' & ', ' | ') AS t)
			SELECT ` + sectionColumns + `, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search, q.t::tsquery, 1) AS score
			FROM knowledge_sections, q
			WHERE q.t <> '' AND search @@ q.t::tsquery` + where + `
			ORDER BY score DESC, id LIMIT ` + lim
		if err := collect(false, sql, q.Text); err != nil {
			return nil, fmt.Errorf("postgres: search knowledge: %w", err)
		}
	}
	if len(q.Fuzzy) > 0 {
		ws := make([]string, 0, len(q.Fuzzy))
		for _, w := range q.Fuzzy {
			if w = strings.ToLower(strings.TrimSpace(w)); len(w) >= 4 {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			words := fmt.Sprintf("$%d", len(args)+1)
			sql := `SELECT ` + sectionColumns + `, ` + fmt.Sprint(fuzzyWeight) + ` * max(word_similarity(w, lower(title || ' ' || terms))) AS score
				FROM knowledge_sections, unnest(` + words + `::text[]) AS w
				WHERE w <% lower(title || ' ' || terms)` + where + `
				GROUP BY id ORDER BY score DESC, id LIMIT ` + lim
			if err := collect(true, sql, ws); err != nil {
				return nil, fmt.Errorf("postgres: fuzzy search knowledge: %w", err)
			}
		}
	}
	out := make([]vividly.SectionHit, 0, len(order))
	for _, id := range order {
		h := hits[id]
		h.Score = scores[id]
		out = append(out, h)
	}
	sortHits(out)
	if len(q.Vector) > 0 {
		// The semantic ranking is fused with the lexical one by rank.
		var similar []vividly.SectionHit
		hits, order, scores = map[int64]vividly.SectionHit{}, nil, map[int64]float64{}
		vec := fmt.Sprintf("$%d", len(args)+1)
		sql := `SELECT ` + sectionColumns + `, (SELECT sum(a * b) FROM unnest(embedding, ` + vec + `::real[]) AS t(a, b)) AS score
			FROM knowledge_sections WHERE embedding IS NOT NULL AND cardinality(embedding) = cardinality(` + vec + `::real[])` + where + `
			ORDER BY score DESC, id LIMIT ` + lim
		if err := collect(false, sql, q.Vector); err != nil {
			return nil, fmt.Errorf("postgres: similarity search knowledge: %w", err)
		}
		for _, id := range order {
			h := hits[id]
			h.Score = scores[id]
			similar = append(similar, h)
		}
		out = vividly.FuseRanks(out, similar)
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// SectionsToEmbed returns the keys of a collection's stored sections that
// have a vector and the content hash it was made from, so an ingest embeds
// only what is new or changed.
func (db *DB) SectionsToEmbed(ctx context.Context, source, collection string) (map[string]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT key, content_hash FROM knowledge_sections
		WHERE source = $1 AND collection = $2 AND embedding IS NOT NULL`, source, collection)
	if err != nil {
		return nil, fmt.Errorf("postgres: embedded sections of %s/%s: %w", source, collection, err)
	}
	out := map[string]string{}
	for rows.Next() {
		var k, h string
		if err := rows.Scan(&k, &h); err != nil {
			return nil, fmt.Errorf("postgres: embedded sections of %s/%s: %w", source, collection, err)
		}
		out[k] = h
	}
	return out, rows.Err()
}

// KnowledgeCounts returns how many sections each source holds.
func (db *DB) KnowledgeCounts(ctx context.Context) (map[string]int, error) {
	rows, err := db.pool.Query(ctx, `SELECT source, count(*) FROM knowledge_sections GROUP BY source`)
	if err != nil {
		return nil, fmt.Errorf("postgres: count knowledge: %w", err)
	}
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, fmt.Errorf("postgres: count knowledge: %w", err)
		}
		out[s] = n
	}
	return out, rows.Err()
}

// sortHits orders hits by score, best first, ties by id so results repeat.
func sortHits(hs []vividly.SectionHit) {
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].Score != hs[j].Score {
			return hs[i].Score > hs[j].Score
		}
		return hs[i].ID < hs[j].ID
	})
}
