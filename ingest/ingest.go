// Package ingest reads open educational material into Vividly's knowledge
// library: OpenStax books as CNXML and a school's own pages as Markdown.
// Ingesting is idempotent: each book or folder is one collection, replaced as
// a whole, so unchanged sections stay, changed ones are updated and vanished
// ones removed.
package ingest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vividly-edu/vividly"
)

// Store is where sections go.
type Store interface {
	ReplaceCollection(ctx context.Context, source, collection string, sections []vividly.Section) (vividly.CollectionChange, error)
	// SectionsToEmbed maps the keys of sections stored with a vector to the
	// content hash the vector was made from.
	SectionsToEmbed(ctx context.Context, source, collection string) (map[string]string, error)
}

// Options tune an ingest.
type Options struct {
	// Progress, when set, is told how many modules and pages are done.
	Progress Progress
	// Embedder, when set, gives every new or changed section a vector for
	// semantic search.
	Embedder vividly.Embedder
}

// Summary is what an ingest did.
type Summary struct {
	Books    []string // titles of the books and folders ingested
	Sections int
	Words    int
	Change   vividly.CollectionChange
	Elapsed  time.Duration
}

// Progress is told how many modules and pages are done out of how many.
type Progress func(done, total int)

// job is one collection to ingest.
type job struct {
	cnxml string // a CNXML export folder, or
	pages []string
	coll  string // the Markdown collection
	units int    // modules or pages, for progress
}

// Run ingests every path: a CNXML export (a folder with META-INF/books.xml),
// a folder holding such exports and Markdown pages, or one Markdown page.
func Run(ctx context.Context, store Store, paths []string, opts Options) (Summary, error) {
	progress := opts.Progress
	start := time.Now()
	var jobs []job
	for _, p := range paths {
		js, err := plan(p)
		if err != nil {
			return Summary{}, err
		}
		jobs = append(jobs, js...)
	}
	if len(jobs) == 0 {
		return Summary{}, fmt.Errorf("nothing to ingest in %s: want OpenStax CNXML exports (META-INF/books.xml) or Markdown pages (.md)", strings.Join(paths, ", "))
	}
	total := 0
	for _, j := range jobs {
		total += j.units
	}
	var mu sync.Mutex
	done := 0
	tick := func() {
		mu.Lock()
		done++
		if progress != nil {
			progress(done, total)
		}
		mu.Unlock()
	}
	var sum Summary
	record := func(title string, sections []vividly.Section, ch vividly.CollectionChange) {
		sum.Books = append(sum.Books, title)
		sum.Sections += len(sections)
		for _, s := range sections {
			sum.Words += s.Words()
		}
		sum.Change.Added += ch.Added
		sum.Change.Updated += ch.Updated
		sum.Change.Unchanged += ch.Unchanged
		sum.Change.Removed += ch.Removed
	}
	for _, j := range jobs {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if j.cnxml != "" {
			books, err := ReadCNXML(j.cnxml, tick)
			if err != nil {
				return sum, err
			}
			for _, b := range books {
				if err := Embed(ctx, store, opts.Embedder, "openstax", b.Slug, b.Sections); err != nil {
					return sum, err
				}
				ch, err := store.ReplaceCollection(ctx, "openstax", b.Slug, b.Sections)
				if err != nil {
					return sum, err
				}
				record(b.Title, b.Sections, ch)
			}
			continue
		}
		var sections []vividly.Section
		source := ""
		for _, p := range j.pages {
			ss, err := ReadMarkdown(p, j.coll)
			if err != nil {
				return sum, err
			}
			for _, s := range ss {
				if source == "" {
					source = s.Source
				}
				if s.Source != source {
					return sum, fmt.Errorf("%s: source %q differs from %q of the other pages in %s", p, s.Source, source, j.coll)
				}
			}
			sections = append(sections, ss...)
			tick()
		}
		if source == "" {
			continue
		}
		if err := Embed(ctx, store, opts.Embedder, source, j.coll, sections); err != nil {
			return sum, err
		}
		ch, err := store.ReplaceCollection(ctx, source, j.coll, sections)
		if err != nil {
			return sum, err
		}
		record(j.coll, sections, ch)
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// plan finds the collections under path.
func plan(path string) ([]job, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		if !strings.EqualFold(filepath.Ext(path), ".md") {
			return nil, fmt.Errorf("%s: not a Markdown page (.md) or a folder", path)
		}
		return []job{{pages: []string{path}, coll: collectionName(filepath.Dir(path)), units: 1}}, nil
	}
	if IsCNXMLBook(path) {
		return []job{{cnxml: path, units: countModules(path)}}, nil
	}
	var jobs []job
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var pages []string
	for _, e := range entries {
		full := filepath.Join(path, e.Name())
		if e.IsDir() {
			sub, err := plan(full)
			if err != nil {
				return nil, err
			}
			jobs = append(jobs, sub...)
			continue
		}
		if strings.EqualFold(filepath.Ext(e.Name()), ".md") && !strings.EqualFold(e.Name(), "README.md") {
			pages = append(pages, full)
		}
	}
	if len(pages) > 0 {
		slices.Sort(pages)
		jobs = append(jobs, job{pages: pages, coll: collectionName(path), units: len(pages)})
	}
	return jobs, nil
}

// collectionName names a folder of pages by its absolute path's last two
// elements, stable across ingests from different working directories.
func collectionName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	parent := filepath.Base(filepath.Dir(abs))
	return parent + "/" + filepath.Base(abs)
}

