package screen

// The screen tells asking HOW TO do something harmful apart from asking
// ABOUT it by looking at the words in front of the verb. "how do I hurt",
// "I want to steal", "where can I buy", "help me hack" and a bare command
// ("hack her account") are requests to do it; "why did Brutus kill Caesar",
// "soldiers used guns to kill" and "how does vaping damage your lungs" are
// questions about it.

// filler may stand between the start of a request and its verb: modal and
// wanting verbs, adverbs, "how", "to", the asker. Walking back over these from
// a verb finds the frame the verb sits in.
var filler = newSet(
	"to", "how", "do", "can", "could", "would", "should", "will", "might", "may", "shall", "must",
	"want", "need", "plan", "wish", "hope", "have", "get", "like", "love", "try", "decide", "am",
	"are", "be", "go", "come", "about", "able", "just", "really", "actually", "secretly", "quietly",
	"easily", "quickly", "safely", "successfully", "finally", "still", "even", "also", "and",
	"then", "so", "please", "best", "easiest", "fastest", "simplest", "quickest", "good", "way",
	"ways", "place", "places", "tip", "trick", "step", "guide", "method", "i", "we", "you", "me",
	"us", "someone", "somebody", "one", "ill", "let", "help", "teach", "show", "tell", "where",
	"what", "the", "a", "an", "some", "ever", "maybe", "literally", "seriously", "totally", "again",
	"is", "possible", "okay", "ok", "now", "hey", "yo", "lol", "pls", "basically", "kind", "sort",
	"of", "ready", "fine", "allowed", "finna",
)

// discourse words may open a command without changing it ("please hack…").
var discourse = newSet("please", "just", "also", "and", "then", "so", "now", "ok", "okay", "hey",
	"yo", "lol", "quickly", "secretly", "quietly", "basically", "seriously", "literally", "but",
	"oh", "um", "hi", "hello", "btw", "actually", "really", "first", "next", "step", "one", "two",
	"three", "four", "five", "second", "third", "last", "finally", "simply", "1", "2", "3", "4", "5")

// subjects are the asker as the doer of the verb.
var subjects = newSet("i", "we", "ill")

// purpose words make "to" a request ("how to", "ways to", "where to").
var purpose = newSet("how", "way", "ways", "place", "places", "tip", "trick", "step", "guide",
	"where", "what", "possible", "okay", "ok", "method", "allowed", "fine", "easiest", "easy",
	"best", "hardest", "safest", "simplest", "quickest", "fastest", "cheapest", "better", "smart",
	"smartest", "spot", "spots", "time", "idea", "ideas", "fun", "funny")

// conjunctions join a second verb to an intended one ("crush it up and
// snort it"): the second verb carries the intent of the first.
var conjunctions = newSet("and", "then", "or")

// desires after a group subject make a plan ("me and my friends want to").
var desires = newSet("want", "plan", "go", "try", "need", "decide", "about", "ready")

// crews are the groups a student plans with ("my friends", "my brother").
var crews = union(people, newSet("friend", "crew", "squad", "homie", "group", "gang", "team",
	"boys", "girls"))

// askers put "you", "someone" or "one" in a request frame ("how do you",
// "can you", "how would someone").
var askers = newSet("how", "where", "can", "could", "would", "will")

// advice words ask how to do something ("the best X to", "tips for").
var advice = newSet("best", "good", "easiest", "cheapest", "safest", "right", "tip", "trick",
	"guide", "idea", "way", "method", "step", "advice", "hack", "instruction", "tutorial",
	// "the coolest thing to set on fire": asking for a pick is asking how
	"coolest", "funniest", "craziest", "sickest", "wildest", "biggest", "loudest")

// modals after "you" make an instruction ("you can", "you should").
var modals = newSet("can", "could", "should", "need", "must", "will", "have", "may", "might")

// helpers make "me" the doer ("help me", "teach me how to", "let me").
var helpers = newSet("help", "teach", "show", "tell", "let")

// intent reports whether the verb at v is something the asker wants to do.
func (t *text) intent(v int) bool { return t.intentAt(v, 0) }

