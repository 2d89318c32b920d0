package screen

// ---- hate, harassment and bullying ---------------------------------------

var (
	bullyVerbs = newSet("bully", "cyberbully", "harass", "humiliate", "embarrass", "mock",
		"tease", "insult", "troll", "make fun of", "pick on", "exclude", "body shame", "fat shame",
		"blackmail", "catfish", "expose", "intimidate", "torment", "ridicule", "shame",
		"gang up on", "diss", "ruin", "frame", "isolate", "degrade", "belittle", "leave out",
		"cancel", "hate on", "bodyshame", "fatshame", "prank call", "swat", "roast")
	groups = newSet("jew", "jewish", "muslim", "christian", "hindu", "sikh", "buddhist",
		"catholic", "atheist", "arab", "african", "asian", "mexican", "latino", "latina",
		"hispanic", "chinese", "indian", "japanese", "korean", "immigrant", "refugee", "gay",
		"lesbian", "bisexual", "trans", "transgender", "queer", "lgbt", "lgbtq", "disabled",
		"autistic", "black person", "white person", "brown person", "black kid", "white kid",
		"girl", "boy", "woman", "man", "female", "male", "fat person", "poor person",
		"foreigner", "native", "indigenous", "haitian", "somali", "nigerian", "russian",
		"ukrainian", "palestinian", "israeli", "irish", "polish", "filipino", "vietnamese",
		"pakistani", "iranian", "syrian", "puerto rican", "jamaican", "redneck", "gypsy", "roma",
		"migrant", "democrat", "republican", "liberal", "conservative", "special ed kid",
		"deaf person", "blind person", "nonbinary", "homosexual", "minority", "race", "religion")
	hostile = newSet("stupid", "dumb", "idiot", "inferior", "worthless", "disgusting", "evil",
		"subhuman", "animal", "lazy", "criminal", "terrorist", "trash", "garbage", "scum",
		"vermin", "filth", "filthy", "savage", "monkey", "ape", "rat", "cockroach", "parasite",
		"worse", "dirty", "ruin", "useless", "gross", "pathetic", "weak", "thief", "thieves",
		"retard", "freak", "sick", "wrong", "mistake", "abomination", "deport~", "exterminat~",
		"worst", "problem", "greedy", "violent", "smelly", "stinky", "inbred", "primitive",
		"uncivilized", "backward",
		"smell", "ugly", "ugliest", "dumbest", "stupidest", "lowest", "hate", "suck", "cheap")
	slurs = newSet("nigger", "nigga", "faggot", "fag", "retard", "retarded", "tranny", "chink",
		"spic", "kike", "wetback", "gook", "raghead", "towelhead", "dyke", "beaner", "paki",
		"n word", "f slur", "coon", "jap", "shemale", "sand nigger")
	// historyFrame marks hate as the subject of a history or civics question
	// ("why did Nazi propaganda say Jews were evil").
	historyFrame = newSet("nazi~", "hitler", "propaganda", "holocaust", "segregation",
		"slavery", "slave", "civil rights", "jim crow", "apartheid", "genocide", "history",
		"historical", "stereotype", "myth", "true", "believe", "claim", "racism", "prejudice",
		"discrimination", "said", "thought", "origin", "offensive", "mean", "kkk", "klan",
		"colonial", "colonist", "civil war", "world war", "propagandist", "fact", "study",
		"research", "respond", "bullied", "bias", "unfair", "law", "anti", "against",
		"fight", "stop", "1930", "1940", "reconstruction", "lynch~", "immigration", "policy",
		"population", "percentage", "culture", "tradition", "food", "wrong", "harmful", "hurtful")
	hateSymbols = newSet("swastika", "kkk", "white power", "heil hitler", "nazi salute",
		"white supremacy", "confederate flag", "1488", "88")
	symbolVerbs = newSet("draw", "make", "do", "paint", "post", "spray", "carve", "write",
		"put", "wear", "tattoo", "show", "send", "hang", "salute", "join")
)

