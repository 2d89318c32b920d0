package googletts_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/googletts"
	"github.com/vividly-edu/vividly/googletts/faketts"
	"github.com/vividly-edu/vividly/narration"
)

// start runs a fake and a narrator talking to it; cfg's ClientOptions are
// filled in.
func start(t *testing.T, cfg googletts.Config) (*googletts.Narrator, *faketts.Server) {
	t.Helper()
	srv, err := faketts.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	cfg.ClientOptions = srv.ClientOptions()
	if cfg.RetryBackoff == 0 {
		cfg.RetryBackoff = time.Millisecond
	}
	n, err := googletts.New(t.Context(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { n.Close() })
	return n, srv
}

var threeSegments = vividly.Script{
	Title: "Photosynthesis, explained through basketball",
	Segments: []vividly.Segment{
		{Heading: "Tip-off", Narration: "Think of a leaf as a team on the court. Sunlight is the pass that starts every play!"},
		{Heading: "The play", Narration: "Chlorophyll catches the light. Water and carbon dioxide come in, and sugar goes out."},
		{Heading: "Recap", Narration: "So plants score energy from light. What gas do they give off?"},
	},
}

// wavInfo reads a 16-bit mono WAV file written by Narrate: its sample rate and
// samples.
func wavInfo(t *testing.T, path string) (rate int, samples []int16) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 44 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" || string(b[36:40]) != "data" {
		t.Fatalf("%s is not a plain RIFF/WAVE file", path)
	}
	if riff := binary.LittleEndian.Uint32(b[4:8]); int(riff) != len(b)-8 {
		t.Errorf("RIFF size %d, file size %d", riff, len(b))
	}
	data := int(binary.LittleEndian.Uint32(b[40:44]))
	if data > len(b)-44 {
		t.Fatalf("data chunk of %d bytes in a %d-byte file", data, len(b))
	}
	rate = int(binary.LittleEndian.Uint32(b[24:28]))
	samples = make([]int16, data/2)
	binary.Read(bytes.NewReader(b[44:44+data]), binary.LittleEndian, samples)
	return rate, samples
}

func frameAt(d time.Duration, rate int) int { return int(int64(d) * int64(rate) / int64(time.Second)) }

// checkTimeline checks what every narration must satisfy, and that the audio
// is a plain WAV file.
func checkTimeline(t *testing.T, s vividly.Script, nar vividly.Narration) {
	t.Helper()
	if err := narration.Check(s, nar); err != nil {
		t.Fatal(err)
	}
	wavInfo(t, nar.AudioPath)
}

