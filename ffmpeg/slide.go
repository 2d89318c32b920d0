package ffmpeg

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"unicode"

	vividly "github.com/vividly-edu/vividly"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// painter draws the slides of one script. Layout numbers are for a 720-pixel
// tall frame and scale with the real height. A painter is not safe for
// concurrent use (its font faces are not).
type painter struct {
	w, h   int
	fonts  *fontSet
	script vividly.Script
	accent color.RGBA
	bases  map[int]*image.RGBA // per segment: everything but the caption
	bg     *image.RGBA         // the background every slide starts from
	canvas *image.RGBA         // reused for the slides without a caption
}

func newPainter(w, h int, s vividly.Script) (*painter, error) {
	fs, err := newFontSet()
	if err != nil {
		return nil, err
	}
	return &painter{w: w, h: h, fonts: fs, script: s, accent: accentFor(s.Subject), bases: map[int]*image.RGBA{}}, nil
}

// px scales a length designed for 720p to the frame.
func (p *painter) px(v float64) int { return int(math.Round(v * float64(p.h) / 720)) }

// Layout constants, in 720p pixels.
const (
	marginX     = 72
	headerBase  = 58  // baseline of the title line
	ruleY       = 84  // rule under the title line
	bandHeight  = 150 // caption band at the bottom
	accentWidth = 12  // bar down the left edge
)

// slide draws segment seg (-1 for none) with caption in the band at the bottom.
// A slide without a caption (one per segment, unless captions are burned
// in) is drawn on the painter's canvas, which the next slide reuses: the
// image is only valid until then.
func (p *painter) slide(seg int, caption string) *image.RGBA {
	if _, drawn := p.bases[seg]; caption == "" && !drawn {
		if p.canvas == nil {
			p.canvas = image.NewRGBA(image.Rect(0, 0, p.w, p.h))
		}
		p.drawBase(p.canvas, seg)
		p.drawCaption(p.canvas, "")
		return p.canvas
	}
	base := p.base(seg)
	img := image.NewRGBA(base.Rect)
	copy(img.Pix, base.Pix)
	p.drawCaption(img, caption)
	return img
}

// base draws, once per segment, the parts of its slides that do not change
// while it is narrated.
func (p *painter) base(seg int) *image.RGBA {
	if img, ok := p.bases[seg]; ok {
		return img
	}
	img := image.NewRGBA(image.Rect(0, 0, p.w, p.h))
	p.drawBase(img, seg)
	p.bases[seg] = img
	return img
}

// drawBase draws segment seg's slide without its caption on img, whatever
// img held before.
func (p *painter) drawBase(img *image.RGBA, seg int) {
	if p.bg == nil {
		p.bg = image.NewRGBA(image.Rect(0, 0, p.w, p.h))
		p.background(p.bg)
	}
	copy(img.Pix, p.bg.Pix)
	p.header(img, seg)
	var heading string
	var points []string
	if seg >= 0 && seg < len(p.script.Segments) {
		heading = p.fonts.clean(p.script.Segments[seg].Heading)
		for _, k := range p.script.Segments[seg].KeyPoints {
			if k = p.fonts.clean(k); k != "" {
				points = append(points, k)
			}
		}
	}
	if heading == "" {
		heading = p.fonts.clean(p.script.Title)
	}
	top, bottom := p.px(ruleY+44), p.h-p.px(bandHeight+28)
	if len(points) == 0 {
		p.titleCard(img, heading, top, bottom)
	} else {
		y := p.heading(img, heading, top)
		p.bullets(img, points, y+p.px(40), bottom)
	}
}

// background is a gentle vertical gradient with the accent bar down the left.
func (p *painter) background(img *image.RGBA) {
	for y := 0; y < p.h; y++ {
		t := float64(y) / float64(max(1, p.h-1))
		c := color.RGBA{lerp(bgTop.R, bgBottom.R, t), lerp(bgTop.G, bgBottom.G, t), lerp(bgTop.B, bgBottom.B, t), 0xff}
		draw.Draw(img, image.Rect(0, y, p.w, y+1), image.NewUniform(c), image.Point{}, draw.Src)
	}
	fill(img, image.Rect(0, 0, p.px(accentWidth), p.h-p.px(bandHeight)), p.accent)
}

