package screen

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxRunes bounds the work the screen does: a student's request is never
// longer than this, and anything beyond it is not read. Screening is linear
// in the text, so this also bounds the time a hostile input can cost.
const maxRunes = 4000

// sep stands between sentences (and between the question and its answers) so
// that a pattern never joins words the student did not say together.
const sep = "|"

// token is one word of the screened text.
type token struct {
	raw  string // lowercased as typed, apostrophes removed, before stemming
	stem string // the form rules compare against
	name bool   // typed with a capital letter mid-sentence: probably a person's name
	poss bool   // typed with a possessive "'s" ("jake's", "teacher's"): someone's
}

// clip returns at most n runes of s, cut on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	count := 0
	for i := range s {
		if count == n {
			return s[:i]
		}
		count++
	}
	return s
}

// fold makes look-alike text compare equal: full-width letters and
// ligatures become plain ones (NFKD), accents are dropped ("café" → "cafe"),
// and curly quotes become straight ones so "what’s" reads as "what's".
func fold(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == 'ʼ' || r == '`' || r == '´' || r == '′':
			b.WriteByte('\'')
		case r == '“' || r == '”':
			b.WriteByte('"')
		case r == utf8.RuneError:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// rawWord is a word as typed, before contractions and aliases are expanded.
type rawWord struct {
	text  string // lowercased, may contain apostrophes and look-alike symbols
	upper bool   // first letter was a capital
	start bool   // first word of a sentence
}

// split cuts folded text into words and sentence separators. Letters, digits,
// apostrophes and a few symbols students use as letters ("h@ck", "k!ll")
// stay inside a word; sentence punctuation becomes sep.
func split(s string) []rawWord {
	var out []rawWord
	var cur []rune
	start := true
	upper := false
	flush := func() {
		w := strings.Trim(string(cur), "'@$!*")
		if w != "" {
			out = append(out, rawWord{text: strings.ToLower(w), upper: upper, start: start})
			start = false
		}
		cur = cur[:0]
		upper = false
	}
	rs := []rune(s)
	for i, r := range rs {
		inWord := len(cur) > 0 && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1]))
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(cur) == 0 {
				upper = unicode.IsUpper(r)
			}
			cur = append(cur, r)
		case r == '\'' || ((r == '@' || r == '$' || r == '!' || r == '*') && inWord):
			cur = append(cur, r)
		case r == '&':
			flush()
			out = append(out, rawWord{text: "and"})
		case r == '.' || r == '?' || r == '!' || r == ';' || r == '\n' || r == '\r':
			flush()
			if len(out) > 0 && out[len(out)-1].text != sep {
				out = append(out, rawWord{text: sep})
			}
			start = true
		default:
			flush()
		}
	}
	flush()
	return out
}

// contractions maps contracted forms, typed with or without the apostrophe,
// to their full words. Forms that are also ordinary words ("ill", "were",
// "id", "its", "well") are left alone.
var contractions = map[string]string{
	"whats": "what is", "wats": "what is", "wuts": "what is", "thats": "that is", "whos": "who is",
	"wheres": "where is", "hows": "how is", "theres": "there is", "heres": "here is",
	"hes": "he is", "shes": "she is", "im": "i am", "ive": "i have", "youre": "you are",
	"theyre": "they are", "youll": "you will", "itll": "it will", "theyll": "they will",
	"dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not",
	"wont": "will not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
	"werent": "were not", "shouldnt": "should not", "couldnt": "could not",
	"wouldnt": "would not", "havent": "have not", "hasnt": "has not", "aint": "is not",
	"lets": "let us", "whatre": "what are", "wanna": "want to", "gonna": "going to",
	"gotta": "got to", "tryna": "trying to", "imma": "i am going to", "ima": "i am going to",
	"lemme": "let me", "gimme": "give me", "dunno": "do not know", "kinda": "kind of",
	"sorta": "sort of", "whatcha": "what are you",
}

