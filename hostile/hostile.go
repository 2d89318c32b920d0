// Package hostile is the text a student or a model may send that tries to
// become markup in a lesson's files, and the checks that it stayed text.
// The tests of every rendering edge (the Markdown script, the WebVTT
// captions, the slides) and of both script writers share it, so one list
// says what Vividly withstands.
package hostile

import "strings"

// Text is one hostile input, named for the test it runs in.
type Text struct {
	Name string
	Text string
}

// Texts are the hostile inputs: HTML and script, Markdown structure, WebVTT
// cue syntax, ffmpeg filter syntax, SQL, control and bidirectional
// characters, and a word too long for any line.
var Texts = []Text{
	{"script tag", "<script>alert(1)</script>"},
	{"img onerror", "<img src=x onerror=alert(1)>"},
	{"entities", "&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62; &amp;"},
	{"heading", "# Heading"},
	{"link", "[link](javascript:alert(1))"},
	{"image", "![x](http://evil)"},
	{"autolink", "<javascript:alert(1)> <http://evil>"},
	{"emphasis", "**bold** __under__ `code` ~~strike~~"},
	{"table", "| a | b |\n|---|---|\n| 1 | 2 |"},
	{"blocks", "- item\n1. first\n+ plus\n> quote\n---\n    code"},
	{"numbered", "1. first\n2) second"},
	{"cue timing", "00:00.000 --> 00:05.000"},
	{"cue injection", "basketball\n\n2\n00:00:01.000 --> 00:00:09.000\n<c.red>red</c>\n\nNOTE hidden"},
	{"cue tags", "<c.red>red</c> <v Teacher>voice</v> <00:00:01.000> <b>bold</b>"},
	{"drawtext", `%{pts} %{localtime} text='x':fontfile=/etc/passwd\:a \\ :`},
	{"sql", "'; DROP TABLE requests;--"},
	{"sql words", "DELETE FROM requests"},
	{"bidi", "skate\u202eboarding\u202c \u2066isolated\u2069 \u200fmarked\u200e \u061c"},
	{"control", "ball\x00\x07\x1b[31mred\x1b[0m\r\ngame\u0085next\u2028line\xff"},
	{"zero width", "zero\u200bwidth\ufeff soft\u00adhyphen"},
	{"template", "{{.Secret}} ${HOME} {% raw %}"},
	{"long word", strings.Repeat("supercalifragilistic", 15)},
}