func lerp(a, b uint8, t float64) uint8 {
	return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t))
}

// header is the lesson title on the left and "Subject · Grade · Part i of n"
// on the right, over a thin rule.
func (p *painter) header(img *image.RGBA, seg int) {
	var label []string
	if s := p.fonts.clean(p.script.Subject); s != "" {
		label = append(label, capitalize(s), capitalize(vividly.GradeLabel(p.script.Grade)))
	}
	if n := len(p.script.Segments); n > 1 && seg >= 0 {
		label = append(label, fmt.Sprintf("Part %d of %d", seg+1, n))
	}
	right := p.w - p.px(marginX)
	labelFace := p.fonts.face(false, p.px(21))
	if len(label) > 0 {
		// At most half the line, so a long subject cannot push the title
		// (or the label itself) off the slide.
		if lines, _ := fitLines(labelFace, strings.Join(label, "  •  "), (p.w-2*p.px(marginX))/2, 1); len(lines) > 0 {
			right -= font.MeasureString(labelFace, lines[0]).Ceil()
			drawText(img, labelFace, lines[0], right, p.px(headerBase), p.accent)
			right -= p.px(32)
		}
	}
	titleFace := p.fonts.face(false, p.px(23))
	if lines, _ := fitLines(titleFace, p.fonts.clean(p.script.Title), right-p.px(marginX), 1); len(lines) > 0 {
		drawText(img, titleFace, lines[0], p.px(marginX), p.px(headerBase), textMuted)
	}
	fill(img, image.Rect(p.px(marginX), p.px(ruleY), p.w-p.px(marginX), p.px(ruleY)+max(1, p.px(1))), color.RGBA{0x2a, 0x35, 0x4f, 0xff})
}

// heading draws the segment heading, up to two lines, shrinking it if needed,
// and a short accent underline; it returns the y below the underline.
func (p *painter) heading(img *image.RGBA, text string, top int) int {
	width := p.w - 2*p.px(marginX)
	var face font.Face
	var lines []string
	for _, size := range []float64{54, 46, 40} {
		face = p.fonts.face(true, p.px(size))
		var cut bool
		if lines, cut = fitLines(face, text, width, 2); !cut {
			break
		}
	}
	m := face.Metrics()
	y := top + m.Ascent.Ceil()
	for i, line := range lines {
		if i > 0 {
			y += lineHeight(face, 1.15)
		}
		drawText(img, face, line, p.px(marginX), y, textMain)
	}
	y += m.Descent.Ceil() + p.px(18)
	fill(img, image.Rect(p.px(marginX), y, p.px(marginX)+p.px(88), y+p.px(6)), p.accent)
	return y + p.px(6)
}

// titleCard centres a heading in the content area, for a segment with no key
// points, so the slide does not look empty.
func (p *painter) titleCard(img *image.RGBA, text string, top, bottom int) {
	width := p.w - 2*p.px(marginX+40)
	var face font.Face
	var lines []string
	for _, size := range []float64{64, 54, 46} {
		face = p.fonts.face(true, p.px(size))
		var cut bool
		if lines, cut = fitLines(face, text, width, 3); !cut {
			break
		}
	}
	lh := lineHeight(face, 1.15)
	m := face.Metrics()
	block := (len(lines)-1)*lh + m.Ascent.Ceil() + m.Descent.Ceil()
	y := top + (bottom-top-block)/2 + m.Ascent.Ceil()
	for _, line := range lines {
		x := (p.w - font.MeasureString(face, line).Ceil()) / 2
		drawText(img, face, line, x, y, textMain)
		y += lh
	}
	y += -lh + m.Descent.Ceil() + p.px(22)
	fill(img, image.Rect(p.w/2-p.px(44), y, p.w/2+p.px(44), y+p.px(6)), p.accent)
}

