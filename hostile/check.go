package hostile

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	ghtml "github.com/yuin/goldmark/renderer/html"
)

// markdown renders CommonMark with GitHub's tables and strikethrough, and
// lets raw HTML through (as GitHub's own renderer and many others do), so
// a tag that survived the escaping shows up as a tag.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithRendererOptions(ghtml.WithUnsafe()),
)

// scriptElements are the elements a lesson script is made of: title,
// headings, paragraphs, the emphasised line under the title, lists of key
// points and credits, and the rule above the credits.
var scriptElements = map[string]bool{"h1": true, "h2": true, "p": true, "em": true, "ul": true, "li": true, "hr": true}

var tagRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--`)

// CheckMarkdown renders md and reports what a reader would see that is not
// text: any element a script does not make (a link, an image, a script,
// bold, code, a table, a heading the script did not write), any attribute,
// raw HTML comments, and invisible or control characters. It also returns
// the text a reader sees, entities decoded, for tests that check the words
// came through.
func CheckMarkdown(md string) (text string, problems []string) {
	var out bytes.Buffer
	if err := markdown.Convert([]byte(md), &out); err != nil {
		return "", []string{fmt.Sprintf("does not render: %v", err)}
	}
	rendered := out.String()
	for _, m := range tagRE.FindAllStringSubmatch(rendered, -1) {
		switch {
		case m[0] == "<!--":
			problems = append(problems, "raw HTML comment")
		case !scriptElements[strings.ToLower(m[2])]:
			problems = append(problems, fmt.Sprintf("live element %s", m[0]))
		case strings.TrimSpace(strings.TrimSuffix(m[3], "/")) != "":
			problems = append(problems, fmt.Sprintf("element with attributes %s", m[0]))
		}
	}
	problems = append(problems, invisible(md)...)
	text = html.UnescapeString(tagRE.ReplaceAllString(rendered, " "))
	return strings.Join(strings.Fields(text), " "), problems
}

// CheckWebVTT reads a WebVTT file as a player would and reports a cue whose
// text carries a tag, an entity WebVTT does not know, a cue timing or a
// blank line (which would end the cue and start a new block), a block that
// is not "id, timing, text", and invisible or control characters. It
// returns the text of every cue.
func CheckWebVTT(vtt string) (cues []string, problems []string) {
	blocks := strings.Split(strings.TrimRight(vtt, "\n"), "\n\n")
	if blocks[0] != "WEBVTT" {
		problems = append(problems, fmt.Sprintf("header %q, want WEBVTT alone", blocks[0]))
	}
	for _, b := range blocks[1:] {
		lines := strings.Split(b, "\n")
		if len(lines) != 3 || !strings.Contains(lines[1], "-->") || strings.Contains(lines[0], "-->") {
			problems = append(problems, fmt.Sprintf("block %q is not id, timing, text", b))
			continue
		}
		text := lines[2]
		switch {
		case strings.TrimSpace(text) == "":
			problems = append(problems, "empty cue text")
		case strings.Contains(text, "-->"):
			problems = append(problems, fmt.Sprintf("cue text %q holds the cue separator", text))
		case strings.ContainsAny(text, "<>"):
			problems = append(problems, fmt.Sprintf("cue text %q holds a tag or raw angle bracket", text))
		case strings.Contains(strings.NewReplacer("&amp;", "", "&lt;", "", "&gt;", "").Replace(text), "&"):
			problems = append(problems, fmt.Sprintf("cue text %q holds a raw ampersand", text))
		}
		cues = append(cues, html.UnescapeString(text))
	}
	return cues, append(problems, invisible(vtt)...)
}

// CheckDrawn reports characters in text drawn on a slide that a viewer
// would not see but that change what is shown: control and format
// characters (bidirectional overrides, zero-width spaces). Drawn text is
// pixels, so markup in it is only ever words.
func CheckDrawn(text string) []string {
	return invisible(text)
}

// invisible reports invalid UTF-8, control characters other than the line
// feed, and format characters other than the joiners, which
// vividly.Printable keeps.
func invisible(s string) []string {
	var out []string
	if !utf8.ValidString(s) {
		out = append(out, "invalid UTF-8")
	}
	for _, r := range s {
		if (unicode.IsControl(r) && r != '\n') || (unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d') {
			out = append(out, fmt.Sprintf("invisible character %U", r))
		}
	}
	return out
}
