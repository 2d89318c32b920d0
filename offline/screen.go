package offline

import (
	"fmt"
	"slices"
	"strings"
)

// scopeKind is why a request is not a lesson. The order is precedence: when a
// request trips several rules, the lowest kind decides the message.
type scopeKind int

const (
	scopeNone scopeKind = iota
	scopeSelfHarm
	scopeWeapons
	scopeDrugs
	scopeHacking
	scopeWellbeing
	scopePlaces
	scopeShopping
	scopeDating
	scopeGambling
	scopeGossip
	scopeCheating
	scopeSports
	scopeGames
	scopeWeatherToday
	scopePersonal
)

// unsafe kinds are declined whatever else the request says.
func (k scopeKind) unsafe() bool { return k >= scopeSelfHarm && k <= scopeHacking }

// screenRule is one pattern of words. A "*" in a pattern stands for up to
// maxWildcard words. Strong rules are clear on their own; weak ones are single
// words that only decide when no school topic was found.
type screenRule struct {
	kind    scopeKind
	strong  bool
	pattern []string
}

const maxWildcard = 3

// screenHit is a rule that matched, and where.
type screenHit struct {
	kind   scopeKind
	strong bool
	at     span
}

// screenPatterns lists the rules as text. It is a function, not a variable, so
// nothing can change the rules after they are compiled.
func screenPatterns() []struct {
	kind     scopeKind
	strong   bool
	patterns []string
} {
	weaponObjects := []string{"bomb", "explosive", "gun", "weapon", "molotov", "napalm", "grenade", "poison", "thermite", "firearm", "silencer", "pipe bomb"}
	var weapons []string
	for _, o := range weaponObjects {
		for _, lead := range []string{"how to make *", "how do i make *", "how can i make *", "how to build *", "how do i build *",
			"help me make *", "i want to make *", "make * at home", "homemade", "build a", "make a", "make an", "3d print *"} {
			if strings.HasSuffix(lead, "at home") {
				weapons = append(weapons, strings.Replace(lead, "*", "* "+o, 1))
				continue
			}
			weapons = append(weapons, lead+" "+o)
		}
	}
	weapons = append(weapons, "kill someone", "kill somebody", "i want to kill", "how to kill a person", "how to kill people",
		"hurt someone", "hurt somebody", "poison someone", "stab someone", "shoot someone", "murder someone")
	return []struct {
		kind     scopeKind
		strong   bool
		patterns []string
	}{
		{scopeSelfHarm, true, []string{"kill myself", "killing myself", "hurt myself", "hurting myself", "harm myself", "harming myself",
			"self harm", "selfharm", "suicidal", "how to commit suicide", "ways to commit suicide", "want to commit suicide",
			"going to commit suicide", "thinking about suicide", "thinking of suicide", "end my life", "ending my life", "want to die",
			"wanna die", "cut myself", "cutting myself", "dont want to live", "dont want to be alive", "no reason to live",
			"better off dead", "take my own life", "how many pills", "overdose on"}},
		{scopeWeapons, true, weapons},
		{scopeDrugs, true, []string{"buy drug", "get drug", "sell drug", "buy weed", "get weed", "smoke weed", "grow weed", "make meth",
			"cook meth", "get high on", "getting high on", "how to get high without", "buy * vape", "hide * vape", "buy alcohol", "get drunk", "fake id",
			"buy cigarette", "where * buy * drug", "pass a drug test", "cheat * drug test"}},
		{scopeHacking, true, []string{"hack into", "hack someone", "hack somebody", "hack my * account", "hack * account", "hack * instagram",
			"hack * snapchat", "hack * tiktok", "hack * phone", "hack * wifi", "hack * password", "steal * password",
			"someones password", "ddos", "keylogger", "how to hack", "hack * school", "hack * grade", "change my grade", "hack * computer"}},
		{scopeWellbeing, true, []string{"i feel sad", "i am sad", "im sad", "i feel lonely", "im lonely", "i am lonely", "being bullied",
			"im bullied", "get bullied", "bullying me", "bully me", "i hate my life", "nobody likes me", "i feel depressed", "im depressed",
			"i am depressed", "panic attack", "i feel alone"}},
		{scopePlaces, true, []string{"near me", "nearby restaurant", "restaurants nearby", "closest * restaurant", "best pizza place", "pizza place", "where to eat",
			"where can i eat", "place to eat", "places to eat", "order food", "food delivery", "open now", "best restaurant"}},
		{scopeShopping, true, []string{"where can i buy", "where to buy", "best deal", "coupon", "discount code", "promo code",
			"cheapest", "should i buy", "on sale now"}},
		{scopeDating, true, []string{"girlfriend", "boyfriend", "my crush", "ask * out", "go on a date", "dating app", "get a girl",
			"get a guy", "rizz", "who is * dating", "does * like me"}},
		{scopeGambling, true, []string{"place a bet", "bet on", "betting tip", "sports betting", "online casino", "how to win * lottery",
			"lottery number", "slot machine tip", "poker tip", "gambling tip"}},
		{scopeGossip, true, []string{"celebrity gossip", "gossip about", "latest drama", "celebrity news", "spill the tea"}},
		{scopeCheating, true, []string{"cheat on * test", "cheat in * test", "cheating on * test", "cheating in * test",
			"cheat on * exam", "cheat in * exam", "cheating on * exam", "cheating in * exam", "cheat on * quiz", "cheat on * homework",
			"copy * homework", "answers to the test", "answer key for"}},
		{scopeSports, true, []string{"score of the * game", "who won * game", "who won last night", "game last night", "score today",
			"scores today", "final score", "sports score", "who is winning the game", "standings today", "match today"}},
		{scopeGames, true, []string{"cheat code", "cheats for", "free robux", "free vbuck", "free v buck", "god mode", "aimbot",
			"wallhack", "how to beat level", "beat this level", "cheats in", "skip * level", "unlimited coin", "unlimited gem", "glitch to"}},
		{scopeWeatherToday, true, []string{"weather today", "weather tomorrow", "weather tonight", "weather this weekend", "weather this week",
			"weather like today", "forecast today", "forecast tomorrow", "forecast for today", "forecast for tomorrow", "rain today",
			"rain tomorrow", "snow today", "snow tomorrow", "temperature today", "temperature outside", "weather in my",
			"weather right now", "need an umbrella", "is it going to rain", "is it going to snow"}},
		{scopePersonal, true, []string{"what should i wear", "my outfit", "get popular", "be popular", "am i ugly", "lose weight",
			"my parents are", "break up with", "breakup", "make money fast", "get rich", "more followers", "get followers",
			"tiktok famous", "what should i eat"}},
		{scopePlaces, false, []string{"restaurant", "pizza", "burger", "mcdonalds", "menu", "takeout", "cafe"}},
		{scopeShopping, false, []string{"price", "buy", "shopping", "mall"}},
		{scopeDating, false, []string{"dating", "crush", "kiss", "romantic"}},
		{scopeGambling, false, []string{"bet", "betting", "gamble", "gambling", "lottery", "casino", "poker"}},
		{scopeGossip, false, []string{"celebrity", "celebrities", "gossip", "famous people", "influencer"}},
		{scopeSports, false, []string{"nba", "nfl", "fifa", "soccer", "football", "basketball", "baseball", "hockey", "playoff"}},
		{scopeGames, false, []string{"video game", "fortnite", "roblox", "minecraft", "cheat", "gaming"}},
		{scopeWeatherToday, false, []string{"forecast", "umbrella"}},
		{scopePersonal, false, []string{"outfit", "fashion", "makeup", "hairstyle", "followers", "youtuber"}},
	}
}

