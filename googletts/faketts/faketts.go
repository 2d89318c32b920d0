// Package faketts is an in-process Cloud Text-to-Speech server for tests and
// local runs. It speaks the real gRPC protocol (google.cloud.texttospeech.v1)
// and answers SynthesizeSpeech the way the service does for LINEAR16: a whole
// WAV file (RIFF header, 16-bit mono PCM) whose length grows with the text, a
// tone about 15 characters a second with a little silence either side. It
// checks requests as the service does (text present, at most 5,000 bytes,
// encoding chosen), records every request, and can be told to fail.
//
//	srv, _ := faketts.Start()
//	defer srv.Close()
//	n, _ := googletts.New(ctx, googletts.Config{ClientOptions: srv.ClientOptions()})
package faketts

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"net"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"cloud.google.com/go/texttospeech/apiv1/texttospeechpb"
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// Shape of the audio the fake makes.
const (
	// CharsPerSecond is how fast the fake "speaks" at speaking rate 1.
	CharsPerSecond = 15
	// DefaultSampleRate is used when a request names none, as for the
	// service's Neural2 voices.
	DefaultSampleRate = 24000
	// MaxInputBytes is the service's limit on text or SSML per request.
	MaxInputBytes = 5000

	leadSilence  = 80 * time.Millisecond
	trailSilence = 120 * time.Millisecond
	minSpeech    = 200 * time.Millisecond
)

// Request is one SynthesizeSpeech call the server received.
type Request struct {
	// Text is the input text, or the SSML when the request sent SSML.
	Text string
	SSML bool
	// Bytes is len(Text): what the 5,000-byte limit counts.
	Bytes           int
	LanguageCode    string
	Voice           string
	Encoding        texttospeechpb.AudioEncoding
	SampleRateHertz int32
	SpeakingRate    float64
	// Code is how the server answered: codes.OK with audio, or the error.
	Code codes.Code
	// Proto is the request as received.
	Proto *texttospeechpb.SynthesizeSpeechRequest
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	texttospeechpb.UnimplementedTextToSpeechServer

	lis  net.Listener
	grpc *grpc.Server
	done chan struct{}

	mu        sync.Mutex
	requests  []Request
	failCode  codes.Code
	failLeft  int // < 0: always
	failText  string
	failTextC codes.Code
	delay     time.Duration
	active    int
	maxActive int
}

// Start runs a server on a free port of 127.0.0.1.
func Start() (*Server, error) { return Listen("127.0.0.1:0") }

// Listen runs a server on addr, such as "127.0.0.1:8091", for use from other
// processes (see the faketts command).
func Listen(addr string) (*Server, error) {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("faketts: %w", err)
	}
	s := &Server{lis: lis, grpc: grpc.NewServer(), done: make(chan struct{})}
	texttospeechpb.RegisterTextToSpeechServer(s.grpc, s)
	go func() {
		defer close(s.done)
		s.grpc.Serve(lis)
	}()
	return s, nil
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.lis.Addr().String() }

// ClientOptions connect a Text-to-Speech client to the server: its endpoint,
// plain-text gRPC and no credentials.
func (s *Server) ClientOptions() []option.ClientOption {
	return []option.ClientOption{
		option.WithEndpoint(s.Addr()),
		option.WithoutAuthentication(),
		option.WithGRPCDialOption(grpc.WithTransportCredentials(insecure.NewCredentials())),
	}
}

// Close stops the server, ending calls in progress.
func (s *Server) Close() {
	s.grpc.Stop()
	<-s.done
}

// Requests returns the SynthesizeSpeech calls received so far, in the order
// they arrived, failed ones included.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Reset forgets the recorded requests and any scripted failure or delay.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.failLeft, s.failText, s.delay, s.maxActive = nil, 0, "", 0, 0
}

// FailNext makes the next n SynthesizeSpeech calls fail with code; n < 0
// makes every call fail until FailNext is called again; n == 0 stops failing.
func (s *Server) FailNext(code codes.Code, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failCode, s.failLeft = code, n
}

