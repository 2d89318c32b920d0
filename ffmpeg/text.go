package ffmpeg

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	vividly "github.com/vividly-edu/vividly"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The embedded Go fonts, parsed once. Slides need no system fonts, so a
// render looks the same on every worker.
var (
	fontsOnce           sync.Once
	regularFont, boldFt *opentype.Font
	fontsErr            error
)

func loadFonts() (regular, bold *opentype.Font, err error) {
	fontsOnce.Do(func() {
		if regularFont, fontsErr = opentype.Parse(goregular.TTF); fontsErr != nil {
			return
		}
		boldFt, fontsErr = opentype.Parse(gobold.TTF)
	})
	if fontsErr != nil {
		return nil, nil, fmt.Errorf("parse embedded Go fonts: %w", fontsErr)
	}
	return regularFont, boldFt, nil
}

// fontSet makes faces of the Go fonts at the sizes a slide needs. Faces are not
// safe for concurrent use, so each drawing goroutine has its own fontSet.
type fontSet struct {
	regular, bold *opentype.Font
	faces         map[faceKey]font.Face
	buf           sfnt.Buffer
}

type faceKey struct {
	bold bool
	px   int
}

func newFontSet() (*fontSet, error) {
	r, b, err := loadFonts()
	if err != nil {
		return nil, err
	}
	return &fontSet{regular: r, bold: b, faces: map[faceKey]font.Face{}}, nil
}

// face returns the regular or bold face at px pixels (the fonts are set at 72
// DPI, where a point is a pixel).
func (fs *fontSet) face(bold bool, px int) font.Face {
	k := faceKey{bold, px}
	if f, ok := fs.faces[k]; ok {
		return f
	}
	ft := fs.regular
	if bold {
		ft = fs.bold
	}
	f, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: float64(px), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		// Only an invalid size can fail, and sizes are ours.
		panic(fmt.Sprintf("ffmpeg: Go font face at %dpx: %v", px, err))
	}
	fs.faces[k] = f
	return f
}

// replacement stands in for a character the Go fonts cannot draw: the
// conventional white square says "a character is missing here" where a blank
// would silently change the text and "?" could be read as punctuation.
const replacement = '□'

// clean prepares student and model text for drawing: made
// vividly.Printable (one line, no control, bidirectional or other invisible
// characters), composed to NFC so accents become single glyphs the fonts
// have, emoji and other pictographs the fonts lack dropped (they carry no
// words), and any other character the fonts lack replaced. Slides are
// pixels, so nothing else needs escaping: markup in the text is drawn as
// the characters it is, and no text reaches ffmpeg.
func (fs *fontSet) clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFC.String(vividly.Printable(s)) {
		switch {
		case r == ' ':
			space = true
			continue
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
			if !fs.has(r) {
				continue // a mark or joiner with no glyph adds nothing
			}
		case !fs.has(r):
			if unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || unicode.Is(unicode.Co, r) {
				continue
			}
			r = replacement
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// has reports whether both Go fonts have a glyph for r.
func (fs *fontSet) has(r rune) bool {
	for _, f := range []*opentype.Font{fs.regular, fs.bold} {
		if i, err := f.GlyphIndex(&fs.buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// wrap breaks text into lines no wider than width pixels, breaking between
// words, or inside a word too long for a line. It returns all lines; callers
// decide how many fit.
func wrap(face font.Face, text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if font.MeasureString(face, try).Ceil() <= width {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = word
		for line != "" && font.MeasureString(face, line).Ceil() > width {
			head, tail := splitToFit(face, line, width)
			lines = append(lines, head)
			line = tail
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// splitToFit cuts the longest prefix of s that fits in width (at least one
// rune, so wrapping always progresses).
func splitToFit(face font.Face, s string, width int) (string, string) {
	r := []rune(s)
	n := 1
	for n < len(r) && font.MeasureString(face, string(r[:n+1])).Ceil() <= width {
		n++
	}
	return string(r[:n]), string(r[n:])
}

// fitLines wraps text to width and keeps at most maxLines lines; if it had to
// drop text, the last line ends in an ellipsis that fits.
func fitLines(face font.Face, text string, width, maxLines int) (lines []string, truncated bool) {
	lines = wrap(face, text, width)
	if len(lines) <= maxLines {
		return lines, false
	}
	lines = lines[:maxLines]
	lines[maxLines-1] = ellipsize(face, lines[maxLines-1], width)
	return lines, true
}

// ellipsize appends "…" to line, dropping words (or, for one long word, runes)
// from its end until it fits.
func ellipsize(face font.Face, line string, width int) string {
	for {
		try := strings.TrimRight(line, " ,;:.") + "…"
		if font.MeasureString(face, try).Ceil() <= width || line == "" {
			return try
		}
		if i := strings.LastIndexByte(line, ' '); i > 0 {
			line = line[:i]
		} else {
			r := []rune(line)
			line = string(r[:len(r)-1])
		}
	}
}
