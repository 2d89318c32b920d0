package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The lesson's Temporal face lives beside the workflow (package workflows):
// how it is started, answered, read and hosted. The commands configure, wire
// and print; they neither write workflow code nor start workflows their own way.
func TestCommandsLeaveTheWorkflowToItsPackage(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	forbidden := []string{"go.temporal.io/sdk/workflow", "go.temporal.io/sdk/worker"}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			for _, bad := range forbidden {
				if strings.Trim(imp.Path.Value, `"`) == bad {
					t.Errorf("%s imports %s; the workflows package owns it", f, bad)
				}
			}
		}
		for _, call := range []string{"StartWorkflowOptions{", ".ExecuteWorkflow(", ".SignalWorkflow(", ".QueryWorkflow("} {
			if strings.Contains(string(src), call) {
				t.Errorf("%s uses %s; start, answer and query lessons through the workflows package", f, call)
			}
		}
	}
}
