package screen

// Hate, slurs, harassment and bullying.

var (
	bullyVerbs = newSet("bully", "cyberbully", "harass", "humiliate", "embarrass", "mock",
		"tease", "insult", "troll", "make fun of", "pick on", "exclude", "body shame", "fat shame",
		"blackmail", "catfish", "expose", "intimidate", "torment", "ridicule", "shame",
		"gang up on", "diss", "ruin", "frame", "isolate", "degrade", "belittle", "leave out",
		"cancel", "hate on", "bodyshame", "fatshame", "prank call", "swat", "roast", "freeze out",
		"ice out", "shun", "ostracize", "ostracise", "clown on", "dunk on", "spam", "dox")
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
		"deaf person", "blind person", "nonbinary", "homosexual", "minority", "race", "religion",
		"deaf", "blind", "special ed", "special needs", "disability", "stutter", "wheelchair",
		"ethnicity", "gender", "nationality", "religious", "hindus", "jews", "muslims", "races",
		"religions", "girls", "boys", "women", "men")
	hostile = newSet("stupid", "dumb", "idiot", "inferior", "worthless", "disgusting", "evil",
		"subhuman", "animal", "lazy", "criminal", "terrorist", "trash", "garbage", "scum", "vermin",
		"filth", "filthy", "savage", "monkey", "ape", "rat", "cockroach", "parasite", "worse",
		"dirty", "ruin", "useless", "gross", "pathetic", "weak", "thief", "thieves", "retard",
		"freak", "sick", "wrong", "mistake", "abomination", "deport~", "exterminat~", "worst",
		"problem", "greedy", "violent", "smelly", "stinky", "inbred", "primitive", "uncivilized",
		"backward", "dangerous", "scary", "threat", "bad", "weird", "annoying", "creepy", "cringe",
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

var hatePhrases, harassPhrases, ridicule, exclusion, driveAway, supremacy, argueFrames, hurtfulMeans []*pattern

var (
	// raceish groups are the ones whose ranking is hate even without a
	// hostile word.
	raceish = newSet("race", "races", "religion", "religions", "ethnicity", "gender",
		"nationality", "black person", "white person", "asian", "african", "mexican", "jew",
		"jewish", "muslim", "christian", "hindu", "hindus", "arab", "latino", "hispanic",
		"immigrant", "girl", "boy", "woman", "man", "girls", "boys", "women", "men", "female",
		"male", "gay", "trans", "religious")
)

func initRules10() {
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
		"call * @people * names/slurs/ugly/fat/stupid",
		"bad/mean/rude/nasty/dirty/offensive/insulting/racist * word/words/name/names/term/terms/joke/jokes/nickname/nicknames * for/about/to_call * @groups",
		"slur/slurs * for/about/against * @groups", "roast * @people * so bad/until * cry",
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
		"why are/is/be all? the? @groups person/kid/man/woman/guy/girl/boy/student? always/so/really/such? @hostile",
		"why are/is/be all? @groups * so * bad/terrible/awful/dumb/stupid * at",
		"all? @groups are/is * @hostile", "all? @groups in/from/at/who/of ** are/is * @hostile", "all? @groups people/kids/kid/students/folks/person/men/women/guys/girls/boys are/is * @hostile",
		"@groups * should * die/leave/disappear/burn/deport~/exterminat~",
		"@groups * should * go back", "@groups * should not exist",
		"@groups * deserve * die/nothing/suffer", "@groups * are not * human/person",
		"@groups * do not belong", "@groups * belong in the kitchen",
		"@groups * control/run/own * everything/world/media/government/bank/banks/money/hollywood",
	)
	// rumours, humiliating pictures, fake accounts, exposing secrets: asked
	// for, never merely told (a story may have a villain who spreads lies)
	harassPhrases = pats(
		"start/spread/invent/post * rumor/rumors/lie/lies * that/saying/where/so",
		"embarrassing/ugly/humiliating/unflattering/gross/worst/weird * photo/photos/picture/pictures/pic/pics/video/videos/screenshot * of * @who/@groups",
		"fake/anonymous/burner/spam/secret * account/accounts/instagram/tiktok/snapchat/page/profile * to * post/roast/expose/troll/harass/mess/pretend/bully/trash/embarrass",
		"fake/anonymous/burner * account/accounts/instagram/tiktok/page/profile * about/of/pretending * @who",
		"expose/leak/post/spread/share * @who * secret/secrets/diary/texts/messages/crush",
		"get * @who * kick/kicked/removed/banned/thrown * out/off/from",
		"kick/remove/ban * @who * out of/from * friend_group/group/chat/group_chat/table/team",
		// contact kept up after someone said stop
		"keep/still/continue * message/messaging/text/texting/dm/call/calling/contact/spam/spamming/bother * @who/them/him/her ** after/even * block~",
		"message/text/dm/contact/call/reach * @who/them/him/her * after/if/when * they/he/she * block~ * me",
		"get_around * block", "new/another/second/fake * account * to * message/text/dm/contact/reach/follow * @who/them/him/her * block~",
		// turning friends against a child
		"tell/convince/get/make/ask * friends/friend/everyone/everybody/class/group/people/team * not/never * to? * play/sit/talk/hang/hang_out/eat/be_friends * with * @who",
	)
	// jokes, memes, songs, captions or posts that mock someone
	ridicule = pats("joke/jokes/meme/memes/song/songs/poem/rap/diss_track/diss/roast/caption/captions/post/posts/video/tiktok/comment/comments/nickname/nicknames/story/list/page/chat/group_chat * make_fun_of/mock/mocking/roast/humiliate/embarrass/insult/trash/clown/tease/laugh_at * @who/@groups",
		"make_fun_of/mock/mocking/roast/humiliate/trash/clown/laugh_at * @groups",
		// a chat, page or account made for mocking: harassment, whoever the target
		"start/make/create/set_up * group_chat/chat/page/account/server * to? make_fun_of/mock/roast/humiliate/trash/laugh_at",
		"joke/jokes/meme/memes/song/songs/roast/diss/caption/captions/nickname/nicknames * about/for/on * @groups",
		"mean/meanest/savage/brutal/nasty/cruel/harsh/harshest/worst * joke/jokes/meme/memes/roast/roasts/nickname/nicknames/comeback/comebacks/insult/insults * about/for/on/to/at * @who/@groups",
		"roast/roasts/comeback/comebacks/insult/insults * for/to/about/on * @who/@groups")
	// turning people against someone or leaving them out
	exclusion = pats("get/make/convince/turn/tell * everyone/everybody/class/grade/people/person/friends/friend/group/school/team * to? ignore/exclude/unfriend/unfollow/block/hate/shun/avoid/leave_out/freeze_out/ice_out/gang_up_on/laugh_at/stop_talk_to/stop_talking_to/stop_sit_with/stop_sitting_with/stop_play_with/stop_playing_with",
		"get/make/convince/tell * everyone/everybody/class/grade/people/person/friends/friend/group/school/team * to? * stop * talk/talking/sit/sitting/hang/hanging/play/playing/invite/inviting * with/to? * @who",
		"stop sit/sitting/talk/talking/hang/hanging/play/playing/eat/eating * with/to * @who",
		"so * nobody/no_one/noone/no * sit/sits/talk/talks/hang/hangs/play/plays/eat/eats/like/likes * with/to? * @who",
		"nobody/no_one * will * sit/talk/hang/play/eat * with/to * @who",
		"nobody/no_one/noone * invite/invites/pick/picks/talk/talks/sit/sits/play/plays/like/likes/text/texts * @who",
		"turn * everyone/everybody/class/grade/people/friends/friend/group/school/team/squad * against",
		"make/get * @who * feel * left_out/alone/unwanted/unwelcome/excluded/like_nobody/invisible/lonely/worthless/stupid/ugly/small")
	// … until they give up: "so she quits", "so miserable he switches schools"
	driveAway = pats("make/get/force/drive/push/annoy/bully * @who ** quit/leave/transfer/switch/move/cry/drop_out/miserable",
		"so * @who/he/she/they * quit/quits/leave/leaves/transfer/transfers/switch/switches/move/moves/cry/cries/drop_out/stop/stops",
		"so * @who/he/she/they * get/gets/feel/feels/look/looks * embarrass~/humiliat~/stupid/dumb/bad/worthless/ugly",
		"that * he/she/they * quit/quits/leave/leaves/transfer/transfers/switch/switches/stop/stops * come/coming/school/team",
		"annoy/bother/irritate/bug/pester/troll/torment * @who * so * much/bad/badly",
		"so * everyone/everybody/people/person/class/school/grade/they * laugh/laughs/laughing * at",
		"so * everyone/everybody/people/person/class/school/grade * hate/hates/ignore/ignores/avoid/avoids/make_fun_of/think/thinks * @who")
	// ranking races, religions or genders
	supremacy = pats("@groups * be/are/is * naturally? smarter/dumber/stupider/better/worse/superior/inferior/weaker/lazier",
		"which/what * @groups * be/is * the? smartest/dumbest/stupidest/best/worst/laziest/ugliest/evilest/superior/inferior",
		"one/some * race/races/religion/religions/gender * be/are/is * smarter/dumber/better/worse/superior/inferior",
		"smarter/dumber/better/worse/superior/inferior * than * @groups/other/others",
		"@groups * be/are/is * less/more/not * intelligent/smart/capable/civilized/evolved/human",
		"@groups * should * not/never * be_allowed/allowed/vote/work/lead/drive/have/go/exist/be",
		"@groups * not * deserve")
	argueFrames = pats("prove", "proving", "reason/reasons * why", "explain * why", "why * be/are/is",
		"show * that", "argue", "evidence * that", "paragraph/essay/speech/list/post * that/proving/saying/about/why", "which", "what")
	// means to hurt: "what nickname would really hurt a fat kid's feelings",
	// "insults i can use on a gay kid"
	hurtfulMeans = pats("nickname/nicknames/name/names/insult/insults/comeback/comebacks/thing/things/word/words/joke/jokes * would/will/could/can/to * really? * hurt/upset/crush/destroy/offend/break",
		"insult/insults/comeback/comebacks/nickname/nicknames/names/roast/roasts/diss/disses * i/we * can/could/should * use/call/say/yell/throw",
		"hurt * @who/@groups * feeling/feelings")
}

