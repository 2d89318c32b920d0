package screen

// Non-school rules. These decide only when no unsafe rule fired, and they
// look for the ASK (a forecast, a score, a purchase), never for a topic word:
// "fractions for basketball fans" names a sport but asks for fractions.

var (
	weather = newSet("weather", "forecast", "rain", "rainy", "snow", "snowy", "sunny", "cloudy",
		"storm", "stormy", "temperature", "temp", "hot", "cold", "warm", "chilly", "freezing",
		"freeze", "humid", "windy", "degrees", "umbrella", "hail", "thunderstorm", "thunder",
		"tornado", "hurricane", "sleet", "fog", "foggy", "drizzle", "heat", "uv index", "pollen",
		"snow day", "sunshine", "clouds", "wind", "blizzard", "heatwave", "heat wave", "raincoat",
		"weather forecast", "sun out", "icy", "frost")
	// scienceOfWeather marks a question about how weather works, which is
	// school even when it mentions a day ("how do meteorologists predict
	// tomorrow's weather").
	scienceOfWeather = newSet("predict", "prediction", "meteorologist", "scientist", "model",
		"radar", "satellite", "form", "formation", "cause", "science", "climate", "front",
		"pressure", "water cycle", "atmosphere", "explain", "difference", "layer", "measure",
		"instrument", "barometer", "thermometer", "record", "history", "average", "data", "graph",
		"chart", "lesson", "project", "why", "work", "greenhouse", "global warming", "kelvin",
		"celsius", "fahrenheit", "convert", "sun's", "planet", "mars", "venus", "jupiter",
		"space", "moon")
)

var forecastPhrases []*pattern

func init() {
	forecastPhrases = pats(
		"will it * rain/snow/storm/hail/thunder/freeze/sunny/hot/cold/warm/windy/cloudy/rainy/snowy",
		"is it go to * rain/snow/storm/hail/thunder/freeze/sunny/hot/cold/warm/windy",
		"be it go to * rain/snow/storm/hail/sunny/hot/cold",
		"go to rain/snow/storm/hail",
		"do i/we need * umbrella/jacket/coat/raincoat/sunscreen/boots/sweater/hoodie",
		"should i/we bring/wear/take * umbrella/jacket/coat/raincoat/sunscreen/boots/sweater/hoodie",
		"what is the forecast", "what is the weather forecast", "weather app",
		"is it hot/cold/warm/raining/snowing/sunny/cloudy/windy * outside/out",
		"how hot/cold/warm is it * outside/out", "what is the temperature outside",
		"snow day", "school * cancel * snow", "how much snow * will/go",
		"what is the weather like", "what is the weather", "how be the weather", "how be the weather * look",
		"weather * look * like", "forecast * look",
	)
}

// forecast reports asking what the weather will be: a weather word pinned to
// a day or to "outside". "Weather" alone, or "why does it rain", is science.
func (t *text) forecast() bool {
	if t.has(scienceOfWeather) {
		return false
	}
	if t.each(weather, func(i int) bool { return t.nearTime(i, 5) }) {
		return true
	}
	for _, p := range forecastPhrases {
		sp, ok := t.find(p)
		if !ok {
			continue
		}
		// "what is the weather like in the amazon rainforest" is geography:
		// only a bare "what is the weather (like)" asks for today.
		if p.src == "what is the weather like" || p.src == "what is the weather" {
			if next := t.at(sp.to); sp.to < 0 || next != "" && next != sep && !times.has(next) {
				continue
			}
		}
		if p.src == "snow day" && !t.nearTime(sp.from, 6) && !t.has(questionWords) {
			continue
		}
		return true
	}
	return false
}

var questionWords = newSet("who", "what", "when", "will", "did", "is", "are", "how", "where", "do")

// nearTime reports a time word close to i that is not about schoolwork
// ("my test tomorrow" pins the test, not the weather).
func (t *text) nearTime(i, window int) bool {
	for k := max(0, i-window); k < len(t.toks) && k <= i+window; k++ {
		if k == i || !times.has(t.at(k)) || t.sepBetween(i, k) {
			continue
		}
		if t.near(k, schoolWork, 2) {
			continue
		}
		return true
	}
	return false
}

// sepBetween reports whether a sentence break lies between i and k.
func (t *text) sepBetween(i, k int) bool {
	if i > k {
		i, k = k, i
	}
	for j := i; j <= k; j++ {
		if t.at(j) == sep {
			return true
		}
	}
	return false
}

