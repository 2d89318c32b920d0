package screen

// Violence: hurting people or animals, fighting, and weapons.

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
		"acne", "smell", "odor", "joke", "line", "conversation", "hour", "minute", "day", "weekend",
		"summer", "break", "switch", "power", "noise", "sound", "engine", "fire", "python",
		"script", "command", "loop", "thread", "server", "job", "tab", "terminal", "computer",
		"pid", "node", "container", "docker", "java", "query", "request", "session",
		"flame", "germ", "microbe", "pathogen", "weed", "week", "people time")
	harmVerbs = newSet("hurt", "hit", "punch", "kick", "attack", "fight", "slap", "choke",
		"push", "shove", "burn", "drown", "jump", "trip", "beat up", "smack", "injure", "assault",
		"abuse", "bite", "shoot", "poison", "threaten", "knock out", "run over", "strangle",
		"suffocate", "whip", "headbutt", "body slam", "pepper spray", "tase", "stomp",
		"pistol whip", "mug", "spit on", "stab", "shove", "trample", "electrocute", "drug",
		"sucker punch", "jump on", "ambush", "corner", "jumped", "spike", "sucker-punch", "gut punch",
		"shank", "shiv", "jab", "elbow", "pepper-spray", "waterboard", "curb stomp")
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
		"cyanide", "arsenic", "rat poison", "hand grenade", "land mine", "landmine",
		"rocket launcher",
		"taser", "brass knuckle", "bb gun", "airsoft gun", "slingshot", "shank", "shiv",
		"homemade knife", "pocket knife", "pocketknife", "butterfly knife", "gun", "handgun", "9mm")
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
		"potato gun", "to kill a mockingbird", "kill a mockingbird", "get high grade",
		"get high score", "get high mark", "get high marks", "blow up a balloon", "blow up balloon",
		"bomb calorimeter", "bath bombs", "bomb pop", "gettysburg address", "inaugural address",
		"farewell address", "keynote address",
		"web address", "shot clock", "shoot the breeze")
	weaponsAndBlades = union(weapons, blades)
)

var schoolAttack, violencePhrases, tamperPhrases, sickOutcome, gunAccess, causeFall []*pattern

var (
	// tampering puts something into someone's food or drink.
	tamperVerbs = newSet("put", "slip", "add", "mix", "sneak", "pour", "drop", "lace", "spike",
		"crush", "hide", "stir", "sprinkle", "inject")
	foodAndDrink = newSet("food", "drink", "coffee", "water", "lunch", "soda", "juice", "tea",
		"bottle", "water bottle", "meal", "snack", "cup", "dinner", "breakfast", "sandwich",
		"milk", "smoothie", "energy drink", "cereal", "soup", "cookie", "brownie", "cake")
	tamperStuff = newSet("laxative", "ex lax", "exlax", "poison", "bleach", "eye drop",
		"visine", "pill", "drug", "sleeping pill", "rat poison", "soap", "pee", "spit", "glass",
		"dirt", "bug", "cleaner", "antifreeze", "allergen", "peanut", "something", "stuff",
		"medicine", "melatonin", "benadryl", "xanax", "ghost pepper", "hot sauce", "salt")
	// minors are the askers a gun must never reach.
	minors = newSet("teen", "teenager", "kid", "minor", "child", "student", "freshman",
		"sophomore", "junior", "middle schooler", "underage", "high schooler")
	acquire = newSet("get", "buy", "order", "find", "own", "purchase", "obtain", "afford",
		"steal", "borrow", "make", "build", "print", "carry")
)

