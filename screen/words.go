package screen

// Word sets shared by several rules.

// people are words for another person: whom a harmful act would target, and
// whose personal data a request would expose.
var people = newSet(
	"someone", "somebody", "anyone", "anybody", "everyone", "person", "classmate", "teacher",
	"student", "kid", "child", "boy", "girl", "guy", "dude", "man", "woman", "lady", "brother",
	"sister", "sibling", "mom", "mother", "dad", "father", "parent", "stepmom", "stepdad",
	"grandmother", "grandfather", "uncle", "aunt", "cousin", "friend", "best friend", "bestie",
	"neighbor", "principal", "coach", "bully", "ex", "boyfriend", "girlfriend", "crush", "baby",
	"toddler", "nerd", "cop", "police officer", "substitute", "tutor", "babysitter", "nanny",
	"roommate", "counselor", "him", "her", "them", "teammate", "stepbrother", "stepsister",
	"bus driver", "lunch lady", "janitor", "new kid", "classmates", "stranger", "husband", "wife",
	"vice principal", "librarian", "pupil", "dean", "teen", "teenager", "homeless person",
)

// animals are the living things violence rules protect besides people.
var animals = newSet(
	"cat", "kitten", "kitty", "dog", "puppy", "pet", "animal", "bird", "hamster", "rabbit", "bunny",
	"horse", "squirrel", "turtle", "guinea pig", "goldfish", "parrot", "lizard", "duck", "pony",
	"ferret", "gerbil", "cow", "goat", "pig", "sheep", "stray",
)

// targets are who or what can be hurt.
var targets = union(people, animals)

// places can be bombed, burned down or shot up.
var places = newSet("school", "class", "classroom", "building", "house", "home", "car", "store",
	"church", "mosque", "synagogue", "temple", "mall", "hospital", "office", "bus", "gym",
	"cafeteria", "campus", "library", "stadium", "concert", "park", "playground")

// schoolPlace is where a weapon must never be brought.
var schoolPlace = newSet("school", "class", "classroom", "campus", "cafeteria", "gym",
	"locker", "playground", "bus", "school bus", "hallway", "prom", "dance", "metal detector",
	"recess", "lunch", "homeroom", "field trip")

// honorifics introduce a person's name ("Mr Smith").
var honorifics = newSet("mr", "mrs", "ms", "miss", "dr", "sir", "madam", "professor", "coach")

// possessives that point away from the asker ("her", "someone else's").
var otherOwners = newSet("his", "her", "their", "else")

// celebrities are famous people students ask gossip about.
var celebrities = newSet(
	"taylor swift", "swift", "beyonce", "drake", "kanye", "kim kardashian", "kardashian",
	"kylie jenner", "jenner", "selena gomez", "justin bieber", "bieber", "ariana grande",
	"billie eilish", "zendaya", "tom holland", "mrbeast", "mr beast", "travis kelce", "kelce",
	"timothee chalamet", "chalamet", "olivia rodrigo", "sabrina carpenter", "harry styles",
	"bad bunny", "rihanna", "kendrick lamar", "kendrick", "nicki minaj", "cardi b", "dua lipa",
	"doja cat", "kai cenat", "ishowspeed", "logan paul", "jake paul", "khaby lame",
	"charli damelio", "addison rae", "lebron", "lebron james", "messi", "ronaldo", "kylie",
	"elon musk", "shakira", "miley cyrus", "megan thee stallion", "ice spice", "celebrity", "celeb",
	"celebrities", "famous person", "influencer", "youtuber", "tiktoker", "streamer", "rapper",
	"singer", "actor", "actress", "pop star", "popstar", "kpop idol", "bts", "blackpink",
	"jungkook", "jimin", "sza", "post malone", "the weeknd", "ed sheeran", "snoop dogg",
	"kevin hart", "pewdiepie", "markiplier",
)

// times are words pinning a question to a particular day or moment, as a
// forecast or a score question does ("weather tomorrow", "game last night").
var times = newSet(
	"today", "tonight", "tomorrow", "yesterday", "last night", "right now", "this morning",
	"this afternoon", "this evening", "this weekend", "this week", "next week", "next weekend",
	"on monday", "on tuesday", "on wednesday", "on thursday", "on friday", "on saturday",
	"on sunday", "this monday", "this tuesday", "this wednesday", "this thursday", "this friday",
	"this saturday", "this sunday", "next monday", "next tuesday", "next wednesday",
	"next thursday", "next friday", "next saturday", "next sunday", "later", "later today",
	"outside", "this season", "so far", "currently", "over the weekend", "this year", "next season",
	"next year", "in my area", "in my town", "in my city", "weekend", "around here", "now",
)

// schoolWork are the things a student is tested or graded on.
var schoolWork = newSet(
	"test", "exam", "quiz", "midterm", "final", "finals", "homework", "assignment", "essay",
	"paper", "report", "project", "worksheet", "sat", "act", "ap exam", "state test", "regents",
	"lab report", "book report", "classwork", "coursework", "presentation", "class", "lesson",
	"grade", "grades", "due", "spelling test", "math test", "science test", "history test",
	"pop quiz", "unit test", "gcse", "exams", "tests", "quizzes", "project",
)

