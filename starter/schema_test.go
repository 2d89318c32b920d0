package starter

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaURL = "https://github.com/vividly-edu/vividly/starter/message.schema.json"

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(MessageSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaURL)
})

// schemaVerdict validates data against the shipped schema; a JSON syntax
// error counts as invalid, as it does for Parse.
func schemaVerdict(t testing.TB, data []byte) error {
	t.Helper()
	sch, err := compiled()
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(v)
}

// TestSchemaAgreesWithParse holds the shipped JSON Schema and the Go checks to
// the same verdict on every case, and checks that the schema blames the field
// Parse names.
func TestSchemaAgreesWithParse(t *testing.T) {
	for _, c := range contractCases() {
		if c.transport || c.schemaBug != "" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			err := schemaVerdict(t, []byte(c.data))
			switch {
			case c.reason == "" && err != nil:
				t.Fatalf("Parse accepts, the schema refuses: %v", err)
			case c.reason != "" && err == nil:
				t.Fatalf("Parse refuses (%s), the schema accepts", c.reason)
			case err != nil && c.field != "" && !strings.Contains(err.Error(), c.field):
				t.Fatalf("the schema does not blame %s: %v", c.field, err)
			}
		})
	}
}
