package screen

import "strings"

// Sexual content.

var (
	sexualWords = newSet("porn~", "nude", "nsfw", "hentai", "onlyfans", "horny", "sext",
		"sexting", "erotic~", "xxx", "blowjob", "handjob", "dick pic", "boob", "masturbat~",
		"orgasm~", "strip club", "stripper", "lewd", "hookup", "hook up with", "make out with",
		"have sex", "sex with", "sex video", "sex tape", "sex position", "sex story", "sex chat",
		"sexy picture", "sexy photo", "sexy story", "sexy video", "sexy pic", "naked picture",
		"naked photo", "naked video", "naked selfie", "send nude", "lose my virginity", "seduce",
		"rule 34", "r34", "spicy picture", "thirst trap", "sexting", "sex cam", "booty pic",
		"camgirl", "fetish", "bdsm", "sex toy", "condom", "virginity", "get laid",
		"one night stand", "smut", "rape", "raping", "molest~", "genital~", "penis", "vagina",
		"dildo", "vibrator", "threesome", "nipple", "twerk on", "sexual act", "sexual thing",
		"sexual stuff", "sexual content", "sexual story", "sexual picture", "sexual video",
		"sexual fantasy", "sexual roleplay",
		"sexual joke", "sexy", "get naked", "sexier", "sexiest", "sexily", "undress~", "unclothed",
		"topless", "nudes")
	// bodies in biology and health class are not sexual content.
	healthFrame = newSet("reproductive system", "reproduction", "puberty", "anatomy", "organ",
		"biology", "health class", "health", "cell", "function", "system", "doctor", "cancer",
		"disease", "std", "sti", "pregnancy", "menstrua~", "period", "mole rat", "naked mole rat",
		"naked eye", "hormone", "consent", "law", "history", "protect", "prevent", "safe", "hpv",
		"vaccine", "abuse", "report", "tell", "trusted adult", "harassment", "assault",
		"help", "unsafe", "uncomfortable")
	sexWord = newSet("sex", "sexual", "sexually")
	// biology uses "sex" for the difference between male and female.
	sexBiology = newSet("cell", "chromosome", "determine", "determination", "determined",
		"link", "linked", "organ", "hormone", "gamete", "offspring", "reproduction", "species",
		"ratio", "ed", "education", "biological", "plant", "flower", "gene", "trait", "turtle",
		"egg", "sperm", "reproduce", "asexual", "selection", "dimorphism", "characteristic",
		"chromosomes", "x", "y", "male", "female", "baby", "animal", "fish", "bird", "crocodile",
		"alligator", "bee", "difference", "gender", "mitosis", "meiosis", "evolution", "revolution",
		"orientation", "identity", "abuse", "assault", "harassment", "discrimination", "equality",
		"right", "civil", "movement", "consent", "education",
		"history", "predator", "misconduct", "violence", "exploitation", "trafficking")
	_ = harmless("sexual reproduction", "asexual reproduction", "sex cell", "sex chromosome",
		"sex linked", "sex ed", "sex education", "sexual selection", "biological sex",
		"naked mole rat", "naked eye", "sex organ", "sexual dimorphism", "sexual harassment",
		"sexual abuse", "sexual assault", "sexually transmitted", "sexually transmitted disease",
		"sexually transmitted infection", "hooked up to", "naked singularity",
		"sexual orientation", "sex determination")
)

var dirtyPhrases, nudity, nudityUse, bodyRating, underwear, imageUse []*pattern

var (
	// hotWords rate a body for sex appeal.
	hotWords = newSet("hot", "hotter", "hottest", "sexy", "sexier", "sexiest", "attractive",
		"fine", "thick", "curvy", "bangin", "smash", "fuckable", "spicy")
	// unmistakable appeal words; "hot" may be a temperature.
	appealWords = newSet("sexy", "sexier", "sexiest", "attractive", "thick", "curvy", "bangin",
		"fuckable")
	rankVerbs = newSet("rank", "rate", "score", "sort", "judge", "compare", "who", "which")
	bodyWords = newSet("body", "body part", "butt", "booty", "ass", "chest", "hip", "thigh",
		"boob", "breast", "figure", "curve", "leg", "abs", "lip")
	rateVerbs = newSet("rank", "rate", "list", "score", "compare", "sort", "order", "judge",
		"which", "what")
	// a body's heat, not its looks
	bodyScience = newSet("temperature", "fever", "degree", "heat", "sun", "sunburn", "sweat",
		"warm", "cold", "blood", "metabolism", "calorie", "exercise", "organ", "science")
)

