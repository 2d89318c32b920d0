package api

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	vividly "github.com/vividly-edu/vividly"
)

// The media of a lesson, by the name in their URL.
const (
	mediaVideo      = "video"
	mediaCaptions   = "captions"
	mediaScript     = "script"
	mediaScriptJSON = "script.json"
)

// local reports whether uri names a file in the local store this server serves.
func (s *Server) local(uri string) bool {
	_, ok := s.relative(uri)
	return ok
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
		if rec.Result.Script != "" {
			uri = filepath.Join(filepath.Dir(rec.Result.Script), "script.json")
		}
		contentType = "application/json"
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