// aliases maps text-speak, common misspellings and slang to plain words, so
// one rule covers the ways students really type.
var aliases = map[string]string{
	"u": "you", "ur": "your", "ya": "you", "r": "are", "ppl": "people", "pls": "please",
	"plz": "please", "plss": "please", "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow",
	"tomoro": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow", "tommorrow": "tomorrow",
	"2morrow": "tomorrow", "2moro": "tomorrow", "tmw": "tomorrow", "2day": "today", "tdy": "today",
	"tonite": "tonight", "2nite": "tonight", "tn": "tonight", "rn": "right now", "atm": "right now",
	"b4": "before", "cuz": "because", "bc": "because", "coz": "because", "abt": "about",
	"bout": "about", "sum1": "someone", "some1": "someone", "somone": "someone", "sombody": "somebody",
	"somebdy": "somebody", "any1": "anyone", "every1": "everyone", "bf": "boyfriend",
	"gf": "girlfriend", "bff": "best friend", "kms": "kill myself", "kys": "kill yourself",
	"unalive": "kill", "unaliving": "killing", "sewerslide": "suicide", "suicde": "suicide",
	"sucide": "suicide", "smth": "something", "sth": "something", "teachr": "teacher",
	"techer": "teacher", "teecher": "teacher", "clasmate": "classmate", "classmte": "classmate",
	"clasmates": "classmates", "skool": "school", "pic": "picture", "pics": "pictures",
	"pix": "pictures", "addy": "address", "adress": "address", "adres": "address", "num": "number",
	"numba": "number", "pasword": "password", "passwrd": "password", "pw": "password",
	"pwd": "password", "insta": "instagram", "ig": "instagram", "yt": "youtube", "vid": "video",
	"vids": "videos", "cig": "cigarette", "cigs": "cigarettes", "ciggs": "cigarettes",
	"ciggies": "cigarettes", "ciggy": "cigarette", "ciggie": "cigarette", "alc": "alcohol",
	"liqour": "liquor", "fone": "phone", "hw": "homework", "hmwk": "homework", "wat": "what",
	"wut": "what", "thx": "thanks", "ty": "thanks", "nd": "and", "wif": "with", "wit": "with",
	"dat": "that", "da": "the", "tha": "the", "hurtin": "hurting", "killin": "killing",
	"vapin": "vaping", "smokin": "smoking", "doin": "doing", "gettin": "getting", "nothin": "nothing",
	"somethin": "something", "mum": "mom", "mommy": "mom", "daddy": "dad", "grandma": "grandmother",
	"grandpa": "grandfather", "neighbour": "neighbor", "neighbours": "neighbors", "colour": "color",
	"colours": "colors", "favourite": "favorite", "plagiarise": "plagiarize", "plagiarising": "plagiarizing",
	"plagiarised": "plagiarized", "marijuana": "weed", "mj": "weed", "weeed": "weed", "thc": "weed",
	"ecig": "e cig", "ecigs": "e cig", "vbucks": "v bucks", "vbuck": "v bucks",
	"pfp": "profile picture", "dms": "messages", "dm": "message", "bday": "birthday",
	"mcds": "mcdonalds", "ww1": "world war 1",
	"ww2": "world war 2", "wwii": "world war 2", "wwi": "world war 1", "asap": "quickly",
	"lowkey": "really", "highkey": "really", "srsly": "seriously", "fr": "really", "ngl": "honestly",
	"tbh": "honestly", "idk": "i do not know", "nvm": "never mind", "cud": "could", "shud": "should",
	"wud": "would", "gud": "good", "luv": "love", "wen": "when", "wher": "where", "howw": "how",
	"y'all": "you all", "yall": "you all", "sis": "sister", "bro": "brother", "bros": "brothers",
	"pplz": "people", "classmat": "classmate", "frend": "friend", "freind": "friend",
	"freinds": "friends", "frends": "friends", "skl": "school", "scool": "school", "skewl": "school",
}

// words turns one typed word into plain lowercase words: contractions are
// expanded ("what's" → "what is", "don't" → "do not"), possessive "'s" is
// dropped ("classmate's" → "classmate") and aliases are applied.
func words(w string) []string {
	if strings.Contains(w, "'") {
		w = expandApostrophe(w)
	}
	var out []string
	for _, p := range strings.Fields(w) {
		if c, ok := contractions[p]; ok {
			out = append(out, strings.Fields(c)...)
			continue
		}
		if a, ok := aliases[p]; ok {
			out = append(out, strings.Fields(a)...)
			continue
		}
		out = append(out, p)
	}
	return out
}

// isWords are the words whose "'s" means "is" rather than a possessive.
var isWords = map[string]bool{"what": true, "it": true, "he": true, "she": true, "that": true,
	"there": true, "who": true, "where": true, "how": true, "here": true, "when": true, "why": true}

// expandApostrophe resolves a word typed with an apostrophe.
func expandApostrophe(w string) string {
	w = strings.Trim(w, "'")
	i := strings.LastIndexByte(w, '\'')
	if i < 0 {
		return w
	}
	head, tail := strings.ReplaceAll(w[:i], "'", ""), w[i+1:]
	switch tail {
	case "t":
		switch head {
		case "can", "ca":
			return "can not"
		case "won", "wo":
			return "will not"
		case "ain":
			return "is not"
		}
		if strings.HasSuffix(head, "n") {
			return head[:len(head)-1] + " not"
		}
	case "m":
		return head + " am"
	case "re":
		return head + " are"
	case "ll":
		return head + " will"
	case "ve":
		return head + " have"
	case "d":
		return head + " would"
	case "s":
		if head == "let" {
			return "let us"
		}
		if isWords[head] {
			return head + " is"
		}
		return head
	}
	return head + tail
}

// deleet reads symbols and digits used as letters ("h@ck", "k1ll", "$teal").
func deleet(w string) string {
	return strings.NewReplacer("@", "a", "$", "s", "!", "i", "*", "", "0", "o", "1", "i",
		"3", "e", "4", "a", "5", "s", "7", "t").Replace(w)
}