var hatePhrases []*pattern

func init() {
	hatePhrases = pats(
		"mean/rude/nasty/hurtful/cruel/savage/brutal/offensive * message/text/comment/name/nickname/joke/post/thing/song/poem/roast/rap/insult/meme/letter/story/tweet/rumor/video/diss/comeback * about/to/for/at/on * @people",
		"mean/rude/nasty/hurtful/cruel * thing/things * say/tell/text * to * @people",
		"make * @people * cry", "make * @people * feel/look bad/worthless/stupid/ugly/small/terrible/sad/alone/dumb/fat/unwanted/like_trash",
		"make * @people * life * miserable/hell/terrible",
		"spread/start/make up/post * rumor/rumors/lie/lies/gossip/story/secret * about * @people",
		"spread/start * rumor/rumors/lie/lies/gossip * about",
		"hate page/account/group/chat * about/for/on * @people", "hate page/account", "burn book",
		"make * hate page/account/group/chat", "exclude * @people * from", "kick * @people * out of * group chat/group/friend group",
		"get * @people * expel/suspend/fire/kick_out/in_trouble * for something",
		"call * @people * names/slurs/ugly/fat/stupid", "roast * @people * so bad/until * cry",
		"tell * @people * kill themselves/herself/himself", "tell * @people * go die",
		"make fun of ** disab~/autis~/accent/skin/religion/race/weight/stutter/wheelchair/glasses/braces/lisp",
		"song/poem/video/meme/post/story/joke/rap/text/comment/page/account/chat/picture/drawing/list * make_fun_of/mock/humiliate/embarrass/roast/insult/trash * @people",
		"get/make/turn * @people/everyone/everybody/class/grade/friends/friend * to? hate/ignore/exclude/laugh/turn * @people",
		"slur/slurs * to * call/say/use/yell/text", "slur/slurs/insult/insults * should/can/could/do * i/we * call/say/use/yell",
		"what * slur/slurs * call", "call * @people * a * slur/name/names", "give/tell/teach/list/show * slur/slurs", "call * @people * slur/slurs",
		"get/make/turn * everyone/everybody/people/class/grade/friends * against * @people",
		"insult/insults/comeback/comebacks/roast/roasts/diss/disses * for/to/about/against/at/of * @people",
		"racist/sexist/homophobic/transphobic/antisemitic/offensive/ethnic/slur joke/jokes/meme/memes",
		"joke/jokes/meme/memes about * @groups",
		"i/we hate * all? @groups", "why are/is/be all? @groups so? @hostile",
		"why are/is/be all? @groups * so * bad/terrible/awful/dumb/stupid * at",
		"all? @groups * are/is * @hostile", "@groups * should * die/leave/disappear/burn/deport~/exterminat~",
		"@groups * should * go back", "@groups * should not exist", "@groups * deserve * die/nothing/suffer",
		"@groups * are not * human/person", "@groups * do not belong", "@groups * belong in the kitchen",
	)
}

// hate reports slurs, hate against groups, and bullying or harassing someone.
func (t *text) hate(output bool) bool {
	if t.each(slurs, func(i int) bool {
		w := t.at(i)
		if w == "n_word" || w == "f_slur" {
			return !t.has(historyFrame) && (t.anyIntent() || t.intentAny(sayVerbs))
		}
		return true
	}) {
		return true
	}
	if t.hurtsSomeone(bullyVerbs) {
		return true
	}
	if t.each(hateSymbols, func(i int) bool {
		return t.intentAny(symbolVerbs) && !t.has(historyFrame)
	}) {
		return true
	}
	if t.any(hatePhrases) {
		return !t.has(historyFrame) || t.anyIntent()
	}
	return false
}

var sayVerbs = newSet("say", "use", "call", "write", "yell", "text", "type", "post")

// ---- personal data about other people ---------------------------------------

