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
		"weed gummies", "edibles", "vape juice", "nic pod", "vape pod", "lean drink", "cart", "perc",
		"weed gummy", "disposable vape")
	_ = harmless("shopping cart", "golf cart", "grocery cart", "go cart", "horse cart",
		"food cart", "push cart", "library cart", "apple cart", "cart wheel", "pull cart",
		"ox cart", "hand cart")
	// strongDrugs are unmistakable on their own, unlike "drink", "pod" or "high".
	strongDrugs = newSet("drug", "weed", "cannabis", "cocaine", "meth", "crystal meth", "heroin",
		"fentanyl", "xanax", "adderall", "oxy", "oxycodone", "percocet", "lsd", "shroom",
		"magic mushroom", "molly", "mdma", "ecstasy", "ketamine", "lean", "codeine", "vape", "juul",
		"e cig", "vape pen", "dab pen", "nicotine", "cigarette", "cigar", "tobacco", "zyn",
		"nicotine pouch", "snus", "alcohol", "beer", "vodka", "whiskey", "liquor", "booze",
		"tequila", "rum", "hard seltzer", "white claw", "moonshine", "bong", "hookah", "delta 8",
		"kratom", "drug dealer", "elf bar", "geek bar", "puff bar",
		"hard liquor", "thc cart", "weed pen", "wine", "poppers", "whippet", "sizzurp", "perc",
		"edible", "edibles", "cart", "weed gummy", "disposable vape")
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

var pillSeek, drugPhrases, jointPhrases, bestDrug, highSeek, hideDrug, sourceDrug, minorAge []*pattern

