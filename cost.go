package vividly

// Prices say what each unit of Usage costs, in US dollars. They come from
// configuration; the defaults are list prices at the time of writing.
type Prices struct {
	InputTokensPerMillion   float64 `json:"input_tokens_per_million"`
	OutputTokensPerMillion  float64 `json:"output_tokens_per_million"`
	TTSCharactersPerMillion float64 `json:"tts_characters_per_million"`
	RenderSecond            float64 `json:"render_second"`
}

// DefaultPrices are Gemini 2.5 Flash on Vertex AI ($0.30 / $2.50 per million input
// and output tokens), Cloud Text-to-Speech Neural2 voices ($16 per million
// characters) and a render second of a 2-vCPU machine (about $0.10 an hour).
var DefaultPrices = Prices{
	InputTokensPerMillion:   0.30,
	OutputTokensPerMillion:  2.50,
	TTSCharactersPerMillion: 16,
	RenderSecond:            0.10 / 3600,
}

// Estimate is the cost of u at these prices.
func (p Prices) Estimate(u Usage) float64 {
	return float64(u.InputTokens)*p.InputTokensPerMillion/1e6 +
		float64(u.OutputTokens)*p.OutputTokensPerMillion/1e6 +
		float64(u.TTSCharacters)*p.TTSCharactersPerMillion/1e6 +
		u.RenderSeconds*p.RenderSecond
}
