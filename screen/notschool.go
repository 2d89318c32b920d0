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

func initRules13() {
	forecastPhrases = pats(
		"will it * rain/snow/storm/hail/thunder/freeze/sunny/hot/cold/warm/windy/cloudy/rainy/snowy",
		"is it go to * rain/snow/storm/hail/thunder/freeze/sunny/hot/cold/warm/windy",
		"be it go to * rain/snow/storm/hail/sunny/hot/cold", "go to rain/snow/storm/hail",
		"do i/we need * umbrella/jacket/coat/raincoat/sunscreen/boots/sweater/hoodie",
		"should i/we bring/wear/take * umbrella/jacket/coat/raincoat/sunscreen/boots/sweater/hoodie",
		"what is the forecast", "what is the weather forecast", "weather app",
		"is it hot/cold/warm/raining/snowing/sunny/cloudy/windy * outside/out",
		"how hot/cold/warm is it * outside/out", "what is the temperature outside", "snow day",
		"school * cancel * snow", "how much snow * will/go", "what is the weather like",
		"what is the weather", "how be the weather", "how be the weather * look",
		"weather * look * like", "forecast * look",
		"the high/low * today/tonight/tomorrow/this_weekend",
		"how much/many ** snow/rain/inches * we/will/go",
		"be/are we * get/getting * snow/rain/storm",
		"is it * nice/beautiful/warm/gloomy/chilly * out/outside",
		"nice out/outside today/tomorrow",
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
		"college football", "lakers", "celtics", "warriors", "knicks", "nets", "bucks", "mavericks",
		"mavs", "nuggets", "clippers", "sixers", "76ers", "raptors", "cavs", "cavaliers",
		"timberwolves", "grizzlies", "pistons", "pacers", "blazers", "yankees", "dodgers",
		"red sox", "mets", "cubs", "astros", "braves", "phillies", "padres", "mariners",
		"white sox", "cowboys", "patriots", "chiefs", "packers", "steelers", "49ers", "niners",
		"bills", "broncos", "seahawks", "chargers", "raiders", "bengals", "browns", "texans",
		"colts", "commanders", "real madrid", "barcelona", "barca", "man united",
		"manchester united", "man city", "manchester city", "liverpool", "arsenal", "chelsea",
		"tottenham", "psg", "bayern", "juventus", "inter miami", "lebron", "lebron james", "curry",
		"steph curry", "mahomes", "messi", "ronaldo", "ohtani", "wembanyama", "giannis",
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

func initRules14() {
	scorePhrases = pats(
		"who win/winning/won/wins * @events/@teams", "who * go to win * @events/@teams",
		"who * think * win * @events/@teams", "who will win", "who is winning",
		"did the? @teams win/lose/beat/play", "what be/is/was the score",
		"score of * @events/@teams", "@teams score", "@teams game", "@teams vs",
		"when do/does the? @teams play", "what time * @events * start/on",
		"how many point * @teams * score", "who do/does the? @teams play",
		"@teams * beat/lose/win * last_night/yesterday/tonight/today", "predict~ * @events/@teams",
		"@events * predict~", "final score", "live score", "who * @teams * trade/sign/draft",
		"mvp * this_season/this_year", "is there a game", "how did the? @teams do",
		"who * in the lead", "standings", "bet on", "place a bet", "betting odds", "betting tip",
		"lucky number", "lottery number", "winning number", "who should i pick * fantasy",
		"sure bet", "how to win * lottery/casino/poker/slots/blackjack/roulette/bet",
		"odds * @teams/@events", "who * play/playing * @events/@teams",
		"when * next * @events/@teams", "my team * last_night/yesterday/today/tonight/this_weekend",
		"how did * team/teams * do", "which/what * team/player/country * win/won/winning * @events",
		"@teams * win * finals/championship/title/ring/cup",
		"which/what * team/teams/player/side * go/will * win/lose",
		"team * go/will * win * saturday/sunday/tonight/tomorrow/this_weekend/this_season",
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
	if t.has(betWords) && (t.intentAny(betVerbs) || t.anyIntent() || t.has(firstOrSecond) || t.has(betAdvice)) {
		return !t.has(mathFrame)
	}
	return false
}

// betAdvice asks which bet to place.
var betAdvice = newSet("pick", "tip", "best", "lock", "who", "which", "what", "should",
	"prediction", "sure", "good", "today", "tonight", "tomorrow", "sunday", "this weekend")

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