// harasses reports ridicule, exclusion, driving someone away and ranking
// groups: the ways of bullying that name no bullying verb.
func (t *text) harasses() bool {
	return t.inSentence(func(s *text) bool {
		if s.any(harassPhrases) {
			return !s.has(historyFrame) || s.anyIntent()
		}
		if s.any(ridicule) || s.any(exclusion) || s.any(hurtfulMeans) {
			return !s.any(victimFrames) && !s.has(antiBully)
		}
		if s.any(driveAway) && (s.anyIntent() || s.has(subjects)) && !s.any(victimFrames) && !s.has(antiBully) {
			return true
		}
		if s.any(supremacy) && s.has(raceish) && s.any(argueFrames) && !s.has(historyFrame) && !s.storyish() {
			return true
		}
		return false
	})
}

// antiBully marks a question about stopping or reporting bullying.
var antiBully = newSet("report", "prevent", "deal", "handle", "bullied", "victim", "cope",
	"respond", "why")

// victimFrames make the asker the one being bullied, or the one stopping it
// ("how do i get my friends to stop making fun of me").
var victimFrames []*pattern

func initRules11() {
	victimFrames = pats("stop * make_fun_of/mock/mocking/tease/teasing/ignore/ignoring/exclude/excluding/bully/bullying/laugh/laughing/roast/roasting/pick_on",
		"make_fun_of/mock/tease/ignore/exclude/bully/laugh_at/roast/pick_on/hate * me/us $",
		"make_fun_of/mock/tease/ignore/exclude/bully/laugh_at/roast/pick_on/hate * me/us * because/for/and/so/at/in",
		"everyone/everybody/people/they * ignore/ignores/hate/hates/exclude/excludes * me")
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
		return !t.framedOutside(hatePhrases, historyFrame) || t.anyIntent()
	}
	return !output && t.harasses()
}

var sayVerbs = newSet("say", "use", "call", "write", "yell", "text", "type", "post")

// framedOutside reports whether a word of frame occurs outside the words a
// matching pattern covers: in "mean names to call him" the adjective "mean"
// is part of the insult, not the "what does it mean" of a history question.
func (t *text) framedOutside(ps []*pattern, frame *set) bool {
	for _, p := range ps {
		for _, toks := range [][]token{t.toks, t.plain} {
			sp, ok := p.find(toks)
			if !ok {
				continue
			}
			for i, tk := range toks {
				if (i < sp.from || i >= sp.to) && frame.has(tk.stem) {
					return true
				}
			}
			return false
		}
	}
	return t.has(frame)
}
