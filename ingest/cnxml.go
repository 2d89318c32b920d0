package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/vividly-edu/vividly"
)

// Book is one book read from an OpenStax CNXML export.
type Book struct {
	Slug     string
	Title    string
	Sections []vividly.Section
}

// bookProfile is what a book's files do not say: who it is for.
type bookProfile struct {
	subject            string
	gradeMin, gradeMax int
}

// profiles places the OpenStax books by subject and the grades that read them;
// a book not listed here is placed by words in its title.
var profiles = map[string]bookProfile{
	"physics":                  {"science", 9, 12},
	"biology-2e":               {"science", 10, 12},
	"chemistry-2e":             {"science", 10, 12},
	"chemistry-atoms-first-2e": {"science", 10, 12},
	"astronomy-2e":             {"science", 9, 12},
	"prealgebra-2e":            {"maths", 6, 9},
	"elementary-algebra-2e":    {"maths", 8, 10},
	"intermediate-algebra-2e":  {"maths", 9, 12},
	"statistics":               {"maths", 10, 12},
	"us-history":               {"history", 8, 12},
	"american-government-4e":   {"civics", 9, 12},
	"writing-guide":            {"language arts", 9, 12},
}

func profileFor(slug, title string) bookProfile {
	if p, ok := profiles[slug]; ok {
		return p
	}
	t := strings.ToLower(title)
	for _, g := range []struct{ word, subject string }{
		{"math", "maths"}, {"algebra", "maths"}, {"calculus", "maths"}, {"statistic", "maths"},
		{"history", "history"}, {"government", "civics"}, {"writing", "language arts"}, {"literature", "language arts"},
		{"psychology", "health"}, {"health", "health"}, {"nutrition", "health"}, {"computer", "computer science"},
		{"geograph", "geography"},
	} {
		if strings.Contains(t, g.word) {
			return bookProfile{g.subject, 9, 12}
		}
	}
	return bookProfile{"science", 9, 12}
}

// IsCNXMLBook reports whether dir holds an OpenStax book export.
func IsCNXMLBook(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "META-INF", "books.xml"))
	return err == nil
}

// ReadCNXML reads every book of the export in dir: META-INF/books.xml names
// the books, each book's collection file its chapters and modules, and each
// module (modules/<id>/index.cnxml) becomes a section. onModule is called
// after each module, for progress.
func ReadCNXML(dir string, onModule func()) ([]Book, error) {
	meta, err := readXMLFile(filepath.Join(dir, "META-INF", "books.xml"))
	if err != nil {
		return nil, err
	}
	var books []Book
	var errs []error
	meta.all("book", func(b *node) {
		href := b.attrs["href"]
		if href == "" {
			errs = append(errs, fmt.Errorf("%s: a book without href", dir))
			return
		}
		book, err := readCollection(dir, filepath.Join(dir, "META-INF", filepath.FromSlash(href)), b.attrs["slug"], onModule)
		if err != nil {
			errs = append(errs, err)
			return
		}
		books = append(books, book)
	})
	if len(errs) > 0 {
		return books, errs[0]
	}
	return books, nil
}

// chapterModule is a module and the chapter it sits in.
type chapterModule struct{ chapter, id string }

