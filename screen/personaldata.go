package screen

// Personal data about other people.

var (
	owners = union(people, otherOwners, celebrities, honorifics, newSet("he", "she", "they", "someone else",
		"somebody else", "other person", "other people", "other student", "other kid"))
	info = newSet("phone number", "phone num", "cell number", "cell phone number", "cell",
		"phone", "address", "home address", "email", "email address", "location", "live location",
		"whereabouts", "picture", "photo", "selfie", "video", "instagram", "snapchat", "tiktok",
		"social media", "last name", "full name", "birthday", "schedule", "ip address",
		"social security", "social security number", "ssn", "house", "zip code",
		"locker combination", "locker combo", "credit card", "bank account", "bank info", "account",
		"contact", "contact info", "contact information", "personal info", "personal information",
		"info", "information", "discord", "number", "snap", "handle", "username", "user name",
		"gamertag", "real name", "school schedule", "class schedule", "private photo",
		"private picture", "medical record", "diary", "text message", "message",
		"search history", "grade", "passport", "dm", "gps")
	// strictInfo follows a name directly; "Jake's phone" is clear, "Lincoln's
	// Gettysburg address" is not (and is joined as one word anyway).
	lookupVerbs = newSet("what", "tell", "give", "find", "get", "look up", "lookup", "know",
		"search", "track", "locate", "dox", "doxx", "leak", "post", "share", "send", "need", "want",
		"show", "figure out", "see", "where", "read", "check", "trace", "pull up",
		"obtain")
	lookupFiller = newSet("is", "are", "the", "a", "me", "my", "can", "could", "you", "i", "do",
		"how", "to", "out", "please", "what", "where", "tell", "give", "find", "get", "know",
		"need", "want", "someone", "anyone", "help", "up", "look", "search", "show", "send",
		"share", "post", "of", "for", "exact", "real", "current", "just", "really", "actually",
		"also", "and", "so", "anybody", "we", "should", "would", "will", "have", "any", "way", "it",
		"possible", "there", "an", "be", "was", "into", "on", "at", "his", "her", "their", "this",
		"that", "our", "new", "cute", "hot", "best", "secretly", "quickly", "read", "check", "see",
		"access", "steal", "track", "trace", "locate", "dox", "leak", "all", "some", "these",
		"those", "other", "else", "without", "them", "him", "name",
		"number", "phone", "full", "personal", "home", "exact", "english", "math", "science",
		"history", "art", "pe", "gym", "music", "spanish", "homeroom", "band", "old", "former",
		"favorite", "substitute", "class")
	infoFiller = newSet("home", "cell", "new", "exact", "real", "current", "personal",
		"private", "phone", "full", "last", "first", "email", "instagram", "snapchat", "tiktok",
		"social", "media", "live", "actual", "secret", "school", "class", "mobile", "house")
	passwords = newSet("password", "passcode", "pin", "pin number", "login", "log in",
		"lock screen", "pattern lock", "unlock code")
	passwordLookups = newSet("what", "tell", "give", "show", "share", "send", "where")
	otherPronouns   = newSet("he", "she", "they", "him", "her", "his", "them", "someone",
		"somebody")
)

var personalPhrases, residence, movements []*pattern

var (
	// strictInfo is personal information that follows a possessive name
	// ("noah's snapchat", "jake's address"); "Avogadro's number" and
	// "Lincoln's birthday" are not on it.
	strictInfo = newSet("phone number", "phone num", "cell number", "cell phone number", "cell",
		"phone", "address", "home address", "email", "email address", "location", "live location",
		"whereabouts", "instagram", "snapchat", "tiktok", "social media", "discord", "snap",
		"handle", "username", "user name", "gamertag", "password", "passcode", "pin", "login",
		"schedule", "class schedule", "locker combination", "locker combo", "ip address",
		"social security", "social security number", "ssn", "bank account", "credit card",
		"home phone", "number", "house", "last name", "full name", "real name", "dm", "text",
		"message", "search history", "medical record", "diary", "private photo", "contact info")
	// placeWords are the parts of a home address.
	placeWords = newSet("street", "road", "avenue", "town", "city", "neighborhood", "neighbourhood",
		"area", "apartment", "building", "block", "zip code", "part of town", "house", "suburb",
		"county", "village", "floor", "unit", "lane", "drive", "court")
)