// moduleRE finds a module in a collection file, however the tag is spaced.
var moduleRE = regexp.MustCompile(`<(?:[A-Za-z]+:)?module\s`)

// countModules counts the modules a CNXML export's collections list (a
// module two books share is read twice), for progress.
func countModules(dir string) int {
	n := 0
	_ = fs.WalkDir(os.DirFS(filepath.Join(dir, "collections")), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".collection.xml") {
			if b, err := os.ReadFile(filepath.Join(dir, "collections", p)); err == nil {
				n += len(moduleRE.FindAll(b, -1))
			}
		}
		return nil
	})
	return n
}

// embedWords bounds the body text embedded per section: the opening of a
// section says what it is about, and the model reads only so much.
const embedWords = 300

// embedBatch is how many sections are embedded per call to the embedder.
const embedBatch = 64

// Embed gives the sections that are new, changed or still without a vector
// their embedding (in place); the others keep the stored one. A nil embedder
// does nothing.
func Embed(ctx context.Context, store Store, e vividly.Embedder, source, collection string, sections []vividly.Section) error {
	if e == nil {
		return nil
	}
	have, err := store.SectionsToEmbed(ctx, source, collection)
	if err != nil {
		return err
	}
	var todo []int
	for i, s := range sections {
		if h, ok := have[s.Key]; !ok || h != s.Hash() {
			todo = append(todo, i)
		}
	}
	for start := 0; start < len(todo); start += embedBatch {
		batch := todo[start:min(start+embedBatch, len(todo))]
		texts := make([]string, len(batch))
		for j, i := range batch {
			texts[j] = EmbeddingText(sections[i])
		}
		vs, err := e.Embed(ctx, texts, vividly.EmbedDocument)
		if err != nil {
			return fmt.Errorf("embed %s/%s: %w", source, collection, err)
		}
		for j, i := range batch {
			sections[i].Embedding = vs[j]
		}
	}
	return nil
}

// EmbeddingText is what is embedded of a section: its title, objectives,
// terms and the opening of its body.
func EmbeddingText(s vividly.Section) string {
	body := strings.Fields(s.Body)
	return s.Title + "\n" + strings.Join(s.Objectives, "; ") + "\n" + strings.Join(s.Terms, ", ") + "\n" +
		strings.Join(body[:min(len(body), embedWords)], " ")
}

// ReadCNXMLAll reads every CNXML export under dir without storing anything,
// for benchmarks and checks.
func ReadCNXMLAll(dir string) ([]Book, error) {
	jobs, err := plan(dir)
	if err != nil {
		return nil, err
	}
	var books []Book
	for _, j := range jobs {
		if j.cnxml == "" {
			continue
		}
		bs, err := ReadCNXML(j.cnxml, nil)
		if err != nil {
			return books, err
		}
		books = append(books, bs...)
	}
	return books, nil
}
