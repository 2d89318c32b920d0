package screen

// School framing: a request that asks to be taught a subject is a lesson,
// whatever interests it mentions.

// schoolSubjects are academic words. With a teaching cue they make a mixed
// request a lesson ("use last night's Lakers score to teach me percentages").
var schoolSubjects = newSet("math", "maths", "algebra", "geometry", "fraction", "decimal",
	"percent", "percentage", "probability", "statistics", "equation", "multiplication", "multiply",
	"division", "divide", "ratio", "science", "physics", "chemistry", "biology", "history",
	"geography", "civics", "economics", "grammar", "photosynthesis", "mitosis", "meiosis",
	"gravity", "friction", "atom", "molecule", "ecosystem", "climate", "evolution", "dna",
	"volcano", "earthquake", "planet", "solar system", "constitution", "government", "democracy",
	"poem", "poetry", "novel", "literature", "shakespeare", "coding", "programming", "algorithm",
	"projectile", "velocity", "acceleration", "newton", "kinetic", "momentum", "circuit",
	"electricity", "magnetism", "water cycle", "food chain", "food web", "pythagorean", "theorem",
	"perimeter", "parabola", "quadratic", "linear", "derivative", "calculus", "trigonometry",
	"essay", "paragraph", "noun", "verb", "adjective", "vocabulary", "civil war", "world war",
	"revolutionary war", "ancient", "empire", "amendment", "supply and demand", "economy",
	"inflation", "periodic table", "density", "thermodynamics", "genetics", "organism",
	"human body", "computer science", "binary", "median", "integer", "exponent", "place value",
	"addition", "subtraction", "times table", "chemical", "biological", "scientific", "historical",
	"geometric", "mathematical", "statistic", "astronomy", "geology", "ecology", "anatomy",
	"cell division", "respiration", "digestion", "psychology", "sociology", "philosophy",
	"literary", "metaphor", "simile", "narrative", "stock", "stock market", "investing",
	"interest rate", "compound interest", "tax", "taxes",
	"loan", "credit", "budget", "saving", "finance", "financial", "capitalism", "market economy",
	"persuasive", "persuade", "argumentative", "map", "map key", "map scale", "compass",
	"compass rose", "compass direction", "cardinal direction", "latitude", "longitude", "spanish",
	"translate", "translation", "elegy", "eulogy", "topographic", "hemisphere", "continent",
	"english")

var _ = harmless("compass direction", "cardinal direction", "compass directions",
	"cardinal directions", "intermediate direction")

// writing tasks are school: an essay, a letter or a story to draft, whatever
// it is about ("a persuasive letter to convince my parents to get a dog").
var writingTask []*pattern

// romance marks writing that is dating advice, not a writing lesson.
var romance = newSet("crush", "girlfriend", "boyfriend", "love letter", "valentine", "bae",
	"date", "ex", "prom")

func initRules09() {
	writingTask = pats("write/draft/compose/writing/plan/outline/brainstorm/revise/edit * essay/letter/speech/paragraph/story/poem/narrative/report/argument/article/editorial/elegy/eulogy/haiku/sonnet",
		"persuasive/narrative/opinion/argumentative/informative/expository/descriptive/personal * essay/letter/speech/paragraph/writing/piece/narrative/story",
		"opinion writing", "personal narrative")
}

// teachCues ask for teaching, which makes any interest words the wrapping.
var teachCues = newSet("explain", "teach", "lesson", "learn", "understand", "using", "use",
	"through", "fan", "fans", "like", "likes", "love", "loves", "about", "help", "terms",
	"with", "study", "studying", "review", "practice", "what", "how", "why", "in", "of")

// seekingHelp marks a student asking how to get help for being bullied,
// hurt or scared: never refused as off-topic.
var (
	troubles = newSet("bullied", "bully", "bullying", "cyberbullied", "cyberbullying", "harass~",
		"abuse", "abused", "threaten~", "unsafe", "scared", "stalk~", "touched")
	helpVerbs = newSet("tell", "report", "help", "stop", "deal", "handle", "talk", "ask")
)

// seeksHelp reports asking how to get help ("how do i tell my parents im
// being bullied").
func (t *text) seeksHelp() bool {
	return t.has(troubles) && t.has(helpVerbs)
}

// schoolFramed reports a request that asks to be taught a school subject.
func (t *text) schoolFramed() bool {
	if t.any(writingTask) && !t.has(romance) {
		return true
	}
	return t.has(schoolSubjects) && t.has(teachCues)
}