// ---- scores, results, predictions, betting ----------------------------------

var (
	events = newSet("game", "match", "matchup", "super bowl", "superbowl", "world series",
		"world cup", "stanley cup", "nba finals", "nhl finals", "championship", "tournament",
		"bracket", "march madness", "grand prix", "playoff", "playoffs", "draft", "ufc fight",
		"boxing match", "fight night", "derby", "el clasico", "olympics", "euros", "copa america",
		"champions league final", "nba draft", "nfl draft", "all star game", "pro bowl",
		"series", "race", "semifinal", "quarterfinal", "final four", "bowl game", "title fight")
	teams = newSet("nba", "nfl", "mlb", "nhl", "mls", "wnba", "ufc", "f1", "formula 1", "nascar",
		"premier league", "la liga", "champions league", "serie a", "bundesliga", "ncaa",
		"college football", "lakers", "celtics", "warriors", "knicks", "nets", "bucks",
		"mavericks", "mavs", "nuggets", "clippers", "sixers", "76ers", "raptors", "cavs",
		"cavaliers", "timberwolves", "grizzlies", "pistons", "pacers", "blazers", "yankees",
		"dodgers", "red sox", "mets", "cubs", "astros", "braves", "phillies", "padres",
		"mariners", "white sox", "cowboys", "patriots", "chiefs", "packers", "steelers", "49ers",
		"niners", "bills", "broncos", "seahawks", "chargers", "raiders", "bengals", "browns",
		"texans", "colts", "commanders", "real madrid", "barcelona", "barca", "man united",
		"manchester united", "man city", "manchester city", "liverpool", "arsenal", "chelsea",
		"tottenham", "psg", "bayern", "juventus", "inter miami", "lebron", "lebron james",
		"curry", "steph curry", "mahomes", "messi", "ronaldo", "ohtani", "wembanyama", "giannis",
		"jokic", "luka", "kelce")
	betWords = newSet("bet", "betting", "gamble", "gambling", "casino", "slot", "slots",
		"slot machine", "lottery", "lotto", "poker", "sportsbook", "parlay", "blackjack",
		"roulette", "scratch off", "scratcher", "draftkings", "fanduel", "wager", "odds",
		"fantasy football", "fantasy basketball", "fantasy team", "fantasy league",
		"fantasy draft", "prizepicks", "stake", "bookie", "count card", "counting cards")
	betVerbs = newSet("bet", "gamble", "wager", "win", "play", "beat", "count", "pick", "draft",
		"put", "place", "make", "get", "use", "start", "join")
)

var scorePhrases []*pattern

func init() {
	scorePhrases = pats(
		"who win/winning/won/wins * @events/@teams", "who * go to win * @events/@teams",
		"who * think * win * @events/@teams", "who will win", "who is winning",
		"did the? @teams win/lose/beat/play", "what be/is/was the score",
		"score of * @events/@teams", "@teams score", "@teams game", "@teams vs",
		"when do/does the? @teams play", "what time * @events * start/on",
		"how many point * @teams * score", "who do/does the? @teams play",
		"@teams * beat/lose/win * last_night/yesterday/tonight/today",
		"predict~ * @events/@teams", "@events * predict~", "final score", "live score",
		"who * @teams * trade/sign/draft", "mvp * this_season/this_year", "is there a game",
		"how did the? @teams do", "who * in the lead", "standings",
		"bet on", "place a bet", "betting odds", "betting tip", "lucky number",
		"lottery number", "winning number", "who should i pick * fantasy", "sure bet",
		"how to win * lottery/casino/poker/slots/blackjack/roulette/bet",
		"odds * @teams/@events", "who * play/playing * @events/@teams", "which/what * team/player/country * win/won/winning * @events", "@teams * win * finals/championship/title/ring/cup",
	)
}

// scores reports asking for sports results, predictions or betting. Naming a
// sport or a star ("teach me gravity, I love the NBA") is not asking for a
// score.
func (t *text) scores() bool {
	if t.has(sportHistory) {
		return false
	}
	if t.each(events, func(i int) bool {
		return t.nearTime(i, 4) && t.has(questionWords)
	}) {
		return true
	}
	if t.each(teams, func(i int) bool {
		return t.nearTime(i, 4) && t.has(questionWords)
	}) {
		return true
	}
	if t.any(scorePhrases) {
		return true
	}
	if t.has(betWords) && (t.intentAny(betVerbs) || t.anyIntent() || t.has(firstOrSecond)) {
		return !t.has(mathFrame)
	}
	return false
}