func initRules22() {
	dirtyPhrases = pats("dirty/naughty/spicy/steamy/explicit/kinky/freaky * story/stories/joke/jokes/picture/pictures/photo/video/talk/message/text/stuff/roleplay/fanfic/scene/things",
		"talk dirty", "x rated", "18+ * story/video/content/site", "see * naked",
		"naked * girl/girls/boy/boys/woman/women/man/men/people/person",
		"love/romantic/intimate/steamy/bedroom/kissing * scene * detail/detailed/body/bodies/undress/bed/touch/naked",
		"detail * about * their/her/his * body/bodies",
		"send/sent/sending * something/anything/stuff * naughty/spicy/dirty/freaky/nsfw/inappropriate/private/risky",
		"tell/say/write/text/whisper * something/anything/stuff/things/words * naughty/spicy/dirty/freaky/sexy/steamy",
		"tell/say/write/text/whisper * naughty/spicy/dirty/freaky/sexy/steamy * something/anything/stuff/things/words",
		"say/tell/text * hot/naughty/spicy/dirty/freaky * stuff/things/words * to me",
		"what * people/couples/adults/grownups/they * do * in bed", "in bed * detail/detailed/describe",
		"describe/explain/tell * in bed",
		// pictures of a body, and adults asking children for them
		"pic/pics/picture/pictures/photo/photos/selfie/selfies/video/videos * of * my/your/her/his/their * body",
		"send/sent/post * pic/pics/picture/pictures/photo/photos/selfie/selfies * without * my? face",
		"how * should/do/can * i * pose * for * him/her/them/pic/pics/picture/pictures/photo/photos",
		"pose * for * pic/pics/picture/pictures/photo/photos * he/she/they * want/wants/asked",
		"@who/adult/man/guy/older * want/wants/wanted/ask/asks/asked * pic/pics/picture/pictures/photo/photos/selfie/selfies * of me",
		// filming or watching people undress
		"record/film/video/photograph/tape/spy_on/peek_at/watch * @who/someone/somebody/people/girls/boys * undress/undressing/shower/showering",
		"record/film/video/photograph/tape/spy_on/peek_at/watch * @who/someone/somebody/people/girls/boys * change/changing * clothes/in/locker_room/changing_room",
		"camera/phone * in * locker_room/changing_room/bathroom/shower/showers * to? record/film/see/watch")
	// without clothes, in underwear
	nudity = pats("without/no * clothes/clothing/shirt/bra/underwear/pants/top",
		"take/taking/took * off * clothes/clothing/shirt/bra/underwear/top/pants",
		"take/taking/took * clothes/clothing/shirt/bra/underwear * off",
		"out of * their/her/his/my/your * clothes", "undress~", "topless", "shirtless", "naked", "nude")
	// in underwear or swimwear: only a picture or a look makes it sexual
	// ("a story about a girl in her new bikini at the beach" is a story)
	underwear = pats("in * underwear/bra/bikini/boxers/lingerie/panties/undies/swimsuit")
	imageUse = pats("picture/pictures/pic/pics/photo/photos/selfie/selfies/video/videos/snap/snaps/nude/facetime/video_call/cam",
		"send/sent/see/look/watch/show/film/record")
	// … to be seen, sent, filmed or described
	nudityUse = pats("picture/pictures/pic/photo/photos/selfie/selfies/video/videos/snap/snaps/nude/facetime/video_call/cam",
		"send/sent/see/look/watch/show/film/record/describe/write/draw/story/scene/ask",
		"how * she/he/they * look", "look/looks * like")
	bodyRating = pats("@rateVerb * hot/hotter/hottest/sexy/sexier/sexiest/attractive/fine/thick/curvy",
		"hot/hotter/hottest/sexy/sexier/sexiest/attractive/fine/thick/curvy * body/bodies/butt/booty/chest/boob/boobs/thigh/thighs/figure",
		"body/bodies/butt/booty/chest/boob/boobs/thigh/thighs/figure/body_part * hot/hotter/hottest/sexy/sexier/sexiest/attractive/thick",
		"rank/rate/score * girl/girls/boy/boys/guy/guys/woman/women/classmate/classmates/people/@who * by * look/looks/body/bodies/hot",
		"by * how * hot/sexy/attractive/fine/thick")
}

// undressedAsk reports asking to see, get, send or describe someone
// without clothes, or rating bodies for sex appeal, in a request.
func (t *text) undressedAsk() bool {
	return t.inSentence(func(s *text) bool {
		if s.has(healthFrame) && !s.has(hotWords) {
			return false
		}
		if s.any(nudity) && s.any(nudityUse) || s.any(underwear) && s.any(imageUse) {
			return true
		}
		if !s.any(bodyRating) || s.has(bodyScience) {
			return false
		}
		if s.has(appealWords) {
			return s.has(bodyWords) || s.has(people) || s.has(groups)
		}
		// "hottest" is a temperature unless people are ranked by it
		return s.has(people) || s.has(groups) || s.has(rankVerbs) && s.has(bodyWords)
	})
}

// sexual reports sexual content. Biology ("sexual reproduction", "sex
// cells") and health ("the reproductive system") are school.
func (t *text) sexual(output bool) bool {
	hit := false
	t.each(sexualWords, func(i int) bool {
		w := t.at(i)
		if (w == "penis" || w == "vagina" || w == "condom" || w == "virginity" ||
			w == "nipple" || strings.HasPrefix(w, "genital")) && t.has(healthFrame) {
			return false
		}
		// history and health lessons name sexual violence; a student
		// disclosing it gets the message that points to a trusted adult.
		if (w == "rape" || strings.HasPrefix(w, "molest")) && output && (t.has(healthFrame) || t.has(historyFrame) || t.has(pastFrame)) {
			return false
		}
		hit = true
		return true
	})
	if hit || t.any(dirtyPhrases) {
		return true
	}
	if !output && t.undressedAsk() {
		return true
	}
	return t.each(sexWord, func(i int) bool {
		return !t.near(i, sexBiology, 4) && !t.has(healthFrame)
	})
}
