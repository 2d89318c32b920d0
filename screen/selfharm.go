package screen

// Self-harm: a student who may hurt themselves gets help lines, never a lesson.

var (
	selfHarmVerbs = newSet("kill", "hurt", "harm", "cut", "hang", "drown", "starve", "poison",
		"shoot", "stab", "burn", "punish", "choke", "strangle", "suffocate", "slit", "injure",
		"overdose", "end", "scratch", "bruise", "beat", "hit", "punch")
	reflexive = newSet("myself", "yourself", "ourselves", "my self", "your self", "urself",
		"themselves", "herself", "himself")
	suicideWords = newSet("suicid~", "self harm", "selfharm", "self injury", "self harming")
	// storyFrame marks suicide as a topic in history or a book, not the asker's.
	storyFrame = newSet("romeo", "juliet", "gatsby", "daisy", "darcy", "elizabeth", "jane eyre",
		"odyssey", "odysseus", "penelope", "helen", "troy", "paris", "antony", "scarlet letter",
		"pride and prejudice", "twilight", "fairy tale", "cinderella", "snow white", "myth",
		"hitler", "cleopatra", "socrates", "hamlet", "ophelia", "character", "novel", "play",
		"poem", "story", "book", "author", "history", "historical", "rate", "statistic", "emperor",
		"king", "queen", "general", "soldier", "samurai", "kamikaze", "pilot", "mission", "squad",
		"bombing", "bomber", "attack", "seppuku",
		"did", "shakespeare", "tragedy", "myth", "legend", "war")
	firstOrSecond = newSet("i", "me", "my", "myself", "we", "us", "our", "you", "your",
		"yourself", "ill", "mine")
)

var selfHarmPhrases, selfHarmOutput []*pattern

func init() {
	selfHarmPhrases = pats(
		"end my life", "end it all", "take my own? life", "want to die", "ready to die",
		"wish i be/was/were dead", "wish i be/was/were never born", "wish i be/was/were not alive",
		"wish i was/were not here", "wish i could disappear", "want to disappear forever",
		"not want to live/exist", "not want to be alive/here/around", "not want to wake up",
		"never want to wake up", "no reason to live", "nothing to live for", "better off dead",
		"better off without me", "nobody/no_one would miss me",
		"nobody/no_one would care if i die/be", "how many pill", "how much * to overdose/die",
		"overdose on purpose", "painless way to die", "easiest way to die", "quickest way to die",
		"best way to die", "way to kill myself", "how to die", "how do i die",
		"cut/slit my wrist/wrists/arm/arms/leg/legs/thigh/thighs/skin",
		"hide my cut/cuts/scar/scars", "hide the cut/cuts/scar/scars", "cut scar", "hate myself",
		"make myself throw up/puke/vomit", "make myself sick so",
		"jump off/from * bridge/building/cliff/tower/overpass so * die",
		"i/we want * jump off/from * bridge/building/cliff/tower/overpass",
		"think * about jump off/from * bridge/building/cliff/tower/overpass", "set myself on fire",
		"starve myself", "stop eat * so * thin/skinny/die", "step in front of * train/car/bus",
		"walk into traffic", "drink bleach to die", "not worth live", "life be not worth",
		"want it all to end", "want everything to end",
		"nobody/no_one * notice/care/miss * if i * disappear/die/gone/dead/kill",
		"i * disappear forever", "how deep ** cut", "cut * deep enough", "cut * vein",
		"how to/do * overdose", "want to overdose",
		"overdose on * pill/pills/tylenol/medicine/advil/sleeping", "not want to be here anymore",
		"everyone * better off * without me", "kill me now", "tired of live/life/be alive",
		"can not go on", "give up on life", "feel like * end it/die/disappear/dying",
		"want to end it", "go to end it", "think * about end it", "end it tonight/today/soon/now",
		"i * think * about * die/death/suicide/kill", "i * think * about * end it",
		"i * think * about * not be here/alive",
		"whole/entire bottle * pill/pills/medicine/tylenol/advil/sleeping",
		"take * all * my * pill/pills/medicine", "swallow * whole/entire/all * pill/pills/bottle",
		"make * look like * accident * if/when * i * die/dead/gone", "want * sleep forever",
		"sleep * and * never/not * wake up", "wish * not * wake up", "want * not * wake up",
		"way/how to cut without",
		"cut/cutting * without * notice/know/see/find/tell/parent/mom/dad/anyone",
	)
	selfHarmOutput = pats(
		"you should die", "ways to die", "way to kill yourself", "how to kill yourself",
		"how many pill", "how much * to overdose", "painless way to die", "easiest way to die",
		"go die",
	)
}

// selfHarm reports a student who may hurt themselves. It takes precedence
// over every other rule. In lesson text (output) only instructions or
// encouragement count, so a safety line like "if you want to hurt yourself,
// talk to an adult" is not flagged.
func (t *text) selfHarm(output bool) bool {
	if output {
		if t.any(selfHarmOutput) {
			return true
		}
		return t.each(selfHarmVerbs, func(v int) bool {
			return t.after(v, reflexive, 2) >= 0 && (t.intent(v) || t.at(v-1) == "should")
		})
	}
	if t.any(selfHarmPhrases) {
		return true
	}
	if t.each(selfHarmVerbs, func(v int) bool {
		r := t.after(v, reflexive, 2)
		if r < 0 {
			return false
		}
		// "I hurt myself skating" does not need help lines, nor does "why did
		// Romeo and Juliet kill themselves". "Why do people hurt themselves"
		// is answered gently with them all the same.
		if isPast(t.toks[v].raw) && t.near(v, accidents, 6) {
			return false
		}
		return firstOrSecond.has(t.at(r)) || t.has(firstOrSecond) || !t.has(storyFrame)
	}) {
		return true
	}
	if t.has(suicideWords) {
		return t.has(firstOrSecond) || !t.has(storyFrame)
	}
	return false
}

var accidents = newSet("accident~", "skate~", "fell", "fall", "tripped", "trip", "playing",
	"practice", "bike", "sport", "soccer", "football", "basketball", "gym", "knee", "ankle", "wrist")