func readCollection(dir, path, slug string, onModule func()) (Book, error) {
	col, err := readXMLFile(path)
	if err != nil {
		return Book{}, err
	}
	title := ""
	if md := col.find("metadata"); md != nil {
		if t := md.find("title"); t != nil {
			title = t.plain()
		}
		if s := md.find("slug"); s != nil && slug == "" {
			slug = s.plain()
		}
	}
	license := "CC BY 4.0"
	if l := col.find("license"); l != nil {
		license = licenseName(l.attrs["url"])
	}
	var mods []chapterModule
	var walk func(n *node, chapter string)
	walk = func(n *node, chapter string) {
		for _, c := range n.children {
			switch c.name {
			case "module":
				mods = append(mods, chapterModule{chapter, c.attrs["document"]})
			case "subcollection":
				ch := chapter
				if t := c.find("title"); t != nil && chapter == "" {
					ch = t.plain()
				}
				walk(c, ch)
			default:
				walk(c, chapter)
			}
		}
	}
	if content := col.find("content"); content != nil {
		walk(content, "")
	}
	prof := profileFor(slug, title)
	sections := make([]*vividly.Section, len(mods))
	var g errgroup.Group
	g.SetLimit(runtime.NumCPU())
	for i, m := range mods {
		g.Go(func() error {
			defer func() {
				if onModule != nil {
					onModule()
				}
			}()
			s, err := readModule(filepath.Join(dir, "modules", m.id, "index.cnxml"))
			if err != nil {
				return fmt.Errorf("book %s: %w", slug, err)
			}
			if s == nil {
				return nil
			}
			s.Source, s.Key, s.Collection = "openstax", slug+"/"+m.id, slug
			s.Book, s.Chapter, s.License = title, m.chapter, license
			s.Subject, s.GradeMin, s.GradeMax = prof.subject, prof.gradeMin, prof.gradeMax
			s.URL = "https://openstax.org/details/books/" + slug
			sections[i] = s
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return Book{}, err
	}
	b := Book{Slug: slug, Title: title}
	seen := map[string]bool{}
	for _, s := range sections {
		if s != nil && !seen[s.Key] { // a module listed twice is one section
			seen[s.Key] = true
			b.Sections = append(b.Sections, *s)
		}
	}
	return b, nil
}

// licenseName turns a Creative Commons URL into its short name.
func licenseName(url string) string {
	u := strings.ToLower(url)
	for _, l := range []string{"by-nc-sa", "by-nc-nd", "by-nc", "by-sa", "by-nd", "by"} {
		if strings.Contains(u, "/licenses/"+l+"/") {
			version := ""
			if i := strings.Index(u, "/licenses/"+l+"/"); i >= 0 {
				version = strings.Trim(u[i+len("/licenses/"+l+"/"):], "/")
			}
			return strings.TrimSpace("CC " + strings.ToUpper(l) + " " + version)
		}
	}
	if url == "" {
		return "CC BY 4.0"
	}
	return url
}

func readXMLFile(path string) (*node, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n, err := parseXML(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}

// minSectionWords is the least body a module needs to be worth a section:
// shorter ones are title pages and lists of links.
const minSectionWords = 40

// maxTerms bounds the key terms kept per section.
const maxTerms = 25

// readModule reads one module into a section without its book fields, or nil
// when it has too little teaching text.
func readModule(path string) (*vividly.Section, error) {
	doc, err := readXMLFile(path)
	if err != nil {
		return nil, err
	}
	s := &vividly.Section{}
	if md := doc.find("metadata"); md != nil {
		if t := md.find("title"); t != nil {
			s.Title = t.plain()
		}
		if a := md.find("abstract"); a != nil {
			a.all("item", func(it *node) { s.Objectives = append(s.Objectives, it.plain()) })
			if len(s.Objectives) == 0 && a.plain() != "" {
				s.Objectives = []string{a.plain()}
			}
		}
	}
	if s.Title == "" {
		if t := doc.find("title"); t != nil {
			s.Title = t.plain()
		}
	}
	content := doc.find("content")
	if content == nil {
		return nil, nil
	}
	var paras []string
	terms := map[string]bool{}
	addTerm := func(t string) {
		t = strings.TrimSpace(strings.ToLower(t))
		if t != "" && len(t) <= 60 && !terms[t] && len(terms) < maxTerms {
			terms[t] = true
			s.Terms = append(s.Terms, t)
		}
	}
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.children {
			class := c.attrs["class"]
			switch c.name {
			case "":
			case "note":
				if strings.Contains(class, "learning-objectives") {
					if len(s.Objectives) == 0 {
						c.all("item", func(it *node) { s.Objectives = append(s.Objectives, it.plain()) })
					}
					continue
				}
				if skippedNote(class) {
					continue
				}
				walk(c)
			case "section":
				if c.attrs["id"] == "keyterms" || strings.Contains(class, "key-terms") {
					c.all("entry", func(e *node) { addTerm(e.plain()) })
					continue
				}
				if skippedSection(class) {
					continue
				}
				walk(c)
			case "para":
				c.all("term", func(t *node) {
					if t.attrs["class"] != "no-emphasis" {
						addTerm(t.plain())
					}
				})
				if p := tidy(c.plain()); p != "" {
					paras = append(paras, p)
				}
			case "list":
				var items []string
				for _, it := range elements(c) {
					if it.name == "item" {
						if t := it.plain(); t != "" {
							items = append(items, finish(t))
						}
					}
				}
				if len(items) > 0 {
					paras = append(paras, strings.Join(items, " "))
				}
			case "figure":
				if cap := c.find("caption"); cap != nil {
					if t := cap.plain(); t != "" {
						paras = append(paras, finish(t))
					}
				}
			case "equation":
				if t := c.plain(); t != "" && len(strings.Fields(t)) <= 40 {
					paras = append(paras, finish(t))
				}
			case "exercise", "media", "table", "glossary", "footnote", "title", "label", "problem", "solution":
			default:
				walk(c)
			}
		}
	}
	walk(content)
	for i, p := range paras {
		paras[i] = tidy(p)
	}
	s.Body = strings.Join(slices.DeleteFunc(paras, func(p string) bool { return p == "" }), "\n\n")
	if s.Words() < minSectionWords || s.Title == "" {
		return nil, nil
	}
	s.Objectives = slices.DeleteFunc(s.Objectives, func(o string) bool { return o == "" })
	return s, nil
}

// skippedNote reports note classes that hold no teaching text for students:
// teacher notes, exercises, links and media.
func skippedNote(class string) bool {
	for _, c := range []string{"teacher", "try", "be-prepared", "link-to-learning", "interactive", "media",
		"click-and-explore", "exercise", "review", "multiple-choice", "critical-thinking", "practice",
		"visual-exercise", "manipulative", "media-2", "lab", "watch-physics", "virtual-physics", "fun-in-physics"} {
		if strings.Contains(class, c) {
			return true
		}
	}
	return false
}

// skippedSection reports section classes that repeat or test the text.
func skippedSection(class string) bool {
	for _, c := range []string{"summary", "key-concepts", "key-equations", "exercises", "review-questions",
		"references", "glossary", "problems", "critical-thinking", "performance-task", "test-prep", "multiple-choice"} {
		if strings.Contains(class, c) {
			return true
		}
	}
	return false
}

// finish ends a caption or list item as a sentence.
func finish(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?:") {
		return s
	}
	return s + "."
}

// emptyRefs are what is left of a figure or table reference whose link had no
// text of its own: "(" and ")" around nothing.
var emptyRefs = strings.NewReplacer(" ( )", "", " ()", "", "( )", "", "()", "", " ( ).", ".", " ,", ",", " .", ".")

// tidy removes the traces of dropped links and media from a paragraph.
func tidy(p string) string { return strings.TrimSpace(emptyRefs.Replace(p)) }
