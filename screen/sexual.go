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
		"sexual joke", "sexy", "get naked")
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

var dirtyPhrases []*pattern

func init() {
	dirtyPhrases = pats("dirty/naughty/spicy/steamy/explicit/kinky/freaky * story/stories/joke/jokes/picture/pictures/photo/video/talk/message/text/stuff/roleplay/fanfic/scene/things",
		"talk dirty", "x rated", "18+ * story/video/content/site", "see * naked",
		"naked * girl/girls/boy/boys/woman/women/man/men/people/person",
		"love/romantic/intimate/steamy/bedroom/kissing * scene * detail/detailed/body/bodies/undress/bed/touch/naked",
		"detail * about * their/her/his * body/bodies")
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
	return t.each(sexWord, func(i int) bool {
		return !t.near(i, sexBiology, 4) && !t.has(healthFrame)
	})
}
