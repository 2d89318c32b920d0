package ingest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is an XML element with its children and the text between them, which
// is all CNXML needs: documents are small enough to hold whole.
type node struct {
	name     string // local name, e.g. "para", "math"
	space    string // namespace URL
	attrs    map[string]string
	children []*node
	text     string // for text nodes (name == "")
}

// maxDepth bounds nesting, so a hostile file cannot exhaust the stack.
const maxDepth = 200

// parseXML reads a whole document into a tree.
func parseXML(r io.Reader) (*node, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxDepth {
				return nil, fmt.Errorf("elements nested deeper than %d", maxDepth)
			}
			n := &node{name: t.Name.Local, space: t.Name.Space, attrs: map[string]string{}}
			for _, a := range t.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			top.children = append(top.children, &node{text: string(t)})
		}
	}
	return root, nil
}

// find returns the first element named name at any depth, depth-first.
func (n *node) find(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
		if f := c.find(name); f != nil {
			return f
		}
	}
	return nil
}

// all calls fn for every element named name at any depth; fn returning false
// stops descent into that element.
func (n *node) all(name string, fn func(*node)) {
	for _, c := range n.children {
		if c.name == name {
			fn(c)
			continue
		}
		c.all(name, fn)
	}
}

// plain is the element's text with white space collapsed, math spoken.
func (n *node) plain() string {
	var b strings.Builder
	n.writeText(&b)
	return collapse(b.String())
}

func (n *node) writeText(b *strings.Builder) {
	if n.name == "" {
		b.WriteString(n.text)
		return
	}
	switch n.name {
	case "math":
		b.WriteString(" " + speakMath(n) + " ")
		return
	case "newline", "space":
		b.WriteString(" ")
		return
	case "footnote", "media", "image", "exercise", "table":
		return
	}
	for _, c := range n.children {
		c.writeText(b)
	}
}

// collapse folds runs of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
