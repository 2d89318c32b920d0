package vividly

import (
	"math"
	"testing"
)

func TestVoiceTiersArePricedByTheirList(t *testing.T) {
	want := map[VoiceTier]float64{VoiceTierStandard: 4, VoiceTierWaveNet: 4, VoiceTierNeural2: 16}
	for _, tier := range VoiceTiers {
		if got := tier.PricePerMillion(); got != want[tier] {
			t.Errorf("%s: $%v per million characters, want $%v", tier, got, want[tier])
		}
		if parsed, err := ParseVoiceTier(" " + string(tier) + " "); err != nil || parsed != tier {
			t.Errorf("ParseVoiceTier(%q) = %q, %v", tier, parsed, err)
		}
	}
	if _, err := ParseVoiceTier("studio"); err == nil {
		t.Error("an unpriced tier was accepted")
	}
	if DefaultPrices.TTSCharactersPerMillion != DefaultVoiceTier.PricePerMillion() {
		t.Errorf("default price $%v is not the default tier's", DefaultPrices.TTSCharactersPerMillion)
	}
	// A 2-minute narration of about 1,800 characters.
	u := Usage{TTSCharacters: 1800}
	p := DefaultPrices
	for tier, usd := range map[VoiceTier]float64{VoiceTierStandard: 0.0072, VoiceTierNeural2: 0.0288} {
		p.TTSCharactersPerMillion = tier.PricePerMillion()
		if got := p.Estimate(u); math.Abs(got-usd) > 1e-9 {
			t.Errorf("%s: 1,800 characters cost $%v, want $%v", tier, got, usd)
		}
	}
}

func TestCostByPart(t *testing.T) {
	r := Result{CostUSD: 0.01, Usage: Usage{RenderSeconds: 9, Cost: CostParts{Understanding: 0.001, Script: 0.002, Narration: 0.006}}}
	c := r.CostByPart()
	if math.Abs(c.Render-0.001) > 1e-12 || math.Abs(c.Total()-r.CostUSD) > 1e-12 {
		t.Errorf("parts %+v, want the render to hold the rest of %v", c, r.CostUSD)
	}
	// A lesson made before parts were recorded shows none rather than
	// putting its whole cost on the render.
	if c := (Result{CostUSD: 0.01, Usage: Usage{RenderSeconds: 9}}).CostByPart(); c != (CostParts{}) {
		t.Errorf("parts %+v of a lesson with no split recorded", c)
	}
	// Usage.Add sums the parts, as the workflow adds each stage's usage.
	sum := Usage{Cost: CostParts{Script: 1}}.Add(Usage{Cost: CostParts{Script: 2, Narration: 3}})
	if sum.Cost != (CostParts{Script: 3, Narration: 3}) {
		t.Errorf("sum %+v", sum.Cost)
	}
}
