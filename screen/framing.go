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
	"loan", "credit", "budget", "saving", "finance", "financial", "capitalism", "market economy")

// teachCues ask for teaching, which makes any interest words the wrapping.
var teachCues = newSet("explain", "teach", "lesson", "learn", "understand", "using", "use",
	"through", "fan", "fans", "like", "likes", "love", "loves", "about", "help", "terms",
	"with", "study", "studying", "review", "practice", "what", "how", "why", "in", "of")

// schoolFramed reports a request that asks to be taught a school subject.
func (t *text) schoolFramed() bool {
	return t.has(schoolSubjects) && t.has(teachCues)
}
