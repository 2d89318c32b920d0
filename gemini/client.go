package gemini

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"cloud.google.com/go/auth/credentials"
	"google.golang.org/genai"

	vividly "github.com/vividly-edu/vividly"
)

// Defaults for the fields of Config left empty.
const (
	DefaultLocation = "us-central1"
	DefaultModel    = "gemini-2.5-flash"
	DefaultTimeout  = 30 * time.Second
)

// cloudPlatformScope is the OAuth scope Vertex AI calls need.
const cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

// Config says which Gemini model to call and where. It is filled once from
// flags or the environment by the caller; this package reads neither.
type Config struct {
	// Project is the Google Cloud project billed for the calls. Required.
	Project string
	// Location is the Vertex AI region; DefaultLocation when empty.
	Location string
	// Model is the Gemini model id; DefaultModel when empty.
	Model string
	// HTTPClient, when set, sends every request as is: no credentials are
	// looked up or added. Tests set it with BaseURL to a fakevertex.Server's
	// Client and URL; to reach a fake in another process, any client will
	// do, e.g. &http.Client{}. When nil, application default credentials
	// are required and attached to every request.
	HTTPClient *http.Client
	// BaseURL replaces the regional Vertex AI endpoint, e.g. with a fake's URL.
	// On its own it does not turn credentials off: set HTTPClient for that.
	BaseURL string
	// Timeout bounds each model call; DefaultTimeout when zero.
	Timeout time.Duration
	// EmbeddingModel embeds questions and library sections;
	// DefaultEmbeddingModel when empty.
	EmbeddingModel string
	// ThinkingBudget bounds the model's thinking tokens per call: 0 (the
	// default) turns thinking off, -1 lets the model decide. Thinking tokens
	// are billed as output, and left to itself 2.5 Flash thinks for hundreds
	// to thousands of tokens a call, more than the answer: a lesson's cost
	// would double. The answers here are structured, checked and repaired
	// once when wrong, which is where their quality comes from.
	ThinkingBudget int
}

// Client calls Gemini on Vertex AI. It is both a vividly.Understander and a
// vividly.ScriptWriter, and is safe for concurrent use.
type Client struct {
	genai      *genai.Client
	model      string
	embedModel string
	timeout    time.Duration
	thinking   *genai.ThinkingConfig // nil: the model decides
}

var (
	_ vividly.Understander = (*Client)(nil)
	_ vividly.ScriptWriter = (*Client)(nil)
)

