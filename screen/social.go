package screen

// Dating, celebrity gossip, entertainment and personal advice.

var (
	datingObjects = newSet("girlfriend", "boyfriend", "date", "partner", "crush", "bae", "girl",
		"boy", "guy", "girls", "boys", "her", "him", "valentine", "soulmate", "wife", "husband")
	datingVerbs = newSet("get", "find", "have", "attract", "impress", "win", "pull",
		"kiss", "date", "text", "talk to", "flirt with", "seduce", "woo", "charm",
		"hold hands with",
		"ask", "keep", "make", "marry", "cuddle", "hug")
	gossipCue = newSet("dating", "date", "girlfriend", "boyfriend", "married", "marry",
		"wedding", "divorce", "breakup", "break up", "broke up", "split", "pregnant", "baby",
		"cheat", "cheating", "drama", "beef", "feud", "rumor", "tea", "scandal", "net worth",
		"rich", "richest", "arrested", "hot", "hottest", "cutest", "prettiest", "attractive",
		"best looking", "height", "instagram", "posted", "cancelled", "canceled", "happened",
		"latest", "kiss", "relationship", "ex", "together", "love", "crush", "wife", "husband",
		"fight", "money", "salary", "single", "engaged", "affair", "secret", "dead", "died",
		"addict~", "rehab", "jail", "leak", "leaked", "gossip", "news",
		"shade", "hate", "diss", "lawsuit", "sue")
)

var datingPhrases, gossipPhrases []*pattern

func initRules23() {
	datingPhrases = pats(
		"ask * out", "ask * to prom/homecoming/dance/formal/winter_formal/sadie", "go out with",
		"go on a date", "first date", "date idea", "date ideas", "date night", "how to kiss",
		"how do i kiss", "flirt", "flirting", "rizz", "pickup line", "pick up line", "pickup lines",
		"dating app", "tinder", "bumble", "my crush", "crush on", "do * like me", "like like",
		"make * like me", "make * fall in love", "fall in love with", "get * to like me",
		"be * into me", "text my crush", "break up with", "relationship advice", "love advice",
		"love letter", "valentine for", "impress a girl/boy/guy", "hit_on", "slide into * dm",
		"shoot my shot", "cheat on * girlfriend/boyfriend/partner", "get back with my ex",
		"get my ex back", "how do i know if * like me", "be he/she/they dating", "who be * dating",
		"who is * dating", "be * dating anyone", "am i in love", "love language",
		"how to get a girl/boy/guy", "kiss * for the first time", "my girlfriend", "my boyfriend",
		"get with her/him", "ex back", "make a move on", "friend zone", "friendzone",
		"situationship", "talking stage", "first kiss", "kiss someone", "kiss a girl/boy/guy",
		"good kisser", "girl/boy/guy * i * like/love/crush", "get * to notice me", "make * jealous",
	)
	gossipPhrases = pats(
		"celebrity/celeb gossip/news/drama", "spill the tea", "latest drama", "tmz",
		"what happened between", "tell/give * me * gossip", "latest/juicy/any/new/hot gossip",
		"gossip about * @celebrities", "gossip", "who be * @celebrities * dating",
		"what be go on with * @celebrities", "what happen * @celebrities",
		"what be new with * @celebrities", "news about * @celebrities",
		"what * @celebrities * up to", "is * @celebrities * ok/okay/alive/dead",
		"@celebrities * boyfriend/girlfriend/wife/husband", "how tall/old/rich * @celebrities",
		"who/which * most * subscriber/subscribers/follower/followers/like/likes/view/views/streams",
	)
	_ = harmless("binge drinking", "binge eating", "binge drink")
	_ = harmless("carbon dating", "radiocarbon dating", "radiometric dating", "dating method",
		"dating rock", "dating fossil", "relative dating", "absolute dating", "up to date",
		"out of date", "due date", "date of", "expiration date", "birth date", "date palm",
		"date tree")
}

// gossip reports celebrity gossip: a famous person next to who they date,
// what they earn or what drama they are in.
func (t *text) gossip() bool {
	if t.each(celebrities, func(i int) bool { return t.near(i, gossipCue, 7) }) {
		return true
	}
	return t.any(gossipPhrases)
}

