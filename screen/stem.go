package screen

import "strings"

// irregular maps irregular forms to the base form the rules use, so "stole",
// "hid" and "made" match rules written with "steal", "hide" and "make".
var irregular = map[string]string{
	"stole": "steal", "stolen": "steal", "hid": "hide", "hidden": "hide", "bought": "buy",
	"took": "take", "taken": "take", "got": "get", "gotten": "get", "made": "make", "shot": "shoot",
	"shots": "shoot", "fought": "fight", "sold": "sell", "drank": "drink", "ate": "eat",
	"eaten": "eat", "won": "win", "wore": "wear", "worn": "wear", "went": "go", "gone": "go",
	"goes": "go", "going": "go", "knew": "know", "known": "know", "thought": "think",
	"caught": "catch", "threw": "throw", "thrown": "throw", "sent": "send", "told": "tell",
	"kept": "keep", "felt": "feel", "said": "say", "did": "do", "does": "do", "done": "do",
	"doing": "do", "people": "person", "peoples": "person", "children": "child", "men": "man",
	"women": "woman", "knives": "knife", "teeth": "tooth", "feet": "foot", "mice": "mouse",
	"ran": "run", "began": "begin", "broke": "break", "broken": "break", "bit": "bite",
	"bitten": "bite", "fell": "fall", "struck": "strike", "stuck": "stick", "swam": "swim",
	"drove": "drive", "driven": "drive", "rode": "ride", "wrote": "write", "written": "write",
	"spoke": "speak", "lost": "lose", "dying": "die", "died": "die", "lying": "lie",
	"bled": "bleed", "fed": "feed", "led": "lead", "slept": "sleep",
	"meant": "mean", "paid": "pay", "built": "build", "brought": "bring", "taught": "teach",
	"sought": "seek", "found": "find", "sat": "sit", "stood": "stand", "understood": "understand",
	"beaten": "beat", "hung": "hang", "hanged": "hang", "snuck": "sneak", "uses": "use",
	"used": "use", "using": "use", "saw": "see", "seen": "see", "gave": "give", "given": "give",
	"has": "have", "had": "have", "having": "have", "was": "be", "were": "be", "is": "be",
	"am": "be", "are": "be", "been": "be", "being": "be",
	"its": "its", "this": "this", "his": "his", "us": "us", "yes": "yes", "does not": "do",
	"aged": "age", "lives": "live", "living": "live", "lived": "live", "dies": "die",
	"lies": "lie", "ties": "tie", "tied": "tie", "bleed": "bleed", "bleeding": "bleed",
	"disappeared": "disappear",
	"bleeds":      "bleed", "need": "need", "needed": "need", "needs": "need", "needing": "need",
	"speed": "speed", "weed": "weed", "weeds": "weed", "naked": "naked", "wicked": "wicked",
	"sacred": "sacred", "hundred": "hundred", "hundreds": "hundred", "thing": "thing",
	"things": "thing", "king": "king", "kings": "king", "ring": "ring", "sing": "sing", "bring": "bring",
	"string": "string", "spring": "spring", "swing": "swing", "wing": "wing", "wings": "wing",
	"morning": "morning", "evening": "evening", "during": "during", "nothing": "nothing",
	"something": "something", "anything": "anything", "everything": "everything",
	"sibling": "sibling", "siblings": "sibling", "ceiling": "ceiling", "building": "building",
	"buildings": "building", "clothing": "clothing", "feelings": "feeling", "feeling": "feeling",
	"shooting": "shoot", "shootings": "shoot", "series": "series", "species": "species",
	"news": "news", "always": "always", "physics": "physics", "maths": "math", "lyrics": "lyric",
	"mathematics": "math", "economics": "economics", "politics": "politics", "ethics": "ethics",
	"gas": "gas", "bus": "bus", "as": "as", "hers": "her", "theirs": "their", "headphones": "headphone",
	"clothes": "clothes", "outskirts": "outskirt", "sneakers": "sneaker", "pants": "pants",
	"shorts": "shorts", "glasses": "glasses", "scissors": "scissors", "odds": "odds",
	"standings": "standings", "jeans": "jeans", "hindus": "hindu", "gurus": "guru",
	"sweatpants": "sweatpants", "leggings": "leggings", "earnings": "earnings", "nudes": "nude",
}

