package screen

// Helpers the unsafe rules share: finding who a verb acts on, and what.
//
// Each unsafe rule is a general mechanism (an intent frame, a harmful verb,
// its object or target), not a list of sentences. Unsafe asks are refused
// whatever else the text says.

// determiners may stand between a verb and its target ("hurt my annoying
// brother"): a target search walks over them.
var determiners = newSet("a", "an", "the", "my", "his", "their", "this", "that", "these",
	"those", "some", "any", "every", "our", "your", "up", "at", "on", "down", "out", "off", "whole",
	"entire", "little", "big", "new", "old", "own", "other", "another", "back", "stupid",
	"annoying", "mean", "dumb", "fat", "ugly", "weird", "lil", "real", "next", "door", "best",
	"younger", "older", "baby", "step", "ex", "so", "really", "all", "of", "and", "or",
	"her", "one", "two", "few", "kid", "poor", "innocent", "random")

// objectStop are things, not people: "shoot a basketball at my friend" aims
// the ball, it does not shoot the friend.
var objectStop = newSet("ball", "basketball", "football", "soccer", "baseball", "puck", "hoop",
	"shot", "goal", "photo", "picture", "video", "film", "movie", "scene", "game", "toy", "balloon",
	"note", "paper", "free throw", "three pointer", "layup", "pass", "serve", "question",
	"feeling", "idea", "arrow", "target", "bullseye", "homework", "essay", "record", "time")

// target returns the position of the person or animal a verb at v acts on,
// or -1. One unknown word (an adjective) may come first.
func (t *text) target(v int) int {
	unknown := 0
	for k := v + 1; k < len(t.toks) && k <= v+5; k++ {
		tk := t.toks[k]
		switch {
		case tk.stem == sep || phraseEnd.has(tk.stem) || objectStop.has(tk.stem) || targetStop.has(tk.stem):
			return -1
		case targets.has(tk.stem) || honorifics.has(tk.stem):
			if t.near(k, feelings, 2) && !t.near(k, bodyParts, 3) {
				return -1 // "hurt my friend's feelings" is not violence
			}
			return k
		case tk.name:
			return k
		case (tk.stem == "it" || tk.stem == "them") && t.has(animals):
			return k // "my dog bit me, how do I hurt it back"
		case determiners.has(tk.stem):
		default:
			unknown++
			if unknown > 1 {
				return -1
			}
		}
	}
	return -1
}

// targetStop words start a phrase that is not the verb's object ("fight
// for my friend").
var targetStop = newSet("for", "with", "about", "from", "by", "like", "as", "than", "near",
	"behind", "beside", "during", "after", "before", "until", "till", "alongside", "against")

var feelings = newSet("feeling", "pride", "ego", "chance", "grade", "reputation")
var bodyParts = newSet("face", "arm", "leg", "nose", "head", "neck", "stomach", "eye", "jaw",
	"teeth", "tooth", "hand", "finger", "rib", "back")

// hurtsSomeone reports whether a verb of verbs is used with intent against a
// person or animal.
func (t *text) hurtsSomeone(verbs *set) bool {
	return t.each(verbs, func(v int) bool { return t.intent(v) && t.target(v) >= 0 })
}

// verbObject reports whether a verb of verbs is used with intent on an object
// of objects within window words.
func (t *text) verbObject(verbs, objects *set, window int) bool {
	return t.each(verbs, func(v int) bool { return t.intent(v) && t.after(v, objects, window) >= 0 })
}

// indexOf returns the position of the first w after i, or i.
func (t *text) indexOf(w string, i int) int {
	for k := i + 1; k < len(t.toks) && k <= i+4; k++ {
		if t.at(k) == w {
			return k
		}
	}
	return i
}