// dating reports dating and romance advice. Love in a book or a play
// ("why did Romeo fall in love with Juliet") is English class.
func (t *text) dating() bool {
	if t.has(storyFrame) && !t.has(firstOrSecond) {
		return false
	}
	if t.each(datingVerbs, func(v int) bool {
		return t.intent(v) && t.after(v, datingObjects, 3) >= 0 &&
			(t.at(v) != "get" || t.after(v, romantic, 3) >= 0)
	}) {
		return true
	}
	return t.any(datingPhrases)
}

// romantic are the objects "get" needs to be about dating ("get a
// girlfriend", not "get her to stop").
var romantic = newSet("girlfriend", "boyfriend", "date", "bae", "valentine", "soulmate",
	"girl", "boy", "guy")

// ---- entertainment: games, shows, lyrics, jokes ----------------------------

var (
	games = newSet("fortnite", "minecraft", "roblox", "valorant", "apex", "apex legends",
		"call of duty", "cod", "warzone", "gta", "gta 5", "gta v", "gta 6", "zelda", "mario",
		"mario kart", "pokemon", "genshin", "genshin impact", "among us", "brawl stars",
		"clash royale", "clash of clans", "league of legends", "overwatch", "rocket league", "fifa",
		"ea fc", "madden", "nba 2k", "2k", "elden ring", "terraria", "subway surfers",
		"candy crush", "geometry dash", "five nights at freddys", "fnaf", "animal crossing",
		"splatoon", "smash bros", "undertale", "stardew", "stardew valley", "blox fruits",
		"adopt me", "bedwars", "hypixel", "skyrim", "halo", "destiny", "cs go", "csgo",
		"counter strike", "dota", "pubg", "free fire", "hollow knight", "cuphead", "kirby",
		"video game", "brookhaven", "pet simulator", "bloxburg", "murder mystery", "arsenal game",
		"rainbow six", "fall guys", "palworld", "lethal company", "hogwarts legacy",
		"spiderman game", "sims", "sims 4",
		"slither io", "agar io", "cookie clicker")
	gameCue = newSet("tip", "trick", "cheat", "cheats", "glitch", "code", "codes", "skin",
		"loadout", "level", "boss", "beat", "win", "rank", "rank up", "better", "best", "seed",
		"free", "unlock", "strategy", "speedrun", "mod", "mods", "download", "update", "server",
		"walkthrough", "secret", "easter egg", "idea", "ideas", "house", "base", "design", "ban",
		"banned", "unban", "account", "skin", "skins", "trick", "item", "weapon", "build", "hack",
		"aimbot", "wallhack", "farm", "grind", "xp", "coins", "gems", "robux", "v bucks",
		"battle pass", "season", "new season", "character", "tier list", "meta", "combo", "drop",
		"victory royale", "dupe", "duplicate", "exploit",
		"cheat code", "private server", "tame", "defeat", "kill", "find", "get", "craft",
		"rare", "worth", "value", "trade", "sell", "pull", "pack", "packs")
)

var entertainmentPhrases []*pattern