// ieWords end in "ie", so their plural loses only the "s" ("movies", not
// "movy").
var ieWords = map[string]bool{"movie": true, "cookie": true, "selfie": true, "hoodie": true,
	"zombie": true, "calorie": true, "brownie": true, "smoothie": true, "rookie": true,
	"goalie": true, "genie": true, "prairie": true, "veggie": true, "bookie": true, "aussie": true,
	"bestie": true, "freebie": true, "newbie": true, "techie": true, "indie": true, "sweetie": true,
	"cutie": true, "hottie": true, "baddie": true, "roadie": true, "foodie": true, "junkie": true,
	"pixie": true, "collie": true, "auntie": true, "barbie": true, "walkie": true, "talkie": true,
	"oldie": true, "goodie": true, "birdie": true, "lassie": true, "ciggie": true, "magpie": true,
	"boogie": true, "hippie": true, "yuppie": true, "groupie": true, "budgie": true, "stogie": true,
	"cowrie": true, "specie": true}

// stem reduces a word to the form rules are written in: plurals to the
// singular, "-ing" and "-ed" to the base verb ("hurting", "hurts" → "hurt";
// "vaping", "vaped" → "vape"; "cutting" → "cut"). It is applied to rules and
// text alike, so it only has to be consistent, not linguistically right.
func stem(w string) string {
	if r, ok := irregular[w]; ok {
		return r
	}
	if len(w) <= 3 || !hasLetter(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && ieWords[w[:len(w)-1]]:
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case hasAnySuffix(w, "sses", "shes", "ches", "xes", "zes"):
		return w[:len(w)-2]
	case hasAnySuffix(w, "ss", "us", "is", "'s"):
		return w
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
		if r, ok := irregular[w]; ok {
			return r
		}
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) >= 6 && hasVowel(w[:len(w)-3]):
		return fixBase(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) >= 5 && hasVowel(w[:len(w)-2]):
		return fixBase(w[:len(w)-2])
	}
	return w
}

// fixBase repairs a verb after its ending was cut: "cutt" → "cut",
// "mak" → "make", "vap" → "vape".
func fixBase(b string) string {
	n := len(b)
	if n >= 2 && b[n-1] == b[n-2] && !isVowel(b[n-1]) && !strings.ContainsRune("lsz", rune(b[n-1])) {
		return b[:n-1]
	}
	if shortCVC(b) {
		return b + "e"
	}
	// "divorc", "chang", "caus", "solv": a soft ending that needs its "e"
	last := b[n-1]
	switch {
	case last == 'c' || last == 'v' || last == 'z':
		return b + "e"
	case last == 'g' && n >= 2 && b[n-2] != 'n' && !isVowel(b[n-2]):
		return b + "e"
	case last == 's' && n >= 2 && b[n-2] != 's' && b[n-2] != 'u':
		return b + "e"
	}
	return b
}

// shortCVC reports whether b is one syllable ending consonant-vowel-consonant
// (not w, x or y), the shape of verbs that lost a silent "e" ("mak", "hid").
func shortCVC(b string) bool {
	n := len(b)
	if n < 3 {
		return false
	}
	c1, v, c2 := b[n-3], b[n-2], b[n-1]
	if isVowel(c1) || !isVowel(v) || isVowel(c2) || strings.ContainsRune("wxy", rune(c2)) {
		return false
	}
	groups := 0
	prev := false
	for i := 0; i < n; i++ {
		cur := isVowel(b[i])
		if cur && !prev {
			groups++
		}
		prev = cur
	}
	return groups == 1
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}
