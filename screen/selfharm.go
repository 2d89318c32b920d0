package screen

// Self-harm: a student who may hurt themselves gets help lines, never a lesson.

var (
	selfHarmVerbs = newSet("kill", "hurt", "harm", "cut", "hang", "drown", "starve", "poison",
		"shoot", "stab", "burn", "punish", "choke", "strangle", "suffocate", "slit", "injure",
		"overdose", "end", "scratch", "bruise", "beat", "hit", "punch")
	reflexive = newSet("myself", "yourself", "ourselves", "my self", "your self", "urself",
		"themselves", "herself", "himself", "themself", "theirself", "theirselves", "hisself")
	suicideWords = newSet("suicid~", "self harm", "selfharm", "self injury", "self harming",
		"my self harm")
	// storyFrame marks suicide as a topic in history or a book, not the asker's.
	storyFrame = newSet("romeo", "juliet", "gatsby", "daisy", "darcy", "elizabeth", "jane eyre",
		"odyssey", "odysseus", "penelope", "helen", "troy", "paris", "antony", "scarlet letter",
		"pride and prejudice", "twilight", "fairy tale", "cinderella", "snow white", "myth",
		"hitler", "cleopatra", "socrates", "hamlet", "ophelia", "character", "novel", "play",
		"poem", "story", "book", "author", "history", "historical", "rate", "statistic", "emperor",
		"king", "queen", "general", "soldier", "samurai", "kamikaze", "pilot", "mission", "squad",
		"bombing", "bomber", "attack", "seppuku",
		"shakespeare", "tragedy", "myth", "legend", "war")
	firstOrSecond = newSet("i", "me", "my", "myself", "we", "us", "our", "you", "your",
		"yourself", "ill", "mine")
)

var selfHarmPhrases, selfHarmOutput, pointOfLiving, nobodyCares []*pattern

func initRules19() {
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
		"how to overdose", "how do/can/would/could/does i/you/u/someone/one/person/people overdose",
		"want to overdose",
		"overdose on * pill/pills/tylenol/medicine/advil/sleeping/@means", "not want to be here anymore",
		"happier/better/easier * if i * not/never * here/around/alive/exist/born",
		"if i * not * here/around/alive * anymore", "disappear/vanish * never * come_back/return/be_found",
		"@means * could/would/will/can/to * end it", "end it * with * @means",
		// something swallowed "to end it", whatever it is called
		"drink/swallow/eat/take/inhale/huff * to end it", "drink/swallow/eat/take * so * i * die/not wake",
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
		// not eating until the weight goes, or until you faint
		"stop/quit/skip/not eat/eating * lose weight/lose * pound/pounds/kilo/kilos/thin/skinny",
		"not eat/eating * for * day/days/week/weeks/month",
		"stop/quit eat/eating * for * day/days/week/weeks/month",
		"starve/starving * lose weight/thin/skinny", "lose weight * by * not eat/eating/starving",
		"how long * without food/eating * before * pass_out/faint/collapse/die",
		"without food/eating * i * want * try", "go without food/eating * i want",
		"cut/cutting * without * leave/leaving * scar/scars/mark/marks",
		"if i * jump/jumped/fell/fall * off/from * bridge/building/cliff/overpass/tower/balcony/skyscraper",
		"cut/cutting * without * notice/know/see/find/tell/parent/mom/dad/anyone",
		// wanting not to exist, said sideways
		"stop exist", "not exist anymore", "not want to exist",
		"least painful/painless/easiest/quickest/fastest/peaceful/best way to go/die/end/disappear/stop",
		"painless overdose/death", "overdose * not * hurt", "die * without * pain/hurt",
		"anyone/anybody/people/everyone/they/somebody/someone * notice/care/miss * if i * go/dead/die/disappear",
		"make/let * me * sleep forever", "sleep forever * i/me/my", "i/me ** sleep forever",
		"wish ** sleep forever", "point * of/in * live/living/life/exist/existing/go_on/try/trying * anymore?",
		"nobody/no_one * care/cares * about * me",
		"want * all * to * stop/end * forever", "want * everything * to * stop/end",
		"so done with everything", "done with life/live",
		"@selfHarmVerb my * arm/arms/leg/legs/wrist/wrists/skin/thigh/thighs/stomach * till/until * bleed",
		"blade/razor * out of * sharpener/razor/shaver", "take apart * sharpener/razor * blade",
	)
	pointOfLiving = pats("point * of/in * live/living/life/exist/existing/go_on/try/trying")
	nobodyCares = pats("nobody/no_one * care/cares * about * me")
	selfHarmOutput = pats(
		"you should die", "ways to die", "way to kill yourself", "how to kill yourself",
		"how many pill", "how much * to overdose", "painless way to die", "easiest way to die",
		"go die",
	)
}

