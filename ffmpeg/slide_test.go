package ffmpeg

import (
	"bytes"
	"image"
	"slices"
	"strings"
	"testing"

	vividly "github.com/vividly-edu/vividly"
	"golang.org/x/image/font"
)

func TestCleanReplacesWhatTheFontsLack(t *testing.T) {
	fs, err := newFontSet()
	if err != nil {
		t.Fatal(err)
	}
	if !fs.has(replacement) {
		t.Fatalf("the Go fonts cannot draw the replacement %q", replacement)
	}
	for in, want := range map[string]string{
		"Café  naïve\n\tok":  "Café naïve ok",
		"e\u0301":            "é", // composed, so the font's é is used
		"lava 🌋 hot":         "lava hot",
		"光合":                 "□□",
		"π ≈ 3.14 — “quote”": "π ≈ 3.14 — “quote”",
		"zero\u200bwidth":    "zerowidth",
	} {
		if got := fs.clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFitLines(t *testing.T) {
	fs, _ := newFontSet()
	face := fs.face(false, 30)
	text := strings.Repeat("magma rises through the crust ", 10)
	lines, cut := fitLines(face, text, 400, 3)
	if !cut || len(lines) != 3 || !strings.HasSuffix(lines[2], "…") {
		t.Fatalf("got %q, cut %v", lines, cut)
	}
	for _, l := range lines {
		if w := font.MeasureString(face, l).Ceil(); w > 400 {
			t.Errorf("line %q is %dpx wide", l, w)
		}
	}
	long, _ := fitLines(face, strings.Repeat("x", 200), 300, 10)
	for _, l := range long {
		if w := font.MeasureString(face, l).Ceil(); w > 300 {
			t.Errorf("a long word was not broken: %dpx", w)
		}
	}
	if lines, cut := fitLines(face, "short", 400, 2); cut || len(lines) != 1 {
		t.Errorf("short text: %q, %v", lines, cut)
	}
}

func TestSlideDrawsAnyText(t *testing.T) {
	s := vividly.Script{
		Title: strings.Repeat("A very long lesson title ", 10), Subject: strings.Repeat("mathematics", 30), Grade: 0,
		Segments: []vividly.Segment{
			{Heading: "", KeyPoints: []string{"🌋", ""}},
			{Heading: strings.Repeat("Heading ", 30), KeyPoints: []string{strings.Repeat("point ", 200), "光合作用", "\x00\x1b"}},
		},
	}
	for _, size := range [][2]int{{1280, 720}, {640, 360}} {
		p, err := newPainter(size[0], size[1], s)
		if err != nil {
			t.Fatal(err)
		}
		for seg := -1; seg < 2; seg++ {
			img := p.slide(seg, strings.Repeat("caption ", 80))
			if b := img.Bounds(); b.Dx() != size[0] || b.Dy() != size[1] {
				t.Fatalf("slide is %v", b)
			}
			// The caption band is drawn at the bottom in every case.
			if c := img.RGBAAt(2, size[1]-2); c != band {
				t.Errorf("bottom left pixel %v, want the band colour", c)
			}
		}
	}
}

func TestAccentFor(t *testing.T) {
	if accentFor("Earth Science") != accentFor("science") || accentFor("Maths") != accentFor("math") {
		t.Error("subjects are not matched by word prefix")
	}
	if accentFor("science") == accentFor("history") {
		t.Error("science and history share an accent")
	}
	if accentFor("underwater basket weaving") != defaultAccent {
		t.Error("unknown subject did not get the default accent")
	}
}

// TestSlidesOnOneCanvasMatchSlidesDrawnAlone: a slide without a caption is
// drawn on a canvas the next one reuses; nothing of the slide before shows
// through.
func TestSlidesOnOneCanvasMatchSlidesDrawnAlone(t *testing.T) {
	s := vividly.Script{Title: "Photosynthesis", Subject: "science", Grade: 10, Segments: []vividly.Segment{
		{Heading: "A long first heading that wraps onto a second line of the slide", KeyPoints: []string{"Sunlight", "Water and carbon dioxide", "Sugar and oxygen"}},
		{Heading: "Short", KeyPoints: []string{"One"}},
		{Heading: "Title card"},
	}}
	shared, err := newPainter(640, 360, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, seg := range []int{0, 1, 2, -1, 0} {
		got := slices.Clone(shared.slide(seg, "").Pix)
		alone, err := newPainter(640, 360, s)
		if err != nil {
			t.Fatal(err)
		}
		base := alone.base(seg)
		want := image.NewRGBA(base.Rect)
		copy(want.Pix, base.Pix)
		alone.drawCaption(want, "")
		if !bytes.Equal(got, want.Pix) {
			t.Fatalf("segment %d drawn after others differs from the same slide drawn alone", seg)
		}
	}
}