var (
	owners = union(people, otherOwners, celebrities, honorifics, newSet("he", "she", "they", "someone else",
		"somebody else", "other person", "other people", "other student", "other kid"))
	info = newSet("phone number", "phone num", "cell number", "cell phone number", "cell",
		"phone", "address", "home address", "email", "email address", "location",
		"live location", "whereabouts", "picture", "photo", "selfie", "video", "instagram",
		"snapchat", "tiktok", "social media", "last name", "full name", "birthday",
		"schedule", "ip address", "social security", "social security number", "ssn",
		"house", "zip code", "locker combination", "locker combo", "credit card", "bank account",
		"bank info", "account", "contact", "contact info", "contact information", "personal info",
		"personal information", "info", "information", "discord", "number", "snap", "handle",
		"username", "user name", "gamertag", "real name", "school schedule", "class schedule",
		"private photo", "private picture", "medical record", "diary", "text message", "message",
		"search history", "grade", "passport", "dm", "gps")
	// strictInfo follows a name directly; "Jake's phone" is clear, "Lincoln's
	// Gettysburg address" is not (and is joined as one word anyway).
	lookupVerbs = newSet("what", "tell", "give", "find", "get", "look up", "lookup", "know",
		"search", "track", "locate", "dox", "doxx", "leak", "post", "share", "send", "need",
		"want", "show", "figure out", "see", "where", "read", "check", "trace", "pull up",
		"obtain")
	lookupFiller = newSet("is", "are", "the", "a", "me", "my", "can", "could", "you", "i", "do",
		"how", "to", "out", "please", "what", "where", "tell", "give", "find", "get", "know",
		"need", "want", "someone", "anyone", "help", "up", "look", "search", "show", "send",
		"share", "post", "of", "for", "exact", "real", "current", "just", "really", "actually",
		"also", "and", "so", "anybody", "we", "should", "would", "will", "have", "any", "way",
		"it", "possible", "there", "an", "be", "was", "into", "on", "at", "his", "her",
		"their", "this", "that", "our", "new", "cute", "hot", "best", "secretly", "quickly",
		"read", "check", "see", "access", "steal", "track", "trace", "locate", "dox", "leak",
		"all", "some", "these", "those", "other", "else", "without", "them", "him")
	infoFiller = newSet("home", "cell", "new", "exact", "real", "current", "personal",
		"private", "phone", "full", "last", "first", "email", "instagram", "snapchat", "tiktok",
		"social", "media", "live", "actual", "secret", "school", "class", "mobile", "house")
	passwords = newSet("password", "passcode", "pin", "pin number", "login", "log in",
		"lock screen", "pattern lock", "unlock code")
	passwordLookups = newSet("what", "tell", "give", "show", "share", "send", "where")
	otherPronouns   = newSet("he", "she", "they", "him", "her", "his", "them", "someone",
		"somebody")
)

var personalPhrases []*pattern

func init() {
	personalPhrases = pats(
		"where do? my/this/that/our/his/her/the * @people * live/stay/sleep/hang_out",
		"where do/does/did he/she/they live/stay", "where do? @honorific * live",
		"find out where * live", "where @celebrities/he/she/they/@honorific * live/stay",
		"where do/does/did * @celebrities * live", "where * @people * live * right now",
		"track/locate/stalk/trace * @owners", "spy on * @owners", "dox/doxx * @owners",
		"where * @people * right now", "what * @people * address",
		"picture/photo/video/selfie * of * my/this/that/the/his/her/our @people",
		"picture/photo/video/selfie * of * her/him/them",
		"what school do * @people * go to", "find * @people * on instagram/snapchat/tiktok/facebook/discord/social_media",
		"find * @people * account/profile", "who * @people * text/message/dm",
		"read * @people * text/message/messages/dm/diary/chat",
	)
}