// sportHistory makes a sports question history ("who won the first Super
// Bowl", "the history of the NBA").
var sportHistory = newSet("first", "history", "historical", "ever", "origin", "invent",
	"invented", "1800s", "1900s", "century", "ancient", "founded", "founder")

// mathFrame marks chance and money as maths ("the probability of winning
// the lottery", "why the house always wins").
var mathFrame = newSet("why", "probability", "chance", "chances", "statistic", "statistics", "math",
	"expected value", "percent", "percentage", "fraction", "odds of", "likely", "likelihood",
	"calculate", "addict~", "addiction", "history", "psychology", "brain",
	"law", "illegal", "house always", "ratio", "equation", "theory", "random")

// ---- shopping ------------------------------------------------------------------

var (
	products = newSet("sneaker", "shoe", "jordans", "nike", "nikes", "clothes", "hoodie", "jeans",
		"shirt", "dress", "phone", "iphone", "airpods", "headphone", "earbuds", "laptop", "ps5",
		"playstation", "xbox", "nintendo switch", "console", "skin", "backpack", "tablet", "ipad",
		"watch", "smartwatch", "apple watch", "ticket", "concert ticket", "makeup", "perfume",
		"stanley", "water bottle", "crocs", "uggs", "lululemon", "jersey", "bike", "scooter",
		"hoverboard", "skateboard", "camera", "tv", "gift", "present", "toy", "lego",
		"squishmallow", "pokemon card", "funko pop", "graphics card", "gpu", "pc", "gaming pc",
		"gaming chair", "keyboard", "monitor", "car", "jewelry", "necklace", "earring", "bracelet",
		"outfit", "prom dress", "sweatshirt", "shorts", "pants", "glasses", "sunglasses",
		"controller", "video game", "game", "mouse", "charger", "case", "phone case", "coat",
		"jacket", "boots", "slides", "hat", "bag", "purse", "wallet", "shein", "stuff", "thing",
		"clothing", "drone", "guitar", "ring", "iphone 15", "iphone 16", "samsung", "macbook")
	stores = newSet("mall", "store", "shop", "target", "walmart", "costco", "gamestop",
		"best buy", "supermarket", "grocery store", "pharmacy", "cvs", "walgreens", "apple store",
		"ikea", "dollar store", "dollar tree", "marshalls", "tj maxx", "home depot", "lowes",
		"kohls", "macys", "nordstrom", "zara", "foot locker", "dicks", "old navy", "aldi",
		"kroger", "safeway", "publix", "trader joes", "whole foods", "7 eleven", "amazon", "ebay",
		"temu", "etsy", "sephora", "ulta", "bookstore", "toy store", "outlet mall",
		"shopping center", "h and m", "primark", "tesco", "sainsburys", "asda", "argos",
		"shopping mall", "boutique", "thrift store", "goodwill", "game store")
	buyVerbs    = newSet("buy", "purchase", "order", "shop for", "afford", "preorder", "pre order")
	shopCue     = newSet("cheap", "cheapest", "discount", "sale", "deal", "deals", "price", "store", "online", "amazon", "best price", "affordable", "coupon", "bargain")
	wordProblem = newSet("each", "total", "change", "per", "percent", "spend", "spent", "left",
		"altogether", "many", "if", "equation", "math", "fraction", "tax", "calculate",
		"solve", "word problem", "unit price", "interest rate", "budget")
)

var shopPhrases []*pattern

func init() {
	shopPhrases = pats(
		"where * buy/purchase/order", "where * get/find * cheap/cheapest/discount/sale/deal/deals/best_price",
		"cheap/cheapest/affordable/discount/discounted * @products", "best_deal/deal/deals/sale/discount * on/for * @products",
		"@products * on sale", "coupon", "promo code", "discount code", "black friday", "cyber monday",
		"best_price", "how much be/is/are/do/does/cost * @products", "price of * @products",
		"@products * price", "is * @products * worth", "@products * worth * buy/money/it",
		"should i get * @products", "which * @products * should i * buy/get", "best * @products * to buy/get",
		"what * @products * should i buy/get", "what time do/does/is * @stores * open/close",
		"when do/does/is * @stores * open/close", "is * @stores * open", "@stores * hours",
		"hours * @stores", "@stores * open * today/tonight/tomorrow/now/on_sunday/right_now",
		"closest/nearest * @stores", "where be * closest/nearest * @stores",
		"what should i buy", "what * i buy", "how much be * @streaming", "@streaming * price/cost/subscription/plan",
		"newest/latest/best/cheapest * @products", "@products * release/come out * when/date", "how much * cost * at/in/from * @stores/@businesses",
		"how much * at/in * @stores", "do/does * @stores * sell/have/carry", "@products * in stock", "buy * online", "shop * online",
		"shopping list * for/at * @stores", "on sale", "is there * sale", "when * @products * restock/come out/release",
	)
}

