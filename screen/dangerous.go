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

var dangerousPhrases []*pattern

func init() {
	dangerousPhrases = pats(
		"hold my/your/our? breath until/till * pass_out/faint/black_out/blackout/die",
		"hold my/your/our? breath * pass_out/faint/black_out/blackout",
		"make myself/yourself/me/@people pass_out/faint/black_out",
		"choke * until/till * pass_out/faint/black_out", "jump off/from * @heights",
		"backflip/flip/frontflip/dive/leap/somersault/parkour/skateboard/bike * off/from * @heights",
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
	if t.verbObject(makeVerbs, hazards, 5) && !t.has(pastFrame) {
		return true
	}
	if !output && t.any(dangerousPhrases) && (t.has(firstOrSecond) || t.anyIntent()) && !about {
		return true
	}
	return false
}

// pastFrame marks a question about how people did something long ago ("how
// did China make gunpowder"), which is history.
var pastFrame = newSet("history", "historical", "invent", "invention", "invented", "inventor",
	"ancient", "dynasty", "medieval", "century", "centuries", "civilization", "empire")

var tryVerbs = newSet("do", "try", "film", "attempt", "record", "play", "join", "start")
var challengeWord = newSet("challenge", "trend", "dare", "stunt")