// FailMatching makes every SynthesizeSpeech call whose text contains substr
// fail with code, until it is called again; an empty substr stops it.
func (s *Server) FailMatching(substr string, code codes.Code) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failText, s.failTextC = substr, code
}

// SetDelay makes every SynthesizeSpeech call take at least d.
func (s *Server) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// MaxConcurrent is the most SynthesizeSpeech calls that were in progress at
// once since the start or the last Reset.
func (s *Server) MaxConcurrent() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxActive
}

// ListVoices lists a few voices, as the service does for the language asked.
func (s *Server) ListVoices(_ context.Context, req *texttospeechpb.ListVoicesRequest) (*texttospeechpb.ListVoicesResponse, error) {
	all := []*texttospeechpb.Voice{
		{LanguageCodes: []string{"en-US"}, Name: "en-US-Standard-F", SsmlGender: texttospeechpb.SsmlVoiceGender_FEMALE, NaturalSampleRateHertz: DefaultSampleRate},
		{LanguageCodes: []string{"en-US"}, Name: "en-US-Wavenet-F", SsmlGender: texttospeechpb.SsmlVoiceGender_FEMALE, NaturalSampleRateHertz: DefaultSampleRate},
		{LanguageCodes: []string{"en-US"}, Name: "en-US-Neural2-F", SsmlGender: texttospeechpb.SsmlVoiceGender_FEMALE, NaturalSampleRateHertz: DefaultSampleRate},
		{LanguageCodes: []string{"en-US"}, Name: "en-US-Neural2-D", SsmlGender: texttospeechpb.SsmlVoiceGender_MALE, NaturalSampleRateHertz: DefaultSampleRate},
		{LanguageCodes: []string{"en-GB"}, Name: "en-GB-Neural2-A", SsmlGender: texttospeechpb.SsmlVoiceGender_FEMALE, NaturalSampleRateHertz: DefaultSampleRate},
	}
	resp := &texttospeechpb.ListVoicesResponse{}
	for _, v := range all {
		if req.GetLanguageCode() == "" || v.LanguageCodes[0] == req.GetLanguageCode() {
			resp.Voices = append(resp.Voices, v)
		}
	}
	return resp, nil
}

// SynthesizeSpeech answers with WAV audio as long as the text takes to say,
// or with the scripted failure, or with INVALID_ARGUMENT for a request the
// service would refuse.
func (s *Server) SynthesizeSpeech(ctx context.Context, req *texttospeechpb.SynthesizeSpeechRequest) (*texttospeechpb.SynthesizeSpeechResponse, error) {
	r := Request{
		Text:            req.GetInput().GetText(),
		LanguageCode:    req.GetVoice().GetLanguageCode(),
		Voice:           req.GetVoice().GetName(),
		Encoding:        req.GetAudioConfig().GetAudioEncoding(),
		SampleRateHertz: req.GetAudioConfig().GetSampleRateHertz(),
		SpeakingRate:    req.GetAudioConfig().GetSpeakingRate(),
		Proto:           proto.Clone(req).(*texttospeechpb.SynthesizeSpeechRequest),
	}
	if ssml := req.GetInput().GetSsml(); ssml != "" {
		r.Text, r.SSML = ssml, true
	}
	r.Bytes = len(r.Text)

	s.mu.Lock()
	fail := codes.OK
	if s.failText != "" && strings.Contains(r.Text, s.failText) {
		fail = s.failTextC
	} else if s.failLeft != 0 {
		fail = s.failCode
		if s.failLeft > 0 {
			s.failLeft--
		}
	}
	delay := s.delay
	s.active++
	s.maxActive = max(s.maxActive, s.active)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.active--
		s.mu.Unlock()
	}()

	resp, err := s.answer(ctx, r, fail, delay)
	r.Code = status.Code(err)
	s.mu.Lock()
	s.requests = append(s.requests, r)
	s.mu.Unlock()
	return resp, err
}