// shopping reports buying, prices, deals and shop opening hours. Word
// problems ("if I buy 3 pens at $2 each") and economics ("how does supply
// and demand set prices") are maths and civics.
func (t *text) shopping() bool {
	problem := t.has(wordProblem) && t.hasNumber() || t.has(mathFrame)
	if t.each(buyVerbs, func(v int) bool { return t.intent(v) && t.at(v-1) != "if" && t.at(v-2) != "if" }) && !problem {
		return true
	}
	if t.any(shopPhrases) && !problem {
		return true
	}
	return false
}

// hasNumber reports whether the text contains a number on its own (not the
// digit in "ps5").
func (t *text) hasNumber() bool {
	for _, tk := range t.toks {
		if !hasLetter(tk.raw) && hasDigit(tk.raw) {
			return true
		}
	}
	return t.has(numberWords)
}

var numberWords = newSet("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "dozen", "hundred", "half", "dollar", "cent", "pound", "euro")

// ---- local businesses: places to eat, hours, directions ----------------------

var businesses = newSet("restaurant", "pizza place", "pizza", "burger", "burger place", "sushi",
	"taco", "taco place", "cafe", "coffee shop", "ice cream", "ice cream shop", "diner", "bakery",
	"gym", "arcade", "movie theater", "theater", "cinema", "bowling alley", "trampoline park",
	"salon", "barber", "barbershop", "nail salon", "mcdonalds", "starbucks", "chick fil a",
	"chipotle", "taco bell", "wendys", "burger king", "kfc", "dominos", "pizza hut",
	"panda express", "dunkin", "five guys", "in n out", "popeyes", "sonic", "post office",
	"bank", "pool", "swimming pool", "zoo", "aquarium", "museum", "skate park", "dmv",
	"laundromat", "gas station", "urgent care", "vet", "pet store", "water park",
	"amusement park", "escape room", "mini golf", "boba", "boba shop", "bubble tea", "ramen",
	"buffet", "steakhouse", "wingstop", "panera", "olive garden", "applebees", "dairy queen",
	"krispy kreme", "crumbl", "raising canes", "canes", "jollibee", "shake shack",
	"waffle house", "ihop", "food place", "place to eat", "places to eat", "food truck",
	"hospital", "library", "park", "beach", "mall", "chinese food", "mexican food", "thai food",
	"indian food", "fast food", "brunch", "breakfast place", "wings", "fried chicken", "bbq",
	"roller rink", "ice rink", "skating rink", "laser tag", "golf course", "hotel")

var localPhrases []*pattern

func init() {
	localPhrases = pats(
		"near me", "nearby", "near here", "around me", "close to me", "closest to me",
		"in my area", "around here", "near my house", "near my school", "close by",
		"closest/nearest/best/good/cheap/cheapest/yummy/tasty/good * @businesses",
		"what time do/does/is * @businesses * open/close", "when do/does/is * @businesses * open/close",
		"is * @businesses * open", "@businesses * hours", "hours * @businesses",
		"how do i/we get to * @businesses/@stores", "directions to", "how far * from here",
		"how far be/is * @businesses/@stores", "take me to", "route to", "what bus * to",
		"how long * drive/walk * to * @businesses/@stores",
		"order * pizza/food/takeout/delivery/doordash/ubereats/uber_eats",
		"does * @businesses * deliver", "menu at/for/of * @businesses", "@businesses * menu",
		"where should/can/do * we/i * eat", "place/places to eat", "where to eat",
		"restaurant recommendation", "recommend * restaurant/food/place", "good restaurant",
		"best/good/cheap/cheapest/yummy * place/places/spot/spots * to * eat/get/grab/buy",
		"doordash", "uber eats", "grubhub", "reservation at", "book a table", "open right_now",
		"open now", "open today", "@businesses * open * today/tonight/tomorrow/now/on_sunday/right_now",
	)
}

// localBusiness reports restaurants and places nearby, their hours and
// directions to them.
func (t *text) localBusiness() bool {
	return !t.has(space) && t.any(localPhrases)
}

// space words make "how far is the sun from here" astronomy.
var space = newSet("sun", "moon", "star", "planet", "mars", "venus", "jupiter", "saturn",
	"mercury", "neptune", "uranus", "pluto", "galaxy", "earth", "orbit", "space", "universe",
	"comet", "asteroid", "light year", "horizon", "equator", "pole", "ocean", "continent")

// ---- dating and celebrity gossip ---------------------------------------------

var (
	datingObjects = newSet("girlfriend", "boyfriend", "date", "partner", "crush", "bae", "girl",
		"boy", "guy", "girls", "boys", "her", "him", "valentine", "soulmate", "wife", "husband")
	datingVerbs = newSet("get", "find", "have", "attract", "impress", "win", "pull",
		"kiss", "date", "text", "talk to", "flirt with", "seduce", "woo", "charm", "hold hands with",
		"ask", "keep", "make", "marry", "cuddle", "hug")
	gossipCue = newSet("dating", "date", "girlfriend", "boyfriend", "married", "marry",
		"wedding", "divorce", "breakup", "break up", "broke up", "split", "pregnant", "baby",
		"cheat", "cheating", "drama", "beef", "feud", "rumor", "tea", "scandal", "net worth",
		"rich", "richest", "arrested", "hot", "hottest", "cutest", "prettiest", "attractive",
		"best looking", "height", "instagram", "posted", "cancelled", "canceled", "happened", "latest", "kiss",
		"relationship", "ex", "together", "love", "crush", "wife", "husband", "fight",
		"money", "salary", "single", "engaged", "affair", "secret",
		"dead", "died", "addict~", "rehab", "jail", "leak", "leaked", "gossip", "news",
		"shade", "hate", "diss", "lawsuit", "sue")
)

var datingPhrases, gossipPhrases []*pattern

func init() {
	datingPhrases = pats(
		"ask * out", "ask * to prom/homecoming/dance/formal/winter_formal/sadie", "go out with",
		"go on a date", "first date", "date idea", "date ideas", "date night", "how to kiss",
		"how do i kiss", "flirt", "flirting", "rizz", "pickup line", "pick up line", "pickup lines",
		"dating app", "tinder", "bumble", "my crush", "crush on", "do * like me", "like like",
		"make * like me", "make * fall in love", "fall in love with", "get * to like me",
		"be * into me", "text my crush", "break up with", "relationship advice", "love advice",
		"love letter", "valentine for", "impress a girl/boy/guy", "hit_on", "slide into * dm",
		"shoot my shot", "cheat on * girlfriend/boyfriend/partner", "get back with my ex",
		"get my ex back", "how do i know if * like me", "be he/she/they dating",
		"who be * dating", "who is * dating", "be * dating anyone", "am i in love", "love language",
		"how to get a girl/boy/guy", "kiss * for the first time", "my girlfriend", "my boyfriend",
		"get with her/him", "ex back", "make a move on",
		"friend zone", "friendzone", "situationship", "talking stage", "first kiss",
		"kiss someone", "kiss a girl/boy/guy", "good kisser",
	)
	gossipPhrases = pats(
		"celebrity/celeb gossip/news/drama", "spill the tea", "latest drama", "tmz",
		"what happened between", "tell/give * me * gossip", "latest/juicy/any/new/hot gossip",
		"gossip about * @celebrities", "gossip", "who be * @celebrities * dating",
		"what be go on with * @celebrities", "what happen * @celebrities", "what be new with * @celebrities",
		"news about * @celebrities", "what * @celebrities * up to", "is * @celebrities * ok/okay/alive/dead",
		"@celebrities * boyfriend/girlfriend/wife/husband",
	)
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
		"clash royale", "clash of clans", "league of legends", "overwatch", "rocket league",
		"fifa", "ea fc", "madden", "nba 2k", "2k", "elden ring", "terraria", "subway surfers",
		"candy crush", "geometry dash", "five nights at freddys", "fnaf", "animal crossing",
		"splatoon", "smash bros", "undertale", "stardew", "stardew valley", "blox fruits",
		"adopt me", "bedwars", "hypixel", "skyrim", "halo", "destiny", "cs go", "csgo",
		"counter strike", "dota", "pubg", "free fire", "hollow knight", "cuphead", "kirby",
		"video game", "brookhaven", "pet simulator", "bloxburg",
		"murder mystery", "arsenal game", "rainbow six", "fall guys", "palworld",
		"lethal company", "hogwarts legacy", "spiderman game", "sims", "sims 4",
		"slither io", "agar io", "cookie clicker")
	gameCue = newSet("tip", "trick", "cheat", "cheats", "glitch", "code", "codes", "skin",
		"loadout", "level", "boss", "beat", "win", "rank", "rank up", "better",
		"best", "seed", "free", "unlock", "strategy", "speedrun", "mod", "mods",
		"download", "update", "server", "walkthrough", "secret", "easter egg",
		"item", "weapon", "build", "hack", "aimbot", "wallhack", "farm", "grind", "xp", "coins",
		"gems", "robux", "v bucks", "battle pass", "season", "new season", "character",
		"tier list", "meta", "combo", "drop", "victory royale", "dupe", "duplicate", "exploit",
		"cheat code", "private server", "tame", "defeat", "kill", "find", "get", "craft")
)