// New checks cfg, finds credentials and returns a ready Client. It makes no
// call to the model. A missing project or missing application default
// credentials is an error that says what to set.
func New(ctx context.Context, cfg Config) (*Client, error) {
	cfg.Project = strings.TrimSpace(cfg.Project)
	if cfg.Project == "" {
		return nil, errors.New("gemini: project is required: set VIVIDLY_GOOGLE_PROJECT (or the project flag) to the Google Cloud project that has the Vertex AI API enabled")
	}
	if cfg.Location = strings.TrimSpace(cfg.Location); cfg.Location == "" {
		cfg.Location = DefaultLocation
	}
	if cfg.Model = strings.TrimSpace(cfg.Model); cfg.Model == "" {
		cfg.Model = DefaultModel
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	cc := &genai.ClientConfig{
		Backend:    genai.BackendVertexAI,
		Project:    cfg.Project,
		Location:   cfg.Location,
		HTTPClient: cfg.HTTPClient,
		// No RetryOptions: genai then makes one attempt per call, and the
		// activity's retry policy is the only one.
		HTTPOptions: genai.HTTPOptions{BaseURL: cfg.BaseURL},
	}
	if cfg.HTTPClient == nil {
		// genai would look the credentials up itself, but its error is a
		// bare "failed to find default credentials"; finding them here lets
		// the error say what to do.
		creds, err := credentials.DetectDefault(&credentials.DetectOptions{Scopes: []string{cloudPlatformScope}})
		if err != nil {
			return nil, fmt.Errorf("gemini: no Google Cloud credentials found: run `gcloud auth application-default login`, "+
				"or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, or run on Google Cloud "+
				"with a service account that has the Vertex AI User role (%v)", err)
		}
		cc.Credentials = creds
	}
	g, err := genai.NewClient(ctx, cc)
	if err != nil {
		return nil, fmt.Errorf("gemini: creating the Vertex AI client: %w", err)
	}
	if cfg.EmbeddingModel = strings.TrimSpace(cfg.EmbeddingModel); cfg.EmbeddingModel == "" {
		cfg.EmbeddingModel = DefaultEmbeddingModel
	}
	c := &Client{genai: g, model: cfg.Model, embedModel: cfg.EmbeddingModel, timeout: cfg.Timeout}
	if cfg.ThinkingBudget >= 0 {
		c.thinking = &genai.ThinkingConfig{ThinkingBudget: genai.Ptr(int32(min(cfg.ThinkingBudget, math.MaxInt32)))}
	}
	return c, nil
}

// Model is the id of the model the client calls, for pricing and logs.
func (c *Client) Model() string { return c.model }

// Understander returns the client as a vividly.Understander.
func (c *Client) Understander() vividly.Understander { return c }

// ScriptWriter returns the client as a vividly.ScriptWriter.
func (c *Client) ScriptWriter() vividly.ScriptWriter { return c }

// call is one structured generateContent request.
type call struct {
	op     string // "understand" or "write script", for errors
	system string // the rules, sent as the system instruction
	user   string // the task and the delimited data
	schema *genai.Schema
}

// reply is a model answer that passed the transport and safety checks.
type reply struct {
	text         string
	usage        vividly.Usage
	finishReason genai.FinishReason
	blocked      bool // the prompt or the answer was withheld for safety
}

// generate sends one request and returns the answer's text. Errors are
// classified: Permanent when retrying cannot help, plain otherwise. No error
// carries the student's text.
func (c *Client) generate(ctx context.Context, k call) (reply, error) {
	cctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	cfg := &genai.GenerateContentConfig{
		SystemInstruction: genai.NewContentFromText(k.system, genai.RoleUser),
		ResponseMIMEType:  "application/json",
		ResponseSchema:    k.schema,
		CandidateCount:    1,
		Labels:            map[string]string{"app": "vividly", "stage": strings.ReplaceAll(k.op, " ", "-")},
		SafetySettings:    k12Safety(),
		ThinkingConfig:    c.thinking,
	}
	resp, err := c.genai.Models.GenerateContent(cctx, c.model,
		[]*genai.Content{genai.NewContentFromText(k.user, genai.RoleUser)}, cfg)
	if err != nil {
		return reply{}, c.classify(ctx, cctx, k.op, err)
	}
	r := reply{usage: usageOf(resp)}
	if pf := resp.PromptFeedback; pf != nil && pf.BlockReason != "" {
		r.blocked = true
		return r, nil
	}
	if len(resp.Candidates) == 0 || resp.Candidates[0] == nil {
		return r, fmt.Errorf("gemini %s: model %s returned no candidates", k.op, c.model)
	}
	cand := resp.Candidates[0]
	r.finishReason = cand.FinishReason
	switch cand.FinishReason {
	case genai.FinishReasonSafety, genai.FinishReasonProhibitedContent, genai.FinishReasonBlocklist, genai.FinishReasonSPII:
		r.blocked = true
		return r, nil
	case genai.FinishReasonMaxTokens:
		return r, fmt.Errorf("gemini %s: model %s stopped at its output token limit; the answer is incomplete", k.op, c.model)
	}
	r.text = resp.Text()
	if strings.TrimSpace(r.text) == "" {
		return r, fmt.Errorf("gemini %s: model %s returned no text (finish reason %q)", k.op, c.model, cand.FinishReason)
	}
	return r, nil
}

// usageOf reads the token counts. Thinking tokens are billed as output, so
// they count as output here.
func usageOf(resp *genai.GenerateContentResponse) vividly.Usage {
	m := resp.UsageMetadata
	if m == nil {
		return vividly.Usage{}
	}
	return vividly.Usage{
		InputTokens:  int64(m.PromptTokenCount) + int64(m.ToolUsePromptTokenCount),
		OutputTokens: int64(m.CandidatesTokenCount) + int64(m.ThoughtsTokenCount),
	}
}

// k12Safety asks the model to withhold anything even slightly harmful: the
// readers are children. A withheld answer is declined or written offline.
func k12Safety() []*genai.SafetySetting {
	var out []*genai.SafetySetting
	for _, c := range []genai.HarmCategory{genai.HarmCategoryHarassment, genai.HarmCategoryHateSpeech,
		genai.HarmCategorySexuallyExplicit, genai.HarmCategoryDangerousContent} {
		out = append(out, &genai.SafetySetting{Category: c, Threshold: genai.HarmBlockThresholdBlockLowAndAbove})
	}
	return out
}
