package ingest_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/eval"
	"github.com/vividly-edu/vividly/ingest"
	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// BenchmarkKnowledge ingests every book of ../shared/oer into a fresh
// database and then times retrieval with them loaded: understanding (the
// searches behind it) for every question of the evaluation set, and the
// retrieval of a lesson's passages. Baselines from the same run: reading the
// books without storing them, and the cheapest query PostgreSQL answers. It
// prints figures and never fails on speed.
func BenchmarkKnowledge(b *testing.B) {
	ctx := context.Background()
	oer := filepath.Join("..", "..", "shared", "oer")
	for i := 0; i < b.N; i++ {
		db, err := postgres.Open(ctx, pgtest.NewDatabase(b))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := ingest.ReadCNXMLAll(oer); err != nil {
			b.Fatal(err)
		}
		parse := time.Since(start)
		sum, err := ingest.Run(ctx, db, []string{oer}, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := offline.LoadLibrary(ctx, db, nil); err != nil {
			b.Fatal(err)
		}
		fmt.Printf("ingest benchmark: %d books, %d sections, %d words in %.1fs (target under 120 s); reading alone %.1fs, ingest/read %.2fx\n",
			len(sum.Books), sum.Sections, sum.Words, sum.Elapsed.Seconds(), parse.Seconds(), sum.Elapsed.Seconds()/parse.Seconds())

		sets, err := eval.Load()
		if err != nil {
			b.Fatal(err)
		}
		u, r := offline.NewUnderstander(db), offline.NewRetriever(db)
		var understand, retrieve, ping []time.Duration
		for _, q := range sets.Topics {
			t0 := time.Now()
			got, err := u.Understand(ctx, vividly.UnderstandInput{Question: q.Q, Grade: q.Grade, Interest: q.Interest})
			if err != nil {
				b.Fatal(err)
			}
			understand = append(understand, time.Since(t0))
			if got.TopicID != "" {
				t1 := time.Now()
				if _, err := r.Retrieve(ctx, got, q.Grade, 4); err != nil {
					b.Fatal(err)
				}
				retrieve = append(retrieve, time.Since(t1))
			}
			t2 := time.Now()
			if err := db.Ping(ctx); err != nil {
				b.Fatal(err)
			}
			ping = append(ping, time.Since(t2))
		}
		p := func(ds []time.Duration, q float64) float64 {
			s := slices.Clone(ds)
			slices.Sort(s)
			return float64(s[min(len(s)-1, int(q*float64(len(s))))].Microseconds()) / 1000
		}
		fmt.Printf("retrieval benchmark (%d questions, textbooks loaded): understand p50 %.1f ms p95 %.1f ms; retrieve passages p50 %.1f ms p95 %.1f ms (target p95 under 50 ms); database round trip p50 %.2f ms, understand/round trip %.0fx at p50\n",
			len(understand), p(understand, 0.5), p(understand, 0.95), p(retrieve, 0.5), p(retrieve, 0.95),
			p(ping, 0.5), p(understand, 0.5)/p(ping, 0.5))
		b.ReportMetric(sum.Elapsed.Seconds(), "ingest-s")
		b.ReportMetric(p(understand, 0.95), "understand-p95-ms")
		b.ReportMetric(p(retrieve, 0.95), "retrieve-p95-ms")
	}
}
