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
		"cyanide", "arsenic", "rat poison", "hand grenade", "land mine", "landmine",
		"rocket launcher",
		"taser", "brass knuckle", "bb gun", "airsoft gun", "slingshot")
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

var violencePhrases []*pattern

func init() {
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
		"knock/beat/rough/take/mess/smash/bash * @targets * out/up",
		"knock * @targets * unconscious",
		"@weapon * should/could/can/do * i/we * buy/get/make/bring/build/carry/use/order/steal",
		"@weapon * against/on * @targets", "use * as * @weapon * against/on",
		"use * @weapon * on * @targets",
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
