// Package quality holds the checks a lesson script is held to, whoever wrote
// it: it answers what was asked, weaves the interest in, reads at the
// student's grade and has a lesson's shape. The evaluation measures them over
// question sets; the Gemini writer repairs or rejects a script that fails them.
package quality

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	vividly "github.com/vividly-edu/vividly"
)

// Narration is everything a lesson says, the sources credit aside.
func Narration(s vividly.Script) string {
	var parts []string
	for _, seg := range s.Segments {
		if seg.Heading != vividly.HeadingSources {
			parts = append(parts, seg.Narration)
		}
	}
	return strings.Join(parts, " ")
}

// askStop are words of a question that say how it is asked, not what about.
var askStop = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "at": true, "for": true,
	"and": true, "or": true, "is": true, "are": true, "was": true, "were": true, "be": true, "do": true, "does": true,
	"did": true, "how": true, "what": true, "whats": true, "why": true, "u": true, "ur": true, "when": true, "where": true, "who": true,
	"which": true, "can": true, "could": true, "would": true, "should": true, "you": true, "me": true, "i": true,
	"im": true, "my": true, "we": true, "it": true, "its": true, "this": true, "that": true, "with": true,
	"about": true, "please": true, "explain": true, "tell": true, "teach": true, "help": true, "learn": true,
	"understand": true, "show": true, "want": true, "need": true, "know": true, "mean": true, "means": true,
	"work": true, "works": true, "get": true, "like": true, "likes": true, "love": true, "loves": true, "into": true,
	"someone": true, "who's": true, "fan": true, "fans": true, "really": true, "some": true, "so": true, "by": true,
	"from": true, "make": true, "makes": true, "happen": true, "happens": true, "thing": true, "things": true,
	"difference": true, "between": true, "kind": true, "kinds": true, "way": true, "ways": true, "use": true, "used": true,
	"lesson": true, "video": true, "going": true, "homework": true, "class": true, "grade": true, "there": true, "they": true,
	"them": true, "their": true, "if": true, "than": true, "then": true, "also": true, "just": true, "s": true,
	"am": true, "will": true, "has": true, "have": true, "had": true, "give": true, "example": true, "examples": true,
	// Words that say how the ask is put, not what thing it names.
	"still": true, "important": true, "happened": true, "different": true, "same": true, "real": true,
	"life": true, "good": true, "bad": true, "big": true, "many": true, "much": true, "something": true,
	"anything": true, "everything": true, "people": true, "even": true, "ever": true, "actually": true,
	"exactly": true, "called": true, "name": true, "here": true, "easy": true, "find": true,
	"figure": true, "out": true, "calculate": true, "write": true, "say": true, "think": true,
	"remember": true, "memorize": true, "our": true, "your": true,
}

// askWords are the words of a question that name what was asked, without
// the student's interest.
func AskWords(question, interest string) []string {
	skip := map[string]bool{}
	for _, w := range plainWords(interest) {
		skip[w] = true
	}
	ws := plainWords(question)
	var out []string
	for i, w := range ws {
		// "for basketball fans", "for someone who likes soccer", "i'm into
		// k-pop", "but for a skateboarder", "using my basketball stats": the
		// interest, not the ask.
		if i > 0 && (ws[i-1] == "likes" || ws[i-1] == "like" || ws[i-1] == "love" || ws[i-1] == "loves" || ws[i-1] == "into") {
			skip[w] = true
		}
		if i+1 < len(ws) && (ws[i+1] == "fans" || ws[i+1] == "fan") {
			skip[w] = true
		}
		if i > 1 && ((ws[i-2] == "but" && ws[i-1] == "for") || (ws[i-2] == "using" && ws[i-1] == "my") ||
			(ws[i-2] == "for" && (ws[i-1] == "a" || ws[i-1] == "an") && i == len(ws)-1)) {
			for j := i; j < len(ws) && j < i+3; j++ {
				skip[ws[j]] = true
			}
		}
		// Numbers are the example's, and a subject's name is not the ask.
		if askStop[w] || skip[w] || len(w) < 2 || isDigits(w) || subjectWords[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// plainWords lowercases text and keeps letters and digits.
func plainWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "’", "'")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// sameWord compares words by their first five letters, enough for
// "multiply" to match "multiplying" and "decimals" "decimal", and otherwise
// by their base forms, so "share" matches "sharing", "dies" "died" and
// "galaxys" "galaxies"; a word of five letters or more also matches a
// compound that ends with it ("planes", "airplane").
func sameWord(a, b string) bool {
	if len(a) >= 5 && len(b) >= 5 && a[:5] == b[:5] {
		return true
	}
	if strings.TrimSuffix(a, "s") == strings.TrimSuffix(b, "s") {
		return true // "5s" and "5"
	}
	ba, bb := base(a), base(b)
	if ba == bb {
		return true
	}
	return len(ba) >= 5 && len(bb) > len(ba) && strings.HasSuffix(bb, ba)
}

// base strips the common English inflections: plural and third-person -s
// and -es (-ies and -ys become -y), past -ed and -ing, with a final e
// dropped so "share", "shared" and "sharing" meet.
func base(w string) string {
	switch {
	case len(w) <= 3:
		return w
	case strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied"):
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ys"):
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "ing") && len(w) >= 6:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "ed") && len(w) >= 5:
		w = w[:len(w)-2]
	}
	if n := len(w); n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		w = w[:n-1] // "running" → "run"
	}
	return strings.TrimSuffix(w, "e")
}