// compileScreen turns the screen patterns into stems.
func compileScreen() ([]screenRule, error) {
	var out []screenRule
	for _, g := range screenPatterns() {
		for _, p := range g.patterns {
			var pat []string
			for _, part := range strings.Fields(p) {
				if part == "*" {
					pat = append(pat, "*")
					continue
				}
				pat = append(pat, stems(part)...)
			}
			if len(pat) == 0 || pat[0] == "*" || pat[len(pat)-1] == "*" {
				return nil, fmt.Errorf("screen pattern %q must start and end with a word", p)
			}
			out = append(out, screenRule{kind: g.kind, strong: g.strong, pattern: pat})
		}
	}
	return out, nil
}

// benignPhrases contain a screened word but are harmless school or craft
// topics ("how to make a bath bomb" is chemistry, "carbon dating" is science).
func benignPhrases() [][]string {
	var out [][]string
	for _, p := range []string{"bath bomb", "seed bomb", "photo bomb", "carbon dating", "radiocarbon dating", "sea level", "water gun"} {
		out = append(out, stems(p))
	}
	return out
}

// screenText returns every rule that matches the full token list.
func (l *library) screenText(full []string) []screenHit {
	full = slices.Clone(full)
	for _, b := range benignPhrases() {
		for i := 0; i+len(b) <= len(full); i++ {
			if equalAt(full, i, b) {
				for j := range b {
					full[i+j] = "_"
				}
			}
		}
	}
	var hits []screenHit
	for _, r := range l.screen {
		for i := range full {
			if end, ok := matchPattern(full, i, r.pattern); ok {
				hits = append(hits, screenHit{kind: r.kind, strong: r.strong, at: span{i, end - 1}})
				break
			}
		}
	}
	return hits
}

