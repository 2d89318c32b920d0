package screen

// Cheating, forging, stealing and breaking into accounts.

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
	// In a lesson, a "block" is a building block or a game's ("break the
	// block under the sand"): there, only a filter named as one counts.
	lessonFilters = minus(filters, "block")
	forgeVerbs    = newSet("forge", "fake", "counterfeit", "photoshop", "alter", "falsify",
		"fabricate", "doctor")
	signVerbs = newSet("sign", "copy", "make", "write", "print", "edit", "change", "create",
		"draw", "do", "trace", "practice", "get", "modify", "raise", "fix", "up")
	forgeable = newSet("signature", "doctor note", "doctors note", "sick note", "excuse note",
		"absence note", "permission slip", "report card", "fake id", "id", "id card", "document",
		"transcript", "hall pass", "excuse", "receipt", "certificate", "passport", "license",
		"drivers license", "birth certificate", "grade", "money", "dollar bill", "note from my mom",
		"note from my dad", "note from my parent", "note from the doctor", "note", "handwriting",
		"report", "gpa", "attendance", "absence", "tardy", "detention slip",
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
		"database", "network", "website", "profile", "chromebook", "tablet", "snap", "whatsapp",
		"twitter", "youtube", "steam", "minecraft account", "switch",
		"school computer", "teacher computer", "camera", "webcam")
)

var cheatPhrases, testAnswers, ghostwrite, passAnswers []*pattern

var (
	// aids are what a student may not bring into a test.
	aids = newSet("note", "notes", "answer", "answers", "formula", "formulas", "equation",
		"equations", "cheat sheet", "cheatsheet", "definition", "definitions", "vocab", "fact",
		"facts", "date", "dates", "answer key", "test answer", "crib sheet")
	stashVerbs = newSet("hide", "store", "save", "write", "put", "sneak", "program", "load",
		"tape", "show", "keep", "stick", "type", "draw", "hold", "fit", "get", "have", "bring",
		"text", "send", "slip", "use", "see", "read", "check", "look at")
	// stashes are where notes are hidden.
	stashes = newSet("calculator", "graphing calculator", "ti 84", "ti84", "ti", "hand", "arm",
		"palm", "wrist", "leg", "thigh", "water bottle", "bottle", "label", "smartwatch", "watch",
		"apple watch", "phone", "sleeve", "shoe", "desk", "pencil case", "eraser", "pencil",
		"ruler", "hat", "cap", "gum wrapper", "snack", "jacket", "hoodie", "sock", "tissue",
		"bathroom", "airpod", "earbud", "lap", "skin", "body", "under my desk", "desk", "chair",
		"shirt", "sleeve", "binder", "ceiling")
	// openBook tests allow notes.
	openBook = newSet("open note", "open book", "allowed", "allow", "formula sheet",
		"reference sheet", "study guide", "flashcard", "study", "review", "memorize", "remember")
)

