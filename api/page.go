package api

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
)

//go:embed page
var pageFiles embed.FS

// MaxNameRunes bounds the name of the local sign-in.
const MaxNameRunes = 100

// pageData is what every page template reads.
type pageData struct {
	Title        string
	Student      string
	CSRF         string
	Error        string
	LocalSignIn  bool
	OIDC         bool
	HostedDomain string
	SignInCSRF   string
	Form         NewLesson
	Grades       []gradeOption
	Lessons      []pageLine
	Lesson       Lesson
	// The docs page's.
	Description string
	Operations  []docOperation
}

type gradeOption struct {
	Value    int
	Label    string
	Selected bool
}

type pageLine struct {
	ID, Question, Label string
	Progress            int
}

func (s *Server) registerPage() error {
	s.pages = map[string]*template.Template{}
	for _, name := range []string{"signin", "home", "lesson", "docs"} {
		t, err := template.ParseFS(pageFiles, "page/layout.html", "page/"+name+".html")
		if err != nil {
			return err
		}
		s.pages[name] = t
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.HandlerFunc(s.static)))
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("POST /signin", s.signIn)
	s.mux.HandleFunc("POST /signout", s.signOut)
	s.mux.HandleFunc("POST /ask", s.askForm)
	s.mux.HandleFunc("GET /lessons/{id}", s.lessonPage)
	s.mux.HandleFunc("POST /lessons/{id}/cancel", s.cancelForm)
	return nil
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Path
	if name != "app.js" && name != "app.css" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, pageFiles, "page/"+name)
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, status int, d pageData) {
	if c := callerOf(r.Context()); c != nil && c.session != nil {
		d.Student, d.CSRF = c.student.Name, c.session.CSRF
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := s.pages[name].ExecuteTemplate(w, name+".html", d); err != nil {
		s.log.ErrorContext(r.Context(), "render a page", "page", name, "error", err)
	}
}

// sessionOf is the page's signed-in student, or nil.
func sessionOf(r *http.Request) *caller {
	if c := callerOf(r.Context()); c != nil && c.session != nil {
		return c
	}
	return nil
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	c := sessionOf(r)
	if c == nil {
		s.signInPage(w, r, http.StatusOK, "")
		return
	}
	s.homePage(w, r, http.StatusOK, NewLesson{Grade: 8, Modality: "video"}, "")
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request, status int, form NewLesson, msg string) {
	c := sessionOf(r)
	d := pageData{Title: "Ask", Form: form, Error: msg}
	for g := vividly.MinGrade; g <= vividly.MaxGrade; g++ {
		label := "Grade " + strconv.Itoa(g)
		if g == 0 {
			label = "Kindergarten"
		}
		d.Grades = append(d.Grades, gradeOption{Value: g, Label: label, Selected: g == form.Grade})
	}
	lines, err := s.db.LessonsOf(r.Context(), c.student.ID, nil, 50)
	if err != nil {
		s.log.ErrorContext(r.Context(), "list lessons", "error", err)
	}
	for _, l := range lines {
		d.Lessons = append(d.Lessons, pageLine{ID: l.RequestID, Question: l.Question, Label: StageLabel(l.Status), Progress: l.Progress})
	}
	s.render(w, r, "home", status, d)
}

// signInPage sets the sign-in form's CSRF cookie (double submit: the form
// must send back what the cookie holds) and shows the form.
func (s *Server) signInPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	token := newToken()
	http.SetCookie(w, &http.Cookie{Name: cookieSignIn, Value: token, Path: "/signin", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.opts.SecureCookies, MaxAge: 3600})
	d := pageData{Title: "Sign in", LocalSignIn: s.opts.LocalSignIn, SignInCSRF: token, Error: msg}
	if s.oidc != nil {
		d.OIDC, d.HostedDomain = true, s.oidc.cfg.HostedDomain
	}
	s.render(w, r, "signin", status, d)
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if !s.opts.LocalSignIn {
		http.NotFound(w, r)
		return
	}
	c, err := r.Cookie(cookieSignIn)
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		s.signInPage(w, r, http.StatusForbidden, "The sign-in form had expired; please try again.")
		return
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	if err := ValidName(name); err != nil {
		s.signInPage(w, r, http.StatusUnprocessableEntity, "Type your name (up to 100 characters).")
		return
	}
	st, err := s.db.EnsureStudent(r.Context(), LocalSubject(name), name)
	if err != nil {
		s.log.ErrorContext(r.Context(), "sign in", "error", err)
		s.signInPage(w, r, http.StatusInternalServerError, "Internal error.")
		return
	}
	s.startSession(w, r, st)
}

