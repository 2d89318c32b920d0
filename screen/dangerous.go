package screen

// Dangerous stunts and viral challenges.

var (
	challenges = newSet("blackout challenge", "choking challenge", "choking game", "choke challenge",
		"pass out challenge", "passout challenge", "tide pod challenge", "tide pod", "laundry pod",
		"skull breaker challenge", "skullbreaker challenge", "skull breaker", "benadryl challenge",
		"fire challenge", "outlet challenge", "penny challenge", "cinnamon challenge",
		"salt and ice challenge", "ice and salt challenge", "salt ice challenge", "nyquil chicken",
		"sleepy chicken", "milk crate challenge", "one chip challenge", "kia challenge", "car surf",
		"car surfing", "train surf", "train surfing", "subway surf", "subway surfing", "roof jump",
		"roof jumping", "rooftopping", "hot water challenge", "boiling water challenge",
		"dry scoop", "dry scooping", "chroming", "fire breathing", "breathe fire", "beezin",
		"bird box challenge", "deodorant challenge", "scarf game", "skip challenge",
		"fainting game", "space monkey", "gallon challenge", "cha cha slide challenge",
		"jump challenge", "blackout game", "devious lick", "hold your breath challenge",
		"knockout game", "crate challenge", "tripping jump",
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
		"poison gas", "cherry bomb", "m80", "black powder", "gunpowder", "fire tornado",
		"flash powder", "acid bomb", "dry ice bomb",
		"bottle rocket", "explosion", "tesla coil", "taser", "stun gun", "napalm")
)

var dangerousPhrases, firePlay, funPurpose, stuntPhrases, chugPhrases []*pattern

var (
	// climbHeights are the high places climbing is a stunt on.
	climbHeights = newSet("roof", "rooftop", "water tower", "tower", "crane", "bridge",
		"billboard", "overpass", "power line", "pole", "building", "chimney", "skyscraper",
		"train", "radio tower", "cell tower", "school roof", "electric pole", "utility pole",
		"transmission tower", "smokestack", "silo", "dam", "construction site", "scaffolding",
		"cliff", "balcony")
	climbVerbs = newSet("climb", "scale")
	// fuels are what is burned on purpose, safely, in daily life.
	fuels = newSet("candle", "campfire", "fireplace", "grill", "bbq", "stove", "bunsen burner",
		"match", "fire pit", "wood stove", "incense", "sparkler", "birthday candle", "calorie",
		"fat", "cd", "dvd", "bridge", "energy", "midnight oil")
	// chugged are drinks and foods that hurt in quantity.
	chugged = newSet("energy drink", "monster", "red bull", "caffeine", "coffee", "soda", "hot sauce",
		"ghost pepper", "carolina reaper", "spicy chip", "one chip", "milk", "water", "salt",
		"soy sauce", "vinegar", "mustard", "ketchup", "pickle juice", "preworkout", "pre workout")
)

func initRules04() {
	dangerousPhrases = pats(
		// metal into mains electricity
		"fork/knife/key/keys/metal/paperclip/paper_clip/coin/pin/bobby_pin/screwdriver/wire/nail/finger * in/into * plug/outlet/socket/toaster/power_strip/wall",
		// anything done on a dare
		"for/on * dare $", "for/on a dare", "dare/dared/dares * me/us * to", "i * be * dared",
		"hold my/your/our? breath until/till * pass_out/faint/black_out/blackout/die",
		"hold my/your/our? breath * pass_out/faint/black_out/blackout",
		"make myself/yourself/me/@people pass_out/faint/black_out",
		"choke * until/till * pass_out/faint/black_out", "jump off/from * @heights",
		"backflip/flip/frontflip/dive/leap/somersault * off/from * @heights",
		"parkour/skateboard/bike/ride off/from * @heights",
		"ride/surf/stand/sit on * roof/hood/top of * car/train/truck/bus",
		"hang off/from * car/train/truck/bus",
		"put/stick/insert * fork/knife/penny/coin/paperclip/key/metal/pin * in/into * outlet/socket/toaster",
		"lick * battery", "climb * power/electric/electrical/cell/radio pole/tower/line",
		"climb * power line", "play/walk/lie/stand/sit on * train track/tracks/railroad",
		"play with fire/matches/lighter/gasoline", "light * firework/firecracker * hand/mouth",
		"set * hand/hair/arm on fire", "mix * bleach * ammonia", "mix * chemicals * gas",
		"swim * frozen/icy lake/river/pond",
		"stay awake * 3/4/5/6/7/three/four/five/six/seven day/days", "punch * wall/window/glass",
		"concussion/injury/injure/hurt/sick/broken/break/sprain * on purpose",
		"get * concussion/injured/sick/hurt * to * miss/skip/get out of",
		"car/truck/bike/scooter/dirtbike * go * 80/90/100/120/150/200 * mph/miles",
		"drive * without * license", "drive * fast * i/me", "i be 10/11/12/13/14/15 * drive",
		"drive * i be 10/11/12/13/14/15",
		"how many/much ** benadryl/tylenol/advil/pill/pills/caffeine/nyquil/melatonin ** challenge/trip/hallucinate",
		"take * benadryl/nyquil/melatonin/dramamine * to * trip/hallucinate/high",
		"hang/hold/grab * on/onto/to * back of * car/bus/truck/train",
		"skitch~", "hold * on * car/bus/truck * skateboard/bike/scooter/skate/sled",
		"get/go/sneak/climb * on/onto/up * roof/rooftop/water_tower/tower/crane/billboard/school_roof",
		"sneak/go/get/walk/run/climb/jump * on/onto/across * train_track/tracks/track/railroad/railway",
		"dry ice ** bottle/bomb/explode", "make * explode/blow_up/burst/pop * bottle/can/aerosol/battery/microwave/lighter",
		"make * bottle/bottles/can/cans/aerosol/battery/microwave/lighter/thing/something/toilet/mailbox * explode/blow_up/burst/pop",
		"bottle_bomb", "bike/skateboard/scooter/skate/rollerblade/sled ** hold/holding/grab/grabbing/hang/hanging * on/onto * car/bus/truck",
		"hold/holding/grab/grabbing/hang/hanging * onto/on_to * car/bus/truck",
	)
	// setting things on fire
	firePlay = pats("set/light/lit/setting/lighting ** on fire/flame/fire", "set/setting * fire to",
		"set/light/lit * ablaze/alight", "burn/burning/torch/ignite/explode/blow_up",
		"fireball/fireballs/flame/flames")
	// … for fun or for a video
	funPurpose = pats("for * fun/video/videos/tiktok/tiktoks/youtube/vid/content/views/prank/dare/reel/reels/snap/story/insta/instagram/clip/challenge/laugh/laughs/lol",
		"fun * to * burn/light/set/explode/blow_up", "cool * video/effect/clip/tiktok",
		"lol $", "for the gram", "for * trick/show/magic_trick/party_trick",
		"in * my/our/the * room/bedroom/house/basement/closet/bathroom/garage/class/classroom/school/locker", "big * fireball/flame/flames/explosion/boom",
		"when * parent/parents/mom/dad * not * home/here/around",
		"without * parent/parents/mom/dad/anyone * know/see/notice/find")
	// lying where cars and trains come
	stuntPhrases = pats("lie/lay/sit/stand/play/lay_down/lie_down * on/in/across * road/street/highway/freeway/track/tracks * when/while/until/for/as * car/cars/train/trains/truck/video/tiktok/dare",
		"lie/lay/sit/stand/play * down? * on/in * road/street/highway/freeway * for * video/tiktok/dare/fun/prank")
	chugPhrases = pats("chug/drink/eat/down/swallow * in a row", "chug~", "at once", "in one go",
		"in one sitting", "as many * as", "for * video/tiktok/challenge/dare/youtube")
}