func TestNarrateThreeSegments(t *testing.T) {
	n, srv := start(t, googletts.Config{})
	dir := filepath.Join(t.TempDir(), "lesson") // not there yet
	nar, err := n.Narrate(t.Context(), threeSegments, dir)
	if err != nil {
		t.Fatalf("Narrate: %v", err)
	}
	if nar.AudioPath != filepath.Join(dir, "narration.wav") {
		t.Errorf("AudioPath = %s", nar.AudioPath)
	}
	checkTimeline(t, threeSegments, nar)
	wantCues := []string{
		"Think of a leaf as a team on the court.", "Sunlight is the pass that starts every play!",
		"Chlorophyll catches the light.", "Water and carbon dioxide come in, and sugar goes out.",
		"So plants score energy from light.", "What gas do they give off?",
	}
	if len(nar.Cues) != len(wantCues) {
		t.Fatalf("%d cues, want %d: %+v", len(nar.Cues), len(wantCues), nar.Cues)
	}
	for i, c := range nar.Cues {
		if c.Text != wantCues[i] {
			t.Errorf("cue %d = %q, want %q", i, c.Text, wantCues[i])
		}
	}
	if nar.Voice != googletts.DefaultVoice {
		t.Errorf("Voice = %q", nar.Voice)
	}

	reqs := srv.Requests()
	if len(reqs) != len(wantCues) {
		t.Fatalf("%d requests for %d sentences", len(reqs), len(wantCues))
	}
	var chars int64
	for _, r := range reqs {
		if r.Code != codes.OK || r.SSML || r.Encoding.String() != "LINEAR16" || r.SampleRateHertz != 24000 ||
			r.LanguageCode != "en-US" || r.Voice != googletts.DefaultVoice {
			t.Errorf("request %+v", r)
		}
		chars += int64(utf8.RuneCountInString(r.Text))
	}
	if nar.Usage.TTSCharacters != chars {
		t.Errorf("Usage.TTSCharacters = %d, characters sent = %d", nar.Usage.TTSCharacters, chars)
	}
	if _, err := os.Stat(filepath.Join(dir, ".narration-sentences")); !os.IsNotExist(err) {
		t.Errorf("work folder left behind: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "narration.json narration.wav" {
		t.Errorf("dir holds %v", names)
	}
}

func TestNarrateAgainIsFreeAndIdentical(t *testing.T) {
	n, srv := start(t, googletts.Config{})
	dir := t.TempDir()
	first, err := n.Narrate(t.Context(), threeSegments, dir)
	if err != nil {
		t.Fatal(err)
	}
	before := len(srv.Requests())
	second, err := n.Narrate(t.Context(), threeSegments, dir)
	if err != nil {
		t.Fatal(err)
	}
	if after := len(srv.Requests()); after != before {
		t.Errorf("second Narrate sent %d requests", after-before)
	}
	if second.Duration != first.Duration || len(second.Cues) != len(first.Cues) ||
		second.Usage != first.Usage || second.AudioPath != first.AudioPath {
		t.Errorf("cached narration differs:\n%+v\n%+v", first, second)
	}

	// Another voice is another narration.
	other, srv2 := start(t, googletts.Config{Voice: "en-GB-Neural2-A", SpeakingRate: 1.25})
	if _, err := other.Narrate(t.Context(), threeSegments, dir); err != nil {
		t.Fatal(err)
	}
	reqs := srv2.Requests()
	if len(reqs) == 0 || reqs[0].LanguageCode != "en-GB" || reqs[0].Voice != "en-GB-Neural2-A" || reqs[0].SpeakingRate != 1.25 {
		t.Errorf("other voice: requests %+v", reqs)
	}
}

// longScript has long paragraphs, multi-byte text, a sentence far over the
// request limit with no punctuation at all, and an empty segment.
func longScript() vividly.Script {
	var para strings.Builder
	for i := range 60 {
		switch i % 3 {
		case 0:
			para.WriteString("Photosynthesis turns light into chemical energy, like a fast break turning defence into points. ")
		case 1:
			para.WriteString("Les feuilles captent la lumière — 光合作用 — and plants grow 🌱🌱🌱 stronger every season! ")
		default:
			para.WriteString("Why? ")
		}
	}
	unpunctuated := strings.TrimSpace(strings.Repeat("chloroplasts stack thylakoids like 🏀 players stack up on defence ", 120))
	return vividly.Script{
		Title: "Long",
		Segments: []vividly.Segment{
			{Heading: "One", Narration: para.String()},
			{Heading: "Two", Narration: unpunctuated},
			{Heading: "Empty", Narration: " — "},
			{Heading: "Three", Narration: strings.Repeat("光合作用把光能转化为化学能，", 200) + "光合作用。"},
		},
	}
}

func TestLongScriptStaysUnderRequestLimitAndInOrder(t *testing.T) {
	s := longScript()
	if len(s.Segments[1].Narration) <= googletts.MaxRequestBytes || len(s.Segments[3].Narration) <= googletts.MaxRequestBytes {
		t.Fatal("the test needs segments over the request limit")
	}
	n, srv := start(t, googletts.Config{Concurrency: 3, SampleRateHertz: 8000}) // ~16 min of audio: keep it small
	srv.SetDelay(5 * time.Millisecond)
	nar, err := n.Narrate(t.Context(), s, t.TempDir())
	if err != nil {
		t.Fatalf("Narrate: %v", err)
	}
	checkTimeline(t, s, nar)

	reqs := srv.Requests()
	if len(reqs) != len(nar.Cues) {
		t.Errorf("%d requests, %d cues", len(reqs), len(nar.Cues))
	}
	var chars int64
	for _, r := range reqs {
		if r.Bytes > googletts.MaxRequestBytes || len(r.Text) > googletts.MaxRequestBytes {
			t.Errorf("request of %d bytes", r.Bytes)
		}
		if r.Code != codes.OK {
			t.Errorf("request answered %v", r.Code)
		}
		chars += int64(utf8.RuneCountInString(r.Text))
	}
	if nar.Usage.TTSCharacters != chars {
		t.Errorf("Usage.TTSCharacters = %d, characters sent = %d", nar.Usage.TTSCharacters, chars)
	}
	if got := srv.MaxConcurrent(); got > 3 || got < 2 {
		t.Errorf("%d requests at once, want 2–3", got)
	}

	// Every cue's text, in script order, is what was sent, and the audio
	// under each cue is that sentence's: as long as the fake takes to say
	// it (plus the margins left by trimming), sound inside and silence
	// between cues.
	rate, samples := wavInfo(t, nar.AudioPath)
	var joined []string
	for _, c := range nar.Cues {
		joined = append(joined, c.Text)
	}
	// Compared without spaces: a run of text with none is cut between runes.
	all := strings.Join(strings.Fields(strings.Join(joined, "")), "")
	for _, seg := range s.Segments {
		norm := strings.Join(strings.Fields(seg.Narration), "")
		if seg.Heading == "Empty" {
			continue
		}
		if !strings.Contains(all, norm) {
			t.Errorf("segment %q is not in the cues in order", seg.Heading)
		}
	}
	prevEnd := 0
	for i, c := range nar.Cues {
		want := faketts.SpokenLength(c.Text, false, 0) + 60*time.Millisecond
		if got := c.End - c.Start; got < want-2*time.Millisecond || got > want+2*time.Millisecond {
			t.Errorf("cue %d lasts %v, its sentence takes %v", i, got, want)
		}
		start, end := frameAt(c.Start, rate), frameAt(c.End, rate)
		loud := 0
		for _, v := range samples[start:end] {
			if v > 256 || v < -256 {
				loud++
			}
		}
		if loud < (end-start)/2 {
			t.Errorf("cue %d: only %d of %d samples sound", i, loud, end-start)
		}
		for j, v := range samples[prevEnd:start] {
			if v != 0 {
				t.Errorf("cue %d: sound at frame %d in the pause before it", i, prevEnd+j)
				break
			}
		}
		prevEnd = end
	}
	// The empty segment still lasts a moment.
	if gap := nar.SegmentEnds[2] - nar.SegmentEnds[1]; gap < time.Second {
		t.Errorf("empty segment lasts %v", gap)
	}
}

func TestTransientFailuresAreRetriedWithinNarrate(t *testing.T) {
	n, srv := start(t, googletts.Config{Concurrency: 1, MaxAttempts: 3})
	srv.FailNext(codes.Unavailable, 2)
	nar, err := n.Narrate(t.Context(), threeSegments, t.TempDir())
	if err != nil {
		t.Fatalf("Narrate: %v", err)
	}
	checkTimeline(t, threeSegments, nar)
	if got := len(srv.Requests()); got != len(nar.Cues)+2 {
		t.Errorf("%d requests for %d sentences and 2 failures", got, len(nar.Cues))
	}
}

func TestErrorsAreClassified(t *testing.T) {
	tests := []struct {
		code      codes.Code
		permanent bool
	}{
		{codes.Unavailable, false},
		{codes.ResourceExhausted, false},
		{codes.DeadlineExceeded, false},
		{codes.Internal, false},
		{codes.InvalidArgument, true},
		{codes.PermissionDenied, true},
		{codes.NotFound, true},
		{codes.Unauthenticated, true},
		{codes.FailedPrecondition, true},
	}
	for _, tt := range tests {
		t.Run(tt.code.String(), func(t *testing.T) {
			n, srv := start(t, googletts.Config{Concurrency: 1, MaxAttempts: 2})
			srv.FailNext(tt.code, -1)
			dir := t.TempDir()
			_, err := n.Narrate(t.Context(), threeSegments, dir)
			if err == nil {
				t.Fatal("Narrate succeeded")
			}
			if got := vividly.IsPermanent(err); got != tt.permanent {
				t.Errorf("IsPermanent = %v, want %v (%v)", got, tt.permanent, err)
			}
			if got := status.Code(err); got != tt.code {
				t.Errorf("status.Code = %v, want %v (%v)", got, tt.code, err)
			}
			wantRequests := 1
			if !tt.permanent {
				wantRequests = 2 // MaxAttempts
			}
			if got := len(srv.Requests()); got != wantRequests {
				t.Errorf("%d requests, want %d", got, wantRequests)
			}
			// The fake quotes the text in its message; the error must not.
			for _, w := range []string{"leaf", "Sunlight", "Chlorophyll", "plants"} {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error carries script text %q: %v", w, err)
				}
			}
			if !strings.Contains(err.Error(), "segment 1 sentence 1") {
				t.Errorf("error does not say where: %v", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "narration.wav")); !os.IsNotExist(err) {
				t.Errorf("a failed narration left narration.wav: %v", err)
			}
		})
	}
}

