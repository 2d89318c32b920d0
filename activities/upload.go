package activities

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/activity"
)

// UploadInput is what to store: always the script, and the video when there is one.
type UploadInput struct {
	RequestID string         `json:"request_id"`
	Script    vividly.Script `json:"script"`
	Video     *vividly.Video `json:"video,omitempty"`
	// Keep, when set, keeps the stored lesson for reuse under Keep.Key
	// (see ReuseLesson); Upload fills in the files, title and sources.
	Keep *vividly.CachedLesson `json:"keep,omitempty"`
}

// UploadResult says where each stored file is.
type UploadResult struct {
	Script   string `json:"script"`
	Video    string `json:"video,omitempty"`
	Captions string `json:"captions,omitempty"`
	VideoURL string `json:"video_url,omitempty"`
	FellBack bool   `json:"fell_back,omitempty"`
}

// Upload stores the lesson's files under deterministic names, so a retried upload
// replaces rather than duplicates, then removes the lesson's work files.
func (a *Activities) Upload(ctx context.Context, in UploadInput) (UploadResult, error) {
	dir, err := a.workDir(in.RequestID)
	if err != nil {
		return UploadResult{}, err
	}
	defer heartbeating(ctx, nil)() // a video upload can take minutes
	js, err := json.MarshalIndent(in.Script, "", "  ")
	if err != nil {
		return UploadResult{}, fmt.Errorf("upload: encode script: %w", err)
	}

	// A file is a work file to copy (the video), or content in hand (the
	// script), given as it is to a store that takes content and written
	// to a work file for one that does not.
	type file struct {
		name, path, contentType string
		content                 []byte
		uri                     func(*UploadResult) *string
	}
	files := []file{
		{"script.md", filepath.Join(dir, "script.md"), "text/markdown; charset=utf-8", []byte(in.Script.Markdown()),
			func(r *UploadResult) *string { return &r.Script }},
		{"script.json", filepath.Join(dir, "script.json"), "application/json", js, nil},
	}
	if in.Video != nil {
		for _, p := range []string{in.Video.VideoPath, in.Video.CaptionsPath} {
			if _, err := os.Stat(p); err != nil {
				return UploadResult{}, workFilesLost("upload: the rendered video", err)
			}
		}
		files = append(files,
			file{"lesson.mp4", in.Video.VideoPath, "video/mp4", nil, func(r *UploadResult) *string { return &r.Video }},
			file{"lesson.vtt", in.Video.CaptionsPath, "text/vtt; charset=utf-8", nil, func(r *UploadResult) *string { return &r.Captions }})
	}
	written := map[string]bool{}
	put := func(store vividly.ObjectStore, f file) (string, error) {
		if f.content == nil {
			return store.Put(ctx, objectKey(in.RequestID, f.name), f.path, f.contentType)
		}
		if cp, ok := store.(vividly.ContentPutter); ok {
			return cp.PutContent(ctx, objectKey(in.RequestID, f.name), f.content, f.contentType)
		}
		if !written[f.path] {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return "", err
			}
			if err := os.WriteFile(f.path, f.content, 0o640); err != nil {
				return "", err
			}
			written[f.path] = true
		}
		return store.Put(ctx, objectKey(in.RequestID, f.name), f.path, f.contentType)
	}
	putAll := func(store vividly.ObjectStore) func() (UploadResult, error) {
		return func() (UploadResult, error) {
			var out UploadResult
			for _, f := range files {
				uri, err := put(store, f)
				if err != nil {
					return UploadResult{}, fmt.Errorf("upload %s: %w", f.name, err)
				}
				if f.uri != nil {
					*f.uri(&out) = uri
				}
			}
			return out, nil
		}
	}
	var fallback func() (UploadResult, error)
	if a.Fallback.Objects != nil {
		fallback = putAll(a.Fallback.Objects)
	}
	out, _, fellBack, err := withFallback(ctx, a, string(vividly.StatusUploading), putAll(a.Objects), fallback, nil)
	if err != nil {
		return UploadResult{}, stageError("upload", err)
	}
	out.FellBack = fellBack
	if l, ok := a.Objects.(vividly.Linker); ok && out.Video != "" && !fellBack {
		// A link is a convenience: the lesson is stored either way.
		if url, err := l.URL(ctx, objectKey(in.RequestID, "lesson.mp4")); err == nil {
			out.VideoURL = url
		} else {
			activity.GetLogger(ctx).Warn("no link for the stored video", "error", err.Error())
		}
	}
	if !fellBack {
		names := make([]string, len(files))
		for i, f := range files {
			names[i] = f.name
		}
		a.keepLesson(ctx, in, names)
	}
	// Everything is stored: the work files (narration, slides, the video
	// before upload: megabytes a lesson) go, on the worker that made them.
	if err := os.RemoveAll(dir); err != nil {
		activity.GetLogger(ctx).Warn("work files not removed", "error", err.Error())
	}
	return out, nil
}