// bullets draws the key points between top and bottom, at the largest size at
// which all of them fit; at the smallest size, what does not fit is cut with
// an ellipsis.
func (p *painter) bullets(img *image.RGBA, points []string, top, bottom int) {
	indent := p.px(34)
	width := p.w - 2*p.px(marginX) - indent
	sizes := []float64{34, 30, 27, 24}
	var face font.Face
	var wrapped [][]string
	for i, size := range sizes {
		face = p.fonts.face(false, p.px(size))
		wrapped = wrapped[:0]
		h := 0
		for _, pt := range points {
			lines := wrap(face, pt, width)
			wrapped = append(wrapped, lines)
			h += len(lines)*lineHeight(face, 1.3) + lineHeight(face, 0.5)
		}
		if h <= bottom-top || i == len(sizes)-1 {
			break
		}
	}
	// Lay out every line, then keep those that fit; if any were dropped, the
	// last one kept ends in an ellipsis so the cut is visible.
	type row struct {
		text  string
		first bool // first line of a point, which gets the dot
		y     int
	}
	lh, gap := lineHeight(face, 1.3), lineHeight(face, 0.5)
	m := face.Metrics()
	var rows []row
	y := top + m.Ascent.Ceil()
	for _, lines := range wrapped {
		for i, line := range lines {
			rows = append(rows, row{line, i == 0, y})
			y += lh
		}
		y += gap
	}
	n := 0
	for n < len(rows) && rows[n].y+m.Descent.Ceil() <= bottom {
		n++
	}
	if n < len(rows) && n > 0 {
		rows[n-1].text = ellipsize(face, rows[n-1].text, width)
	}
	for _, r := range rows[:n] {
		if r.first {
			p.dot(img, p.px(marginX)+p.px(8), r.y-int(float64(m.Ascent.Ceil())*0.36), p.px(7))
		}
		drawText(img, face, r.text, p.px(marginX)+indent, r.y, textBody)
	}
}

// drawCaption fills the band at the bottom and centres the caption in it: two
// lines at a comfortable size, three at a smaller one, then cut with "…".
func (p *painter) drawCaption(img *image.RGBA, text string) {
	top := p.h - p.px(bandHeight)
	fill(img, image.Rect(0, top, p.w, p.h), band)
	fill(img, image.Rect(0, top, p.w, top+max(1, p.px(2))), color.RGBA{0x1e, 0x29, 0x3b, 0xff})
	text = p.fonts.clean(text)
	if text == "" {
		return
	}
	width := p.w - 2*p.px(90)
	var face font.Face
	var lines []string
	for _, fit := range []struct {
		size     float64
		maxLines int
	}{{36, 2}, {28, 3}} {
		face = p.fonts.face(false, p.px(fit.size))
		var cut bool
		if lines, cut = fitLines(face, text, width, fit.maxLines); !cut {
			break
		}
	}
	lh := lineHeight(face, 1.22)
	m := face.Metrics()
	block := (len(lines)-1)*lh + m.Ascent.Ceil() + m.Descent.Ceil()
	y := top + (p.px(bandHeight)-block)/2 + m.Ascent.Ceil()
	for _, line := range lines {
		x := (p.w - font.MeasureString(face, line).Ceil()) / 2
		drawText(img, face, line, x, y, caption)
		y += lh
	}
}

// dot draws an anti-aliased filled circle, the bullet marker.
func (p *painter) dot(img *image.RGBA, cx, cy, r int) {
	for y := cy - r - 1; y <= cy+r+1; y++ {
		for x := cx - r - 1; x <= cx+r+1; x++ {
			d := math.Hypot(float64(x-cx), float64(y-cy))
			cover := math.Max(0, math.Min(1, float64(r)+0.5-d))
			if cover == 0 || !(image.Point{x, y}.In(img.Rect)) {
				continue
			}
			bg := img.RGBAAt(x, y)
			img.SetRGBA(x, y, color.RGBA{
				lerp(bg.R, p.accent.R, cover), lerp(bg.G, p.accent.G, cover), lerp(bg.B, p.accent.B, cover), 0xff,
			})
		}
	}
}

func lineHeight(face font.Face, factor float64) int {
	return int(math.Round(float64(face.Metrics().Height.Ceil()) * factor))
}

func drawText(img *image.RGBA, face font.Face, s string, x, y int, c color.Color) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func fill(img *image.RGBA, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