func initRules15() {
	personalPhrases = pats(
		"where do? my/this/that/our/his/her/the * @people * live/stay/sleep/hang_out",
		"where do/does/did he/she/they live/stay", "where do? @honorific * live",
		"find out where * live", "where do/does * from/in my * class/grade/school/team/street * live", "where @celebrities/he/she/they/@honorific * live/stay",
		"where do/does/did * @celebrities * live", "where * @people * live * right now",
		"track/locate/stalk/trace * @owners", "spy on * @owners", "dox/doxx * @owners",
		"where * @people * right now", "what * @people * address",
		"picture/photo/video/selfie * of * my/this/that/the/his/her/our @people",
		"picture/photo/video/selfie * of * her/him/them", "what school do * @people * go to",
		"find * @people * on instagram/snapchat/tiktok/facebook/discord/social_media",
		"find * @people * account/profile", "who * @people * text/message/dm",
		"read * @people * text/message/messages/dm/diary/chat",
		"find/get/give/tell/what/send/know * @info * and/or * @info ** of/for * @who",
		// tracking someone without their knowing
		"tracker/airtag/gps/tracking_device/tracking_app/tracking_chip * in/on/into * @who/someone/somebody/their/his/her * backpack/bag/car/phone/bike/jacket/coat/shoe/locker",
		"put/hide/slip/stick/attach * airtag/tracker/gps/tracking_device/tracking_chip * in/on/into/under",
		// which school someone goes to, where an online stranger or a creator lives
		"what/which * school * @who/kid/girl/boy/guy/person/someone/somebody/he/she/they ** go/goes/attend/attends",
		"find/figure_out/find_out * what/which * school * go/goes/attend",
		"where * youtuber/streamer/influencer/tiktoker/content_creator/gamer/vlogger/singer/rapper/actor * live/lives/stay/stays",
		// records kept about other students
		"school * record/records/file/files/database/system/portal/computer ** see/look/read/get/find/check * another/other/someone/somebody/@who",
		"another/other * kid/student/kids/students/person/people * info/information/record/records/file/files/grade/grades/address/data",
	)
	// "what street does my teacher live on", "which neighborhood does mr davis live in"
	residence = pats("what/which @placeWord ** @who/@honorific/@owners ** live/lives/living/stay/stays/house",
		"@who/@honorific/@owners * house * on/in * what/which * @placeWord",
		"what/which * @placeWord * be * @who/@honorific/@owners * house/home/apartment * on/in",
		"where * @who/@honorific/@owners * house/home/apartment * be")
	// when someone is home or alone
	movements = pats("what time/when * @who/@owners * leave/leaves",
		"what time/when * @who/@owners * get/gets/walk/walks/go/goes home",
		"what time/when * @who/@owners * be * alone", "@who/@owners * leave * house/home * what time/when")
}

// possessiveInfo reports asking for the personal information of someone
// named by a possessive ("what is noah's tiktok login", "Liam Carter's phone
// number"), whatever the case it was typed in. Famous and historical
// possessives ("Lincoln's birthday", "Avogadro's number") are left alone:
// they are in the past or are not personal information.
func (t *text) possessiveInfo() bool {
	return t.inSentence(func(s *text) bool {
		if s.storyish() || s.has(pastFrame) || s.has(historyFrame) {
			return false
		}
		for i, tk := range s.toks {
			if !tk.poss {
				continue
			}
			first := i // "Liam Carter's": the lookup comes before the whole name
			for first > 0 && s.toks[first-1].name {
				first--
			}
			if !s.lookupBefore(first) {
				continue
			}
			for k := i + 1; k < len(s.toks) && k <= i+3; k++ {
				w := s.at(k)
				if passwords.has(w) && s.passwordVerb(k) != "lookup" {
					break // getting into the account with it is cheating
				}
				if strictInfo.has(w) {
					if w == "number" || w == "house" || w == "text" || w == "message" {
						// "phone number" is joined; a bare "number" or "house" needs a person
						if !(tk.name || people.has(tk.stem)) {
							break
						}
					}
					return true
				}
				if !infoFiller.has(w) && !tk.name && !s.toks[k].name {
					break
				}
			}
		}
		return false
	})
}