// ValidName checks a name for the local sign-in.
func ValidName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > MaxNameRunes || vividly.ValidateAnswer(name) != nil {
		return fmt.Errorf("a name is 1 to %d characters of text", MaxNameRunes)
	}
	return nil
}

// LocalSubject is who a name of the local sign-in is: the same name, in any
// case, is the same student.
func LocalSubject(name string) string { return "local:" + strings.ToLower(strings.TrimSpace(name)) }

func (s *Server) startSession(w http.ResponseWriter, r *http.Request, st postgres.Student) {
	sid, _, err := s.db.CreateSession(r.Context(), st.ID, s.opts.SessionTTL)
	if err != nil {
		s.log.ErrorContext(r.Context(), "start a session", "error", err)
		s.signInPage(w, r, http.StatusInternalServerError, "Internal error.")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: cookieSession, Value: sid, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.opts.SecureCookies, MaxAge: int(s.opts.SessionTTL.Seconds())})
	s.log.InfoContext(r.Context(), "signed in", "student_id", st.ID)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if c := sessionOf(r); c != nil {
		if err := s.db.DeleteSession(r.Context(), c.sessionID); err != nil {
			s.log.ErrorContext(r.Context(), "sign out", "error", err)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: cookieSession, Value: "", Path: "/", MaxAge: -1})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// askForm asks for a lesson from the page's form, with the API's rules.
func (s *Server) askForm(w http.ResponseWriter, r *http.Request) {
	if sessionOf(r) == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	grade, err := strconv.Atoi(r.PostFormValue("grade"))
	form := NewLesson{Question: r.PostFormValue("question"), Grade: grade, Interest: r.PostFormValue("interest"), Modality: r.PostFormValue("modality")}
	if err != nil {
		s.homePage(w, r, http.StatusUnprocessableEntity, form, "Choose a grade.")
		return
	}
	out, err := s.createLesson(r.Context(), &createInput{Body: form})
	if err != nil {
		var se huma.StatusError
		msg := "Internal error."
		status := http.StatusInternalServerError
		if errors.As(err, &se) {
			status = se.GetStatus()
			var m *huma.ErrorModel
			if errors.As(err, &m) {
				msg = m.Detail
			}
		}
		var h huma.HeadersError
		if errors.As(err, &h) {
			for k, v := range h.GetHeaders() {
				w.Header()[k] = v
			}
		}
		s.homePage(w, r, status, form, msg)
		return
	}
	http.Redirect(w, r, "/lessons/"+out.Body.ID, http.StatusSeeOther)
}

func (s *Server) lessonPage(w http.ResponseWriter, r *http.Request) {
	if sessionOf(r) == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	id := r.PathValue("id")
	if _, err := s.own(r.Context(), id); err != nil {
		s.render(w, r, "lesson", http.StatusNotFound, pageData{Title: "Not found", Lesson: Lesson{Question: "No lesson of yours has this id.", Terminal: true}})
		return
	}
	l, err := s.lesson(r.Context(), id)
	if err != nil {
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	s.render(w, r, "lesson", http.StatusOK, pageData{Title: "Lesson", Lesson: l})
}

func (s *Server) cancelForm(w http.ResponseWriter, r *http.Request) {
	if sessionOf(r) == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	_, _ = s.cancelLesson(r.Context(), &lessonIDInput{ID: r.PathValue("id")})
	http.Redirect(w, r, "/lessons/"+r.PathValue("id"), http.StatusSeeOther)
}