func (s *Server) answer(ctx context.Context, r Request, fail codes.Code, delay time.Duration) (*texttospeechpb.SynthesizeSpeechResponse, error) {
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-ctx.Done():
			return nil, status.FromContextError(ctx.Err()).Err()
		}
	}
	if fail != codes.OK {
		// The message repeats the text, as some real messages quote the
		// input, so tests can check that clients keep it out of errors.
		return nil, status.Errorf(fail, "faketts: scripted %s for %q", fail, r.Text)
	}
	switch {
	case r.Text == "":
		return nil, status.Error(codes.InvalidArgument, "Either `input.text` or `input.ssml` must be set.")
	case r.Bytes > MaxInputBytes:
		return nil, status.Errorf(codes.InvalidArgument,
			"Either `input.text` or `input.ssml` is longer than the limit of %d bytes. This limit is different from quotas.", MaxInputBytes)
	case r.LanguageCode == "":
		return nil, status.Error(codes.InvalidArgument, "Voice language code must be set.")
	case r.Voice != "" && !hasPrefixFold(r.Voice, r.LanguageCode):
		return nil, status.Errorf(codes.InvalidArgument, "Voice '%s' does not exist. Is it misspelled?", r.Voice)
	case r.SpeakingRate != 0 && (r.SpeakingRate < 0.25 || r.SpeakingRate > 4):
		return nil, status.Error(codes.InvalidArgument, "speaking_rate must be between 0.25 and 4.0.")
	}
	switch r.Encoding {
	case texttospeechpb.AudioEncoding_LINEAR16:
	case texttospeechpb.AudioEncoding_AUDIO_ENCODING_UNSPECIFIED:
		return nil, status.Error(codes.InvalidArgument, "Audio encoding must be set.")
	default:
		return nil, status.Errorf(codes.Unimplemented, "faketts makes LINEAR16 audio only, not %s", r.Encoding)
	}
	rate := int(r.SampleRateHertz)
	if rate == 0 {
		rate = DefaultSampleRate
	}
	return &texttospeechpb.SynthesizeSpeechResponse{
		AudioContent: WAV(SpokenLength(r.Text, r.SSML, r.SpeakingRate), rate),
	}, nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && bytes.EqualFold([]byte(s[:len(prefix)]), []byte(prefix))
}

var tag = regexp.MustCompile(`<[^>]*>`)

// SpokenLength is how long the fake takes to say text: CharsPerSecond
// characters a second at speaking rate 1 (SSML tags are not said), at least
// 200 ms.
func SpokenLength(text string, ssml bool, speakingRate float64) time.Duration {
	if ssml {
		text = tag.ReplaceAllString(text, "")
	}
	if speakingRate <= 0 {
		speakingRate = 1
	}
	d := time.Duration(float64(utf8.RuneCountInString(text)) / CharsPerSecond / speakingRate * float64(time.Second))
	return max(d, minSpeech)
}

// WAV is what the fake answers for speech lasting d: a 16-bit mono RIFF/WAVE
// file at rate Hz holding 80 ms of silence, a 440 Hz tone for d, and 120 ms of
// silence.
func WAV(d time.Duration, rate int) []byte {
	frames := func(d time.Duration) int { return int(int64(d) * int64(rate) / int64(time.Second)) }
	lead, tone, trail := frames(leadSilence), frames(d), frames(trailSilence)
	n := lead + tone + trail
	var b bytes.Buffer
	b.Grow(44 + 2*n)
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(2 * rate), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(2*n))
	pcm := make([]byte, 2*n)
	for i := range tone {
		v := int16(8000 * math.Sin(2*math.Pi*440*float64(i)/float64(rate)))
		binary.LittleEndian.PutUint16(pcm[2*(lead+i):], uint16(v))
	}
	b.Write(pcm)
	return b.Bytes()
}
