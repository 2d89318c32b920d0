package main

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"
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

// TestVoiceTierSetsVoiceAndPrice: the tier picks the voice and the price per
// character; a named voice sets the tier; a price set by hand wins; a voice
// and a tier that disagree are refused.
func TestVoiceTierSetsVoiceAndPrice(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		voice string
		price float64
		err   string
	}{
		{nil, "en-US-Wavenet-F", 4, ""},
		{[]string{"--tts-voice-tier", "standard"}, "en-US-Standard-F", 4, ""},
		{[]string{"--tts-voice-tier", "Neural2"}, "en-US-Neural2-F", 16, ""},
		{[]string{"--tts-voice", "en-GB-Neural2-A"}, "en-GB-Neural2-A", 16, ""},
		{[]string{"--tts-voice-tier", "neural2", "--price-tts-characters", "10"}, "en-US-Neural2-F", 10, ""},
		{[]string{"--tts-voice", "en-US-Neural2-D", "--tts-voice-tier", "standard"}, "", 0, "is a neural2 voice"},
		{[]string{"--tts", "google", "--tts-voice", "en-US-Studio-O"}, "", 0, "set --price-tts-characters"},
		{[]string{"--tts", "google", "--tts-voice", "en-US-Studio-O", "--price-tts-characters", "160"}, "en-US-Studio-O", 160, ""},
		{[]string{"--tts-voice-tier", "premium"}, "", 0, "want standard, wavenet or neural2"},
	} {
		cfg := &config{}
		fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
		cfg.bind(fs)
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		err := cfg.resolveVoice(fs)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v: err %v, want %q", tc.args, err, tc.err)
			}
			continue
		}
		if err != nil || cfg.Google.TTSVoice != tc.voice || cfg.Prices.TTSCharactersPerMillion != tc.price {
			t.Errorf("%v: voice %q at $%v (%v), want %q at $%v", tc.args, cfg.Google.TTSVoice, cfg.Prices.TTSCharactersPerMillion, err, tc.voice, tc.price)
		}
	}
}