// personalData reports requests for personal information about someone
// else: a classmate's phone number, a teacher's address, someone's location.
func (t *text) personalData(output bool) bool {
	if output {
		return false
	}
	if t.each(owners, func(o int) bool {
		if t.toks[o].stem == "else" && o > 0 {
			o-- // "someone else's" belongs to "someone"
		}
		if !t.lookupBefore(o) {
			return false
		}
		return t.infoAfter(o)
	}) {
		return true
	}
	// "the phone number of my teacher", "the address for that girl"
	if t.each(info, func(i int) bool {
		if t.at(i) == "number" || !t.lookupBefore(i) {
			return false
		}
		if t.at(i+1) != "of" && t.at(i+1) != "for" {
			return false
		}
		unknown := 0
		for k := i + 2; k <= i+5 && k < len(t.toks); k++ {
			if owners.has(t.at(k)) && !people.has(t.at(k-1)) {
				return t.at(k) != "they" && t.at(k) != "them" || t.has(firstOrSecond)
			}
			if !determiners.has(t.at(k)) {
				if unknown++; unknown > 1 || t.at(k) == sep {
					return false
				}
			}
		}
		return false
	}) {
		return true
	}
	if t.passwordLookup() {
		return true
	}
	return t.any(personalPhrases)
}

// lookupBefore reports whether the words before i ask to find something out.
func (t *text) lookupBefore(i int) bool {
	for j := i - 1; j >= 0 && i-j <= 9; j-- {
		w := t.toks[j].stem
		if lookupVerbs.has(w) {
			return true
		}
		if !lookupFiller.has(w) {
			return false
		}
	}
	return false
}

// infoAfter reports whether personal information about the owner at o
// follows ("my classmate's home address", "her number").
func (t *text) infoAfter(o int) bool {
	named := t.toks[o].name || honorifics.has(t.at(o))
	start := o + 1
	if honorifics.has(t.at(o)) {
		start++ // "Mr Smith's address"
	}
	for k := start; k < len(t.toks) && k <= start+2; k++ {
		w := t.at(k)
		if info.has(w) {
			if w == "number" || w == "house" || w == "account" || w == "info" || w == "information" ||
				w == "message" || w == "grade" || w == "video" || w == "picture" || w == "photo" {
				return k == start || (infoFiller.has(t.at(k-1)) && w != "grade")
			}
			return !named || k == start
		}
		if !infoFiller.has(w) {
			return false
		}
	}
	return false
}

// passwordLookup reports asking what someone else's password is. Getting,
// guessing or using it to get in is cheating (breaking into an account).
func (t *text) passwordLookup() bool {
	return t.each(passwords, func(p int) bool {
		if !t.otherOwned(p) {
			return false
		}
		return t.passwordVerb(p) == "lookup"
	})
}

// otherOwned reports whether the thing at i belongs to someone else.
func (t *text) otherOwned(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4 && t.toks[k].stem != sep; k-- {
		w := t.at(k)
		if people.has(w) || otherOwners.has(w) || t.toks[k].name || w == "someone_else" ||
			w == "somebody_else" || otherPronouns.has(w) || w == "school" {
			return true
		}
		if w == "my" || w == "your" || w == "our" {
			return false
		}
	}
	for k := i + 1; k < len(t.toks) && k <= i+4 && t.toks[k].stem != sep; k++ {
		if (t.at(k-1) == "of" || t.at(k-1) == "for" || determiners.has(t.at(k-1))) &&
			(people.has(t.at(k)) || otherPronouns.has(t.at(k))) && t.at(i+1) != "for" ||
			t.at(k-1) == "of" && people.has(t.at(k)) {
			return true
		}
	}
	return false
}

// passwordVerb says whether the asker wants to learn a password ("lookup")
// or get in with it ("action").
func (t *text) passwordVerb(p int) string {
	for k := p - 1; k >= 0 && k >= p-8 && t.toks[k].stem != sep; k-- {
		w := t.at(k)
		if passwordLookups.has(w) {
			return "lookup"
		}
		if accountVerbs.has(w) || hackVerbs.has(w) {
			return "action"
		}
	}
	return "action"
}