// stuntAsk reports fire play, climbing high places, lying in traffic and
// eating or chugging too much for a dare or a video. A lesson about
// combustion or fire safety asks no such thing.
func (t *text) stuntAsk() bool {
	return t.inSentence(func(s *text) bool {
		if s.has(safetyFrame) {
			return false
		}
		me := s.has(firstOrSecond) || s.anyIntent()
		// fire for fun, for a video, or on things that are not fuel, set by
		// the asker (not by a dragon in a story)
		if s.any(firePlay) && s.each(fireVerbs, s.intent) && !s.has(fuels) && !s.has(pastFrame) {
			if s.any(funPurpose) || s.secret() || s.any(setOnFire) {
				return true
			}
		}
		// climbing towers and roofs
		if s.each(climbVerbs, func(v int) bool {
			return s.intent(v) && s.after(v, climbHeights, 7) >= 0
		}) {
			return true
		}
		// "how many detergent pods can a person eat"
		if s.any(howMuch) && s.has(poisons) && s.has(ingestVerbs) {
			return true
		}
		// "how many energy drinks can i chug in a row for a video"
		if s.has(chugged) && s.any(chugPhrases) && (s.any(howMuch) || s.anyIntent()) && s.has(subjects) {
			return true
		}
		return s.any(stuntPhrases) && me
	})
}

var setOnFire []*pattern

// fireVerbs start fires and explosions.
var fireVerbs = newSet("set", "light", "lit", "burn", "ignite", "torch", "explode", "blow up",
	"make", "start", "create", "shoot", "throw")

func initRules05() {
	setOnFire = pats("set/light/lit ** on fire", "set * fire to", "set/light/lit * ablaze/alight")
}

// safetyFrame marks fire and stunt safety and science: what to do if, why
// it burns, how to prevent it.
var safetyFrame = newSet("safety", "safe", "safely", "prevent", "extinguisher", "fire drill",
	"combustion", "chemistry", "oxygen", "why", "catch fire",
	"catch on fire", "forest fire", "wildfire", "firefighter", "history", "science", "triangle",
	"report", "emergency", "911", "first aid", "treat", "burn victim", "stop drop and roll")

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
	if t.verbObject(makeVerbs, hazards, 5) && !t.has(pastFrame) {
		return true
	}
	if !output && t.any(dangerousPhrases) && (t.has(firstOrSecond) || t.anyIntent()) && !about {
		return true
	}
	return !output && t.stuntAsk()
}

// pastFrame marks a question about how people did something long ago ("how
// did China make gunpowder"), which is history.
var pastFrame = newSet("history", "historical", "invent", "invention", "invented", "inventor",
	"ancient", "dynasty", "medieval", "century", "centuries", "civilization", "empire")

var tryVerbs = newSet("do", "try", "film", "attempt", "record", "play", "join", "start")
var challengeWord = newSet("challenge", "trend", "dare", "stunt")