func TestRequestTimeoutIsRetryable(t *testing.T) {
	n, srv := start(t, googletts.Config{Concurrency: 1, MaxAttempts: 2, RequestTimeout: 20 * time.Millisecond})
	srv.SetDelay(time.Second)
	_, err := n.Narrate(t.Context(), threeSegments, t.TempDir())
	if err == nil || vividly.IsPermanent(err) || status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("err = %v (code %v), want a retryable DEADLINE_EXCEEDED", err, status.Code(err))
	}
}

func TestRetryReusesSentencesAlreadySynthesized(t *testing.T) {
	n, srv := start(t, googletts.Config{Concurrency: 1, MaxAttempts: 1})
	srv.FailMatching("Water and carbon", codes.Unavailable)
	dir := t.TempDir()
	failed, err := n.Narrate(t.Context(), threeSegments, dir)
	if err == nil || vividly.IsPermanent(err) {
		t.Fatalf("err = %v, want a retryable error", err)
	}
	done := map[string]bool{}
	var billed int64
	for _, r := range srv.Requests() {
		if r.Code == codes.OK {
			done[r.Text] = true
			billed += int64(utf8.RuneCountInString(r.Text))
		}
	}
	if len(done) == 0 {
		t.Fatal("no sentence was synthesized before the failure")
	}
	// What was synthesized was billed: the failed narration says so, for a
	// caller that falls back to another narrator.
	if failed.Usage.TTSCharacters != billed {
		t.Errorf("failed Narrate: Usage.TTSCharacters = %d, billed %d", failed.Usage.TTSCharacters, billed)
	}
	srv.Reset()
	srv.FailMatching("", codes.OK)
	nar, err := n.Narrate(t.Context(), threeSegments, dir)
	if err != nil {
		t.Fatalf("second Narrate: %v", err)
	}
	checkTimeline(t, threeSegments, nar)
	for _, r := range srv.Requests() {
		if done[r.Text] {
			t.Errorf("sentence %q synthesized again", r.Text)
		}
	}
	if got := len(srv.Requests()) + len(done); got != len(nar.Cues) {
		t.Errorf("%d + %d requests for %d sentences", len(srv.Requests()), len(done), len(nar.Cues))
	}
	var chars int64
	for _, c := range nar.Cues {
		chars += int64(utf8.RuneCountInString(c.Text))
	}
	if nar.Usage.TTSCharacters != chars {
		t.Errorf("Usage.TTSCharacters = %d, want every sentence once: %d", nar.Usage.TTSCharacters, chars)
	}
}