var (
	// lethalWords name a deadly outcome; with a means and an amount they ask
	// how much of something would kill ("how much tylenol is lethal").
	lethalWords = newSet("lethal", "fatal", "deadly", "deadliest", "overdose", "od", "die",
		"dead", "bleed out", "suicide")
	// means are ways people hurt themselves: medicines, household poisons,
	// heights and blades.
	means = newSet("pill", "medicine", "medication", "med", "tylenol", "advil", "ibuprofen",
		"acetaminophen", "paracetamol", "aspirin", "melatonin", "insulin", "benadryl", "nyquil",
		"sleeping pill", "painkiller", "xanax", "percocet", "oxy", "opioid", "antidepressant",
		"prescription", "dose", "dosage", "bleach", "rat poison", "poison", "cleaner",
		"household cleaner", "cleaning product", "detergent", "antifreeze", "drano", "pesticide",
		"ammonia", "rope", "fall", "jump", "floor", "story", "storey", "building", "bridge",
		"roof", "feet", "ft", "foot", "meter", "height", "high", "cliff", "cut", "bleed",
		"bleed out", "vein", "wrist", "razor", "blade", "drown", "mg", "milligram", "gram",
		"overdose", "caffeine pill", "iron pill", "vitamin")
	// amounts ask how much, how high or which is worst.
	amounts = newSet("enough", "dose", "dosage", "amount", "most", "least", "deadliest", "mg",
		"milligram", "gram", "too many", "too much", "at once")
	// statFrame makes deaths a statistic or a lesson ("how many people die from
	// falls each year", "why did so many soldiers die").
	statFrame = newSet("each year", "per year", "every year", "annually", "statistic", "rate",
		"percent", "percentage", "history", "historical", "war", "soldier", "battle", "species",
		"animal", "cat", "dog", "mouse", "insect", "bug", "plant", "ld50", "definition", "define",
		"population", "country", "world", "record", "character", "novel", "story", "book",
		"toddler", "child", "children", "baby", "pet", "safe", "safety", "prevent", "poison control",
		"naloxone", "narcan", "treat", "treatment", "doctor", "nurse", "hospital", "concept",
		"class", "toxicology", "pharmacology", "science", "biology", "term", "mean", "meaning",
		"lesson", "snake", "spider", "shark", "disease", "virus")
	concealVerbs = newSet("hide", "cover", "conceal", "explain", "excuse", "keep", "heal", "tell",
		"say", "lie",
		"makeup", "sleeve", "long sleeve", "bracelet", "bandaid", "band aid")
	injuries = newSet("cut", "scar", "scratch", "mark", "bruise", "burn", "wound", "self harm",
		"my self harm", "slice", "scab")
	audience = newSet("parent", "mom", "dad", "mother", "father", "family", "anyone", "anybody",
		"nobody", "no one", "no_one", "people", "person", "teacher", "friend", "ask", "see",
		"notice", "pool", "school", "gym", "secret", "counselor", "nurse", "sister", "brother",
		"grandmother", "grandfather", "guardian", "stepmom", "stepdad", "coach", "summer", "swim")
	selfMade = newSet("myself", "my self", "on purpose", "self harm", "my self harm")
)

var amountFrames, lethalOutcomes, bigDose, sleepOutcomes, enoughFrames []*pattern

// fallMeans are heights jumped from.
var fallMeans = newSet("floor", "story", "storey", "bridge", "building", "roof", "rooftop",
	"balcony", "cliff", "overpass", "parking garage", "window")

func initRules20() {
	amountFrames = pats("how much/many/high/far/deep/long/tall/big/strong",
		"what/which amount/dose/dosage/floor/height/story/storey/number/pill/medicine/cleaner/product",
		"too many/much", "high/far/tall/big enough", "at once", "most/least deadly/lethal/painful",
		"is * enough")
	lethalOutcomes = pats("not * survive", "not * wake up", "never * wake up", "bleed out",
		"kill/kills * me/you/u/myself/yourself/person/human/someone/somebody/people/teen/teenager/kid/adult",
		"end * my/your * life", "sleep forever", "to die", "and die", "would die", "i die",
		"you die", "stop * heart", "on purpose", "i ** drown", "drown myself", "to drown",
		"too much/many * to * survive")
	sleepOutcomes = pats("not * wake up", "never * wake up", "sleep forever", "bleed out", "on purpose")
	enoughFrames = pats("jump/jumping/fall/falling * from/off ** enough", "high/tall enough",
		"enough * to * die/end")
	bigDose = pats("take/swallow/eat/pop/drink/chug/down * all/whole/entire * @means",
		"take/swallow/eat/pop/drink/chug/down * 10/15/20/25/30/40/50/60/70/80/90/100/ten/twenty/thirty/forty/fifty/hundred * @means",
		"take/swallow/eat/pop/drink/chug/down * bottle * of * @means")
}