// ---- cheating, forging, stealing, breaking in ---------------------------------

var (
	partners = newSet("girlfriend", "boyfriend", "crush", "wife", "husband", "partner",
		"relationship", "spouse", "date")
	copyVerbs = newSet("copy", "steal", "take", "paste", "copy and paste", "borrow", "use",
		"get", "find", "buy", "see", "look at", "sneak a look at", "peek at", "photograph")
	copyable = newSet("homework", "answer", "answers", "essay", "work", "paper", "assignment",
		"test", "quiz", "exam", "worksheet", "project", "lab report", "notes from the test",
		"test answers", "answer key", "book report", "report", "code", "midterm", "final")
	detectors = newSet("turnitin", "plagiarism checker", "plagiarism detector", "ai detector",
		"gptzero", "zerogpt", "ai checker", "copyleaks", "detector", "checker", "goguardian",
		"lockdown browser", "respondus", "proctor", "proctorio", "honorlock")
	evadeVerbs = newSet("bypass", "beat", "trick", "fool", "avoid", "get past", "pass", "cheat",
		"get around", "evade", "disable", "turn off", "hack", "dodge", "escape", "unblock",
		"break", "close", "get out of", "fake")
	filters = newSet("goguardian", "securly", "lightspeed", "filter", "firewall", "blocker",
		"block", "restriction", "screen time", "parental control", "content filter",
		"school filter", "web filter", "website blocker", "lockdown browser", "school wifi",
		"school chromebook", "chromebook", "school ipad", "school laptop", "iboss", "proxy")
	forgeVerbs = newSet("forge", "fake", "counterfeit", "photoshop", "alter", "falsify",
		"fabricate", "doctor")
	signVerbs = newSet("sign", "copy", "make", "write", "print", "edit", "change", "create",
		"draw", "do", "trace", "practice", "get", "modify", "raise", "fix", "up")
	forgeable = newSet("signature", "doctor note", "doctors note", "sick note", "excuse note",
		"absence note", "permission slip", "report card", "fake id", "id", "id card",
		"document", "transcript", "hall pass", "excuse", "receipt", "certificate", "passport",
		"license", "drivers license", "birth certificate", "grade", "money", "dollar bill",
		"note from my mom", "note from my dad", "note from my parent", "note from the doctor",
		"note", "handwriting", "report", "gpa", "attendance", "absence", "tardy", "detention slip",
		"progress report", "permission form", "field trip form")
	strictForgeable = newSet("signature", "doctor note", "doctors note", "sick note",
		"excuse note", "absence note", "permission slip", "report card", "fake id", "transcript",
		"hall pass", "birth certificate", "note from my mom", "note from my dad",
		"note from my parent", "note from the doctor", "gpa", "attendance", "detention slip",
		"progress report", "permission form", "field trip form", "handwriting")
	stealVerbs = newSet("steal", "shoplift", "rob", "pickpocket", "loot", "burgle",
		"burglarize", "hotwire", "embezzle", "snatch", "break into", "pick a lock", "pick lock",
		"jack", "five finger discount", "scam", "con", "swindle", "pirate")
	harmlessSteal = newSet("base", "steal base", "show", "spotlight", "heart", "idea", "joke",
		"ball", "kiss", "glance", "nap", "look", "moment", "scene", "style")
	hackVerbs = newSet("hack", "hack into", "crack", "ddos", "phish", "keylog", "brute force",
		"jailbreak", "break into", "hijack", "spoof", "bypass", "guess", "steal")
	harmlessHack = newSet("life", "brain", "study", "memory", "productivity", "sleep", "math",
		"habit", "routine", "morning", "egg", "nut", "joke", "smile", "window", "knuckle",
		"code", "puzzle", "case", "book", "it", "this", "that", "a", "problem")
	accountVerbs = newSet("get into", "break into", "log into", "login", "log in", "sign into",
		"sign in", "access", "hack into", "open", "unlock", "use", "log on", "hack", "crack",
		"guess", "get", "steal", "figure out", "bypass", "reset", "change", "break", "hijack",
		"read", "see", "check", "look", "snoop", "go")
	accountish = newSet("account", "instagram", "snapchat", "tiktok", "facebook", "email",
		"gmail", "discord", "phone", "ipad", "laptop", "computer", "wifi", "router", "portal",
		"powerschool", "gradebook", "google classroom", "canvas", "roblox account",
		"fortnite account", "message", "dm", "text", "icloud", "xbox", "playstation", "netflix",
		"password", "passcode", "lock screen", "locker", "system", "school system", "server",
		"database", "network", "website", "profile", "chromebook", "tablet",
		"snap", "whatsapp", "twitter", "youtube", "steam", "minecraft account", "switch",
		"school computer", "teacher computer", "camera", "webcam")
)

