package screen

import (
	"fmt"
	"strings"
)

// vocab holds every stem some rule mentions. Cleaning uses it to choose
// between readings of a stretched or disguised word ("killl" → "kill").
var vocab = map[string]bool{}

// compounds holds multi-word terms (stems joined by "_"), and compoundFirst
// the longest compound starting with each stem, so joining is a map lookup.
var (
	compounds     = map[string]bool{} // value: the compound protects a harmless reading
	compoundFirst = map[string]int{}
)

// term turns a rule word or phrase into the token the text will contain:
// one stem, or for a phrase the stems joined by "_", registered as a compound.
func term(s string) string { return register(s, false) }

// harmless registers phrases that contain a screened word but mean something
// harmless ("water gun", "carbon dating", "sexual reproduction"). They are
// joined in every reading of the text, so the screened word is never seen.
func harmless(items ...string) bool {
	for _, it := range items {
		register(it, true)
	}
	return true
}

// register records a rule word or phrase and returns its token.
func register(s string, benign bool) string {
	var stems []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' }) {
		ws := words(strings.ToLower(f))
		if len(ws) != 1 {
			// "whats" or "gonna" in a rule would become a hidden phrase;
			// rules must spell such words out.
			panic(fmt.Sprintf("screen: rule word %q expands to %q; write it out", f, ws))
		}
		st := stem(ws[0])
		vocab[st] = true
		stems = append(stems, st)
	}
	if len(stems) == 0 {
		panic(fmt.Sprintf("screen: empty rule term %q", s))
	}
	key := strings.Join(stems, "_")
	if len(stems) > 1 {
		compounds[key] = compounds[key] || benign
		compoundFirst[stems[0]] = max(compoundFirst[stems[0]], len(stems))
	}
	vocab[key] = true
	return key
}

// set is a group of interchangeable words (weapons, people, time words).
type set struct {
	words  map[string]bool
	prefix []string // entries written "suicid~" match any word starting so
}

// newSet builds a set from words and phrases. Phrases become compounds.
func newSet(items ...string) *set {
	s := &set{words: map[string]bool{}}
	for _, it := range items {
		if p, ok := strings.CutSuffix(it, "~"); ok {
			s.prefix = append(s.prefix, p)
			vocab[p] = true
			continue
		}
		s.words[term(it)] = true
	}
	return s
}

// union combines sets.
func union(sets ...*set) *set {
	s := &set{words: map[string]bool{}}
	for _, x := range sets {
		for w := range x.words {
			s.words[w] = true
		}
		s.prefix = append(s.prefix, x.prefix...)
	}
	return s
}

// minus is s without the given words.
func minus(s *set, items ...string) *set {
	out := &set{words: map[string]bool{}, prefix: s.prefix}
	for w := range s.words {
		out.words[w] = true
	}
	for _, it := range items {
		delete(out.words, term(it))
	}
	return out
}