func initRules06() {
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
	// getting high, said any way: "get you high", "feel high", "get hi off"
	highSeek = pats("get/feel/make/gets/makes you/u/me/them/someone/person/ya? the? most/so/really/super/very/more? high/hi/drunk/buzzed/faded/stoned/zooted/wasted/tipsy/lit/tweak/trip/messed",
		"get * a * buzz/high/rush/head_rush", "high off/from/on", "to * feel * something/anything")
	// hiding use from teachers and parents, even without "I"
	hideDrug = pats("easiest/easy/best/hardest/smallest/where/way/spot/place * to? * hide/stash/conceal/sneak",
		"smell * the? least", "not smell like", "not * smell * like",
		"least/less/not * obvious/noticeable/detectable/smelly/suspicious", "undetectable",
		"so * teacher/teachers/parent/parents/mom/dad/they * not * tell/see/notice/smell/know/find/catch",
		"hide/hid/stash * from * teacher/teachers/parent/parents/mom/dad/school")
	// asking where or from whom to get it
	sourceDrug = pats("where ** buy/get/find/order/score/cop/purchase", "who ** sell/sells/deal/deals",
		"without * id/carding/card/checking", "no id", "underage", "under 18/21/age",
		"buy/get/find/order/cop * @strongDrug * for * me", "buy * me * @strongDrug")
	minorAge = pats("10/11/12/13/14/15/16/17 year/yr/yo old?", "at/am 10/11/12/13/14/15/16/17",
		"as a teen/teenager/minor/kid/freshman/sophomore/junior/middle_schooler",
		"a minor", "underage", "first time", "first timer", "my first", "for a beginner",
		"i be 10/11/12/13/14/15/16/17")
	// pills taken for the feeling, or someone else's prescription
	pillSeek = pats("pill/pills/med/meds/medicine/painkiller/painkillers/tablet/tablets/prescription/gummy/gummies ** to/for/at * feel_good/feel_nice/feel_happy/relax/chill/calm_down/numb/party/parties/buzz/zone_out/escape",
		"take/try/pop/steal/borrow/sneak/use * @who/mom/dad/parent/grandma/grandpa/brother/sister/aunt/uncle/friend * pain? pill/pills/med/meds/medicine/painkiller/painkillers/prescription/adderall/xanax/oxy/percocet/vicodin/sleeping_pill",
		"pill/pills/med/meds * can * i/we/you * take * party/fun/feel")
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
		next := t.at(v + 1)
		pronoun := (next == "it" || next == "them" || next == "some" || next == "one" || next == "a_few") && t.has(strongDrugs)
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
	if !output && t.has(firstOrSecond) && t.any(pillSeek) && !t.any(carePhrases) {
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
	if output {
		return false
	}
	return t.inSentence(func(s *text) bool {
		// effects that don't depend on age: "why is vaping bad for teens"
		// still is health class, but "teen" alone no longer makes it so.
		aboutS := s.has(effectsNoAge)
		if aboutS {
			return false
		}
		hasDrug := s.has(strongDrugs)
		// getting high on anything, medicine-cabinet pills included
		if s.any(highSeek) && (hasDrug || s.has(means) || s.has(firstOrSecond) || s.any(howMuch) || s.has(questionWords)) && !s.has(highHarmless) {
			return true
		}
		// misusing medicine: "what meds can you abuse"
		if s.has(means) && s.each(misuseVerbs, s.intent) {
			return true
		}
		// dosing: "how many edibles should i take", "how many beers can a
		// 14 year old drink"
		if s.any(howMuch) && (hasDrug || s.has(drugs)) && (s.has(useVerbs) || s.has(doseVerbs) || s.has(intoxWords)) &&
			(s.has(subjects) || s.any(minorAge) || s.has(shouldWords) || s.any(highSeek)) {
			return true
		}
		// hiding it from teachers or parents
		if hasDrug && (s.any(hideDrug) || s.secret()) {
			return true
		}
		// where a minor gets it
		if hasDrug && s.any(sourceDrug) && !s.storyish() {
			return true
		}
		// "which vape is best for a beginner", "how many mg for a 15 year old"
		if hasDrug && s.any(minorAge) && (s.has(questionWords) || s.has(advice) || s.has(shouldWords) || s.has(useVerbs)) {
			return true
		}
		return false
	})
}

var (
	// effectsNoAge is effects without the age words: a question naming a
	// teen is not about effects for that alone.
	effectsNoAge = newSet("effect", "affect", "damage", "harm", "harmful", "danger", "dangerous",
		"risk", "health", "unhealthy", "addict~", "happen", "lung", "brain", "heart", "cancer",
		"long term", "short term", "research", "science", "chemistry", "toxic", "poisonous",
		"deadly", "lethal", "cause", "disease", "illegal", "law", "organ", "liver", "withdrawal",
		"history", "prohibition", "ban", "stop", "quit", "quitting", "prevent", "avoid",
		"peer pressure", "refuse", "warning", "sign", "symptom", "dependence", "mental", "why",
		"legal", "age limit", "policy")
	intoxWords = newSet("drunk", "buzzed", "wasted", "tipsy", "faded", "stoned", "hammered",
		"blazed", "zooted", "high", "messed", "lit", "buzz", "rush", "head rush")
	misuseVerbs = newSet("abuse", "misuse", "snort", "crush", "inject", "sniff", "huff")
	doseVerbs   = newSet("eat", "take", "have", "drink", "smoke", "hit", "pop", "feel")
	shouldWords = newSet("should", "ok", "okay", "safe", "fine", "good", "best", "enough")
	// highHarmless keeps "high" as height or grades.
	highHarmless = newSet("grade", "score", "mark", "school", "jump", "temperature", "fever",
		"blood pressure", "altitude", "ground", "place", "building", "five", "tide", "note",
		"run", "running", "runner", "exercise", "workout", "endorphin", "natural", "sport",
		"music", "roller coaster", "sugar", "dopamine", "buzz cut", "haircut")
	_ = harmless("buzz cut", "buzzcut", "runner high", "runners high", "sugar high", "sugar rush")
)

var drugsOrUse = union(drugs, intrinsic)

var (
	drinkVerb  = newSet("drink", "drinking")
	softDrinks = newSet("water", "milk", "juice", "soda", "coffee", "tea", "energy drink", "pop",
		"coke", "sprite", "lemonade", "smoothie", "hot chocolate", "caffeine", "monster", "red bull")
)

var getHigh = newSet("get high", "get drunk", "get wasted", "get stoned", "get faded",
	"get buzzed", "get tipsy", "get hammered", "get blazed", "get crossfaded")

var howMuch []*pattern

func initRules07() { howMuch = pats("how much/many") }

// carePhrases mark medicine taken as it should be: a doctor's advice, a
// dose on the label, a question about safety.
var carePhrases []*pattern

func initRules08() {
	carePhrases = pats("doctor/nurse/pharmacist * said/told/prescribed/gave/give/says",
		"my * own * prescription", "is it safe", "safe to", "side effect/effects", "allergic",
		"how do * pill/pills/painkiller/painkillers/medicine * work")
}
