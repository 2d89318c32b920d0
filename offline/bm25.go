package offline

import (
	"math"
	"slices"
)

// BM25 parameters, the usual ones.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// topicDoc is a topic as a bag of stems for BM25: its names count several
// times over its passages, so a word in the title outweighs one in the text.
type topicDoc struct {
	tf  map[string]float64
	len float64
}

// buildDocs makes the BM25 documents of the library.
func (l *library) buildDocs() {
	l.docs = make([]topicDoc, len(l.topics))
	l.docDF = map[string]int{}
	total := 0.0
	for i, t := range l.topics {
		d := topicDoc{tf: map[string]float64{}}
		add := func(text string, weight float64) {
			for _, tk := range contentTokens(stems(text), nil) {
				d.tf[tk.stem] += weight
				d.len += weight
			}
		}
		add(t.Title, 3)
		add(t.Phrase, 1)
		for _, a := range t.Aliases {
			add(a, 2)
		}
		for _, k := range t.Keywords {
			add(k, 2)
		}
		for _, k := range t.KeyTerms {
			add(k.Term, 2)
			add(k.Definition, 1)
		}
		for _, p := range t.Passages {
			add(p.Text, 1)
		}
		for _, a := range t.Answers {
			add(a.Text, 1)
		}
		for w := range d.tf {
			l.docDF[w]++
		}
		total += d.len
		l.docs[i] = d
	}
	l.avgDocLen = total / float64(max(1, len(l.docs)))
}

// bm25 scores every topic for the query stems; it also says how many
// distinct query words each topic matched.
func (l *library) bm25(query []string) (scores []float64, matched []int) {
	scores = make([]float64, len(l.docs))
	matched = make([]int, len(l.docs))
	n := float64(len(l.docs))
	var uniq []string
	for _, w := range query {
		if !slices.Contains(uniq, w) {
			uniq = append(uniq, w)
		}
	}
	for _, w := range uniq {
		df := float64(l.docDF[w])
		if df == 0 {
			continue
		}
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		if genericWords[w] {
			idf *= genericWeight
		}
		for i, d := range l.docs {
			f := d.tf[w]
			if f == 0 {
				continue
			}
			scores[i] += idf * f * (bm25K1 + 1) / (f + bm25K1*(1-bm25B+bm25B*d.len/l.avgDocLen))
			matched[i]++
		}
	}
	return scores, matched
}
