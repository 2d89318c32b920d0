package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// contract validates answers against the OpenAPI document the server serves.
type contract struct {
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	doc      map[string]any
	checked  map[string]bool
}

func (e *env) contract() *contract {
	e.t.Helper()
	r := e.do(http.MethodGet, "/openapi.json", "", nil)
	if r.status != http.StatusOK {
		e.t.Fatalf("GET /openapi.json: %d", r.status)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	if err != nil {
		e.t.Fatal(err)
	}
	m := doc.(map[string]any)
	if v := m["openapi"]; v != "3.1.0" {
		e.t.Fatalf("openapi = %v, want 3.1.0", v)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("openapi.json", doc); err != nil {
		e.t.Fatal(err)
	}
	return &contract{compiler: c, doc: m, checked: map[string]bool{}}
}

// pointer escapes a JSON pointer token.
func pointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

var uuidSegment = regexp.MustCompile(`/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// check validates r, the answer to method path, against the document: the
// status must be declared and the body must match its schema.
func (c *contract) check(t testing.TB, method, path string, r reply) {
	t.Helper()
	tmpl := uuidSegment.ReplaceAllString(strings.SplitN(path, "?", 2)[0], "/{id}")
	paths := c.doc["paths"].(map[string]any)
	item, ok := paths[tmpl].(map[string]any)
	if !ok {
		t.Errorf("%s %s: path %s is not in the OpenAPI document", method, path, tmpl)
		return
	}
	op, ok := item[strings.ToLower(method)].(map[string]any)
	if !ok {
		t.Errorf("%s %s: no such operation in the OpenAPI document", method, tmpl)
		return
	}
	code := fmt.Sprint(r.status)
	responses := op["responses"].(map[string]any)
	if _, ok := responses[code]; !ok {
		if _, ok := responses["default"]; !ok {
			t.Errorf("%s %s answered %s, which the document does not declare (%v)", method, tmpl, code, keys(responses))
			return
		}
		code = "default"
	}
	ct := strings.SplitN(r.header.Get("Content-Type"), ";", 2)[0]
	content, _ := responses[code].(map[string]any)["content"].(map[string]any)
	if len(r.body) == 0 && content == nil {
		return
	}
	if _, ok := content[ct]; !ok {
		t.Errorf("%s %s %s: content type %q is not declared (%v)", method, tmpl, code, ct, keys(content))
		return
	}
	if ct == "text/event-stream" {
		return
	}
	loc := "openapi.json#/paths/" + pointer(tmpl) + "/" + strings.ToLower(method) + "/responses/" + code + "/content/" + pointer(ct) + "/schema"
	c.mu.Lock()
	sch, err := c.compiler.Compile(loc)
	c.checked[method+" "+tmpl+" "+code] = true
	c.mu.Unlock()
	if err != nil {
		t.Fatalf("compile %s: %v", loc, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	if err != nil {
		t.Errorf("%s %s: body is not JSON: %v", method, tmpl, err)
		return
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s %s %s: the body does not match the document: %v\n%s", method, tmpl, code, err, r.body)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