func TestCancelledNarrate(t *testing.T) {
	n, srv := start(t, googletts.Config{})
	srv.SetDelay(time.Second)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	startAt := time.Now()
	_, err := n.Narrate(ctx, threeSegments, t.TempDir())
	if err == nil || time.Since(startAt) > 900*time.Millisecond {
		t.Errorf("err = %v after %v", err, time.Since(startAt))
	}
}

func TestNothingToNarrateIsPermanent(t *testing.T) {
	n, srv := start(t, googletts.Config{})
	_, err := n.Narrate(t.Context(), vividly.Script{Segments: []vividly.Segment{{Narration: " — "}}}, t.TempDir())
	if err == nil || !vividly.IsPermanent(err) {
		t.Errorf("err = %v, want permanent", err)
	}
	if len(srv.Requests()) != 0 {
		t.Error("requests sent for an empty script")
	}
}

func TestWithGRPCConn(t *testing.T) {
	srv, err := faketts.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	conn, err := grpc.NewClient(srv.Addr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	n, err := googletts.New(t.Context(), googletts.Config{ClientOptions: []option.ClientOption{option.WithGRPCConn(conn)}})
	if err != nil {
		t.Fatal(err)
	}
	nar, err := n.Narrate(t.Context(), threeSegments, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkTimeline(t, threeSegments, nar)

	// EmulatorOptions reach the same server.
	n2, err := googletts.New(t.Context(), googletts.Config{ClientOptions: googletts.EmulatorOptions(srv.Addr())})
	if err != nil {
		t.Fatal(err)
	}
	defer n2.Close()
	if _, err := n2.Narrate(t.Context(), threeSegments, t.TempDir()); err != nil {
		t.Fatal(err)
	}
}

func TestNewWithoutCredentials(t *testing.T) {
	// Pointing ADC at a missing file makes credential detection fail without
	// looking for a metadata server on the network.
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", filepath.Join(t.TempDir(), "missing.json"))
	n, err := googletts.New(t.Context(), googletts.Config{})
	if err == nil {
		n.Close()
		t.Fatal("New succeeded without credentials")
	}
	if !strings.Contains(err.Error(), "credentials") || !strings.Contains(err.Error(), "GOOGLE_APPLICATION_CREDENTIALS") {
		t.Errorf("unclear error: %v", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []googletts.Config{
		{SpeakingRate: 5},
		{SpeakingRate: 0.1},
		{Voice: "nolanguage"},
		{SampleRateHertz: 100},
	} {
		cfg.ClientOptions = googletts.EmulatorOptions("127.0.0.1:1")
		if n, err := googletts.New(t.Context(), cfg); err == nil {
			n.Close()
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}

func TestVoiceFollowsTier(t *testing.T) {
	for _, tier := range vividly.VoiceTiers {
		v := googletts.VoiceFor(tier)
		if got, ok := googletts.TierOf(v); !ok || got != tier {
			t.Errorf("VoiceFor(%s) = %q, whose tier is %q (%v)", tier, v, got, ok)
		}
	}
	for voice, want := range map[string]vividly.VoiceTier{
		"en-US-Standard-B": vividly.VoiceTierStandard, "en-GB-Wavenet-A": vividly.VoiceTierWaveNet,
		"en-US-Neural2-F": vividly.VoiceTierNeural2, "en-US-Studio-O": "", "en-US-Chirp3-HD-Aoede": "", "Wavenet": "",
	} {
		if got, ok := googletts.TierOf(voice); got != want || ok != (want != "") {
			t.Errorf("TierOf(%q) = %q, %v; want %q", voice, got, ok, want)
		}
	}
	if tier, _ := googletts.TierOf(googletts.DefaultVoice); tier != vividly.DefaultVoiceTier {
		t.Errorf("the default voice %s is not of the default tier %s", googletts.DefaultVoice, vividly.DefaultVoiceTier)
	}
}