var cheatPhrases, testAnswers []*pattern

func init() {
	testAnswers = pats("what/give/send/get/find/leak/steal/know/tell/show/have/need/want/see * answer/answer_key * to/for/of/on/from * @testWork",
		"what/give/send/get/find/leak/steal/know/tell/show/have/need/want/see * @testWork answer/answer_key", "answer_key")
	cheatPhrases = pats(
		"answer_key",
		"make it look like i write", "so * not * look/seem/sound/get * copy/plagiarize/ai/chatgpt/flag/flagged/detect",
		"pass it off as my own", "pass * off as my", "make * undetectable",
		"so the? teacher * not * know/notice/find/catch", "so * turnitin/detector * not",
		"without * teacher * know/notice/find/see/catch", "reword/paraphrase/rewrite/spin * so * not * detect/catch/notice/know",
		"sign * @people * name/signature", "copy * @people * signature/handwriting",
		"change/raise/edit/fix/hack * my * grade/grades/gpa/report_card",
		"take * money/cash/candy/stuff/thing/item/wallet * without * pay/paying/ask/asking/permission",
		"get * without * pay/paying", "leave * store * without * pay/paying",
		"get into * school * system/computer/portal/database/network/wifi",
		"write * my * essay/homework/assignment/paper * so * teacher",
		"do * my * test/quiz/exam * for me", "take * my * test/quiz/exam * for me",
		"phone/chatgpt/ai * during * test/quiz/exam/final/midterm",
		"look * at * @people * paper/test/answers * during", "hide * phone/notes/answers * during * test/quiz/exam",
		"cheat_sheet * into/during/in * test/quiz/exam", "hide * cheat_sheet", "sneak * cheat_sheet",
		"skip * class/school * without * know/notice/find", "fake * sick * skip/miss/get out of",
	)
}