// intentAt is intent with a bound on how far purpose clauses are followed:
// in "how do I make a knife to stab people", "to stab" carries the intent of
// "make".
func (t *text) intentAt(v, depth int) bool {
	j := v - 1
	for j >= 0 && v-j <= 8 && filler.has(t.toks[j].stem) {
		j--
	}
	walked := t.toks[j+1 : v]
	for k, tk := range walked {
		prev := ""
		if k > 0 {
			prev = walked[k-1].stem
		}
		switch tk.stem {
		case "i", "we", "ill":
			// "I punched him" tells what happened; it does not ask how.
			if len(walked) == 1 && isPast(t.toks[v].raw) {
				continue
			}
			return true
		case "me", "us":
			if helpers.has(prev) {
				return true
			}
		case "you", "someone", "somebody", "one":
			for _, w := range walked[:k] {
				if askers.has(w.stem) {
					return true
				}
			}
			// "you can hide it", "you should try": an instruction
			if k+1 < len(walked) && modals.has(walked[k+1].stem) && tk.stem == "you" {
				return true
			}
		case "to":
			if purpose.has(prev) {
				return true
			}
			// "To make a bomb, mix…" opens an instruction
			if k == 0 && (j < 0 || t.toks[j].stem == sep) {
				return true
			}
		}
	}
	// "the best knife to bring", "tips for shoplifting": asking for advice.
	if len(walked) > 0 && walked[0].stem == "to" && (advice.has(t.at(j-1)) || advice.has(t.at(j-2))) {
		return true
	}
	// "is it better to smoke", "the best place on the body to punch":
	// an advice word a few words back still asks how.
	if len(walked) > 0 && walked[0].stem == "to" && j >= 0 {
		if purpose.has(t.at(j)) && t.at(j) != "what" && t.at(j) != "how" {
			return true
		}
		for k := j - 1; k >= 0 && k >= j-5 && t.toks[k].stem != sep; k-- {
			if advice.has(t.toks[k].stem) {
				return true
			}
		}
	}
	// "me and my friends want to jump this kid": a plan made with a crew.
	if j >= 1 && crews.has(t.at(j)) && (t.at(j-1) == "my" || t.at(j-1) == "our") {
		for _, tk := range walked {
			if desires.has(tk.stem) {
				return true
			}
		}
	}
	// "crush up my pills and snort them": a verb joined to an intended one.
	if depth == 0 && len(walked) > 0 && conjunctions.has(walked[0].stem) && j >= 0 {
		for k := j; k >= 0 && k >= j-6 && t.toks[k].stem != sep && !phraseEnd.has(t.toks[k].stem); k-- {
			if t.imperativeDo(k) {
				return true
			}
			if !filler.has(t.toks[k].stem) && !determiners.has(t.toks[k].stem) && t.intentAt(k, depth+1) {
				return true
			}
		}
	}
	if t.at(v-1) == "for" && advice.has(t.at(v-2)) {
		return true
	}
	if depth == 0 && len(walked) == 1 && walked[0].stem == "to" && j >= 1 {
		// "what can i spray in someone's face to hurt them"
		for k := j - 1; k >= 0 && k >= j-5 && t.toks[k].stem != sep && !phraseEnd.has(t.toks[k].stem); k-- {
			if !filler.has(t.toks[k].stem) && !determiners.has(t.toks[k].stem) && t.intentAt(k, depth+1) {
				return true
			}
		}
		// VERB (det)* NOUN to VERB: the purpose of an intended act.
		for k := j - 1; k >= 0 && k >= j-4 && t.toks[k].stem != sep; k-- {
			if t.intentAt(k, depth+1) && !filler.has(t.toks[k].stem) {
				return true
			}
			if !determiners.has(t.toks[k].stem) {
				break
			}
		}
	}
	start := j < 0 || t.toks[j].stem == sep
	if !start {
		return false
	}
	// "want to set it on fire", "trying to get high": the "I" left out.
	if len(walked) >= 2 && desires.has(walked[0].stem) && walked[len(walked)-1].stem == "to" {
		return true
	}
	for _, tk := range walked {
		if !discourse.has(tk.stem) {
			return false
		}
	}
	return isBase(t.toks[v])
}

// intentAny reports whether any of the verbs of s is used with intent.
func (t *text) intentAny(s *set) bool {
	return t.each(s, t.intent)
}

// isBase reports whether a token was typed in its base form ("hack", not
// "hacking"), as a command would be.
func isBase(tk token) bool {
	return tk.raw == tk.stem || tk.raw+"e" == tk.stem
}

// isPast reports whether a word was typed in the past tense.
func isPast(raw string) bool {
	if len(raw) > 3 && raw[len(raw)-2:] == "ed" {
		return true
	}
	switch raw {
	case "stole", "hid", "bought", "took", "got", "made", "shot", "fought", "sold", "drank",
		"ate", "threw", "broke", "bit", "struck", "snuck", "beat", "hit", "hurt", "cut", "stabbed":
		return true
	}
	return false
}

// anyIntent reports whether the text asks how to do something: an intent
// frame ("how to", "I want to", "help me") in front of any word, or a
// command verb opening a sentence. A sentence's first word alone is not
// enough ("why do people gamble" is not a command).
func (t *text) anyIntent() bool {
	if t.asks == 0 {
		t.asks = 1
		if t.findIntent() {
			t.asks = 2
		}
	}
	return t.asks == 2
}

// findIntent does the work of anyIntent.
func (t *text) findIntent() bool {
	for i := range t.toks {
		w := t.toks[i].stem
		if t.imperativeDo(i) {
			return true
		}
		if w == sep || filler.has(w) || questionWords.has(w) || w == "why" {
			continue
		}
		if t.intent(i) && (commands.has(w) || !t.clauseStart(i)) {
			return true
		}
	}
	return false
}

// imperativeDo reports a request opening with "do" as a verb ("do my
// homework for me"), not as a question ("do you know", "do cats dream").
func (t *text) imperativeDo(i int) bool {
	if t.at(i) != "do" || t.toks[i].raw != "do" || !t.clauseStart(i) {
		return false
	}
	next := t.at(i + 1)
	return next == "my" || next == "this" || next == "these" || next == "the" || next == "our"
}

// commands are verbs a student opens a request with.
var commands = newSet("tell", "give", "show", "make", "write", "find", "get", "send", "buy",
	"bring", "hide", "put", "do", "try", "sneak", "steal", "hack", "mix", "light", "jump", "eat",
	"swallow", "lick", "climb", "ride", "hold", "list", "describe", "create", "draw", "post",
	"spread", "start", "call", "text", "say", "teach", "roast", "insult", "beat", "fight",
	"rewrite", "reword", "paraphrase", "rank", "rate", "prove", "caption", "spike", "expose")

// clauseStart reports whether only discourse words come before i in its
// sentence.
func (t *text) clauseStart(i int) bool {
	for k := i - 1; k >= 0 && t.toks[k].stem != sep; k-- {
		if !discourse.has(t.toks[k].stem) {
			return false
		}
	}
	return true
}
