package screen

import "strings"

// Unsafe rules. Each is a general mechanism (an intent frame, a harmful verb,
// its object or target), not a list of sentences. They are refused whatever
// else the text says.

// determiners may stand between a verb and its target ("hurt my annoying
// brother"): a target search walks over them.
var determiners = newSet("a", "an", "the", "my", "his", "their", "this", "that", "these",
	"those", "some", "any", "every", "our", "your", "up", "at", "on", "down", "out", "off",
	"whole", "entire", "little", "big", "new", "old", "own", "other", "another", "back",
	"stupid", "annoying", "mean", "dumb", "fat", "ugly", "weird", "lil", "real", "next", "door",
	"best", "younger", "older", "baby", "step", "ex", "so", "really", "all", "of", "and", "or",
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

// ---- self-harm --------------------------------------------------------------

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
		"pride and prejudice", "twilight", "fairy tale", "cinderella", "snow white", "myth", "hitler", "cleopatra", "socrates", "hamlet", "ophelia",
		"character", "novel", "play", "poem", "story", "book", "author", "history", "historical",
		"rate", "statistic", "emperor", "king", "queen", "general", "soldier", "samurai",
		"kamikaze", "pilot", "mission", "squad", "bombing", "bomber", "attack", "seppuku",
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
		"better off without me", "nobody/no one would miss me", "nobody/no one would care if i die/was/were",
		"how many pill", "how much * to overdose/die", "overdose on purpose", "painless way to die",
		"easiest way to die", "quickest way to die", "best way to die", "way to kill myself",
		"how to die", "how do i die", "cut/slit my wrist/wrists/arm/arms/leg/legs/thigh/thighs/skin",
		"hide my cut/cuts/scar/scars", "hide the cut/cuts/scar/scars", "cut scar",
		"hate myself", "make myself throw up/puke/vomit", "make myself sick so",
		"jump off/from * bridge/building/cliff/tower/overpass so * die",
		"i/we want * jump off/from * bridge/building/cliff/tower/overpass",
		"think * about jump off/from * bridge/building/cliff/tower/overpass",
		"set myself on fire", "starve myself", "stop eat * so * thin/skinny/die",
		"step in front of * train/car/bus", "walk into traffic", "drink bleach to die",
		"not worth live", "life be not worth", "want it all to end", "want everything to end",
		"nobody/no_one * notice/care/miss * if i * disappear/die/gone/dead/kill",
		"i * disappear forever", "how deep ** cut", "cut * deep enough", "cut * vein",
		"how to/do * overdose", "want to overdose", "overdose on * pill/pills/tylenol/medicine/advil/sleeping",
		"not want to be here anymore", "everyone * better off * without me", "kill me now",
		"tired of live/life/be alive", "can not go on", "give up on life",
		"feel like * end it/die/disappear/dying", "want to end it", "go to end it", "think * about end it",
		"end it tonight/today/soon/now", "i * think * about * die/death/suicide/kill", "i * think * about * end it",
		"i * think * about * not be here/alive",
		"whole/entire bottle * pill/pills/medicine/tylenol/advil/sleeping", "take * all * my * pill/pills/medicine",
		"swallow * whole/entire/all * pill/pills/bottle", "way/how to cut without", "cut/cutting * without * notice/know/see/find/tell/parent/mom/dad/anyone",
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

// indexOf returns the position of the first w after i, or i.
func (t *text) indexOf(w string, i int) int {
	for k := i + 1; k < len(t.toks) && k <= i+4; k++ {
		if t.at(k) == w {
			return k
		}
	}
	return i
}

// ---- violence ---------------------------------------------------------------

var (
	// killVerbs are harm whatever the object, unless it is clearly harmless
	// ("kill time", "kill bacteria", "kill the ender dragon").
	killVerbs = newSet("kill", "murder", "stab", "strangle", "kidnap", "torture", "assassinate",
		"behead", "shank", "decapitate", "massacre", "slaughter", "maim")
	harmlessKill = newSet("time", "it", "bacteria", "germ", "virus", "weed", "bug", "ant",
		"insect", "fly", "mosquito", "cockroach", "roach", "mold", "fungus", "process", "task",
		"app", "program", "boredom", "zombie", "boss", "mob", "dragon", "ender dragon", "creeper",
		"monster", "enemy", "plant", "lice", "tick", "flea", "wasp", "rat", "cell", "cancer",
		"pain", "vibe", "mood", "battery", "engine", "game", "test", "exam", "presentation",
		"light", "music", "level", "character", "npc", "villager", "wither", "spider", "slug",
		"snail", "termite", "pest", "infection", "tumor", "parasite", "the", "a", "an", "this",
		"that", "in", "on", "my", "cancer cell", "tree", "grass", "vibes", "quiz", "audition",
		"interview", "speech", "performance", "dance", "song", "look", "outfit", "hair", "pimple",
		"acne", "smell", "odor", "joke", "line", "conversation", "hour", "minute", "day",
		"weekend", "summer", "break", "switch", "power", "noise", "sound", "engine", "fire",
		"python", "script", "command", "loop", "thread", "server", "job", "tab", "terminal",
		"computer", "pid", "node", "container", "docker", "java", "query", "request", "session",
		"flame", "germ", "microbe", "pathogen", "weed", "week", "people time")
	harmVerbs = newSet("hurt", "hit", "punch", "kick", "attack", "fight", "slap", "choke",
		"push", "shove", "burn", "drown", "jump", "trip", "beat up", "smack", "injure", "assault",
		"abuse", "bite", "shoot", "poison", "threaten", "knock out", "run over", "strangle",
		"suffocate", "whip", "headbutt", "body slam", "pepper spray", "tase", "stomp",
		"pistol whip", "mug", "spit on", "stab", "shove", "trample", "electrocute", "drug",
		"sucker punch", "jump on")
	_           = harmless("hit on")
	weaponVerbs = newSet("make", "build", "get", "buy", "bring", "take", "sneak", "carry",
		"hide", "find", "print", "3d print", "craft", "assemble", "load", "use", "smuggle", "fire",
		"shoot", "detonate", "set off", "plant", "order", "steal", "create", "construct",
		"design", "mix", "cook", "put together", "wire", "light", "throw", "pack")
	weapons = newSet("gun", "handgun", "pistol", "rifle", "shotgun", "firearm", "ar15", "ar 15",
		"ak47", "ak 47", "glock", "ammo", "ammunition", "bullet", "bomb", "pipe bomb", "explosive",
		"grenade", "molotov", "molotov cocktail", "ied", "dynamite", "tnt", "c4", "napalm",
		"detonator", "silencer", "suppressor", "switchblade", "machete", "brass knuckles",
		"ghost gun", "weapon", "zip gun", "poison gas", "nerve gas", "mustard gas", "toxic gas",
		"chlorine gas", "poison", "atomic bomb", "nuclear bomb", "nuke", "car bomb", "uzi",
		"revolver", "sniper", "assault rifle", "automatic weapon", "crossbow", "throwing star",
		"nunchuck", "stun gun", "mace", "pepper spray", "homemade weapon", "ricin", "anthrax",
		"cyanide", "arsenic", "rat poison", "hand grenade", "land mine", "landmine", "rocket launcher")
	blades = newSet("knife", "blade", "razor", "box cutter", "boxcutter", "scissors", "dagger",
		"sword", "axe", "hatchet")
	carryVerbs = newSet("bring", "take", "sneak", "carry", "hide", "smuggle", "keep", "have",
		"pack", "put", "get", "slip")
	destroyVerbs = newSet("bomb", "blow up", "burn down", "shoot up", "set fire", "torch",
		"firebomb", "nuke", "attack", "raid")
	throwables = newSet("rock", "stone", "brick", "knife", "bottle", "chair", "glass", "bleach",
		"acid", "boiling water")
	revengeVerbs = newSet("get", "take", "plan", "seek", "want", "have")
	revengeWords = newSet("revenge", "payback")
	// benign weapon compounds are registered so they read as one harmless
	// word: a water gun is not a gun.
	_ = harmless("bath bomb", "seed bomb", "photo bomb", "water gun", "nerf gun", "glue gun",
		"hot glue gun", "staple gun", "nail gun", "squirt gun", "bubble gun", "heat gun",
		"bomb shelter", "fallout shelter", "bomb cyclone", "calorie bomb", "poison dart frog",
		"poison dart", "poison ivy", "poison oak", "kill time", "spray gun", "glitter bomb",
		"smoke detector", "fire drill", "fire alarm", "shot put", "steal base", "beat box",
		"water balloon", "nerf blaster", "butter knife", "pizza cutter", "cookie cutter",
		"potato gun", "get high grade", "get high score", "get high mark", "get high marks",
		"blow up a balloon", "blow up balloon", "bomb calorimeter", "bath bombs", "bomb pop",
		"gettysburg address", "inaugural address", "farewell address", "keynote address",
		"web address", "shot clock", "shoot the breeze")
	weaponsAndBlades = union(weapons, blades)
)

var violencePhrases []*pattern

func init() {
	violencePhrases = pats(
		"win a fight", "start a fight", "get in/into a fight", "fight * after school",
		"fight * at school", "plan/do/commit * school/mass shoot",
		"beat my? @targets up", "beat * @targets up", "beat the crap/hell/snot/shit out of",
		"make @targets bleed/suffer/pass_out",
		"put poison/bleach/laxative/glass/drug/pill/rat_poison/pee/spit in * food/drink/coffee/water/lunch/soda/juice",
		"set @targets on fire", "set * @places on fire", "set fire to * @places",
		"break @people arm/leg/nose/jaw/neck/finger/bone", "break * @people arm/leg/nose/jaw/neck",
		"revenge on * @targets", "get back at * @targets", "get even with * @targets",
		"make * @targets pay for", "plan/start/have/pick/organize/set_up * fight * with/at/after",
		"best/good/right/easiest * @weapon/knife/blade/razor * bring/take/carry/sneak/hide * school/class/campus",
		"bring/take/carry/sneak/hide * @weapon/knife/blade/razor * to/into/in/at * school/class/campus/locker",
		"knock/beat/rough/take/mess/smash/bash * @targets * out/up", "knock * @targets * unconscious",
		"@weapon * should/could/can/do * i/we * buy/get/make/bring/build/carry/use/order/steal",
	)
}

// violence reports hurting people or animals, fighting, and making, getting
// or bringing weapons. Asking how weapons changed a war, or how a bomb ended
// one, is history: those sentences have no intent frame.
func (t *text) violence(output bool) bool {
	// a strong harm verb with intent and a real object
	if t.each(killVerbs, func(v int) bool {
		if !t.intent(v) {
			return false
		}
		if t.target(v) >= 0 {
			return true
		}
		next := t.at(v + 1)
		for k := v + 1; k < len(t.toks) && k <= v+2 && determiners.has(t.at(k)); k++ {
			next = t.at(k + 1)
		}
		if next == "" || next == sep {
			return !output
		}
		if next2 := t.firstAfter(t.indexOf(next, v)); harmlessKill.has(next2) && next2 != "the" && next2 != "a" {
			return false
		}
		return !harmlessKill.has(next) && !t.near(v, games, 5)
	}) {
		return true
	}
	if t.hurtsSomeone(harmVerbs) {
		return true
	}
	if t.each(destroyVerbs, func(v int) bool {
		return t.intent(v) && (t.after(v, places, 4) >= 0 || t.target(v) >= 0)
	}) {
		return true
	}
	if t.verbObject(weaponVerbs, weapons, 5) {
		return true
	}
	if t.each(carryVerbs, func(v int) bool {
		return t.intent(v) && t.after(v, weaponsAndBlades, 4) >= 0 && (t.near(v, schoolPlace, 8) || t.secret())
	}) {
		return true
	}
	if t.inSentence(func(s *text) bool { return s.has(weaponsAndBlades) && s.secret() && s.has(firstOrSecond) }) {
		return true
	}
	if t.each(throwVerbs, func(v int) bool {
		return t.intent(v) && t.after(v, throwables, 3) >= 0 && t.after(v, targets, 7) >= 0
	}) {
		return true
	}
	if t.each(revengeVerbs, func(v int) bool { return t.intent(v) && t.after(v, revengeWords, 3) >= 0 }) {
		return true
	}
	if !output && (t.has(firstOrSecond) || t.anyIntent()) && t.any(violencePhrases) {
		return true
	}
	return false
}

var throwVerbs = newSet("throw", "toss", "chuck", "shoot", "fling", "pour", "splash")

// ---- drugs -------------------------------------------------------------------

var (
	drugs = newSet("drug", "weed", "cannabis", "cocaine", "meth",
		"crystal meth", "heroin", "fentanyl", "xanax", "adderall", "oxy", "oxycodone", "percocet",
		"lsd", "acid tab", "shroom", "magic mushroom", "molly", "mdma", "ecstasy", "ketamine",
		"codeine", "vape", "juul", "e cig", "vape pen", "dab pen", "nicotine",
		"cigarette", "cigar", "tobacco", "zyn", "nicotine pouch", "snus", "chewing tobacco",
		"alcohol", "beer", "vodka", "whiskey", "liquor", "wine", "booze", "tequila", "rum",
		"hard seltzer", "white claw", "moonshine", "poppers", "whippet", "nitrous", "inhalant",
		"bong", "rolling paper", "hookah", "delta 8", "kratom", "drug dealer", "opioid", "percs",
		"benzo", "wax pen", "elf bar", "geek bar", "puff bar", "hard liquor", "shot of vodka",
		"alcoholic drink", "sizzurp", "thc cart", "weed pen", "pre roll", "nic", "hash",
		"weed gummies", "edibles", "vape juice", "nic pod", "vape pod", "lean drink")
	// strongDrugs are unmistakable on their own, unlike "drink", "pod" or "high".
	strongDrugs = newSet("drug", "weed", "cannabis", "cocaine", "meth", "crystal meth", "heroin",
		"fentanyl", "xanax", "adderall", "oxy", "oxycodone", "percocet", "lsd", "shroom",
		"magic mushroom", "molly", "mdma", "ecstasy", "ketamine", "lean", "codeine", "vape",
		"juul", "e cig", "vape pen", "dab pen", "nicotine", "cigarette", "cigar", "tobacco", "zyn",
		"nicotine pouch", "snus", "alcohol", "beer", "vodka", "whiskey", "liquor", "booze",
		"tequila", "rum", "hard seltzer", "white claw", "moonshine", "bong",
		"hookah", "delta 8", "kratom", "drug dealer", "elf bar", "geek bar", "puff bar",
		"hard liquor", "thc cart", "weed pen", "wine", "poppers", "whippet", "sizzurp")
	getVerbs = newSet("buy", "get", "find", "order", "sell", "hide", "sneak", "smuggle", "steal",
		"grow", "make", "cook", "brew", "distill", "score", "stash", "bring", "purchase", "obtain",
		"afford", "traffic", "take", "keep", "refill", "charge", "fill", "get rid of")
	useVerbs = newSet("try", "smoke", "vape", "drink", "use", "do", "snort", "inject", "roll",
		"hit", "pop", "chug", "puff", "take", "juul", "huff", "rip", "sip", "blaze",
		"inhale", "smoke weed", "get high", "get drunk", "get wasted", "get stoned", "get faded",
		"get buzzed", "get tipsy", "get hammered", "get blazed", "get crossfaded",
		"trip", "shotgun", "shoot up")
	// intrinsic verbs are drug use without an object ("how do I vape").
	intrinsic = newSet("smoke", "vape", "juul", "snort", "huff", "smoke weed", "get high",
		"get drunk", "get wasted", "get stoned", "get faded", "get buzzed", "get tipsy",
		"get hammered", "get blazed", "get crossfaded", "blaze", "shotgun a beer")
	smokedFood = newSet("meat", "brisket", "salmon", "fish", "rib", "turkey", "bbq", "cheese",
		"detector", "signal", "bomb", "machine", "ham", "pork", "chicken", "sausage", "bacon")
)

var drugPhrases, jointPhrases, bestDrug []*pattern

func init() {
	bestDrug = pats("best/good/cheap/cheapest/strongest/nicest/top * @strongDrug * for/to/brand/flavor/flavour/strain",
		"best/good/cheap/cheapest/strongest/top @strongDrug", "what @strongDrug * should i * get/buy/try",
		"which @strongDrug * should i", "@strongDrug * flavor/flavour/flavors * best/good")
	jointPhrases = pats("roll/smoke/light/hit/buy/get/find/make/share/pass * joint/blunt/spliff/bowl/bong",
		"smoke * pot", "do/snort/buy/get/try * coke/crack/lines", "pop * pill/pills/xanax/percs/molly",
		"take * shot/shots * vodka/tequila/whiskey/rum/alcohol/liquor")
	drugPhrases = pats(
		"pass/beat/cheat/trick/fake a? drug test", "fake pee", "synthetic urine",
		"drug test * pass/beat/cheat/trick", "where * buy/get * @strongDrug",
		"fake_id * @strongDrug", "@strongDrug * fake_id",
	)
}

// drugsAsk reports getting, using or hiding drugs, alcohol, vapes or
// cigarettes. What they do to your body is health class.
func (t *text) drugsAsk(output bool) bool {
	about := t.has(effects)
	if t.verbObject(getVerbs, drugs, 8) {
		// "how do I get my brother to stop vaping" is stopped by phraseEnd;
		// "get drunk/high" are use verbs.
		return true
	}
	if t.each(useVerbs, func(v int) bool {
		if !t.intent(v) {
			return false
		}
		if t.after(v, drugs, 4) >= 0 || (intrinsic.has(t.at(v)) && t.after(v, smokedFood, 3) < 0) {
			return !about || t.secret()
		}
		return false
	}) {
		return true
	}
	if t.inSentence(func(s *text) bool { return s.has(drugsOrUse) && s.secret() && s.has(firstOrSecond) }) {
		return true
	}
	if !output && t.any(drugPhrases) {
		return true
	}
	if t.any(bestDrug) && !about {
		return true
	}
	if t.any(jointPhrases) && (t.anyIntent() || t.has(firstOrSecond)) && !about {
		return true
	}
	// "how much alcohol to get drunk", "how many edibles to get high"
	if !about && t.inSentence(func(s *text) bool { return s.has(getHigh) && (s.has(firstOrSecond) || s.any(howMuch)) }) {
		return true
	}
	return false
}

var drugsOrUse = union(drugs, intrinsic)

var getHigh = newSet("get high", "get drunk", "get wasted", "get stoned", "get faded",
	"get buzzed", "get tipsy", "get hammered", "get blazed", "get crossfaded")

var howMuch []*pattern

func init() { howMuch = pats("how much/many") }

// ---- sexual ------------------------------------------------------------------

var (
	sexualWords = newSet("porn~", "nude", "nsfw", "hentai", "onlyfans", "horny", "sext",
		"sexting", "erotic~", "xxx", "blowjob", "handjob", "dick pic", "boob", "tits",
		"masturbat~", "orgasm~",
		"strip club", "stripper", "lewd", "hookup", "hook up with", "make out with",
		"have sex", "sex with", "sex video", "sex tape", "sex position", "sex story", "sex chat",
		"sexy picture", "sexy photo", "sexy story", "sexy video", "sexy pic", "naked picture",
		"naked photo", "naked video", "naked selfie", "send nude", "lose my virginity",
		"seduce", "rule 34", "r34", "spicy picture", "thirst trap", "sexting", "sex cam",
		"booty pic", "camgirl", "fetish", "bdsm", "sex toy", "condom", "virginity",
		"get laid", "one night stand", "smut", "rape", "raping", "molest~", "genital~",
		"penis", "vagina", "dildo", "vibrator", "threesome", "nipple", "twerk on", "sexual act", "sexual thing", "sexual stuff", "sexual content",
		"sexual story", "sexual picture", "sexual video", "sexual fantasy", "sexual roleplay",
		"sexual joke", "sexy", "naked")
	// bodies in biology and health class are not sexual content.
	healthFrame = newSet("reproductive system", "reproduction", "puberty", "anatomy", "organ",
		"biology", "health class", "health", "cell", "function", "system", "doctor", "cancer",
		"disease", "std", "sti", "pregnancy", "menstrua~", "period", "mole rat", "naked mole rat",
		"naked eye", "hormone", "consent", "law", "history", "protect", "prevent", "safe",
		"hpv", "vaccine", "abuse", "report", "tell", "trusted adult", "harassment", "assault",
		"help", "unsafe", "uncomfortable")
	sexWord = newSet("sex", "sexual", "sexually")
	// biology uses "sex" for the difference between male and female.
	sexBiology = newSet("cell", "chromosome", "determine", "determination", "determined",
		"link", "linked", "organ", "hormone", "gamete", "offspring", "reproduction", "species",
		"ratio", "ed", "education", "biological", "plant", "flower", "gene", "trait", "turtle",
		"egg", "sperm", "reproduce", "asexual", "selection", "dimorphism", "characteristic",
		"chromosomes", "x", "y", "male", "female", "baby", "animal", "fish", "bird", "crocodile",
		"alligator", "bee", "difference", "gender", "mitosis", "meiosis", "evolution",
		"revolution", "orientation", "identity", "abuse", "assault", "harassment",
		"discrimination", "equality", "right", "civil", "movement", "consent", "education",
		"history", "predator", "misconduct", "violence", "exploitation", "trafficking")
	_ = harmless("sexual reproduction", "asexual reproduction", "sex cell", "sex chromosome",
		"sex linked", "sex ed", "sex education", "sexual selection", "biological sex",
		"naked mole rat", "naked eye", "sex organ", "sexual dimorphism", "sexual harassment",
		"sexual abuse", "sexual assault", "sexually transmitted", "sexually transmitted disease",
		"sexually transmitted infection", "hooked up to", "naked singularity",
		"sexual orientation", "sex determination")
)

var dirtyPhrases []*pattern

func init() {
	dirtyPhrases = pats("dirty/naughty/spicy/steamy/explicit/kinky/freaky * story/stories/joke/jokes/picture/pictures/photo/video/talk/message/text/stuff/roleplay/fanfic/scene/things",
		"talk dirty", "x rated", "18+ * story/video/content/site")
}

// sexual reports sexual content. Biology ("sexual reproduction", "sex
// cells") and health ("the reproductive system") are school.
func (t *text) sexual(output bool) bool {
	hit := false
	t.each(sexualWords, func(i int) bool {
		w := t.at(i)
		if (w == "penis" || w == "vagina" || w == "condom" || w == "virginity" || w == "naked" ||
			w == "nipple" || strings.HasPrefix(w, "genital")) && t.has(healthFrame) {
			return false
		}
		hit = true
		return true
	})
	if hit || t.any(dirtyPhrases) {
		return true
	}
	return t.each(sexWord, func(i int) bool {
		return !t.near(i, sexBiology, 4) && !t.has(healthFrame)
	})
}

// ---- dangerous ----------------------------------------------------------------

var (
	challenges = newSet("blackout challenge", "choking challenge", "choking game", "choke challenge",
		"pass out challenge", "passout challenge", "tide pod challenge", "tide pod", "laundry pod",
		"skull breaker challenge", "skullbreaker challenge", "skull breaker", "benadryl challenge",
		"fire challenge", "outlet challenge", "penny challenge", "cinnamon challenge",
		"salt and ice challenge", "ice and salt challenge", "salt ice challenge",
		"nyquil chicken", "sleepy chicken", "milk crate challenge", "one chip challenge",
		"kia challenge", "car surf", "car surfing", "train surf", "train surfing",
		"subway surf", "subway surfing", "roof jump", "roof jumping", "rooftopping",
		"hot water challenge", "boiling water challenge", "dry scoop", "dry scooping", "chroming",
		"fire breathing", "breathe fire", "beezin", "bird box challenge", "deodorant challenge",
		"scarf game", "skip challenge", "fainting game", "space monkey", "gallon challenge",
		"cha cha slide challenge", "jump challenge", "blackout game", "devious lick",
		"hold your breath challenge", "knockout game", "crate challenge", "tripping jump",
		"human flamethrower", "orbeez challenge", "fire tornado", "tornado challenge")
	dangerCue = newSet("pass out", "passout", "choke", "faint", "breath", "bleach", "outlet",
		"blackout", "black out", "drown", "suffocate", "strangle", "tide pod", "roof", "swallow",
		"on fire", "overdose", "unconscious")
	faintWords = newSet("pass out", "passout", "faint", "black out", "blackout", "knock out")
	heights    = newSet("roof", "garage", "balcony", "house", "tree", "cliff", "bridge",
		"building", "window", "second floor", "top", "rooftop", "overpass", "water tower",
		"tower", "crane", "shed", "bunk bed", "stairs", "railing", "swing")
	poisons = newSet("tide pod", "laundry pod", "detergent", "bleach", "battery", "magnet",
		"hand sanitizer", "nail polish remover", "gasoline", "lighter fluid", "silica gel",
		"cinnamon", "nutmeg", "glue", "mercury", "ammonia", "rubbing alcohol", "antifreeze",
		"mouthwash", "vanilla extract", "pre workout", "preworkout", "benadryl", "nyquil",
		"cough syrup", "coin", "paint", "spray paint", "deodorant", "air freshener", "button battery")
	ingestVerbs = newSet("eat", "swallow", "drink", "lick", "snort", "inhale", "sniff", "chew",
		"huff", "spray", "bite", "try")
	makeVerbs = newSet("make", "build", "create", "mix", "light", "set off", "craft", "cook",
		"combine")
	hazards = newSet("firework", "firecracker", "smoke bomb", "flamethrower", "potato cannon",
		"spud gun", "thermite", "rocket fuel", "homemade rocket", "chlorine gas", "toxic gas",
		"poison gas", "cherry bomb", "m80",
		"black powder", "gunpowder", "fire tornado", "flash powder", "acid bomb", "dry ice bomb",
		"bottle rocket", "explosion", "tesla coil", "taser", "stun gun", "napalm")
)

var dangerousPhrases []*pattern

func init() {
	dangerousPhrases = pats(
		"hold my/your/our? breath until/till * pass_out/faint/black_out/blackout/die",
		"hold my/your/our? breath * pass_out/faint/black_out/blackout",
		"make myself/yourself/me/@people pass_out/faint/black_out",
		"choke * until/till * pass_out/faint/black_out",
		"jump off/from * @heights", "backflip/flip/frontflip/dive/leap/somersault/parkour/skateboard/bike * off/from * @heights", "ride/surf/stand/sit on * roof/hood/top of * car/train/truck/bus",
		"hang off/from * car/train/truck/bus", "put/stick/insert * fork/knife/penny/coin/paperclip/key/metal/pin * in/into * outlet/socket/toaster",
		"lick * battery", "climb * power/electric/electrical/cell/radio pole/tower/line",
		"climb * power line", "play/walk/lie/stand/sit on * train track/tracks/railroad",
		"play with fire/matches/lighter/gasoline", "light * firework/firecracker * hand/mouth",
		"set * hand/hair/arm on fire", "mix * bleach * ammonia", "mix * chemicals * gas",
		"swim * frozen/icy lake/river/pond", "stay awake * 3/4/5/6/7/three/four/five/six/seven day/days",
		"punch * wall/window/glass", "how many/much ** benadryl/tylenol/advil/pill/pills/caffeine/nyquil/melatonin ** challenge/trip/hallucinate",
		"take * benadryl/nyquil/melatonin/dramamine * to * trip/hallucinate/high",
	)
}

// dangerous reports stunts and challenges that can kill or injure. Asking
// why a challenge is dangerous, or what happens if you swallow a battery, is
// a safety question and stays allowed.
func (t *text) dangerous(output bool) bool {
	about := t.has(effects) && !t.has(subjects)
	if t.each(challenges, func(i int) bool {
		return !about && (!output && t.has(firstOrSecond) || t.intentAny(tryVerbs) || t.any(howMuch))
	}) {
		return true
	}
	if t.each(challengeWord, func(i int) bool {
		return !about && t.near(i, dangerCue, 8) && t.has(firstOrSecond)
	}) {
		return true
	}
	if t.each(faintWords, func(i int) bool { return t.intent(i) }) {
		return true
	}
	if t.verbObject(ingestVerbs, poisons, 4) && !about {
		return true
	}
	if t.verbObject(makeVerbs, hazards, 5) {
		return true
	}
	if !output && t.any(dangerousPhrases) && (t.has(firstOrSecond) || t.anyIntent()) && !about {
		return true
	}
	return false
}

var tryVerbs = newSet("do", "try", "film", "attempt", "record", "play", "join", "start")
var challengeWord = newSet("challenge", "trend", "dare", "stunt")

// anyIntent reports whether the text asks how to do something: an intent
// frame ("how to", "I want to", "help me") in front of any word, or a
// command verb opening a sentence. A sentence's first word alone is not
// enough ("why do people gamble" is not a command).
func (t *text) anyIntent() bool {
	for i := range t.toks {
		w := t.toks[i].stem
		if w == sep || filler.has(w) || questionWords.has(w) || w == "why" {
			continue
		}
		if t.intent(i) && (commands.has(w) || !t.clauseStart(i)) {
			return true
		}
	}
	return false
}

// commands are verbs a student opens a request with.
var commands = newSet("tell", "give", "show", "make", "write", "find", "get", "send", "buy",
	"bring", "hide", "put", "do", "try", "sneak", "steal", "hack", "mix", "light", "jump", "eat",
	"swallow", "lick", "climb", "ride", "hold", "list", "describe", "create", "draw", "post",
	"spread", "start", "call", "text", "say", "teach", "roast", "insult", "beat", "fight")

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