// personalData reports requests for personal information about someone
// else: a classmate's phone number, a teacher's address, someone's location.
func (t *text) personalData(output bool) bool {
	if output {
		return false
	}
	if t.each(owners, func(o int) bool {
		if t.toks[o].stem == "else" && o > 0 {
			o-- // "someone else's" belongs to "someone"
		}
		if !t.lookupBefore(o) {
			return false
		}
		return t.infoAfter(o)
	}) {
		return true
	}
	// "the phone number of my teacher", "the address for that girl"
	if t.each(info, func(i int) bool {
		if t.at(i) == "number" || !t.lookupBefore(i) {
			return false
		}
		if t.at(i+1) != "of" && t.at(i+1) != "for" {
			return false
		}
		unknown := 0
		for k := i + 2; k <= i+5 && k < len(t.toks); k++ {
			if owners.has(t.at(k)) && !people.has(t.at(k-1)) {
				return t.at(k) != "they" && t.at(k) != "them" || t.has(firstOrSecond)
			}
			if !determiners.has(t.at(k)) {
				if unknown++; unknown > 1 || t.at(k) == sep {
					return false
				}
			}
		}
		return false
	}) {
		return true
	}
	if t.passwordLookup() {
		return true
	}
	if t.possessiveInfo() {
		return true
	}
	if t.inSentence(func(s *text) bool {
		return (s.any(residence) || s.any(movements)) && !s.storyish() && !s.has(historyFrame) && !s.has(storyFrame)
	}) {
		return true
	}
	return t.any(personalPhrases)
}

// lookupBefore reports whether the words before i ask to find something out.
func (t *text) lookupBefore(i int) bool {
	for j := i - 1; j >= 0 && i-j <= 9; j-- {
		w := t.toks[j].stem
		if lookupVerbs.has(w) {
			return true
		}
		if !lookupFiller.has(w) {
			return false
		}
	}
	return false
}

// infoAfter reports whether personal information about the owner at o
// follows ("my classmate's home address", "her number").
func (t *text) infoAfter(o int) bool {
	named := t.toks[o].name || honorifics.has(t.at(o))
	start := o + 1
	if honorifics.has(t.at(o)) {
		start++ // "Mr Smith's address"
	}
	for k := start; k < len(t.toks) && k <= start+2; k++ {
		w := t.at(k)
		if info.has(w) {
			if w == "number" || w == "house" || w == "account" || w == "info" || w == "information" ||
				w == "message" || w == "grade" || w == "video" || w == "picture" || w == "photo" {
				return k == start || (infoFiller.has(t.at(k-1)) && w != "grade")
			}
			return !named || k == start
		}
		if !infoFiller.has(w) {
			return false
		}
	}
	return false
}

// passwordLookup reports asking what someone else's password is. Getting,
// guessing or using it to get in is cheating (breaking into an account).
func (t *text) passwordLookup() bool {
	return t.each(passwords, func(p int) bool {
		if !t.otherOwned(p) {
			return false
		}
		return t.passwordVerb(p) == "lookup"
	})
}

// otherOwned reports whether the thing at i belongs to someone else.
func (t *text) otherOwned(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4 && t.toks[k].stem != sep; k-- {
		w := t.at(k)
		if people.has(w) || otherOwners.has(w) || t.toks[k].name || t.toks[k].poss && w != "my" || w == "someone_else" ||
			w == "somebody_else" || otherPronouns.has(w) || w == "school" {
			return true
		}
		if w == "my" || w == "your" || w == "our" {
			return false
		}
	}
	for k := i + 1; k < len(t.toks) && k <= i+4 && t.toks[k].stem != sep; k++ {
		if (t.at(k-1) == "of" || t.at(k-1) == "for" || determiners.has(t.at(k-1))) &&
			(people.has(t.at(k)) || otherPronouns.has(t.at(k))) && t.at(i+1) != "for" ||
			t.at(k-1) == "of" && people.has(t.at(k)) {
			return true
		}
	}
	return false
}

// passwordVerb says whether the asker wants to learn a password ("lookup")
// or get in with it ("action").
func (t *text) passwordVerb(p int) string {
	for k := p - 1; k >= 0 && k >= p-8 && t.toks[k].stem != sep; k-- {
		w := t.at(k)
		if passwordLookups.has(w) {
			return "lookup"
		}
		if accountVerbs.has(w) || hackVerbs.has(w) {
			return "action"
		}
	}
	return "action"
}