func initRules24() {
	entertainmentPhrases = pats(
		"cheat_code", "cheats for/in",
		"free robux/v_bucks/gems/coins/skins/minecoins/diamonds/crowns/primogems", "robux",
		"v_bucks", "what * should/can/do * i/we * watch/stream/binge", "what to watch",
		"something to watch", "good * movie/movies/show/shows/anime/series/cartoon * to watch",
		"movie/show/anime/series/netflix/youtube/tv/song/music recommendation/recommendations/recs",
		"recommend * movie/show/anime/series/song/songs/game/games/music/playlist",
		"what be on netflix/tv/youtube", "when * season/episode/movie/sequel * come out",
		"when * new * season/episode/album/song/movie", "spoiler", "spoilers", "watch tonight",
		"tell me a joke", "tell * joke/jokes", "know any joke/jokes", "funny joke/jokes",
		"play a game with me", "let us play", "truth or dare", "would you rather", "sing * song",
		"make * meme", "send * meme", "i be bored", "entertain me",
		"what game * should i play/get/buy", "best game/games", "good game/games to play",
		"game recommendation", "download * free * movie/game/song/music/album",
		"watch * free * online", "lyric~ to/of/for", "song lyric~",
		"give/send/write/copy/print/show * lyric~", "full/all * lyric~", "what be the lyric~",
		"words to * song", "how * beat * level/boss/game", "unblocked game", "unblocked games",
		"best anime", "best movie", "best show", "what song should", "new song", "playlist for",
		"roast me", "tell * funny/scary/spooky * story/stories",
		"be ** movie/show/series/anime/game/album/song * good/worth/overrated",
		"when ** season/episode/movie/sequel/album * come out",
		"trending * tiktok/youtube/twitter/instagram", "tiktok trend/trends", "what be trending",
		"good/best/new/funny/scary * show/shows/movie/movies/series/anime/film/films * on/to * @streaming",
		"@streaming * show/shows/movie/movies/series/recommendation", "watch on @streaming",
		"good/best/funny/scary * movie/movies/show/shows * to watch", "binge", "what * on tv",
		"funny/best/good/cool/cute/viral * video/videos/meme/memes/tiktok/tiktoks/clip/clips/youtuber/youtubers/channel/channels/podcast/podcasts/streamer/streamers",
		"recommend * youtube/tiktok/twitch/channel/channels/podcast/podcasts/streamer/streamers/youtuber/youtubers",
		"when ** next * season/episode/part/sequel/album ** come_out/drop/release/premiere",
		"when ** season/episode/part/sequel * of * my * show/series/anime",
		"funny/scary/good/best/fun/romantic/sad/cute/cool * movie/movies/film/films/show/shows/cartoon/cartoons/anime",
		"movie/movies/film/films/show/shows/song/songs/playlist * for * a/my/our? sleepover/party/slumber_party/birthday/hangout/movie_night/road_trip",
	)
}

// entertainment reports games help, cheat codes, free game currency, what to
// watch, lyrics to copy and jokes.
func (t *text) entertainment() bool {
	if t.each(games, func(i int) bool {
		return t.near(i, gameCue, 6) && !t.has(schoolSubjects)
	}) {
		return true
	}
	if t.any(entertainmentPhrases) {
		return !t.has(lyricStudy)
	}
	return false
}

// lyricStudy marks song words as English class ("the metaphors in this
// song", "what does the poem mean").
var lyricStudy = newSet("analyze", "analyse", "analysis", "meaning", "mean", "poetry", "poem",
	"literary", "theme", "symbol", "symbolism", "metaphor", "simile", "rhyme scheme", "figurative",
	"imagery", "history of", "explain", "device", "tone", "mood", "rhyme",
	"rhyming", "alliteration", "repetition", "structure", "stanza", "verse", "write", "poet")

// streaming services, where "a good show" is something to watch.
var streaming = newSet("netflix", "hulu", "disney plus", "disney", "prime video", "amazon prime",
	"hbo", "max", "crunchyroll", "youtube", "twitch", "tiktok", "peacock", "paramount", "apple tv")

// ---- personal advice ------------------------------------------------------------

var personalPhrases2, moneyPhrases, stylePhrases, partyPhrases []*pattern

// clothes are what an outfit question is about.
var clothes = newSet("shirt", "t shirt", "tshirt", "pants", "shoe", "dress", "hoodie",
	"sweatpants", "jeans", "sock", "earring", "jacket", "skirt", "top", "sweater", "leggings",
	"sneaker", "hat", "boot", "tie", "belt", "outfit", "shorts", "blouse", "cardigan", "jewelry",
	"necklace", "bracelet", "nail polish", "lipstick", "bag", "purse", "crocs", "uggs", "vans",
	"jordans", "converse", "suit", "tux", "tuxedo", "heels", "sandals", "scarf", "beanie",
	"glasses", "sunglasses", "hair", "hairstyle", "nails", "makeup", "eyeshadow", "overalls",
	"flannel", "polo", "vest", "coat", "romper", "jumpsuit", "jersey")