// lethalAsk reports a question about how much of a medicine, a poison or a
// fall would kill: an amount, a means and a deadly outcome in one sentence,
// outside a lesson's statistics ("how many soldiers died at Gettysburg").
func (t *text) lethalAsk() bool {
	return t.inSentence(func(s *text) bool {
		if s.has(statFrame) || s.storyish() {
			return false
		}
		if !s.has(means) && !(s.has(ingestVerbs) && s.has(lethalWords)) {
			return false
		}
		deadly := s.has(lethalWords) || s.any(lethalOutcomes)
		amount := s.has(amounts) || s.any(amountFrames)
		if deadly && amount {
			return true
		}
		// "can you overdose on melatonin and not wake up": a means and an
		// outcome asked about oneself
		if deadly && s.has(firstOrSecond) && s.any(sleepOutcomes) {
			return true
		}
		// "is jumping from the 5th floor enough"
		if s.has(fallMeans) && s.any(enoughFrames) {
			return true
		}
		// "what happens if i take 30 tylenol at once"
		return s.has(subjects) && s.any(bigDose)
	})
}

// hidesInjury reports hiding cuts, scars, bruises or burns from the adults
// who would help ("how do i hide the marks on my arm from my mom"). An
// accident ("a bruise from falling off my bike") is not hidden for help.
func (t *text) hidesInjury() bool {
	return t.inSentence(func(s *text) bool {
		if !s.has(injuries) || !(s.has(concealVerbs) || s.secret() || s.any(deflect)) {
			return false
		}
		self := s.has(selfMade) || s.any(selfMadePhrases)
		if s.has(accidents) && !self {
			return false
		}
		if !s.has(firstOrSecond) && !s.has(people) && !self {
			return false
		}
		return self || s.has(audience) || s.secret()
	})
}

var selfMadePhrases, deflect []*pattern

func initRules21() {
	deflect = pats("stop * ask/asking/notice/noticing/look/looking/worry/worrying/check/checking",
		"less/not * obvious/noticeable/visible",
		"so * parent/parents/mom/dad/teacher/she/he/they/anyone/nobody/no_one/people * not? * ask/asks/see/sees/notice/notices")
	selfMadePhrases = pats("i * give/do/make * myself/to myself", "that i * do/make/give",
		"i * do * to * myself", "find out * i * do/make/give", "know * i * do/make/give",
		"i * do/make/give * them/it/these/this $")
}

// storyish reports a sentence about a story or the past ("why did Romeo
// kill himself"): a story word, or a verb typed in the past tense.
func (t *text) storyish() bool {
	if t.has(storyFrame) {
		return true
	}
	for _, tk := range t.toks {
		if tk.raw == "did" || tk.raw == "was" || tk.raw == "were" {
			return true
		}
	}
	return false
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
	if t.any(selfHarmPhrases) && !(t.any(pointOfLiving) && !t.has(firstOrSecond) && !t.any(nobodyCares)) || t.lethalAsk() || t.hidesInjury() {
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
		// "why do cells kill themselves": a cell, a plant or an animal
		// doing it is biology
		if t.has(lifeForms) && !firstOrSecond.has(t.at(r)) && !t.has(firstOrSecond) {
			return false
		}
		return firstOrSecond.has(t.at(r)) || t.has(firstOrSecond) || !t.storyish()
	}) {
		return true
	}
	if t.has(suicideWords) {
		// "what are the warning signs that a friend might be suicidal" is
		// health class; the asker's own words are not.
		return t.has(firstOrSecond) || !t.storyish() && !t.has(prevention)
	}
	return false
}

// prevention marks a health question about spotting and helping others.
var prevention = newSet("sign", "warning sign", "prevent", "prevention", "awareness", "help",
	"support", "hotline", "counselor", "risk factor", "notice")

var accidents = newSet("accident~", "skate~", "fell", "fall", "tripped", "trip", "playing",
	"practice", "bike", "sport", "soccer", "football", "basketball", "gym", "knee", "ankle", "wrist")

// lifeForms are the things biology says kill or harm themselves: cells
// (apoptosis), bees, plants, bacteria.
var lifeForms = newSet("cell", "cells", "bacteria", "bacterium", "virus", "plant", "tree",
	"bee", "ant", "termite", "spider", "insect", "animal", "fish", "octopus", "lemming",
	"scorpion", "salmon", "mantis", "organism", "tissue", "neuron", "gene", "immune system",
	"white blood cell", "leaf", "leaves", "species", "colony", "star", "stars")
