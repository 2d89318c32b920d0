package vividly

import (
	"fmt"
	"strings"
)

// Prices say what each unit of Usage costs, in US dollars. They come from
// configuration; the defaults are list prices at the time of writing.
type Prices struct {
	InputTokensPerMillion   float64 `json:"input_tokens_per_million"`
	OutputTokensPerMillion  float64 `json:"output_tokens_per_million"`
	TTSCharactersPerMillion float64 `json:"tts_characters_per_million"`
	RenderSecond            float64 `json:"render_second"`
}

// VoiceTier is a family of Cloud Text-to-Speech voices; the family sets the
// price of a character.
type VoiceTier string

// The voice tiers priced here, cheapest first.
const (
	VoiceTierStandard VoiceTier = "standard"
	VoiceTierWaveNet  VoiceTier = "wavenet"
	VoiceTierNeural2  VoiceTier = "neural2"
)

// VoiceTiers are the priced tiers, cheapest first.
var VoiceTiers = []VoiceTier{VoiceTierStandard, VoiceTierWaveNet, VoiceTierNeural2}

// DefaultVoiceTier is WaveNet: it costs what Standard does and sounds less
// machine-like, which matters for a lesson a child listens to for minutes.
// Neural2 is four times the price for a smaller step in quality.
const DefaultVoiceTier = VoiceTierWaveNet

// voiceTierPrices are Google's list prices per million characters, beyond the
// monthly free characters, at the time of writing.
var voiceTierPrices = map[VoiceTier]float64{
	VoiceTierStandard: 4,
	VoiceTierWaveNet:  4,
	VoiceTierNeural2:  16,
}

// PricePerMillion is the tier's list price per million characters.
func (t VoiceTier) PricePerMillion() float64 { return voiceTierPrices[t] }

// ParseVoiceTier reads a tier name, in any case.
func ParseVoiceTier(s string) (VoiceTier, error) {
	t := VoiceTier(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := voiceTierPrices[t]; !ok {
		return "", fmt.Errorf("voice tier %q: want standard, wavenet or neural2", s)
	}
	return t, nil
}

// DefaultPrices are Gemini 2.5 Flash on Vertex AI ($0.30 / $2.50 per million input
// and output tokens), Cloud Text-to-Speech voices of DefaultVoiceTier and a
// render second of a 2-vCPU machine (about $0.10 an hour).
var DefaultPrices = Prices{
	InputTokensPerMillion:   0.30,
	OutputTokensPerMillion:  2.50,
	TTSCharactersPerMillion: DefaultVoiceTier.PricePerMillion(),
	RenderSecond:            0.10 / 3600,
}

// Estimate is the cost of u at these prices. u.Cost, the cost already worked
// out, plays no part.
func (p Prices) Estimate(u Usage) float64 {
	return float64(u.InputTokens)*p.InputTokensPerMillion/1e6 +
		float64(u.OutputTokens)*p.OutputTokensPerMillion/1e6 +
		float64(u.TTSCharacters)*p.TTSCharactersPerMillion/1e6 +
		u.RenderSeconds*p.RenderSecond
}

// CostParts is an estimated cost split by the part of the lesson that spent
// it, in US dollars.
type CostParts struct {
	Understanding float64 `json:"understanding_usd"`
	Script        float64 `json:"script_usd"`
	Narration     float64 `json:"narration_usd"`
	Render        float64 `json:"render_usd"`
}

// Add sums two splits.
func (c CostParts) Add(d CostParts) CostParts {
	return CostParts{Understanding: c.Understanding + d.Understanding, Script: c.Script + d.Script,
		Narration: c.Narration + d.Narration, Render: c.Render + d.Render}
}

// Total is the sum of the parts.
func (c CostParts) Total() float64 { return c.Understanding + c.Script + c.Narration + c.Render }

// CostByPart is the lesson's estimated cost split by part. Each stage's
// activity prices its own usage (Usage.Cost); the render is priced by the
// workflow from its seconds alone, so its part is what the total holds beyond
// the others. A lesson made before the split was recorded has none: zero.
func (r Result) CostByPart() CostParts {
	c := r.Usage.Cost
	if c.Total() == 0 {
		return CostParts{}
	}
	if c.Render == 0 && r.Usage.RenderSeconds > 0 {
		c.Render = max(0, r.CostUSD-c.Total())
	}
	return c
}