// cheating reports cheating on schoolwork, forging, stealing and breaking
// into accounts. "Cheating on a girlfriend" is dating and "cheat codes" are
// entertainment, so those are left to the non-school rules.
func (t *text) cheating(output bool) bool {
	if t.each(cheatVerb, func(v int) bool {
		if !t.intent(v) {
			return false
		}
		return !t.near(v, games, 6) && !t.near(v, partners, 6) && t.at(v+1) != "code" && t.at(v+1) != "death"
	}) {
		return true
	}
	if t.each(copyVerbs, func(v int) bool {
		if !t.intent(v) {
			return false
		}
		o := t.after(v, copyable, 5)
		if o < 0 {
			return false
		}
		w := t.at(v)
		// "find the answer to 6 x 7" and "use my notes" are studying; taking
		// someone else's work, or answers to a test, is not.
		if w == "copy" || w == "steal" || w == "paste" || w == "copy_and_paste" || w == "look_at" ||
			w == "sneak_a_look_at" || w == "peek_at" || w == "photograph" {
			return true
		}
		return t.otherOwnedRange(v, o) || t.any(cheatPhrases)
	}) {
		return true
	}
	if t.each(plagiarize, func(v int) bool { return t.intent(v) }) {
		return true
	}
	if t.has(detectors) && t.intentAny(evadeVerbs) {
		return true
	}
	if t.verbObject(evadeVerbs, filters, 5) {
		return true
	}
	if t.verbObject(forgeVerbs, forgeable, 5) || t.verbObject(signVerbs, strictForgeable, 5) {
		return true
	}
	if t.has(fakeID) && (t.anyIntent() || !output && t.has(firstOrSecond)) && !t.has(historyFrame) {
		return true
	}
	if t.each(stealVerbs, func(v int) bool {
		return t.intent(v) && !harmlessSteal.has(t.firstAfter(v))
	}) {
		return true
	}
	if t.each(hackVerbs, func(v int) bool {
		if !t.intent(v) {
			return false
		}
		next := t.firstAfter(v)
		w := t.at(v)
		if w == "guess" || w == "steal" || w == "crack" || w == "bypass" {
			return t.after(v, accountish, 5) >= 0 && (w != "guess" || t.otherOwned(t.after(v, accountish, 5)))
		}
		return !harmlessHack.has(next) || t.after(v, accountish, 5) >= 0
	}) {
		return true
	}
	if t.each(accountVerbs, func(v int) bool {
		if !t.intent(v) {
			return false
		}
		a := t.after(v, accountish, 5)
		return a >= 0 && (t.otherOwned(a) || t.otherOwnedRange(v, a))
	}) {
		return true
	}
	if t.each(passwords, func(p int) bool {
		return t.otherOwned(p) && t.passwordVerb(p) == "action" && (t.anyIntent() || t.has(firstOrSecond))
	}) {
		return true
	}
	if t.any(testAnswers) {
		return true
	}
	if !output && t.inSentence(func(s *text) bool {
		return s.secret() && s.verbObject(takeVerbs, valuables, 6)
	}) {
		return true
	}
	if !output && t.inSentence(func(s *text) bool { return s.has(schoolWork) && s.secret() && s.has(firstOrSecond) }) {
		return true
	}
	if !output && (t.has(firstOrSecond) || t.anyIntent()) && t.any(cheatPhrases) {
		return true
	}
	return false
}

var (
	takeVerbs = newSet("take", "grab", "borrow", "keep", "use", "spend", "get", "swipe", "pocket")
	valuables = newSet("money", "cash", "wallet", "purse", "credit card", "debit card", "card",
		"candy", "phone", "airpods", "jewelry", "ring", "watch", "stuff", "thing", "item",
		"game", "gift card", "dollar", "dollars", "change", "snack", "makeup", "clothes",
		"shoes", "ipad", "laptop", "bike", "car", "key", "keys")
	cheatVerb  = newSet("cheat")
	plagiarize = newSet("plagiarize", "plagiarise", "plagiarism", "plagarize", "plagerize")
	fakeID     = newSet("fake id", "fake ids", "fake identification")
)

// firstAfter returns the first word after i that is not a determiner.
func (t *text) firstAfter(i int) string {
	for k := i + 1; k < len(t.toks) && k <= i+4; k++ {
		if !determiners.has(t.at(k)) || t.at(k) == "her" {
			return t.at(k)
		}
	}
	return ""
}

// otherOwnedRange reports whether the words just before an object name
// someone else ("copy my friend's homework", "log into my sister's old phone").
func (t *text) otherOwnedRange(v, o int) bool {
	for k := max(v+1, o-2); k < o; k++ {
		w := t.at(k)
		if people.has(w) || otherOwners.has(w) || t.toks[k].name || otherPronouns.has(w) ||
			w == "someone_else" || w == "school" {
			return true
		}
	}
	return t.otherOwned(o)
}
