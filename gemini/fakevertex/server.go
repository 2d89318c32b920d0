// Package fakevertex is an HTTP server that answers Gemini generateContent
// calls the way Vertex AI does, for tests and demos that must not reach
// Google. It serves
//
//	POST /{v1|v1beta1}/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent
//	POST /{v1|v1beta1}/projects/{project}/locations/{location}/publishers/google/models/{model}:predict
//
// the second for embeddings (instances → predictions[].embeddings.values).
// (google.golang.org/genai with the Vertex AI backend calls v1beta1) and
// answers with real-shaped bodies: candidates[0].content.parts[0].text holding
// the model's text, usageMetadata with token counts, and Google's error body
// ({"error": {"code", "message", "status"}}) for failures.
//
// What each call gets is scripted: behaviours queued with Enqueue are used
// once each, in order; after that the default (Auto unless SetDefault changed
// it) answers. Auto reads the request the way a model would and answers an
// understanding or a lesson script, so a demo pointed at the server runs end
// to end.
package fakevertex

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"time"
)

// Server is a fake Vertex AI endpoint. Its methods are safe for concurrent use.
type Server struct {
	ts *httptest.Server

	mu       sync.Mutex
	queue    []Behaviour
	def      Behaviour
	requests []Request
	embedded int
}

// New starts a server on a free port of 127.0.0.1. Close it when done.
func New() *Server {
	s, err := Listen("127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("fakevertex: %v", err))
	}
	return s
}

// Listen starts a server on addr, e.g. "127.0.0.1:8089".
func Listen(addr string) (*Server, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("fakevertex: listen on %s: %w", addr, err)
	}
	s := &Server{def: Auto()}
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.ts.Listener.Close()
	s.ts.Listener = l
	s.ts.Start()
	return s, nil
}

// ListenAndServe runs a server with the default behaviour on addr until the
// process ends, for a demo in another process to point at (BaseURL
// "http://"+addr). It returns only if the address cannot be used.
func ListenAndServe(addr string) error {
	s, err := Listen(addr)
	if err != nil {
		return err
	}
	defer s.Close()
	select {}
}

// URL is the base URL to give the client, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.ts.URL }

// Client is an HTTP client for the server; it adds no credentials.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Close stops the server, waiting for calls in progress.
func (s *Server) Close() { s.ts.Close() }

// Enqueue adds behaviours that answer the next calls, one call each.
func (s *Server) Enqueue(b ...Behaviour) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, b...)
}

// SetDefault sets what answers calls once the queue is empty.
func (s *Server) SetDefault(b Behaviour) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.def = b
}

// Calls is how many generateContent calls the server has received.
func (s *Server) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// Requests returns the generateContent calls received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// pathRE is the generateContent path of the Vertex AI REST API.
var pathRE = regexp.MustCompile(`^/(v1|v1beta1)/projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+):generateContent$`)

// maxRequestBytes bounds a request body, as the real service does.
const maxRequestBytes = 8 << 20

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	m := pathRE.FindStringSubmatch(r.URL.Path)
	if m == nil && predictRE.MatchString(r.URL.Path) && r.Method == http.MethodPost {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
		if err != nil {
			writeReply(w, errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "Request payload size exceeds the limit."))
			return
		}
		s.embed(w, body)
		return
	}
	if m == nil {
		writeReply(w, errorReply(http.StatusNotFound, "NOT_FOUND", "The requested URL "+r.URL.Path+" was not found on this server."))
		return
	}
	if r.Method != http.MethodPost {
		writeReply(w, errorReply(http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "Method "+r.Method+" is not allowed; use POST."))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	if err != nil {
		writeReply(w, errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "Request payload size exceeds the limit."))
		return
	}
	req := Request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body,
		APIVersion: m[1], Project: m[2], Location: m[3], Model: m[4]}
	if err := json.Unmarshal(body, &req.Generate); err != nil {
		writeReply(w, errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid JSON payload received."))
		return
	}
	if len(req.Generate.Contents) == 0 {
		writeReply(w, errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "Unable to submit request because it has an empty contents field."))
		return
	}

	s.mu.Lock()
	s.requests = append(s.requests, req)
	b := s.def
	if len(s.queue) > 0 {
		b, s.queue = s.queue[0], s.queue[1:]
	}
	s.mu.Unlock()

	rep := b(req)
	if rep.Delay > 0 {
		select {
		case <-time.After(rep.Delay):
		case <-r.Context().Done():
			return // the client gave up, as a slow model's caller would
		}
	}
	writeReply(w, rep)
}

func writeReply(w http.ResponseWriter, rep Reply) {
	status := rep.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(rep.Body)
}
