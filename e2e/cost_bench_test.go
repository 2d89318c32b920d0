package e2e

import (
	"fmt"
	"math"
	"strings"
	"testing"

	vividly "github.com/vividly-edu/vividly"
)

// BenchmarkCost makes a text lesson and a 2-minute video on the production
// providers' fakes, which report usage as the real services do (tokens from
// the size of each request and answer, characters sent to be spoken), and
// prints the estimated cost of each with every voice tier's price. The usage
// is the lesson's own, as the CLI shows it; only the price per character
// changes between tiers. It prints figures and never fails on cost.
func BenchmarkCost(b *testing.B) {
	f := startGoogleFakes(b)
	s := newSystem(b)
	s.extra = f.env
	s.startWorker()
	for range b.N {
		text := decode(b, s.vividly("submit", "Explain photosynthesis for basketball fans", "--grade", "10",
			"--interest", "basketball", "--modality", "text", "--wait", "--json"))
		video := decode(b, s.vividly("submit", "How do volcanoes erupt?", "--grade", "6",
			"--interest", "skateboarding", "--modality", "video", "--duration", "2m", "--wait", "--json"))
		for _, v := range []view{text, video} {
			if v.Status != vividly.StatusCompleted || v.Result == nil || v.Result.Degraded {
				b.Fatalf("lesson %s: %s (%s), degraded %v", v.RequestID, v.Status, v.Error, v.Result != nil && v.Result.Degraded)
			}
			// The CLI shows the total split by part, and the parts add up.
			if c := v.Result.Cost; math.Abs(c.Total()-v.Result.CostUSD) > 1e-9 {
				b.Fatalf("lesson %s: parts %+v add up to %v, total %v", v.RequestID, c, c.Total(), v.Result.CostUSD)
			}
		}
		if r := video.Result; r.Cost.Narration == 0 || r.Cost.Render == 0 || r.Usage.TTSCharacters == 0 {
			b.Fatalf("video cost %+v from usage %+v: narration and render not counted", r.Cost, r.Usage)
		}

		p := vividly.DefaultPrices
		fmt.Printf("cost benchmark: text lesson $%.4f (%s; %d tokens in, %d out)\n", text.Result.CostUSD,
			partsLine(text.Result.Cost), text.Result.Usage.InputTokens, text.Result.Usage.OutputTokens)
		var tiers []string
		for _, tier := range vividly.VoiceTiers {
			p.TTSCharactersPerMillion = tier.PricePerMillion()
			usd := p.Estimate(video.Result.Usage)
			tiers = append(tiers, fmt.Sprintf("%s $%.4f", tier, usd))
			b.ReportMetric(usd, "video-"+string(tier)+"-usd")
		}
		fmt.Printf("cost benchmark: 2-minute video (%.0f s) by voice tier: %s; at the default tier (%s): %s; %d characters narrated, %.1f s of render\n",
			video.Result.DurationS, strings.Join(tiers, ", "), vividly.DefaultVoiceTier, partsLine(video.Result.Cost),
			video.Result.Usage.TTSCharacters, video.Result.Usage.RenderSeconds)
		b.ReportMetric(text.Result.CostUSD, "text-usd")
	}
}

func partsLine(c vividly.CostParts) string {
	return fmt.Sprintf("understanding $%.4f, script $%.4f, narration $%.4f, render $%.4f",
		c.Understanding, c.Script, c.Narration, c.Render)
}
