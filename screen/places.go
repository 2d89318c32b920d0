package screen

// Shopping and local businesses: buying, prices, opening hours, places to eat, directions.

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
		"clothing", "drone", "guitar", "ring", "iphone 15", "iphone 16", "samsung", "macbook",
		"flight", "plane ticket", "hotel", "airbnb", "cruise", "vacation package")
	// food is what a menu price question asks about.
	food = newSet("pizza", "pepperoni", "burger", "big mac", "mcflurry", "burrito", "taco",
		"fries", "french fries", "slice", "latte", "frappuccino", "boba", "donut", "doughnut",
		"nugget", "chicken nugget", "sandwich", "sub", "meal", "combo", "happy meal", "whopper",
		"ice cream", "milkshake", "shake", "wings", "bowl", "smoothie", "cookie", "sundae",
		"chalupa", "quesadilla", "nachos", "hot dog", "pretzel", "cupcake", "bagel", "frosty",
		"blizzard", "refresher", "slushie", "icee", "popcorn", "large", "medium", "small",
		"footlong", "six inch", "value meal", "kids meal")
	priceCue = newSet("price", "cost", "costs", "dollar", "dollars", "expensive", "cheap",
		"cheaper", "cheapest", "afford", "$", "buck", "bucks")
	stores = newSet("mall", "store", "shop", "target", "walmart", "costco", "gamestop",
		"best buy", "supermarket", "grocery store", "pharmacy", "cvs", "walgreens", "apple store",
		"ikea", "dollar store", "dollar tree", "marshalls", "tj maxx", "home depot", "lowes",
		"kohls", "macys", "nordstrom", "zara", "foot locker", "dicks", "old navy", "aldi", "kroger",
		"safeway", "publix", "trader joes", "whole foods", "7 eleven", "amazon", "ebay", "temu",
		"etsy", "sephora", "ulta", "bookstore", "toy store", "outlet mall", "shopping center",
		"h and m", "primark", "tesco", "sainsburys", "asda", "argos",
		"shopping mall", "boutique", "thrift store", "goodwill", "game store")
	buyVerbs    = newSet("buy", "purchase", "order", "shop for", "afford", "preorder", "pre order")
	shopCue     = newSet("cheap", "cheapest", "discount", "sale", "deal", "deals", "price", "store", "online", "amazon", "best price", "affordable", "coupon", "bargain")
	wordProblem = newSet("each", "total", "change", "per", "percent", "spend", "spent", "left",
		"altogether", "many", "if", "equation", "math", "fraction", "tax", "calculate",
		"solve", "word problem", "unit price", "interest rate", "budget")
)

var shopPhrases, pricePhrases []*pattern

// nutrition makes a food question health class ("how many calories in a big mac").
var nutrition = newSet("calorie", "sugar", "protein", "fat", "carb", "carbohydrate", "nutrition",
	"nutrient", "vitamin", "sodium", "salt", "caffeine", "fiber", "healthy", "ingredient", "eat")

