package activities

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/telemetry"
	"go.temporal.io/sdk/activity"
)

// DefaultCacheTTL is how long a lesson may be given again after it was made.
const DefaultCacheTTL = 30 * 24 * time.Hour

// LessonKey names a lesson's content: what decides what the writer, the
// narrator and the renderer make. Two requests with one key get the same
// lesson.
//
//   - the understood topic, and the question and answers as words (case,
//     punctuation and spacing aside): the writer answers what was asked, and
//     may use its words, so another question on the same topic is another
//     lesson, and no student is given a lesson that quotes someone else;
//   - the grade: the band sets reading level and depth, and the script's
//     heading and every slide name the grade itself;
//   - the interest as words, the modality and the target length;
//   - version: the providers and the library the worker makes lessons with,
//     so a new writer, voice, renderer or corpus makes new lessons.
func LessonKey(in vividly.ScriptInput, modality vividly.Modality, version string) string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	field("lesson-key/1")
	field(in.Understanding.TopicID)
	field(words(in.Question))
	for _, a := range in.Answers {
		field(words(a))
	}
	field("|")
	field(strconv.Itoa(in.Grade))
	field(words(in.Interest))
	field(string(modality))
	field(strconv.FormatInt(int64(in.TargetDuration/time.Second), 10))
	field(version)
	return hex.EncodeToString(h.Sum(nil))
}

// words is s lower-cased, its letters and digits kept in order and
// everything else one space.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}), " ")
}

// ReuseLessonInput is what a lesson is known by before it is written.
type ReuseLessonInput struct {
	RequestID string              `json:"request_id"`
	Modality  vividly.Modality    `json:"modality"`
	Script    vividly.ScriptInput `json:"script"`
}

// ReuseLessonResult is a lesson given again (Lesson set, its copy stored
// under the new request), or the key a lesson made now is to be kept under
// (Key alone). Neither, when this worker keeps no lessons.
type ReuseLessonResult struct {
	Key    string                `json:"key,omitempty"`
	Lesson *vividly.CachedLesson `json:"lesson,omitempty"`
	Stored UploadResult          `json:"stored,omitzero"`
}

// ReuseLesson looks for a lesson made before with the same key and, when
// there is one, stores a copy of its files under the new request. The cache
// is an optimisation: when it cannot be read the lesson is made as usual.
func (a *Activities) ReuseLesson(ctx context.Context, in ReuseLessonInput) (ReuseLessonResult, error) {
	copier, ok := a.Objects.(vividly.Copier)
	if a.Cache == nil || !ok {
		return ReuseLessonResult{}, nil
	}
	log := activity.GetLogger(ctx)
	version := a.ContentVersion
	if a.CorpusVersion != nil {
		corpus, err := a.CorpusVersion(ctx)
		if err != nil {
			log.Warn("library version not read; making the lesson, not keeping it", "error", err.Error())
			return ReuseLessonResult{}, nil
		}
		version += "|corpus=" + corpus
	}
	key := LessonKey(in.Script, in.Modality, version)
	res := ReuseLessonResult{Key: key}
	ttl := a.CacheTTL
	if ttl <= 0 {
		ttl = DefaultCacheTTL
	}
	l, found, err := a.Cache.FindLesson(ctx, key, time.Now().Add(-ttl))
	if err != nil {
		log.Warn("lesson cache not read; making the lesson", "error", err.Error())
		return res, nil
	}
	if !found || l.Modality != in.Modality {
		telemetry.RecordCacheLookup(activity.GetMetricsHandler(ctx), false, 0)
		return res, nil
	}
	if _, err := a.workDir(in.RequestID); err != nil { // the id becomes a key: check it
		return ReuseLessonResult{}, err
	}
	for _, name := range l.Files {
		uri, err := copier.Copy(ctx, objectKey(l.RequestID, name), objectKey(in.RequestID, name))
		if errors.Is(err, vividly.ErrNotFound) {
			// The lesson it came from was deleted: keep it no longer.
			log.Info("kept lesson's files are gone; making the lesson", "from_request", l.RequestID)
			if err := a.Cache.DropLesson(ctx, key); err != nil {
				log.Warn("lesson cache entry not dropped", "error", err.Error())
			}
			telemetry.RecordCacheLookup(activity.GetMetricsHandler(ctx), false, 0)
			return res, nil
		}
		if err != nil {
			return ReuseLessonResult{}, stageError("reuse lesson", err)
		}
		switch name {
		case "script.md":
			res.Stored.Script = uri
		case "lesson.mp4":
			res.Stored.Video = uri
		case "lesson.vtt":
			res.Stored.Captions = uri
		}
	}
	if lk, ok := a.Objects.(vividly.Linker); ok && res.Stored.Video != "" {
		if url, err := lk.URL(ctx, objectKey(in.RequestID, "lesson.mp4")); err == nil {
			res.Stored.VideoURL = url
		}
	}
	res.Lesson = &l
	telemetry.RecordCacheLookup(activity.GetMetricsHandler(ctx), true, l.CostUSD)
	return res, nil
}

// keepLesson keeps a lesson just stored for reuse. Failing to is logged:
// the lesson itself is stored.
func (a *Activities) keepLesson(ctx context.Context, in UploadInput, files []string) {
	if a.Cache == nil || in.Keep == nil || in.Keep.Key == "" {
		return
	}
	l := *in.Keep
	l.RequestID, l.Files = in.RequestID, files
	l.Title, l.Sources = in.Script.Title, in.Script.Credits
	l.Modality = vividly.ModalityText
	if in.Video != nil {
		l.Modality = vividly.ModalityVideo
		l.DurationS = in.Video.Duration.Seconds()
	}
	l.CreatedAt = time.Now()
	if err := a.Cache.KeepLesson(ctx, l); err != nil {
		activity.GetLogger(ctx).Warn("lesson not kept for reuse", "error", fmt.Sprint(err))
	}
}