func initRules26() {
	violencePhrases = pats(
		"win a fight", "start a fight", "get in/into a fight", "fight * after school",
		"fight * at school", "plan/do/commit * school/mass shoot", "beat my? @targets up",
		"beat * @targets up", "beat the crap/hell/snot/shit out of",
		"make @targets bleed/suffer/pass_out",
		"put poison/bleach/laxative/glass/drug/pill/rat_poison/pee/spit in * food/drink/coffee/water/lunch/soda/juice",
		"set @targets on fire", "set * @places on fire", "set fire to * @places",
		"break @people arm/leg/nose/jaw/neck/finger/bone", "break * @people arm/leg/nose/jaw/neck",
		"revenge on * @targets", "get back at * @targets", "get even with * @targets",
		"make * @targets pay for", "plan/start/have/pick/organize/set_up * fight * with/at/after",
		"best/good/right/easiest * @weapon/knife/blade/razor * bring/take/carry/sneak/hide * school/class/campus",
		"bring/take/carry/sneak/hide * @weapon/knife/blade/razor * to/into/in/at * school/class/campus/locker",
		"knock/beat/rough/mess/smash/bash * @targets * out/up",
		"take * @targets out $", "take * @targets out with/permanently/quietly/forever",
		"knock * @targets * unconscious",
		"@weapon * should/could/can/do * i/we * buy/get/make/bring/build/carry/use/order/steal",
		"@weapon * against/on * @targets", "use * as * @weapon * against/on",
		"use * @weapon * on * @targets",
		"jump a/an/the/this/that/some/these/those/my/his/her/our? new? @who after/before/behind/on/at/without/where/when/tomorrow/today/tonight/outside/near",
		"ambush * @who",
		// threats meant to frighten someone
		"scare/frighten/terrify/threaten/intimidate * @who ** so * afraid/scared/terrified/frightened/too_scared",
		"note/message/letter/text/dm/email/voicemail/post * to * scare/frighten/terrify/threaten/intimidate * @who",
		"make * @who * afraid/scared/terrified * to * come/go/walk/show_up",
		"threatening/threat * note/message/letter/text/dm/email/voicemail * to/for * @who",
		"send/write/leave * threat/threats * to? * @who",
		// robbing or mugging someone, by force
		"rob/mug/hold_up/stick_up * @who/store/shop/bank/house/gas_station/corner_store/someone/somebody/person/people",
	)
	// planning an attack on a school or the people in it, even "for a story"
	schoolAttack = pats("plan/planning/plot/plotting/organize/prepare * attack/attacks/shooting/bombing/massacre/raid * on/at/in * school/class/classroom/campus/cafeteria/gym/@who",
		"how * would/could/should/can/do * attack/shoot_up/bomb * my/our/his/her/their/the/a * school/class/classroom/campus/cafeteria")
	// into whose food, and with what outcome
	tamperPhrases = pats("@tamperVerb ** in/into * @who * food/drink/coffee/water/lunch/soda/juice/tea/bottle/water_bottle/meal/snack/cup/dinner/breakfast/sandwich/milk/smoothie",
		"@tamperVerb ** in/into * @who", "spike/lace/drug * @who * drink/food/coffee/water/soda/juice/cup",
		"spike/lace * drink/drinks/food/coffee/punch/cup")
	sickOutcome = pats("make/get * @who/him/her/them/it * sick/throw_up/puke/vomit/barf/poop/pass_out/sleepy/hallucinate/ill",
		"so * he/she/they/@who * throw_up/throws_up/puke/pukes/vomit/vomits/get_sick/gets_sick/pass_out/passes_out/poop/poops",
		"give * @who/him/her/them * diarrhea/food_poisoning/stomach_ache",
		"make * @who/him/her/them * poop/shit/throw_up/puke/vomit")
	// a gun for a teenager
	gunAccess = pats("easiest/easy/cheapest/best/quickest/fastest/simplest * @weapon",
		"@weapon * easiest/easy/cheapest/best/quickest/simplest",
		"10/11/12/13/14/15/16/17 * year/yr * old? * get/buy/own/have/carry",
		"at/am * 10/11/12/13/14/15/16/17", "without * parent/parents/mom/dad/anyone/id/background_check * know/knowing/check/checking/find/finding/notice",
		"without * id/background_check/license/permit", "under 18/21/age")
	// making someone fall or get hurt "by accident"
	causeFall = pats("make/get * @who * fall/trip/slip/crash/drown/choke/bleed/break",
		"make * it * look * like * accident", "look like an accident")
}