// IsHowTo reports whether a question asks for a method ("how do I…",
// "how to…", "steps to…").
func IsHowTo(question string) bool {
	q := strings.Join(plainWords(question), " ")
	// "how do we know…" asks for evidence, not a method.
	for _, k := range []string{"how do we know", "how do you know", "how do i know", "how do scientists know"} {
		if strings.Contains(q, k) {
			return false
		}
	}
	for _, p := range []string{"how do i ", "how do you ", "how to ", "how can i ", "how should i ", "steps to ", "steps for ", "how would i ", "how do we "} {
		if strings.HasPrefix(q, p) || strings.Contains(q, " "+p) {
			return true
		}
	}
	return false
}

// AskAnswered is Vividly's check that a lesson answers what was asked: at
// least two thirds of the words that name the thing asked about (the
// question without filler, interest, numbers and subject names, and, given
// namesThing, only the words that name a term, a form or a person) are said
// by the end of the first teaching segment, and a "how do I" question gets
// numbered steps.
func AskAnswered(question, interest string, s vividly.Script, namesThing func(string) bool) bool {
	ask := AskWords(question, interest)
	if namesThing != nil {
		var named []string
		for _, w := range ask {
			if namesThing(w) {
				named = append(named, w)
			}
		}
		ask = named
	}
	if len(s.Segments) < 2 {
		return false
	}
	early := plainWords(s.Segments[0].Narration + " " + s.Segments[1].Narration)
	found := 0
	for _, a := range ask {
		for _, w := range early {
			if sameWord(a, w) {
				found++
				break
			}
		}
	}
	if len(ask) > 0 && 3*found < 2*len(ask) {
		return false
	}
	if IsHowTo(question) {
		all := strings.ToLower(Narration(s))
		return strings.Contains(all, "step one") && strings.Contains(all, "step two")
	}
	return true
}

// InterestConnected is Vividly's check that the interest is woven in, not
// just named: some segment after the opening names both the interest and
// the topic, so the two are put side by side.
func InterestConnected(interest string, s vividly.Script) bool {
	iw := significant(plainWords(interest))
	tw := significant(plainWords(s.Topic))
	if len(iw) == 0 || len(tw) == 0 {
		return false
	}
	for _, seg := range s.Segments[1:] {
		ws := plainWords(seg.Narration)
		if hasAny(ws, iw) && hasAny(ws, tw) {
			return true
		}
	}
	return false
}

func significant(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !askStop[w] && len(w) > 1 {
			out = append(out, w)
		}
	}
	return out
}

func hasAny(ws, want []string) bool {
	for _, w := range ws {
		for _, x := range want {
			if sameWord(w, x) {
				return true
			}
		}
	}
	return false
}

// maxSentenceWords is the longest sentence a narrator should read.
const maxSentenceWords = 40

// CheckStructure checks a lesson's shape: an opening, at least two teaching
// segments, a recap, one check question, the sources last when it has any,
// and sentences short enough to narrate.
func CheckStructure(s vividly.Script) error {
	var errs []error
	segs := s.Segments
	if n := len(segs); n > 0 && segs[n-1].Heading == vividly.HeadingSources {
		segs = segs[:n-1]
	} else if len(s.Credits) > 0 {
		errs = append(errs, errors.New("credits but no sources segment at the end"))
	}
	if len(segs) < 5 {
		errs = append(errs, fmt.Errorf("%d segments, want an opening, two teaching segments, a recap and a check", len(segs)))
	}
	recap := false
	for _, seg := range segs {
		if strings.TrimSpace(seg.Narration) == "" {
			errs = append(errs, fmt.Errorf("segment %q says nothing", seg.Heading))
		}
		recap = recap || strings.EqualFold(seg.Heading, "Recap")
		if strings.ContainsAny(seg.Narration, "{}<>") {
			errs = append(errs, fmt.Errorf("segment %q has markup or a placeholder", seg.Heading))
		}
		for _, sent := range strings.FieldsFunc(seg.Narration, func(r rune) bool { return r == '.' || r == '?' || r == '!' }) {
			if len(strings.Fields(sent)) > maxSentenceWords {
				errs = append(errs, fmt.Errorf("a sentence of %d words in %q", len(strings.Fields(sent)), seg.Heading))
			}
		}
	}
	if !recap {
		errs = append(errs, errors.New("no recap"))
	}
	if !strings.HasSuffix(strings.TrimSpace(s.CheckQuestion), "?") {
		errs = append(errs, errors.New("no check question"))
	} else if len(segs) > 0 && !strings.Contains(segs[len(segs)-1].Narration, s.CheckQuestion) {
		errs = append(errs, errors.New("the last segment does not ask the check question"))
	}
	return errors.Join(errs...)
}

// mentionsInterest reports a question that names an interest in words
// ("for someone who likes soccer", "i'm into skateboarding").
func MentionsInterest(q string) bool {
	s := " " + strings.Join(plainWords(q), " ") + " "
	for _, p := range []string{" who likes ", " who loves ", " i like ", " i love ", " im into ", " i m into ", " i am into ", " fans ", " fan ", " make it about ", " in terms of "} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// subjectWords name a school subject and nothing more.
var subjectWords = map[string]bool{
	"math": true, "maths": true, "mathematics": true, "science": true, "history": true, "english": true,
	"geography": true, "civics": true, "government": true, "health": true, "biology": true, "chemistry": true,
	"physics": true, "reading": true, "writing": true, "computer": true, "computers": true, "coding": true,
	"social": true, "studies": true, "la": true, "ela": true, "language": true, "arts": true, "it": true, "for": true,
	"its": true, "class": true, "my": true, "is": true, "science's": true, "calculus": true, "algebra": true,
	"geometry": true, "python": true, "programming": true, "chem": true, "bio": true,
}

// namesOnlySubject reports an answer that names a subject and no topic.
func NamesOnlySubject(a string) bool {
	ws := plainWords(a)
	for _, w := range ws {
		if !subjectWords[w] {
			return false
		}
	}
	return len(ws) > 0
}

func isDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}
