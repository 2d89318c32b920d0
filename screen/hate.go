package screen

// Hate, slurs, harassment and bullying.

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
		"girl", "boy", "woman", "man", "female", "male", "fat person", "poor person", "foreigner",
		"native", "indigenous", "haitian", "somali", "nigerian", "russian", "ukrainian",
		"palestinian", "israeli", "irish", "polish", "filipino", "vietnamese", "pakistani",
		"iranian", "syrian", "puerto rican", "jamaican", "redneck", "gypsy", "roma", "migrant",
		"democrat", "republican", "liberal", "conservative", "special ed kid",
		"deaf person", "blind person", "nonbinary", "homosexual", "minority", "race", "religion")
	hostile = newSet("stupid", "dumb", "idiot", "inferior", "worthless", "disgusting", "evil",
		"subhuman", "animal", "lazy", "criminal", "terrorist", "trash", "garbage", "scum", "vermin",
		"filth", "filthy", "savage", "monkey", "ape", "rat", "cockroach", "parasite", "worse",
		"dirty", "ruin", "useless", "gross", "pathetic", "weak", "thief", "thieves", "retard",
		"freak", "sick", "wrong", "mistake", "abomination", "deport~", "exterminat~", "worst",
		"problem", "greedy", "violent", "smelly", "stinky", "inbred", "primitive", "uncivilized",
		"backward",
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
		"research", "respond", "bullied", "bias", "unfair", "law", "anti", "against", "fight",
		"stop", "1930", "1940", "reconstruction", "lynch~", "immigration", "policy",
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
		"make * @people * cry",
		"make * @people * feel/look bad/worthless/stupid/ugly/small/terrible/sad/alone/dumb/fat/unwanted/like_trash",
		"make * @people * life * miserable/hell/terrible",
		"spread/start/make up/post * rumor/rumors/lie/lies/gossip/story/secret * about * @people",
		"spread/start * rumor/rumors/lie/lies/gossip * about",
		"hate page/account/group/chat * about/for/on * @people", "hate page/account", "burn book",
		"make * hate page/account/group/chat", "exclude * @people * from",
		"kick * @people * out of * group chat/group/friend group",
		"get * @people * expel/suspend/fire/kick_out/in_trouble * for something",
		"call * @people * names/slurs/ugly/fat/stupid", "roast * @people * so bad/until * cry",
		"tell * @people * kill themselves/herself/himself", "tell * @people * go die",
		"make fun of ** disab~/autis~/accent/skin/religion/race/weight/stutter/wheelchair/glasses/braces/lisp",
		"song/poem/story/joke/jokes/post/video/meme/rap/list/text/message/comment/roast * about * how/why ** ugly/fat/stupid/dumb/gross/disgusting/smelly/weird/worthless/poor/loser/annoying",
		"song/poem/video/meme/post/story/joke/rap/text/comment/page/account/chat/picture/drawing/list * make_fun_of/mock/humiliate/embarrass/roast/insult/trash * @people",
		"get/make/turn * @people/everyone/everybody/class/grade/friends/friend * to? hate/ignore/exclude/laugh/turn * @people",
		"slur/slurs * to * call/say/use/yell/text",
		"slur/slurs/insult/insults * should/can/could/do * i/we * call/say/use/yell",
		"what * slur/slurs * call", "call * @people * a * slur/name/names",
		"give/tell/teach/list/show * slur/slurs", "call * @people * slur/slurs",
		"get/make/turn * everyone/everybody/people/class/grade/friends * against * @people",
		"insult/insults/comeback/comebacks/roast/roasts/diss/disses * for/to/about/against/at/of * @people",
		"racist/sexist/homophobic/transphobic/antisemitic/offensive/ethnic/slur joke/jokes/meme/memes",
		"joke/jokes/meme/memes about * @groups", "i/we hate * all? @groups",
		"why are/is/be all? @groups so? @hostile",
		"why are/is/be all? @groups * so * bad/terrible/awful/dumb/stupid * at",
		"all? @groups * are/is * @hostile",
		"@groups * should * die/leave/disappear/burn/deport~/exterminat~",
		"@groups * should * go back", "@groups * should not exist",
		"@groups * deserve * die/nothing/suffer", "@groups * are not * human/person",
		"@groups * do not belong", "@groups * belong in the kitchen",
		"@groups * control/run/own * everything/world/media/government/bank/banks/money/hollywood",
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
