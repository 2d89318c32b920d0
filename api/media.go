package api

import (
	"errors"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// The media of a lesson, by the name in their URL.
const (
	mediaVideo      = "video"
	mediaCaptions   = "captions"
	mediaScript     = "script"
	mediaScriptJSON = "script.json"
)

// served reports whether this server gives the file uri names: from the
// local store, or as a link into Cloud Storage.
func (s *Server) served(uri string) bool {
	_, ok := s.relative(uri)
	return ok || s.linked(uri)
}

// linked reports whether uri is in Cloud Storage and a Linker signs links to it.
func (s *Server) linked(uri string) bool {
	return s.opts.Linker != nil && strings.HasPrefix(uri, "gs://")
}

// relative is uri's path inside the lessons folder.
func (s *Server) relative(uri string) (string, bool) {
	if s.opts.LessonsDir == "" || uri == "" || !filepath.IsAbs(uri) {
		return "", false
	}
	root, err := filepath.Abs(s.opts.LessonsDir)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(root, uri)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	return rel, true
}

// media serves a finished lesson's video, captions or script from the local
// store, with range requests, so a player can seek. Someone else's lesson
// is 404, as everywhere.
func (s *Server) media(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c := callerOf(ctx)
	if c == nil {
		writeProblem(w, http.StatusUnauthorized, "Sign in, or send `Authorization: Bearer <token>`.")
		return
	}
	id := r.PathValue("id")
	owns, err := s.db.OwnsLesson(ctx, c.student.ID, id)
	if err != nil {
		s.log.ErrorContext(ctx, "check a lesson's owner", "error", err)
		writeProblem(w, http.StatusInternalServerError, "Internal error.")
		return
	}
	if !owns {
		writeProblem(w, http.StatusNotFound, "No lesson of yours has this id.")
		return
	}
	rec, err := s.db.GetRequest(ctx, id)
	if errors.Is(err, vividly.ErrNotFound) || err == nil && rec.Result == nil {
		writeProblem(w, http.StatusNotFound, "The lesson has no media yet.")
		return
	}
	if err != nil {
		s.log.ErrorContext(ctx, "read a lesson", "request_id", id, "error", err)
		writeProblem(w, http.StatusInternalServerError, "Internal error.")
		return
	}
	var uri, contentType string
	switch r.PathValue("name") {
	case mediaVideo:
		uri, contentType = rec.Result.Video, "video/mp4"
	case mediaCaptions:
		uri, contentType = rec.Result.Captions, "text/vtt; charset=utf-8"
	case mediaScript:
		uri, contentType = rec.Result.Script, "text/markdown; charset=utf-8"
	case mediaScriptJSON:
		// Stored beside the Markdown by the upload stage.
		if sc := rec.Result.Script; sc != "" {
			uri = sc[:len(sc)-len(path.Base(sc))] + "script.json"
		}
		contentType = "application/json"
	}
	if s.linked(uri) {
		// The upload stage keeps a lesson's files under content/<id>/.
		link, err := s.opts.Linker.URL(ctx, "content/"+rec.ID+"/"+path.Base(uri))
		if err != nil {
			s.log.ErrorContext(ctx, "link to a lesson's file", "request_id", id, "error", err)
			writeProblem(w, http.StatusBadGateway, "The lesson's file cannot be reached just now.")
			return
		}
		if r.PathValue("name") == mediaVideo {
			// The player fetches the video, with its ranges, from the store.
			w.Header().Set("Cache-Control", "no-store")
			http.Redirect(w, r, link, http.StatusFound)
			return
		}
		// Captions and script are small and read by the page's script and
		// its <track>, which another origin would need CORS for: they are
		// passed through.
		s.passThrough(w, r, link, contentType)
		return
	}
	rel, ok := s.relative(uri)
	if !ok {
		writeProblem(w, http.StatusNotFound, "This lesson has no such file on this server.")
		return
	}
	root, err := os.OpenRoot(s.opts.LessonsDir)
	if err != nil {
		s.log.ErrorContext(ctx, "open the lessons folder", "error", err)
		writeProblem(w, http.StatusInternalServerError, "Internal error.")
		return
	}
	defer root.Close()
	f, err := root.Open(rel)
	if err != nil {
		writeProblem(w, http.StatusNotFound, "The lesson's file is gone.")
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		writeProblem(w, http.StatusNotFound, "The lesson's file is gone.")
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	http.ServeContent(w, r, filepath.Base(rel), info.ModTime(), f)
}

// maxPassedThrough bounds a captions or script file read from the store.
const maxPassedThrough = 4 << 20

var storeClient = &http.Client{Timeout: 30 * time.Second}

// passThrough serves the file at link (the store's signed URL).
func (s *Server) passThrough(w http.ResponseWriter, r *http.Request, link, contentType string) {
	ctx := r.Context()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		writeProblem(w, http.StatusBadGateway, "The lesson's file cannot be reached just now.")
		return
	}
	resp, err := storeClient.Do(req)
	if err != nil {
		s.log.ErrorContext(ctx, "read a lesson's file from the store", "error", err)
		writeProblem(w, http.StatusBadGateway, "The lesson's file cannot be reached just now.")
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s.log.ErrorContext(ctx, "read a lesson's file from the store", "status", resp.StatusCode)
		writeProblem(w, http.StatusBadGateway, "The lesson's file cannot be reached just now.")
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = io.Copy(w, io.LimitReader(resp.Body, maxPassedThrough))
}
