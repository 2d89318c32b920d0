package gemini

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/gemini/fakevertex"
)

func dot(a, b []float32) float64 {
	s := 0.0
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func TestEmbedThroughVertexPredict(t *testing.T) {
	srv := fakevertex.New()
	defer srv.Close()
	c, err := New(context.Background(), Config{Project: "p", BaseURL: srv.URL(), HTTPClient: srv.Client()})
	require.NoError(t, err)
	vs, err := c.Embed(context.Background(), []string{
		"how do plants make food from sunlight",
		"Photosynthesis: plants use light energy to make sugar and food",
		"The American Revolution began in 1775",
	}, vividly.EmbedDocument)
	require.NoError(t, err)
	require.Len(t, vs, 3)
	for _, v := range vs {
		require.Len(t, v, EmbeddingDimensions)
		n := dot(v, v)
		assert.InDelta(t, 1, math.Sqrt(n), 1e-4, "unit length")
	}
	assert.Greater(t, dot(vs[0], vs[1]), dot(vs[0], vs[2]), "related texts are closer")
	assert.Equal(t, 3, srv.Embedded())
}