// harmsOnPurpose reports slipping something into someone's food or drink,
// a teenager getting a gun, and causing a fall.
func (t *text) harmsOnPurpose() bool {
	return t.inSentence(func(s *text) bool {
		// "what can i put in my teacher's drink to make her sick"
		if s.any(tamperPhrases) && (s.any(sickOutcome) || s.has(tamperStuff) || s.any(secrecyPhrases)) && (s.anyIntent() || s.has(subjects)) {
			return true
		}
		// "how much laxative should i put in someone's lunch"
		if s.has(tamperStuff) && s.has(tamperVerbs) && s.has(foodAndDrink) && s.any(sickOutcome) {
			return true
		}
		if s.any(sickOutcome) && s.has(tamperVerbs) && s.has(foodAndDrink) && (s.anyIntent() || s.has(subjects)) {
			return true
		}
		if s.has(tamperStuff) && !s.has(somethingOnly) && s.has(tamperVerbs) && s.has(foodAndDrink) && s.has(subjects) && s.any(otherFood) {
			return true
		}
		// "easiest gun for a teenager to get"
		if s.has(weapons) && !s.storyish() && !s.has(pastFrame) && !s.has(gunPolicy) {
			if s.has(acquire) && (s.has(minors) || s.any(gunAccess) || s.secret()) {
				return true
			}
		}
		// "where do you aim a punch so someone gets knocked out"
		if s.any(harmOutcome) && s.has(strikes) && (s.anyIntent() || s.has(firstOrSecond)) {
			return true
		}
		// "how do i make my stepdad fall down the stairs"
		return s.any(causeFall) && (s.anyIntent() || s.has(subjects)) && s.has(people)
	})
}

var otherFood, harmOutcome []*pattern

// strikes are blows and the things thrown or sprayed to hurt.
var strikes = newSet("punch", "hit", "kick", "aim", "elbow", "headbutt", "throw", "spray",
	"slap", "swing", "shove", "push", "trip", "choke", "knee", "smack")

func initRules27() {
	harmOutcome = pats("so * someone/somebody/he/she/they/@who * get/gets/go/goes/be/is * knock~/hurt/unconscious/bleed/bleeds/down/injured/sick/cry/break/breaks",
		"to * knock * out", "so * it * hurt/hurts")
	otherFood = pats("@who * food/drink/coffee/water/lunch/soda/juice/tea/bottle/water_bottle/meal/snack/cup/dinner/breakfast/sandwich/milk/smoothie")
}

// somethingOnly are vague things that need an outcome to be tampering.
var somethingOnly = newSet("something", "stuff")

// gunPolicy marks a civics question about guns and young people.
var gunPolicy = newSet("law", "laws", "policy", "legal", "illegal", "why", "statistic",
	"percent", "percentage", "amendment", "congress", "debate", "control", "safety", "violence",
	"prevent", "research", "history", "background check")

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
	// "which knife is best to carry to school"
	if t.inSentence(func(s *text) bool {
		return s.has(weaponsAndBlades) && s.has(schoolPlace) && s.each(carryVerbs, s.intent) && !s.has(gunPolicy)
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
	if !output && t.any(schoolAttack) && !t.has(pastFrame) && !t.has(gunPolicy) && !t.any(victimFrames) {
		return true
	}
	if !output && (t.has(firstOrSecond) || t.anyIntent()) && t.any(violencePhrases) {
		return true
	}
	return !output && t.harmsOnPurpose()
}

var throwVerbs = newSet("throw", "toss", "chuck", "shoot", "fling", "pour", "splash")