func initRules01() {
	testAnswers = pats("what/give/send/get/find/leak/steal/know/tell/show/have/need/want/see * answer/answer_key * to/for/of/on/from * @testWork",
		"what/give/send/get/find/leak/steal/know/tell/show/have/need/want/see * @testWork answer/answer_key", "answer_key")
	cheatPhrases = pats(
		"answer_key", "make it look like i write",
		"so * not * look/seem/sound/get * copy/plagiarize/ai/chatgpt/flag/flagged/detect",
		"pass it off as my own", "pass * off as my", "make * undetectable",
		"so the? teacher * not * know/notice/find/catch", "so * turnitin/detector * not",
		"without * teacher * know/notice/find/see/catch",
		"reword/paraphrase/rewrite/spin * so * not * detect/catch/notice/know",
		"sign * @people * name/signature", "copy * @people * signature/handwriting",
		"change/raise/edit/fix/hack * my * grade/grades/gpa/report_card",
		"take * money/cash/candy/stuff/thing/item/wallet * without * pay/paying/ask/asking/permission",
		"get * without * pay/paying", "leave * store * without * pay/paying",
		"get into * school * system/computer/portal/database/network/wifi",
		"write * my * essay/homework/assignment/paper * so * teacher",
		"do * my * test/quiz/exam * for me", "take * my * test/quiz/exam * for me",
		"phone/chatgpt/ai * during * test/quiz/exam/final/midterm",
		"look * at * @people * paper/test/answers * during",
		"hide * phone/notes/answers * during * test/quiz/exam",
		"cheat_sheet * into/during/in * test/quiz/exam", "hide * cheat_sheet",
		"sneak * cheat_sheet", "skip * class/school * without * know/notice/find",
		"fake * sick * skip/miss/get out of", "pick * lock/locks/padlock", "break * lock/padlock",
		"open * locker/diary/safe * without * key/combination",
		// someone else's work handed in as mine
		"turn/hand/submit/pass * in * as * mine/my_own/my_work",
		"turn/hand/submit * it/them/this/that * in * as * mine/my_own/if_i_wrote",
		"so * i * can * turn/hand/submit * it/them * in",
		"pay/hire/get/find * someone/somebody/person/@who ** to * do/write/take * my * homework/essay/paper/assignment/project/test/quiz/exam/class/report",
		"write/do * my * essay/paper/report/assignment/homework/project * for me * so",
	)
	// someone else's work passed off as mine
	ghostwrite = pats("so * teacher/teachers/she/he/they * think/thinks/believe/believes * i/me * write/wrote/do/did/make/made",
		"make/making * it * look/sound/seem * like ** i/me/kid/student/human/person/myself/grader/teen/teenager/child * write/wrote/do/did/make/made",
		"sound/sounds * like * i/me/myself * write/wrote", "look * like * i/me * write/wrote/do/did",
		"so * it * sound/sounds/look/looks * like * i/me/kid/student/human * write/wrote/do/did",
		"make/making * it * look/sound/seem * like ** write/wrote/do/did/make/made * it/this/that/them")
	// giving or getting answers in the middle of a test
	passAnswers = pats("text/send/share/pass/signal/whisper/show/airdrop/message/snap/give/tell/get/look_up * answer/answers * during/in/on/for * @testWork",
		"answer/answers * to * @who * during * @testWork",
		"during * @testWork * text/send/share/pass/signal/whisper/look_up/google/search",
		"look_up/google/search * answer/answers * during * @testWork")
}

// smugglesAnswers reports hiding notes, formulas or answers where they can
// be read during a test: a calculator, a hand, a water-bottle label, a watch.
func (t *text) smugglesAnswers() bool {
	return t.inSentence(func(s *text) bool {
		if !s.has(aids) || !(s.has(testWork) || s.has(cheatSheet)) || s.has(openBook) {
			return false
		}
		stashed := s.each(stashVerbs, func(v int) bool { return s.intent(v) || s.has(subjects) && s.at(v-1) != "if" })
		if !stashed {
			return false
		}
		return s.has(stashes) || s.secret() || s.any(notSeen) || s.has(concealOnly)
	})
}

var notSeen []*pattern

var concealOnly = newSet("hide", "sneak", "smuggle", "slip", "tape")

// cheatSheet is only ever made for a test.
var cheatSheet = newSet("cheat sheet", "cheatsheet", "crib sheet")

func initRules02() {
	notSeen = pats("so * teacher/teachers/proctor/she/he/they * not * see/know/notice/catch/tell/find",
		"without * teacher/teachers/proctor/anyone * see/know/notice/catch/seeing/knowing/noticing/catching")
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
	objects := filters
	if output {
		objects = lessonFilters
	}
	if t.verbObject(evadeVerbs, objects, 5) {
		return true
	}
	if t.verbObject(forgeVerbs, forgeable, 5) || t.verbObject(signVerbs, strictForgeable, 5) {
		return true
	}
	// "change an F to a B on my report card before my parents see"
	if !output && t.verbObject(signVerbs, strictForgeable, 9) && (t.secret() || t.any(gradeLetters)) {
		return true
	}
	if !output && (t.smugglesAnswers() || (t.any(ghostwrite) || t.any(passAnswers)) && (t.anyIntent() || t.has(subjects))) {
		return true
	}
	if t.has(fakeID) && (t.anyIntent() || !output && t.has(firstOrSecond)) && !t.has(historyFrame) {
		return true
	}
	if t.each(stealVerbs, func(v int) bool {
		// "pirates" are people; "pirate a movie" is stealing
		if t.at(v) == "pirate" && !isBase(t.toks[v]) {
			return false
		}
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
		"candy", "phone", "airpods", "jewelry", "ring", "watch", "stuff", "thing", "item", "game",
		"gift card", "dollar", "dollars", "change", "snack", "makeup", "clothes",
		"shoes", "ipad", "laptop", "bike", "car", "key", "keys")
	cheatVerb  = newSet("cheat")
	plagiarize = newSet("plagiarize", "plagiarise", "plagiarism", "plagarize", "plagerize")
	fakeID     = newSet("fake id", "fake ids", "fake identification")
)

var gradeLetters []*pattern

func initRules03() {
	gradeLetters = pats("f/d/c/b/a * to * a/b/c/d", "fail/failing * to * pass/passing")
}

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
