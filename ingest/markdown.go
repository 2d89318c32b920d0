package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vividly-edu/vividly"
)

// frontMatter is the head of a school's Markdown page, between "---" lines.
type frontMatter struct {
	Title   string   `yaml:"title"`
	Subject string   `yaml:"subject"`
	Grades  string   `yaml:"grades"` // "4-6", "K-2", "9"
	License string   `yaml:"license"`
	Licence string   `yaml:"licence"`
	URL     string   `yaml:"url"`
	Book    string   `yaml:"book"`
	Source  string   `yaml:"source"`
	Terms   []string `yaml:"terms"`
}

// maxMarkdownBytes bounds one page, so a stray large file cannot fill the store.
const maxMarkdownBytes = 1 << 20

var gradeRangeRE = regexp.MustCompile(`^\s*(k|\d{1,2})\s*(?:[-–to]+\s*(k|\d{1,2}))?\s*$`)

// parseGrades reads "4-6", "K-2", "K–12" or "9".
func parseGrades(s string) (int, int, error) {
	m := gradeRangeRE.FindStringSubmatch(strings.ToLower(s))
	if m == nil {
		return 0, 0, fmt.Errorf("grades %q: want a grade or a range such as 4-6 or K-2", s)
	}
	g := func(x string) int {
		if x == "k" {
			return 0
		}
		n, _ := strconv.Atoi(x)
		return n
	}
	lo, hi := g(m[1]), g(m[1])
	if m[2] != "" {
		hi = g(m[2])
	}
	if lo > hi || hi > 12 {
		return 0, 0, fmt.Errorf("grades %q: not a range within K–12", s)
	}
	return lo, hi, nil
}

// ReadMarkdown reads one page of a school's own material: front matter with
// title, subject, grades and licence (url, book, source and terms are
// optional), then Markdown text. Each "## " heading starts a section; text
// before the first heading is a section titled as the page.
func ReadMarkdown(path, collection string) ([]vividly.Section, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) > maxMarkdownBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, maxMarkdownBytes)
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return nil, fmt.Errorf("%s: no front matter (a page starts with a --- line, then title, subject, grades and licence)", path)
	}
	end := bytes.Index(b[4:], []byte("\n---"))
	if end < 0 {
		return nil, fmt.Errorf("%s: front matter is not closed with a --- line", path)
	}
	var fm frontMatter
	if err := yaml.Unmarshal(b[4:4+end], &fm); err != nil {
		return nil, fmt.Errorf("%s: front matter: %w", path, err)
	}
	rest := string(b[4+end+4:])
	if fm.License == "" {
		fm.License = fm.Licence
	}
	var errs []error
	if strings.TrimSpace(fm.Title) == "" {
		errs = append(errs, errors.New("title is required"))
	}
	if !vividly.IsSubject(fm.Subject) {
		errs = append(errs, fmt.Errorf("subject %q is not one of %s", fm.Subject, strings.Join(vividly.Subjects, ", ")))
	}
	lo, hi, gerr := parseGrades(fm.Grades)
	if gerr != nil {
		errs = append(errs, gerr)
	}
	if strings.TrimSpace(fm.License) == "" {
		errs = append(errs, errors.New("licence is required"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s: %w", path, errors.Join(errs...))
	}
	source := strings.TrimSpace(fm.Source)
	if source == "" {
		source = "school"
	}
	book := fm.Book
	if book == "" {
		book = fm.Title
	}
	page := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var out []vividly.Section
	add := func(title string, lines []string) {
		body := markdownBody(lines)
		if len(strings.Fields(body)) == 0 {
			return
		}
		out = append(out, vividly.Section{
			Source: source, Key: fmt.Sprintf("%s/%s/%d", collection, page, len(out)+1), Collection: collection,
			Book: book, Chapter: fm.Title, Title: title, Terms: fm.Terms, Body: body, Subject: fm.Subject,
			GradeMin: lo, GradeMax: hi, License: fm.License, URL: fm.URL,
		})
	}
	title := fm.Title
	var lines []string
	for _, l := range strings.Split(rest, "\n") {
		if h, ok := strings.CutPrefix(l, "## "); ok {
			add(title, lines)
			title, lines = strings.TrimSpace(strings.Trim(h, "#")), nil
			continue
		}
		lines = append(lines, l)
	}
	add(title, lines)
	return out, nil
}

var (
	mdLinkRE   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarkRE   = regexp.MustCompile("[*_`]+")
	mdHeadRE   = regexp.MustCompile(`^#+\s*`)
	mdBulletRE = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+`)
)

// markdownBody turns Markdown lines into plain paragraphs: links keep their
// text, images and emphasis marks go, list items become sentences.
func markdownBody(lines []string) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		l = mdLinkRE.ReplaceAllStringFunc(l, func(m string) string {
			if strings.HasPrefix(m, "!") {
				return ""
			}
			return mdLinkRE.FindStringSubmatch(m)[1]
		})
		l = mdMarkRE.ReplaceAllString(mdHeadRE.ReplaceAllString(l, ""), "")
		if mdBulletRE.MatchString(l) {
			l = finish(mdBulletRE.ReplaceAllString(l, ""))
		}
		if l = collapse(l); l != "" {
			cur = append(cur, l)
		}
	}
	flush()
	return strings.Join(paras, "\n\n")
}