var entertainmentPhrases []*pattern

func init() {
	entertainmentPhrases = pats(
		"cheat_code", "cheats for/in", "free robux/v_bucks/gems/coins/skins/minecoins/diamonds/crowns/primogems",
		"robux", "v_bucks", "what * should/can/do * i/we * watch/stream/binge", "what to watch", "something to watch",
		"good * movie/movies/show/shows/anime/series/cartoon * to watch",
		"movie/show/anime/series/netflix/youtube/tv/song/music recommendation/recommendations/recs",
		"recommend * movie/show/anime/series/song/songs/game/games/music/playlist",
		"what be on netflix/tv/youtube", "when * season/episode/movie/sequel * come out",
		"when * new * season/episode/album/song/movie", "spoiler", "spoilers", "watch tonight",
		"tell me a joke", "tell * joke/jokes", "know any joke/jokes", "funny joke/jokes",
		"play a game with me", "let us play", "truth or dare", "would you rather",
		"sing * song", "make * meme", "send * meme", "i be bored", "entertain me",
		"what game * should i play/get/buy", "best game/games", "good game/games to play",
		"game recommendation", "download * free * movie/game/song/music/album",
		"watch * free * online", "lyric~ to/of/for", "song lyric~", "give/send/write/copy/print/show * lyric~",
		"full/all * lyric~", "what be the lyric~", "words to * song", "how * beat * level/boss/game",
		"unblocked game", "unblocked games", "best anime", "best movie", "best show",
		"what song should", "new song", "playlist for", "roast me",
		"good/best/new/funny/scary * show/shows/movie/movies/series/anime/film/films * on/to * @streaming",
		"@streaming * show/shows/movie/movies/series/recommendation", "watch on @streaming",
		"good/best/funny/scary * movie/movies/show/shows * to watch", "binge", "what * on tv",
		"funny/best/good/cool/cute/viral * video/videos/meme/memes/tiktok/tiktoks/clip/clips/youtuber/youtubers",
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
	"literary", "theme", "symbol", "symbolism", "metaphor", "simile", "rhyme scheme",
	"figurative", "imagery", "history of", "explain", "device", "tone", "mood", "rhyme",
	"rhyming", "alliteration", "repetition", "structure", "stanza", "verse", "write", "poet")

// streaming services, where "a good show" is something to watch.
var streaming = newSet("netflix", "hulu", "disney plus", "disney", "prime video", "amazon prime",
	"hbo", "max", "crunchyroll", "youtube", "twitch", "tiktok", "peacock", "paramount", "apple tv")

// ---- personal advice ------------------------------------------------------------

var personalPhrases2, moneyPhrases []*pattern

func init() {
	moneyPhrases = pats("make * money", "get rich", "earn * money", "make * dollar/dollars/bucks",
		"become * rich/millionaire", "be/get/become * popular/cool/famous/well_liked/liked_by",
		"make * friends", "lose weight", "get abs", "get taller", "grow taller",
		"get * muscle/muscles/buff/ripped", "make my * tiktok/youtube/instagram/channel/account/video/videos * blow_up/viral/grow/popular/famous",
		"blow up on * tiktok/youtube/instagram", "clear skin", "get rid of * acne/pimple/pimples",
		"six pack", "sixpack", "get * abs")
	personalPhrases2 = pats(
		"what should/do/can i wear", "what to wear", "outfit", "outfits", "does this look good",
		"am i ugly/pretty/fat/cute/attractive/hot/handsome/skinny/short",
		"how to look good/hot/pretty/cute/older/attractive/better", "look good/hot/pretty/attractive/older",
		"glow up", "skincare", "makeup look/tutorial/tip/tips/routine", "hairstyle", "haircut",
		"dye my hair",
		"more popular", "fit in",
		"get * follower/followers/like/likes/view/views/subscriber/subscribers/subs",
		"go viral", "grow my * tiktok/youtube/instagram/channel/account/following",
		"become * influencer/youtuber/tiktoker/streamer/famous/rich", "get famous", "get verified",
		"make * money * fast/quick/quickly/online/easy/easily/now", "side hustle", "passive income",
		"invest in * crypto/bitcoin/stock/stocks/dogecoin", "which stock/crypto/coin * should",
		"rich quick", "get rich fast",
		"convince * parent/parents/mom/dad * to/let/get/buy",
		"get my parent/parents/mom/dad * to let/buy/get", "sneak out",
		"what should i name my", "what should i get * for * birthday/christmas",
		"what should i eat", "what should i do * weekend/today/tonight/bored/summer",
		"should i text", "how to be confident", "how do i stop being shy",
		"get a job", "get a phone", "stay up late", "how to be cool",
		"should i dye", "should i cut my hair", "how do i tell my parents",
	)
}

// personal reports advice about looks, popularity, followers and money:
// real questions, but not lessons.
func (t *text) personal() bool {
	if t.any(personalPhrases2) {
		return true
	}
	if t.any(moneyPhrases) && (t.has(firstOrSecond) || t.anyIntent()) {
		return true
	}
	return t.secret()
}

// ---- school framing --------------------------------------------------------------

// schoolSubjects are academic words. With a teaching cue they make a mixed
// request a lesson ("use last night's Lakers score to teach me percentages").
var schoolSubjects = newSet("math", "maths", "algebra", "geometry", "fraction", "decimal",
	"percent", "percentage", "probability", "statistics", "equation", "multiplication",
	"multiply", "division", "divide", "ratio", "science", "physics", "chemistry", "biology",
	"history", "geography", "civics", "economics", "grammar", "photosynthesis", "mitosis",
	"meiosis", "gravity", "friction", "atom", "molecule", "ecosystem", "climate", "evolution",
	"dna", "volcano", "earthquake", "planet", "solar system", "constitution", "government",
	"democracy", "poem", "poetry", "novel", "literature", "shakespeare", "coding",
	"programming", "algorithm", "projectile", "velocity", "acceleration", "newton", "kinetic",
	"momentum", "circuit", "electricity", "magnetism", "water cycle", "food chain", "food web",
	"pythagorean", "theorem", "perimeter", "parabola", "quadratic", "linear", "derivative",
	"calculus", "trigonometry", "essay", "paragraph", "noun", "verb", "adjective", "vocabulary",
	"civil war", "world war", "revolutionary war", "ancient", "empire", "amendment",
	"supply and demand", "economy", "inflation", "periodic table", "density", "thermodynamics",
	"genetics", "organism", "human body", "computer science", "binary", "median", "integer",
	"exponent", "place value", "addition", "subtraction", "times table", "chemical",
	"biological", "scientific", "historical", "geometric", "mathematical", "statistic",
	"astronomy", "geology", "ecology", "anatomy", "cell division", "respiration", "digestion",
	"psychology", "sociology", "philosophy", "literary", "metaphor", "simile", "narrative",
	"stock", "stock market", "investing", "interest rate", "compound interest", "tax", "taxes",
	"loan", "credit", "budget", "saving", "finance", "financial", "capitalism", "market economy")

// teachCues ask for teaching, which makes any interest words the wrapping.
var teachCues = newSet("explain", "teach", "lesson", "learn", "understand", "using", "use",
	"through", "fan", "fans", "like", "likes", "love", "loves", "about", "help", "terms",
	"with", "study", "studying", "review", "practice", "what", "how", "why", "in", "of")

// schoolFramed reports a request that asks to be taught a school subject.
func (t *text) schoolFramed() bool {
	return t.has(schoolSubjects) && t.has(teachCues)
}
