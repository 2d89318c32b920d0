package ingest

import (
	"strings"
)

// speakMath turns a MathML element into words a narrator can say: "x squared
// plus 1", "a over b", "the square root of 2". Anything it does not know is
// read as its plain content.
func speakMath(n *node) string {
	return collapse(speak(n))
}

func speak(n *node) string {
	if n.name == "" {
		return n.text
	}
	kids := elements(n)
	switch n.name {
	case "mi", "mn", "mtext", "ms":
		return " " + textOf(n) + " "
	case "mo":
		return " " + speakOperator(strings.TrimSpace(textOf(n))) + " "
	case "mspace", "annotation", "annotation-xml":
		return " "
	case "msup":
		if len(kids) == 2 {
			return speak(kids[0]) + " " + speakPower(kids[1]) + " "
		}
	case "msub":
		if len(kids) == 2 {
			return speak(kids[0]) + " sub " + speak(kids[1]) + " "
		}
	case "msubsup":
		if len(kids) == 3 {
			return speak(kids[0]) + " sub " + speak(kids[1]) + " " + speakPower(kids[2]) + " "
		}
	case "mfrac":
		if len(kids) == 2 {
			return " " + speak(kids[0]) + " over " + speak(kids[1]) + " "
		}
	case "msqrt":
		return " the square root of " + speakAll(kids) + " "
	case "mroot":
		if len(kids) == 2 {
			return " the root " + speak(kids[1]) + " of " + speak(kids[0]) + " "
		}
	case "mtable":
		var rows []string
		for _, r := range kids {
			rows = append(rows, collapse(speak(r)))
		}
		return " " + strings.Join(rows, "; ") + " "
	case "mtd":
		return " " + speakAll(kids) + " "
	}
	return speakAll(n.children)
}

func speakAll(ns []*node) string {
	var b strings.Builder
	for _, c := range ns {
		b.WriteString(speak(c))
	}
	return b.String()
}

// speakPower says an exponent: squared, cubed, or "to the power of n".
func speakPower(n *node) string {
	switch e := collapse(speak(n)); e {
	case "2":
		return "squared"
	case "3":
		return "cubed"
	default:
		return "to the power of " + e
	}
}

// speakOperator names an operator symbol.
func speakOperator(op string) string {
	switch op {
	case "+":
		return "plus"
	case "-", "−", "–":
		return "minus"
	case "=":
		return "equals"
	case "×", "·", "⋅", "*":
		return "times"
	case "÷", "/":
		return "divided by"
	case "<":
		return "is less than"
	case ">":
		return "is greater than"
	case "≤":
		return "is less than or equal to"
	case "≥":
		return "is greater than or equal to"
	case "≠":
		return "is not equal to"
	case "≈":
		return "is about"
	case "±":
		return "plus or minus"
	case "%":
		return "percent"
	case "→":
		return "gives"
	case "⇌":
		return "is in equilibrium with"
	case "Δ":
		return "change in"
	case "(", ")", "[", "]", "{", "}", "|", ",", "":
		return " "
	}
	return op
}

// elements returns the element children, skipping text between them.
func elements(n *node) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name != "" {
			out = append(out, c)
		}
	}
	return out
}

// textOf is the concatenated text inside n.
func textOf(n *node) string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		if n.name == "" {
			b.WriteString(n.text)
			return
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}
