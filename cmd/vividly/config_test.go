package main

import (
	"strings"
	"testing"
)

// TestMalformedEnvironmentIsRefused: a variable set to something that cannot
// be read stops the command with its name and what was expected, instead of
// the default being used without a word.
func TestMalformedEnvironmentIsRefused(t *testing.T) {
	t.Setenv("VIVIDLY_RENDER_HEARTBEAT_TIMEOUT", "thirty seconds")
	t.Setenv("VIVIDLY_MAX_RENDERS", "two")
	root := newRootCmd()
	root.SetArgs([]string{"stop"})
	err := root.Execute()
	if err == nil {
		t.Fatal("the command ran with malformed environment values")
	}
	for _, want := range []string{`VIVIDLY_RENDER_HEARTBEAT_TIMEOUT="thirty seconds" is not a duration`, `VIVIDLY_MAX_RENDERS="two" is not a whole number`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %s", err, want)
		}
	}

	t.Setenv("VIVIDLY_RENDER_HEARTBEAT_TIMEOUT", "45s")
	t.Setenv("VIVIDLY_MAX_RENDERS", "")
	root = newRootCmd()
	root.SetArgs([]string{"stop", "--data-dir", t.TempDir()})
	if err := root.Execute(); err != nil {
		t.Errorf("well-formed and empty values refused: %v", err)
	}
}