// matchPattern reports whether pat matches full from i, and where it ends.
func matchPattern(full []string, i int, pat []string) (int, bool) {
	if len(pat) == 0 {
		return i, true
	}
	if pat[0] == "*" {
		for k := 0; k <= maxWildcard && i+k <= len(full); k++ {
			if k > 0 && full[i+k-1] == separator {
				break
			}
			if end, ok := matchPattern(full, i+k, pat[1:]); ok {
				return end, true
			}
		}
		return 0, false
	}
	if i >= len(full) || full[i] != pat[0] {
		return 0, false
	}
	return matchPattern(full, i+1, pat[1:])
}

// firstHit returns the hit of highest precedence among those keep accepts.
func firstHit(hits []screenHit, keep func(screenHit) bool) (screenHit, bool) {
	var best screenHit
	found := false
	for _, h := range hits {
		if keep(h) && (!found || h.kind < best.kind) {
			best, found = h, true
		}
	}
	return best, found
}

// scopeMessage is what the student is told, kindly, when a request is not a
// lesson. Each suggests something they could ask instead, except self-harm,
// where the only thing that matters is getting them to a person who can help.
func scopeMessage(k scopeKind) string {
	switch k {
	case scopeSelfHarm:
		return "I'm really sorry you're feeling this way, and I'm glad you said something. " +
			"Please talk to a trusted adult right now, like a parent, a teacher or your school counsellor. " +
			"If you might be in danger, call your local emergency number or a crisis line: they are there to help, any time of day or night."
	case scopeWeapons:
		return "I can't help with that, because it could hurt someone. " +
			"If you're curious about the science of energy, you could ask me why volcanoes erupt or how chemical reactions release energy."
	case scopeDrugs:
		return "I can't help with that. If something about health or drugs is worrying you, a trusted adult like a parent, teacher or school nurse can help. " +
			"For a lesson, you could ask me how the heart pumps blood or what cells do."
	case scopeHacking:
		return "I can't help get into someone else's account or device, because that isn't safe or fair. " +
			"If you love technology, you could ask me how electric circuits work or how the printing press changed the way information spread."
	case scopeWellbeing:
		return "I'm sorry that's happening, and it matters. A trusted adult, like a parent, a teacher or your school counsellor, can really help, so please tell one of them. " +
			"I'll be here for schoolwork whenever you're ready."
	case scopePlaces:
		return "I can't look up places to eat, because I'm your study buddy for school topics. " +
			"If food is on your mind, you could ask me how percentages work when you share a pizza, or about the chemistry of baking bread."
	case scopeShopping:
		return "I can't look up shops or prices, but I can explain the maths behind shopping. " +
			"Try asking me how percentages and discounts work."
	case scopeDating:
		return "That's a personal question, and a trusted adult or a good friend is a better person to ask than me. " +
			"I'm great at school topics, though: you could ask me how poems use rhyme, or how the human heart pumps blood."
	case scopeGambling:
		return "I can't help with betting or gambling, but the maths of chance is a great topic. " +
			"Try asking me: what is probability?"
	case scopeGossip:
		return "I don't follow celebrity news, but I can help with school topics. " +
			"You could ask me about persuasive writing, or how the printing press changed the way news spread."
	case scopeCheating:
		return "I can't help with cheating, but I can help you really understand the material, which works better on test day. " +
			"Tell me which topic your test or homework is about, like fractions or the water cycle."
	case scopeSports:
		return "I can't check scores or sports news, but I can show you the science inside sport. " +
			"Try asking me how gravity pulls a ball back down, or how Newton's laws explain a kick."
	case scopeGames:
		return "I can't help with game cheats or tips, but games are full of maths and science. " +
			"You could ask me about probability, or how maps use latitude and longitude."
	case scopeWeatherToday:
		return "I can't check today's forecast, but I can explain how weather works. " +
			"Try asking me what causes rain, or how weather is different from climate."
	default:
		return "That sounds like something to talk through with a trusted adult, like a parent, a teacher or your school counsellor. " +
			"When you're ready, I'm here to help with school topics, such as fractions, volcanoes or the Roman Empire."
	}
}