// has reports whether a stem belongs to the set.
func (s *set) has(w string) bool {
	if w == sep || w == "" {
		return false
	}
	if s.words[w] {
		return true
	}
	for _, p := range s.prefix {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// elem is one step of a pattern: a choice of words, a set, or a gap.
type elem struct {
	alts []string
	ins  []*set
	gap  int  // a gap matches 0..gap tokens
	opt  bool // the step may be skipped
	who  bool // also accepts a person: a name or a possessive ("Maya", "jake's")
	end  bool // matches, without consuming, the end of a sentence
}

// pattern is a compiled phrase rule. Written forms:
//
//	word        the word (any inflection: "hurt" matches "hurting")
//	a/b/c       any of the words
//	@name       any word of the named set (alternatives may mix: @a/@b/word)
//	pre~        any word starting with pre
//	*  **       up to 3 or 6 other words, within one sentence
//	x?          x is optional
//	@who        a person: a word of @people, a capitalised name or a
//	            possessive ("ignore Emma", "post about jake's …")
//	$           the end of the sentence (consumes nothing)
type pattern struct {
	src   string
	elems []elem
}

// pat compiles a pattern. Rules are fixed, so a mistake is a programming
// error and panics at start-up (the tests catch it).
func pat(src string) *pattern {
	p := &pattern{src: src}
	for _, f := range strings.Fields(src) {
		var e elem
		if f != "?" && strings.HasSuffix(f, "?") {
			e.opt = true
			f = strings.TrimSuffix(f, "?")
		}
		switch {
		case f == "*":
			e.gap = 3
		case f == "**":
			e.gap = 6
		case f == "$":
			e.end = true
		default:
			for _, a := range strings.Split(f, "/") {
				if a == "@who" {
					e.who = true
					e.ins = append(e.ins, people)
					continue
				}
				if name, ok := strings.CutPrefix(a, "@"); ok {
					s, found := sets[name]
					if !found {
						panic(fmt.Sprintf("screen: pattern %q names unknown set %s", src, a))
					}
					e.ins = append(e.ins, s)
					continue
				}
				if p, ok := strings.CutSuffix(a, "~"); ok {
					e.ins = append(e.ins, &set{words: map[string]bool{}, prefix: []string{p}})
					continue
				}
				e.alts = append(e.alts, term(a))
			}
		}
		p.elems = append(p.elems, e)
	}
	return p
}

// pats compiles several patterns.
func pats(srcs ...string) []*pattern {
	out := make([]*pattern, len(srcs))
	for i, s := range srcs {
		out[i] = pat(s)
	}
	return out
}

// accepts reports whether the step accepts the token.
func (e elem) accepts(tk token) bool {
	w := tk.stem
	if w == sep {
		return false
	}
	if e.who && (tk.name || tk.poss) {
		return true
	}
	for _, s := range e.ins {
		if s.has(w) {
			return true
		}
	}
	for _, a := range e.alts {
		if a == w {
			return true
		}
	}
	return false
}

// matchFrom reports the end of a match of elems starting at i, or -1. Gaps
// never cross a sentence separator. The search is bounded: patterns are short
// and gaps are at most six words.
func matchFrom(elems []elem, toks []token, i int) int {
	if len(elems) == 0 {
		return i
	}
	e := elems[0]
	if e.end {
		if i == len(toks) || toks[i].stem == sep {
			return matchFrom(elems[1:], toks, i)
		}
		return -1
	}
	if e.gap > 0 {
		for k := 0; k <= e.gap && i+k <= len(toks); k++ {
			if k > 0 && toks[i+k-1].stem == sep {
				break
			}
			if end := matchFrom(elems[1:], toks, i+k); end >= 0 {
				return end
			}
		}
		return -1
	}
	if i < len(toks) && e.accepts(toks[i]) {
		if end := matchFrom(elems[1:], toks, i+1); end >= 0 {
			return end
		}
	}
	if e.opt {
		return matchFrom(elems[1:], toks, i)
	}
	return -1
}

// span is a half-open range of token positions.
type span struct{ from, to int }

// find returns the first match of p in toks.
func (p *pattern) find(toks []token) (span, bool) {
	for i := range toks {
		if end := matchFrom(p.elems, toks, i); end > i {
			return span{i, end}, true
		}
	}
	return span{}, false
}

// text is a tokenized text with the helpers rules need. toks has every
// known phrase joined into one token ("phone_number", "super_bowl"); plain
// has only the harmless phrases joined, so a pattern written word by word
// still matches.
type text struct {
	toks  []token
	plain []token
	sents []*text // the sentences, split on first use
	asks  int     // memo for anyIntent: 0 unknown, 1 no, 2 yes
}

// newText tokenizes s for the rules.
func newText(s string) *text {
	plain := joinCompounds(tokenize(s), true)
	return &text{toks: joinCompounds(plain, false), plain: plain}
}

// key is everything the rules can read of the text: each token's typed
// and stemmed forms and its marks, in both tokenizations.
func (t *text) key() string {
	var b strings.Builder
	for _, toks := range [][]token{t.toks, t.plain} {
		for _, tk := range toks {
			b.WriteString(tk.raw)
			b.WriteByte(0)
			b.WriteString(tk.stem)
			b.WriteByte(0)
			flags := byte('0')
			if tk.name {
				flags |= 1
			}
			if tk.poss {
				flags |= 2
			}
			b.WriteByte(flags)
		}
		b.WriteByte(1)
	}
	return b.String()
}

// sentences returns the text cut at sentence breaks.
func (t *text) sentences() []*text {
	if t.sents != nil {
		return t.sents
	}
	a, b := splitSep(t.toks), splitSep(t.plain)
	for i := range a {
		s := &text{toks: a[i]}
		if i < len(b) {
			s.plain = b[i]
		}
		s.sents = []*text{s}
		t.sents = append(t.sents, s)
	}
	return t.sents
}

// splitSep cuts tokens at separators, dropping empty pieces.
func splitSep(toks []token) [][]token {
	var out [][]token
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i == len(toks) || toks[i].stem == sep {
			if i > start {
				out = append(out, toks[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// inSentence reports whether f holds for one sentence of the text, so that
// two clues must come together ("hide" and "vape" in one sentence, not in
// a paragraph each).
func (t *text) inSentence(f func(s *text) bool) bool {
	for _, s := range t.sentences() {
		if f(s) {
			return true
		}
	}
	return false
}

// find returns the first match of p in either reading of the text.
func (t *text) find(p *pattern) (span, bool) {
	if sp, ok := p.find(t.toks); ok {
		return sp, true
	}
	// joining only ever shortens a reading: the same length means no
	// compound was joined and the plain reading is the same text.
	if len(t.plain) == len(t.toks) {
		return span{}, false
	}
	if sp, ok := p.find(t.plain); ok {
		return span{-1, -1}, sp.to > sp.from
	}
	return span{}, false
}

// any reports whether any of the patterns matches.
func (t *text) any(ps []*pattern) bool {
	for _, p := range ps {
		if _, ok := t.find(p); ok {
			return true
		}
	}
	return false
}

// has reports whether any token belongs to s.
func (t *text) has(s *set) bool {
	for _, tk := range t.toks {
		if s.has(tk.stem) {
			return true
		}
	}
	return false
}

// at returns the stem at i, or "" outside the text.
func (t *text) at(i int) string {
	if i < 0 || i >= len(t.toks) {
		return ""
	}
	return t.toks[i].stem
}

// each calls f for every position whose stem is in s.
func (t *text) each(s *set, f func(i int) bool) bool {
	for i, tk := range t.toks {
		if s.has(tk.stem) && f(i) {
			return true
		}
	}
	return false
}

// after looks for a word of want in the few words after i, in the same
// sentence. It stops at words that end the phrase ("who", "because") or turn
// it around ("stop", "not"), so "make friends with someone who vapes" does
// not read as making a vape.
func (t *text) after(i int, want *set, window int) int {
	for k := i + 1; k < len(t.toks) && k <= i+window; k++ {
		w := t.toks[k].stem
		if w == sep || phraseEnd.has(w) {
			return -1
		}
		if want.has(w) {
			return k
		}
	}
	return -1
}

// near reports whether a word of s is within window words of i, either side,
// in the same sentence.
func (t *text) near(i int, s *set, window int) bool {
	for k := i + 1; k < len(t.toks) && k <= i+window && t.toks[k].stem != sep; k++ {
		if s.has(t.toks[k].stem) {
			return true
		}
	}
	for k := i - 1; k >= 0 && k >= i-window && t.toks[k].stem != sep; k-- {
		if s.has(t.toks[k].stem) {
			return true
		}
	}
	return false
}
