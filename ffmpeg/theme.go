package ffmpeg

import (
	"image/color"
	"strings"
	"unicode"
)

// The palette: light text on a dark background reads well on any screen and
// keeps contrast above WCAG AA for every text colour used.
var (
	bgTop     = color.RGBA{0x14, 0x1b, 0x2d, 0xff}
	bgBottom  = color.RGBA{0x0b, 0x10, 0x1c, 0xff}
	band      = color.RGBA{0x03, 0x05, 0x0a, 0xff}
	textMain  = color.RGBA{0xf8, 0xfa, 0xfc, 0xff}
	textBody  = color.RGBA{0xe2, 0xe8, 0xf0, 0xff}
	textMuted = color.RGBA{0x94, 0xa3, 0xb8, 0xff}
	caption   = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// subjectAccents colour the accent bar, bullets and labels by subject, so a
// student can tell at a glance what kind of lesson is playing.
var subjectAccents = []struct {
	words  []string
	accent color.RGBA
}{
	{[]string{"math", "algebra", "geometry", "calculus", "statistic", "arithmetic"}, color.RGBA{0x60, 0xa5, 0xfa, 0xff}},
	{[]string{"science", "biology", "chemistry", "physics", "earth", "astronomy", "ecology"}, color.RGBA{0x34, 0xd3, 0x99, 0xff}},
	{[]string{"history", "social", "civics", "government", "economics"}, color.RGBA{0xfb, 0xbf, 0x24, 0xff}},
	{[]string{"geography"}, color.RGBA{0x2d, 0xd4, 0xbf, 0xff}},
	{[]string{"english", "language", "literature", "reading", "writing", "grammar"}, color.RGBA{0xc0, 0x84, 0xfc, 0xff}},
	{[]string{"art", "music", "drama"}, color.RGBA{0xf4, 0x72, 0xb6, 0xff}},
	{[]string{"computer", "coding", "programming", "technology", "engineering"}, color.RGBA{0xfb, 0x92, 0x3c, 0xff}},
	{[]string{"health", "physical", "sport"}, color.RGBA{0xf8, 0x71, 0x71, 0xff}},
}

// defaultAccent is for subjects not listed above.
var defaultAccent = color.RGBA{0x81, 0x8c, 0xf8, 0xff}

// accentFor picks the accent colour of a subject.
func accentFor(subject string) color.RGBA {
	words := strings.FieldsFunc(strings.ToLower(subject), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, sa := range subjectAccents {
		for _, w := range sa.words {
			for _, word := range words {
				// A prefix, so "maths" and "biological" match too.
				if strings.HasPrefix(word, w) {
					return sa.accent
				}
			}
		}
	}
	return defaultAccent
}