// hasLetter reports whether w contains a letter.
func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// collapse shortens runs of one letter longer than max ("killlll", "pleeease").
func collapse(w string, max int) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range w {
		if r == last {
			run++
		} else {
			last, run = r, 1
		}
		if run <= max {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasRun reports whether w repeats one letter three or more times in a row.
func hasRun(w string) bool {
	return collapse(w, 2) != w
}

// clean resolves look-alike symbols and stretched letters, preferring a
// reading the rules know. It only changes a word when that makes it a known
// word, so "3d" and "b4" are not mangled.
func clean(w string) string {
	if known(w) {
		return w
	}
	if strings.ContainsAny(w, "@$!*") || (hasLetter(w) && strings.ContainsAny(w, "013457")) {
		if d := deleet(w); known(d) {
			w = d
		} else {
			w = strings.Map(func(r rune) rune {
				if strings.ContainsRune("@$!*", r) {
					return -1
				}
				return r
			}, w)
		}
	}
	if hasRun(w) && !known(w) {
		two, one := collapse(w, 2), collapse(w, 1)
		switch {
		case known(two):
			return two
		case known(one):
			return one
		}
		return two
	}
	return w
}

// known reports whether a word (after aliases and stemming) is one the rules use.
func known(w string) bool {
	for _, p := range words(w) {
		if !vocab[stem(p)] {
			return false
		}
	}
	return w != ""
}

// tokenize turns text into tokens ready for the rules.
func tokenize(s string) []token {
	var out []token
	for _, rw := range split(fold(s)) {
		if rw.text == sep {
			out = append(out, token{raw: sep, stem: sep})
			continue
		}
		text := rw.text
		poss := isPossessive(text)
		if !strings.Contains(text, "'") {
			text = clean(text)
		} else {
			text = strings.Map(func(r rune) rune {
				if strings.ContainsRune("@$!*", r) {
					return -1
				}
				return r
			}, text)
		}
		for i, w := range words(text) {
			if !hasLetter(w) && !hasDigit(w) {
				continue
			}
			name := i == 0 && rw.upper && !rw.start && w != "i"
			out = append(out, token{raw: w, stem: stem(w), name: name, poss: poss && i == 0})
		}
	}
	for i := 1; i < len(out); i++ {
		// "how 2 buy", "want 2 know": a "2" after these is "to".
		if out[i].raw == "2" && toBefore[out[i-1].stem] {
			out[i] = token{raw: "to", stem: "to"}
		}
	}
	return out
}

// isPossessive reports a word typed with a possessive "'s" or "s'"
// ("jake's", "my parents'"), not a contraction ("what's", "let's").
func isPossessive(w string) bool {
	w = strings.TrimLeft(w, "'")
	if strings.HasSuffix(w, "s'") && len(w) > 2 {
		return true
	}
	head, ok := strings.CutSuffix(w, "'s")
	return ok && head != "" && head != "let" && !isWords[head] && !strings.Contains(head, "'")
}

// toBefore are the words after which students type "2" for "to".
var toBefore = map[string]bool{"how": true, "want": true, "need": true, "go": true, "way": true,
	"ways": true, "tip": true, "hard": true, "easy": true, "try": true, "where": true, "have": true,
	"like": true, "love": true, "what": true, "plan": true, "best": true, "about": true}

// hasDigit reports whether w contains a digit.
func hasDigit(w string) bool {
	return strings.ContainsAny(w, "0123456789")
}

// joinCompounds merges registered multi-word terms ("phone number", "water
// gun", "carbon dating") into one token, longest first, so a rule sees the
// term as a whole: "water gun" is not a gun and "carbon dating" is not dating.
// With benignOnly, only the harmless phrases are joined.
func joinCompounds(toks []token, benignOnly bool) []token {
	out := toks[:0:0]
	for i := 0; i < len(toks); {
		best := 0
		var joined string
		if first := compoundFirst[toks[i].stem]; first > 0 {
			for n := min(first, len(toks)-i); n >= 2; n-- {
				parts := make([]string, n)
				for k := range n {
					parts[k] = toks[i+k].stem
				}
				key := strings.Join(parts, "_")
				if benign, ok := compounds[key]; ok && (benign || !benignOnly) {
					best, joined = n, key
					break
				}
			}
		}
		if best == 0 {
			out = append(out, toks[i])
			i++
			continue
		}
		raws := make([]string, best)
		for k := range best {
			raws[k] = toks[i+k].raw
			if toks[i+k].stem == sep {
				raws = nil
				break
			}
		}
		if raws == nil {
			out = append(out, toks[i])
			i++
			continue
		}
		out = append(out, token{raw: strings.Join(raws, "_"), stem: joined, name: toks[i].name, poss: toks[i+best-1].poss})
		i += best
	}
	return out
}
