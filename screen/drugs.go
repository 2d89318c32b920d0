package screen

// Drugs: getting, using or hiding drugs, alcohol, vapes and cigarettes.

var (
	drugs = newSet("drug", "weed", "cannabis", "cocaine", "meth",
		"crystal meth", "heroin", "fentanyl", "xanax", "adderall", "oxy", "oxycodone", "percocet",
		"lsd", "acid tab", "shroom", "magic mushroom", "molly", "mdma", "ecstasy", "ketamine",
		"codeine", "vape", "juul", "e cig", "vape pen", "dab pen", "nicotine", "cigarette", "cigar",
		"tobacco", "zyn", "nicotine pouch", "snus", "chewing tobacco", "alcohol", "beer", "vodka",
		"whiskey", "liquor", "wine", "booze", "tequila", "rum", "hard seltzer", "white claw",
		"moonshine", "poppers", "whippet", "nitrous", "inhalant", "bong", "rolling paper", "hookah",
		"delta 8", "kratom", "drug dealer", "opioid", "percs", "benzo", "wax pen", "elf bar",
		"geek bar", "puff bar", "hard liquor", "shot of vodka", "alcoholic drink", "sizzurp",
		"thc cart", "weed pen", "pre roll", "nic", "hash",
		"weed gummies", "edibles", "vape juice", "nic pod", "vape pod", "lean drink")
	// strongDrugs are unmistakable on their own, unlike "drink", "pod" or "high".
	strongDrugs = newSet("drug", "weed", "cannabis", "cocaine", "meth", "crystal meth", "heroin",
		"fentanyl", "xanax", "adderall", "oxy", "oxycodone", "percocet", "lsd", "shroom",
		"magic mushroom", "molly", "mdma", "ecstasy", "ketamine", "lean", "codeine", "vape", "juul",
		"e cig", "vape pen", "dab pen", "nicotine", "cigarette", "cigar", "tobacco", "zyn",
		"nicotine pouch", "snus", "alcohol", "beer", "vodka", "whiskey", "liquor", "booze",
		"tequila", "rum", "hard seltzer", "white claw", "moonshine", "bong", "hookah", "delta 8",
		"kratom", "drug dealer", "elf bar", "geek bar", "puff bar",
		"hard liquor", "thc cart", "weed pen", "wine", "poppers", "whippet", "sizzurp")
	getVerbs = newSet("buy", "get", "find", "order", "sell", "hide", "sneak", "smuggle", "steal",
		"grow", "make", "cook", "brew", "distill", "score", "stash", "bring", "purchase", "obtain",
		"afford", "traffic", "take", "keep", "refill", "charge", "fill", "get rid of")
	useVerbs = newSet("try", "smoke", "vape", "drink", "use", "do", "snort", "inject", "roll",
		"hit", "pop", "chug", "puff", "take", "juul", "huff", "rip", "sip", "blaze", "inhale",
		"smoke weed", "get high", "get drunk", "get wasted", "get stoned", "get faded",
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
		"best/good/cheap/cheapest/strongest/top @strongDrug",
		"what @strongDrug * should i * get/buy/try",
		"which @strongDrug * should i", "@strongDrug * flavor/flavour/flavors * best/good")
	jointPhrases = pats("roll/smoke/light/hit/buy/get/find/make/share/pass * joint/blunt/spliff/bowl/bong",
		"smoke * pot", "do/buy/get/try * coke/cocaine/crack",
		"snort * coke/cocaine/crack/line/pill/powder", "pop * pill/pills/xanax/percs/molly",
		"take * shot/shots * vodka/tequila/whiskey/rum/alcohol/liquor",
		"make/mix/drink/sip/pour * lean",
		"lean * sprite/codeine/syrup")
	harmless("lean muscle", "lean meat", "lean protein", "lean body", "lean mass", "lean beef",
		"lean back", "lean forward", "lean on", "lean against", "lean over", "lean manufacturing")
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
		pronoun := (t.at(v+1) == "it" || t.at(v+1) == "them" || t.at(v+1) == "some") && t.has(strongDrugs)
		if t.after(v, drugs, 4) >= 0 || pronoun || (intrinsic.has(t.at(v)) && t.after(v, smokedFood, 3) < 0) {
			return !about || t.secret()
		}
		return false
	}) {
		return true
	}
	if t.inSentence(func(s *text) bool {
		if !s.secret() || !s.has(firstOrSecond) {
			return false
		}
		// "drink … without my parents finding out" is about alcohol unless
		// the drink is named ("drink soda").
		return s.has(drugsOrUse) || s.has(drinkVerb) && !s.has(softDrinks)
	}) {
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

var (
	drinkVerb  = newSet("drink", "drinking")
	softDrinks = newSet("water", "milk", "juice", "soda", "coffee", "tea", "energy drink", "pop",
		"coke", "sprite", "lemonade", "smoothie", "hot chocolate", "caffeine", "monster", "red bull")
)

var getHigh = newSet("get high", "get drunk", "get wasted", "get stoned", "get faded",
	"get buzzed", "get tipsy", "get hammered", "get blazed", "get crossfaded")

var howMuch []*pattern

func init() { howMuch = pats("how much/many") }