func initRules25() {
	moneyPhrases = pats("make * money", "get rich", "earn * money", "make * dollar/dollars/bucks",
		"become * rich/millionaire", "be/get/become * popular/cool/famous/well_liked/liked_by",
		"make * friends", "lose weight", "get abs", "get taller", "grow taller",
		"get * muscle/muscles/buff/ripped",
		"make my * tiktok/youtube/instagram/channel/account/video/videos * blow_up/viral/grow/popular/famous",
		"blow up on * tiktok/youtube/instagram", "clear skin", "get rid of * acne/pimple/pimples",
		"six pack", "sixpack", "get * abs",
		"hair/eyelashes/nails/beard/mustache * grow/longer/thicker/faster/curly/straight",
		"good/cute/cool/funny/best * name * for * my/a", "name my * cat/dog/pet/puppy/kitten/hamster/fish/bunny/channel/account")
	personalPhrases2 = pats(
		"what should/do/can i wear", "what to wear", "outfit", "outfits", "does this look good",
		"am i ugly/pretty/fat/cute/attractive/hot/handsome/skinny/short",
		"how to look good/hot/pretty/cute/older/attractive/better",
		"look good/hot/pretty/attractive/older", "glow up", "skincare",
		"makeup look/tutorial/tip/tips/routine", "hairstyle", "haircut", "dye my hair",
		"more popular", "fit in",
		"get * follower/followers/like/likes/view/views/subscriber/subscribers/subs", "go viral",
		"grow my * tiktok/youtube/instagram/channel/account/following",
		"become * influencer/youtuber/tiktoker/streamer/famous/rich", "get famous", "get verified",
		"make * money * fast/quick/quickly/online/easy/easily/now", "side hustle", "passive income",
		"invest in * crypto/bitcoin/stock/stocks/dogecoin", "which stock/crypto/coin * should",
		"rich quick", "get rich fast", "convince * parent/parents/mom/dad * to/let/get/buy",
		"get my parent/parents/mom/dad * to let/buy/get", "sneak out", "what should i name my",
		"what should i get * for * birthday/christmas", "what should i eat",
		"what should i do * weekend/today/tonight/bored/summer", "should i text",
		"how to be confident", "how do i stop being shy", "get a job", "get a phone",
		"stay up late", "how to be cool", "should i dye", "should i cut my hair",
		"how do i tell my parents",
		"should i wear",
		"friend/friends/best_friend * mad/angry/upset/annoyed * at/with * me",
		"friend/friends/best_friend * not * talk/talking/speak/speaking/answer/text * to? * me",
		"friend/friends/best_friend * ignore/ignoring/ghost/ghosted * me",
		"what color/colour * should * i/we * paint/dye/make", "paint/decorate/redo/rearrange * my * room/bedroom/walls",
		"should * i/we * get * a/an * cat/dog/puppy/kitten/hamster/rabbit/bunny/fish/pet/bird/lizard/snake/guinea_pig",
		"plan/planning/throw/host/organize * a/an/my? * sleepover/party/slumber_party/birthday_party/birthday",
	)
	// does this go with that
	stylePhrases = pats("@clothes * go/goes/match/matches/look/looks/pair/pairs * with/together/better/good/ok/okay",
		"do/does * @clothes * match", "what color/colors/colour * @clothes * go/goes/match/wear",
		"what * go/goes * with * @clothes", "wear * hair * up/down/curly/straight",
		"@clothes * or * @clothes")
	// planning a party or a sleepover
	partyPhrases = pats("snack/snacks/food/treat/treats/activity/activities/idea/ideas/game/games/theme/themes/decoration/decorations/prank/pranks ** for/to/at * a/my/our/the? sleepover/party/slumber_party/birthday_party/birthday/hangout/movie_night",
		"sleepover/slumber_party/birthday_party * snack/snacks/food/idea/ideas/game/games/activity/activities/theme",
		"what * should/can/do * i/we * get/buy * @who * for", "what * to * get/buy * @who * for",
		"gift/present * for * @who")
}

// personal reports advice about looks, popularity, followers and money:
// real questions, but not lessons.
func (t *text) personal() bool {
	if t.any(personalPhrases2) || t.any(stylePhrases) && t.has(clothes) || t.any(partyPhrases) {
		return true
	}
	if t.any(moneyPhrases) && (t.has(firstOrSecond) || t.anyIntent()) {
		return true
	}
	return t.secret()
}
