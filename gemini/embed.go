package gemini

import (
	"context"
	"errors"
	"math"

	"golang.org/x/sync/errgroup"
	"google.golang.org/genai"

	vividly "github.com/vividly-edu/vividly"
)

// Embedding defaults: the model and the vector size stored in the library.
const (
	DefaultEmbeddingModel = "gemini-embedding-001"
	EmbeddingDimensions   = 768
)

// embedParallel bounds the embedding calls in flight: gemini-embedding-001
// takes one text per call on Vertex AI.
const embedParallel = 4

var _ vividly.Embedder = (*Client)(nil)

// Embed returns one unit-length vector of EmbeddingDimensions per text,
// embedded for kind (a question, or a section to be found).
func (c *Client) Embed(ctx context.Context, texts []string, kind vividly.EmbedKind) ([][]float32, error) {
	out := make([][]float32, len(texts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(embedParallel)
	dims := int32(EmbeddingDimensions)
	for i, text := range texts {
		g.Go(func() error {
			cctx, cancel := context.WithTimeout(gctx, c.timeout)
			defer cancel()
			resp, err := c.genai.Models.EmbedContent(cctx, c.embedModel, genai.Text(text), &genai.EmbedContentConfig{
				TaskType: string(kind), OutputDimensionality: &dims,
			})
			if err != nil {
				return c.classify(ctx, cctx, "embed", err)
			}
			if len(resp.Embeddings) != 1 || len(resp.Embeddings[0].Values) != EmbeddingDimensions {
				return errors.New("gemini: embed: the model returned no vector of the requested size")
			}
			out[i] = normalise(resp.Embeddings[0].Values)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// normalise scales v to unit length, so a dot product is a cosine.
func normalise(v []float32) []float32 {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return v
	}
	n = math.Sqrt(n)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) / n)
	}
	return out
}
