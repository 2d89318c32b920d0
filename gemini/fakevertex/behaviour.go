package fakevertex

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Behaviour decides the answer to one call.
type Behaviour func(Request) Reply

// Reply is an HTTP answer: status (200 when zero), JSON body, and a delay
// before it is sent (cut short if the client gives up).
type Reply struct {
	Status int
	Body   []byte
	Delay  time.Duration
}

// Usage is the token counts reported in usageMetadata.
type Usage struct {
	Prompt     int32
	Candidates int32
	Thoughts   int32
}

// Text answers 200 with text as the model's output, finish reason STOP, and
// token counts estimated at four bytes a token.
func Text(text string) Behaviour {
	return func(r Request) Reply {
		return TextReply(r, text, Usage{Prompt: estimateTokens(len(r.Body)), Candidates: estimateTokens(len(text))})
	}
}

// TextWithUsage answers like Text with the given token counts.
func TextWithUsage(text string, u Usage) Behaviour {
	return func(r Request) Reply { return TextReply(r, text, u) }
}

// JSON answers with v, encoded, as the model's text.
func JSON(v any) Behaviour {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("fakevertex.JSON: %v", err))
	}
	return Text(string(b))
}

// Malformed answers 200 with text that is not the JSON asked for: a model
// that chatted and was cut off.
func Malformed() Behaviour {
	return Text("Sure! Here is the JSON you asked for:\n{\"topic\": \"Photosynthesis\", \"subject\": \"science\", \"grade_fit\": tr")
}

// Error answers with Google's error body.
func Error(code int, status, message string) Behaviour {
	return func(Request) Reply { return errorReply(code, status, message) }
}

// RateLimited answers 429 RESOURCE_EXHAUSTED, as Vertex AI does when a
// project's quota or the shared capacity is used up.
func RateLimited() Behaviour {
	return Error(http.StatusTooManyRequests, "RESOURCE_EXHAUSTED",
		"Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.")
}

// Unavailable answers 503 UNAVAILABLE.
func Unavailable() Behaviour {
	return Error(http.StatusServiceUnavailable, "UNAVAILABLE", "The service is currently unavailable.")
}

// ModelNotFound answers 404 NOT_FOUND naming the requested model, as Vertex
// AI does for a model id that does not exist or is not enabled.
func ModelNotFound() Behaviour {
	return func(r Request) Reply {
		return errorReply(http.StatusNotFound, "NOT_FOUND", fmt.Sprintf(
			"Publisher Model `projects/%s/locations/%s/publishers/google/models/%s` was not found or your project does not have access to it. "+
				"Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions",
			r.Project, r.Location, r.Model))
	}
}

// PermissionDenied answers 403 PERMISSION_DENIED, as for a project without
// the Vertex AI API enabled or a caller without the role.
func PermissionDenied() Behaviour {
	return func(r Request) Reply {
		return errorReply(http.StatusForbidden, "PERMISSION_DENIED", fmt.Sprintf(
			"Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/%s/locations/%s/publishers/google/models/%s' (or it may not exist).",
			r.Project, r.Location, r.Model))
	}
}

// Blocked answers 200 with no candidates and promptFeedback.blockReason
// SAFETY: the prompt was refused by the safety filters.
func Blocked() Behaviour {
	return func(r Request) Reply {
		return jsonReply(http.StatusOK, map[string]any{
			"promptFeedback": map[string]any{
				"blockReason":        "SAFETY",
				"blockReasonMessage": "The prompt was blocked due to safety reasons.",
			},
			"usageMetadata": map[string]any{"promptTokenCount": estimateTokens(len(r.Body)), "totalTokenCount": estimateTokens(len(r.Body))},
			"modelVersion":  r.Model,
		})
	}
}

// Slow answers like b after d, or not at all if the client gives up first.
func Slow(d time.Duration, b Behaviour) Behaviour {
	return func(r Request) Reply {
		rep := b(r)
		rep.Delay = d
		return rep
	}
}

// Func wraps a function of the request as a Behaviour, for answers a test
// works out from what was sent.
func Func(f func(Request) Reply) Behaviour { return Behaviour(f) }

// TextReply is a 200 answer carrying text as the first candidate's only
// part, with usage metadata shaped as Vertex AI returns it.
func TextReply(r Request, text string, u Usage) Reply {
	usage := map[string]any{
		"promptTokenCount":        u.Prompt,
		"candidatesTokenCount":    u.Candidates,
		"totalTokenCount":         u.Prompt + u.Candidates + u.Thoughts,
		"trafficType":             "ON_DEMAND",
		"promptTokensDetails":     []any{map[string]any{"modality": "TEXT", "tokenCount": u.Prompt}},
		"candidatesTokensDetails": []any{map[string]any{"modality": "TEXT", "tokenCount": u.Candidates}},
	}
	if u.Thoughts > 0 {
		usage["thoughtsTokenCount"] = u.Thoughts
	}
	return jsonReply(http.StatusOK, map[string]any{
		"candidates": []any{map[string]any{
			"content":      map[string]any{"role": "model", "parts": []any{map[string]any{"text": text}}},
			"finishReason": "STOP",
			"avgLogprobs":  -0.21,
		}},
		"usageMetadata": usage,
		"modelVersion":  r.Model,
		"createTime":    time.Now().UTC().Format(time.RFC3339Nano),
		"responseId":    fmt.Sprintf("fake-%d", time.Now().UnixNano()),
	})
}

func errorReply(code int, status, message string) Reply {
	return jsonReply(code, map[string]any{"error": map[string]any{"code": code, "message": message, "status": status}})
}

func jsonReply(code int, v any) Reply {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("fakevertex: encoding a reply: %v", err))
	}
	return Reply{Status: code, Body: b}
}

// estimateTokens is the usual rule of thumb: four bytes of text a token.
func estimateTokens(n int) int32 { return int32((n + 3) / 4) }
