package readability

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSyllables(t *testing.T) {
	for w, want := range map[string]int{
		"cat": 1, "table": 2, "water": 2, "photosynthesis": 5, "energy": 3, "made": 1,
		"little": 2, "jumped": 1, "wanted": 2, "the": 1, "beautiful": 3, "chlorophyll": 3,
	} {
		assert.Equal(t, want, Syllables(w), w)
	}
}

func TestFleschKincaidOrdersTexts(t *testing.T) {
	easy := "The cat sat on the mat. It was a big cat. The cat was red."
	hard := "Photosynthesis converts electromagnetic radiation into chemical potential energy, " +
		"which organisms subsequently metabolise through cellular respiration in their mitochondria."
	assert.Less(t, FleschKincaid(easy), 2.0)
	assert.Greater(t, FleschKincaid(hard), 14.0)
	assert.True(t, FitsGrade(easy, 1, 2), "early readers: short sentences, few long words")
	assert.False(t, FitsGrade(hard, 1, 2))
	assert.False(t, FitsGrade(easy, 10, 2))
}

func TestEmptyText(t *testing.T) {
	assert.Equal(t, 0.0, FleschKincaid(""))
	assert.Equal(t, Stats{}, Measure("  "))
}

// TestCountsAddUpAcrossSentences: texts that end a sentence, joined by a
// space, count as the sum of their counts; a text that does not end one is
// said not to, since joined it runs on into the next.
func TestCountsAddUpAcrossSentences(t *testing.T) {
	texts := []string{
		"Plants make food from light.", "Why is the sky blue?", "Wow!", "It costs 3.14 dollars.",
		"Photosynthesis happens in chloroplasts. Oxygen is released.", "  Spaces after it.  ",
		"Mr. Smith teaches maths.", "Step one: measure the base.",
	}
	for _, a := range texts {
		if !EndsSentence(a) {
			t.Fatalf("%q ends a sentence", a)
		}
		for _, b := range texts {
			if got, want := Measure(a).Add(Measure(b)), Measure(a+" "+b); got != want {
				t.Errorf("%q + %q: counts %+v added, %+v joined", a, b, got, want)
			}
		}
	}
	for _, s := range []string{"a list: one, two", "he said \"stop.\"", ""} {
		if EndsSentence(s) {
			t.Errorf("%q does not end a sentence", s)
		}
	}
}