func initRules16() {
	pricePhrases = pats("how much be/do/does/cost", "how much * cost/costs", "how much be * @food")
	shopPhrases = pats(
		"where * buy/purchase/order",
		"where * get/find * cheap/cheapest/discount/sale/deal/deals/best_price",
		"cheap/cheapest/affordable/discount/discounted * @products",
		"best_deal/deal/deals/sale/discount * on/for * @products", "@products * on sale", "coupon",
		"promo code", "discount code", "black friday", "cyber monday", "best_price",
		"how much be/is/are/do/does/cost * @products", "price of * @products", "@products * price",
		"is * @products * worth", "@products * worth * buy/money/it", "should i get * @products",
		"which * @products * should i * buy/get", "best * @products * to buy/get",
		"what * @products * should i buy/get", "what time do/does/is * @stores * open/close",
		"when do/does/is * @stores * open/close", "is * @stores * open", "@stores * hours",
		"hours * @stores", "@stores * open * today/tonight/tomorrow/now/on_sunday/right_now",
		"closest/nearest * @stores", "where be * closest/nearest * @stores", "what should i buy",
		"what * i buy", "how much be * @streaming", "@streaming * price/cost/subscription/plan",
		"newest/latest/best/cheapest * @products", "@products * release/come out * when/date",
		"good/best/cheap/cute/cool * gift/gifts/present/presents", "gift/present idea/ideas",
		"how much * cost * at/in/from * @stores/@businesses", "how much * at/in * @stores",
		"do/does * @stores * sell/have/carry", "@products * in stock", "buy * online",
		"shop * online", "shopping list * for/at * @stores", "on sale", "is there * sale",
		"when * @products * restock/come out/release",
		"how much be/do/does/cost * @food", "price/cost of * @food",
		"how much * @food * cost/costs", "@food * price/cost/costs",
		"which/what * one * should * i/we * get/buy/order", "or * which * should * i/we * get/buy",
		"should * i/we * get/buy * or", "where * look * to * buy/get",
		"worth * a * lot", "how much * be * worth", "worth * any * money", "rare * and * worth",
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
	// "is a burrito at chipotle more than 10 dollars"
	if problem || t.has(nutrition) {
		return false
	}
	place := t.each(union(businesses, stores), func(i int) bool { return !food.has(t.at(i)) })
	return t.has(food) && place && (t.has(priceCue) || t.any(pricePhrases))
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
	"panda express", "dunkin", "five guys", "in n out", "popeyes", "sonic", "post office", "bank",
	"pool", "swimming pool", "zoo", "aquarium", "museum", "skate park", "dmv", "laundromat",
	"gas station", "urgent care", "vet", "pet store", "water park", "amusement park", "escape room",
	"mini golf", "boba", "boba shop", "bubble tea", "ramen", "buffet", "steakhouse", "wingstop",
	"panera", "olive garden", "applebees", "dairy queen", "krispy kreme", "crumbl", "raising canes",
	"canes", "jollibee", "shake shack", "waffle house", "ihop", "food place", "place to eat",
	"places to eat", "food truck", "hospital", "library", "park", "beach", "mall", "chinese food",
	"mexican food", "thai food", "indian food", "fast food", "brunch", "breakfast place", "wings",
	"fried chicken", "bbq",
	"roller rink", "ice rink", "skating rink", "laser tag", "golf course", "hotel", "subway")

var localPhrases []*pattern

func initRules17() {
	localPhrases = pats(
		"near me", "nearby", "near here", "around me", "close to me", "closest to me", "in my area",
		"around here", "near my house", "near my school", "close by",
		"closest/nearest/best/good/cheap/cheapest/yummy/tasty/good * @businesses",
		"what time do/does/is * @businesses * open/close",
		"when do/does/is * @businesses * open/close", "is * @businesses * open",
		"@businesses * hours", "hours * @businesses", "how do i/we get to * @businesses/@stores",
		"directions to", "how far * from here", "how far be/is * @businesses/@stores", "take me to",
		"route to", "what bus * to", "how long * drive/walk * to * @businesses/@stores",
		"order * pizza/food/takeout/delivery/doordash/ubereats/uber_eats",
		"does * @businesses * deliver", "menu at/for/of * @businesses", "@businesses * menu",
		"where should/can/do * we/i * eat", "place/places to eat", "where to eat",
		"restaurant recommendation", "recommend * restaurant/food/place", "good restaurant",
		"best/good/cheap/cheapest/yummy * place/places/spot/spots * to * eat/get/grab/buy",
		"doordash", "uber eats", "grubhub", "reservation at", "book a table", "open right_now",
		"open now", "open today",
		"@businesses * open * today/tonight/tomorrow/now/on_sunday/right_now",
		"what * playing/showing * at * movie/movies/theater/cinema/movie_theater",
		"showtime/showtimes", "movie/movies * playing * this_weekend/tonight/today/tomorrow",
		"best * fries/burger/burgers/pizza/tacos/wings/sushi/ice_cream/milkshake/boba/nuggets",
		"what/which * fast_food/restaurant/place/spot * has * the? best",
	)
	travelTime = pats("how long/far ** walk/bike/drive/ride/get/take/skate/scooter * to/from * @businesses/@stores",
		"how many minutes/hours/miles/blocks ** walk/bike/drive/ride/get/skate * to/from * @businesses/@stores",
		"walk/bike/drive/ride * from * my * house/school/home * to * @businesses/@stores")
}

var travelTime, rideTimes []*pattern

func initRules18() {
	rideTimes = pats("bus/train/subway/metro/tram/ferry * to * the? @businesses/@stores/downtown/stadium/airport",
		"when/what_time * bus/train/subway/metro * come/comes/leave/leaves/arrive/arrives/run/runs * on/today/tomorrow/saturday/saturdays/sunday/sundays/weekend")
}

// localBusiness reports restaurants and places nearby, their hours and
// directions to them.
func (t *text) localBusiness() bool {
	if t.has(space) {
		return false
	}
	if t.any(localPhrases) {
		return true
	}
	// "when does the bus to the mall come", not "a bus leaves at 3:15…"
	if t.any(rideTimes) && !t.hasNumber() && !t.has(wordProblem) {
		return true
	}
	// "how long does it take to walk to the mall from my school", unless it
	// is a word problem ("if i walk 3 miles to the library…")
	return t.any(travelTime) && !(t.has(wordProblem) && t.hasNumber()) && !t.has(speedProblem)
}

// speedProblem marks a maths problem about speed and distance.
var speedProblem = newSet("mph", "speed", "rate", "km", "average", "equation", "solve", "if")

// space words make "how far is the sun from here" astronomy.
var space = newSet("sun", "moon", "star", "planet", "mars", "venus", "jupiter", "saturn",
	"mercury", "neptune", "uranus", "pluto", "galaxy", "earth", "orbit", "space", "universe",
	"comet", "asteroid", "light year", "horizon", "equator", "pole", "ocean", "continent")
