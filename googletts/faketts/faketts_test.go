package faketts_test

import (
	"encoding/binary"
	"strings"
	"testing"
	"time"

	texttospeech "cloud.google.com/go/texttospeech/apiv1"
	"cloud.google.com/go/texttospeech/apiv1/texttospeechpb"
	"github.com/googleapis/gax-go/v2"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vividly-edu/vividly/googletts/faketts"
)

func client(t *testing.T) (*texttospeech.Client, *faketts.Server) {
	t.Helper()
	srv, err := faketts.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.Addr(), "127.0.0.1:") {
		t.Errorf("Addr = %s, want loopback", srv.Addr())
	}
	c, err := texttospeech.NewClient(t.Context(), srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, srv
}

func request(text string, rate int32) *texttospeechpb.SynthesizeSpeechRequest {
	return &texttospeechpb.SynthesizeSpeechRequest{
		Input:       &texttospeechpb.SynthesisInput{InputSource: &texttospeechpb.SynthesisInput_Text{Text: text}},
		Voice:       &texttospeechpb.VoiceSelectionParams{LanguageCode: "en-US", Name: "en-US-Neural2-F"},
		AudioConfig: &texttospeechpb.AudioConfig{AudioEncoding: texttospeechpb.AudioEncoding_LINEAR16, SampleRateHertz: rate},
	}
}

func TestAnswersWAVProportionalToText(t *testing.T) {
	c, srv := client(t)
	for _, tt := range []struct {
		text string
		rate int32
	}{{strings.Repeat("a", 30), 0}, {strings.Repeat("b", 150), 16000}} {
		resp, err := c.SynthesizeSpeech(t.Context(), request(tt.text, tt.rate))
		if err != nil {
			t.Fatal(err)
		}
		b := resp.AudioContent
		if string(b[0:4]) != "RIFF" || string(b[8:16]) != "WAVEfmt " || string(b[36:40]) != "data" {
			t.Fatalf("not a WAV file: % x", b[:44])
		}
		rate := int(binary.LittleEndian.Uint32(b[24:28]))
		want := int(tt.rate)
		if want == 0 {
			want = faketts.DefaultSampleRate
		}
		if rate != want || binary.LittleEndian.Uint16(b[34:36]) != 16 || binary.LittleEndian.Uint16(b[22:24]) != 1 {
			t.Errorf("format: %d Hz, want %d, 16-bit mono", rate, want)
		}
		frames := int(binary.LittleEndian.Uint32(b[40:44])) / 2
		got := time.Duration(frames) * time.Second / time.Duration(rate)
		speech := time.Duration(len(tt.text)) * time.Second / faketts.CharsPerSecond
		if got != speech+200*time.Millisecond {
			t.Errorf("%d characters gave %v of audio, want %v plus 200 ms of padding", len(tt.text), got, speech)
		}
	}
	if got := len(srv.Requests()); got != 2 {
		t.Errorf("%d requests recorded", got)
	}
}

func TestRefusesWhatTheServiceRefuses(t *testing.T) {
	c, srv := client(t)
	over := request(strings.Repeat("é", 2501), 0) // 5,002 bytes
	noEncoding := request("hi", 0)
	noEncoding.AudioConfig.AudioEncoding = texttospeechpb.AudioEncoding_AUDIO_ENCODING_UNSPECIFIED
	badVoice := request("hi", 0)
	badVoice.Voice.Name = "fr-FR-Neural2-A"
	for _, req := range []*texttospeechpb.SynthesizeSpeechRequest{over, noEncoding, badVoice, request("", 0)} {
		if _, err := c.SynthesizeSpeech(t.Context(), req); status.Code(err) != codes.InvalidArgument {
			t.Errorf("err = %v, want INVALID_ARGUMENT", err)
		}
	}
	if r := srv.Requests()[0]; r.Bytes != 5002 || r.Code != codes.InvalidArgument {
		t.Errorf("recorded %d bytes, %v", r.Bytes, r.Code)
	}
}

func TestScriptedFailures(t *testing.T) {
	c, srv := client(t)
	srv.FailNext(codes.Unavailable, 2)
	for i, want := range []codes.Code{codes.Unavailable, codes.Unavailable, codes.OK} {
		// The client retries UNAVAILABLE by itself unless told not to.
		_, err := c.SynthesizeSpeech(t.Context(), request("hello", 0), noRetry...)
		if status.Code(err) != want {
			t.Errorf("call %d: %v, want %v", i, err, want)
		}
	}
	srv.FailNext(codes.PermissionDenied, -1)
	for range 3 {
		if _, err := c.SynthesizeSpeech(t.Context(), request("hello", 0)); status.Code(err) != codes.PermissionDenied {
			t.Errorf("err = %v, want PERMISSION_DENIED", err)
		}
	}
	srv.FailNext(codes.OK, 0)
	srv.FailMatching("boom", codes.NotFound)
	if _, err := c.SynthesizeSpeech(t.Context(), request("it goes boom", 0)); status.Code(err) != codes.NotFound {
		t.Errorf("err = %v, want NOT_FOUND", err)
	}
	if _, err := c.SynthesizeSpeech(t.Context(), request("quiet", 0)); err != nil {
		t.Errorf("err = %v", err)
	}
	srv.Reset()
	if len(srv.Requests()) != 0 {
		t.Error("Reset kept requests")
	}
}

func TestListen(t *testing.T) {
	srv, err := faketts.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	if _, err := faketts.Listen("127.0.0.1:not-a-port"); err == nil {
		t.Error("Listen on a bad address succeeded")
	}
}

var noRetry = []gax.CallOption{gax.WithRetry(nil)}