// testWork is what a student is examined on: answers to it are cheating.
var testWork = newSet("test", "exam", "quiz", "midterm", "final", "finals", "sat", "act",
	"ap exam", "state test", "regents", "spelling test", "math test", "science test",
	"history test", "pop quiz", "unit test", "gcse", "exams", "assessment", "final exam")

// effects mark a question about what something does to you, which is health
// class, not a request for it ("how does vaping damage your lungs").
var effects = newSet(
	"effect", "affect", "damage", "harm", "harmful", "bad", "danger", "dangerous", "risk", "health",
	"healthy", "unhealthy", "addict~", "happen", "lung", "brain", "body", "heart", "cancer",
	"long term", "short term", "research", "science", "chemistry", "safe", "toxic", "poisonous",
	"deadly", "lethal", "cause", "disease", "illegal", "law", "teen", "teenager", "organ", "liver",
	"withdrawal", "history", "prohibition", "ban", "stop", "quit", "quitting", "prevent", "avoid",
	"peer pressure", "refuse", "warning", "sign", "symptom", "overdose", "dependence", "mental",
)

// secrecy phrases hide an act from the adults who would stop it; with a drug,
// a weapon or schoolwork they make an otherwise plain question unsafe.
var secrecyPhrases []*pattern

// phraseEnd words end the phrase a verb governs: a following object search
// stops there.
var phraseEnd = newSet("who", "that", "which", "because", "since", "if", "when", "while", "but",
	"although", "unless", "instead", "not", "never", "stop", "quit", "avoid", "prevent",
	"addict~", "without", "or", "whether", "why", "how")

func initRules28() {
	secrecyPhrases = pats(
		"before * parent/parents/mom/dad/teacher * see/find/notice/know/check",
		"without * know/find/notice/see/smell/catch/tell/hear", "without get/be catch",
		"without anyone/anybody/them/parent/mom/dad/teacher", "not get catch", "never get catch",
		"get away with", "in secret", "secretly",
		"so no one/nobody * know/find/notice/see/smell/tell",
		"hide * from my? parent/mom/dad/teacher/school/principal/family", "cover up * smell",
		"cover * smell", "so * parent/mom/dad/teacher * not/never * know/find/notice/smell",
		"without being seen", "sneak * into", "sneak * past",
		"excuse * if/when * parent/mom/dad/teacher/they/she/he * find/catch/see/ask",
		"lie to * parent/mom/dad/teacher * about", "if * parent/mom/dad * find * my",
		"so * she/he/they * not/never * know/find/notice/see/smell/find_out",
		"if * parent/parents/mom/dad/teacher * will? * notice/smell/catch",
	)
}

// secret reports whether the text hides something from adults.
func (t *text) secret() bool { return t.any(secrecyPhrases) }

// sets names the sets patterns can refer to with @name.
var sets = map[string]*set{
	"targets": targets, "people": people, "places": places, "schoolPlace": schoolPlace,
	"heights": heights, "strongDrug": strongDrugs, "weapon": weapons, "schoolWork": schoolWork,
	"times": times, "celebrities": celebrities, "games": games, "teams": teams, "events": events,
	"stores": stores, "businesses": businesses, "products": products, "groups": groups,
	"hostile": hostile, "owners": owners, "testWork": testWork, "streaming": streaming, "info": info, "forgeable": forgeable, "honorific": honorifics,
	"means": means, "selfHarmVerb": selfHarmVerbs, "rateVerb": rateVerbs,
	"tamperVerb": tamperVerbs, "placeWord": placeWords, "clothes": clothes, "food": food,
}

// unfitInterests are topics never woven into a child's lesson, even though
// asking about them can be school ("how does vaping damage your lungs").
var unfitInterests = union(strongDrugs, weapons, blades, sexualWords, slurs, hateSymbols,
	killVerbs, getHigh, newSet(
		"vape", "vaping", "smoke", "smoking", "drinking", "drunk", "partying", "shoot", "gun",
		"firearm", "gamble", "gambling", "bet", "betting", "casino", "poker", "lottery", "slot",
		"slots", "sportsbook", "blackjack", "roulette", "parlay", "sex", "sexual", "nazi~", "gore",
		"violence", "fight", "fighting", "war crime", "gang", "mafia", "cartel", "true crime",
		"serial killer", "hack", "hacking", "cheat", "cheating", "steal", "stealing", "shoplift",
		"self harm", "suicid~", "dating", "boyfriend", "girlfriend", "hookup", "fuck~", "shit~",
		"bitch~", "cunt", "whore", "slut", "asshole", "bastard", "motherfuck~", "dick", "bomb",
		"explosive", "terror~", "weed", "drug", "alcohol", "blood sport", "dogfight", "cockfight",
		"bullying", "bully", "torture", "murder",
		"kill", "killing", "hunting humans", "school shooting", "crime"))

// harmless compounds that contain an unfit word.
var _ = harmless("shoot hoop", "shoot hoops", "shooting star", "photo shoot", "shoot basket",
	"bamboo shoot", "shoot photo", "water fight", "pillow fight", "snowball fight", "food fight",
	"fire fighting", "firefighting", "crime solving", "crime fighting")
