package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
)

// Event is one status change of a lesson, as a server-sent event whose id
// is the change's sequence number in the lesson's history.
type Event struct {
	Seq        int            `json:"seq"`
	Status     vividly.Status `json:"status"`
	Stage      vividly.Status `json:"stage"`
	StageLabel string         `json:"stage_label"`
	Progress   int            `json:"progress"`
	Terminal   bool           `json:"terminal"`
	At         time.Time      `json:"at"`
}

type eventsInput struct {
	ID          string `path:"id" format:"uuid"`
	LastEventID int    `header:"Last-Event-ID" minimum:"0" doc:"Resume after this event: only later changes are sent."`
}

func (s *Server) registerEvents() {
	op := huma.Operation{
		OperationID: "lesson-events", Method: http.MethodGet, Path: "/v1/lessons/{id}/events",
		Summary: "Follow a lesson: its status changes as server-sent events", Tags: []string{"lessons"},
		Description: "Sends every status change (event `status`, id = the change's sequence number) until a terminal one, " +
			"then ends. Reconnecting with `Last-Event-ID` sends only what came after.",
		Errors:    []int{http.StatusUnauthorized, http.StatusNotFound},
		Responses: map[string]*huma.Response{"200": {Description: "A stream of `status` events.", Content: map[string]*huma.MediaType{"text/event-stream": {Schema: &huma.Schema{Type: huma.TypeString}}}}},
	}
	huma.Register(s.api, op, func(ctx context.Context, in *eventsInput) (*huma.StreamResponse, error) {
		if _, err := s.own(ctx, in.ID); err != nil {
			return nil, err
		}
		return &huma.StreamResponse{Body: func(hc huma.Context) {
			hc.SetHeader("Content-Type", "text/event-stream")
			hc.SetHeader("Cache-Control", "no-store")
			hc.SetStatus(http.StatusOK)
			_, w := humago.Unwrap(hc)
			s.stream(hc.Context(), w, in.ID, in.LastEventID)
		}}, nil
	})
}

// stream writes the lesson's changes after seq last until a terminal one.
func (s *Server) stream(ctx context.Context, w http.ResponseWriter, id string, last int) {
	rc := http.NewResponseController(w)
	updates, stop := s.hub.subscribe(id)
	defer stop()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	_, _ = fmt.Fprint(w, "retry: 2000\n\n")
	_ = rc.Flush()
	for {
		select {
		case <-ctx.Done():
			return
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": still here\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case history, ok := <-updates:
			if !ok {
				return
			}
			for _, h := range history {
				if h.Seq <= last {
					continue
				}
				last = h.Seq
				ev := Event{Seq: h.Seq, Status: h.Status, Stage: h.Stage, StageLabel: StageLabel(h.Status), Progress: h.Status.Progress(),
					Terminal: h.Status.Terminal(), At: h.At}
				b, _ := jsonMarshal(ev)
				if _, err := fmt.Fprintf(w, "id: %d\nevent: status\ndata: %s\n\n", h.Seq, b); err != nil {
					return
				}
				if ev.Terminal {
					_ = rc.Flush()
					return
				}
			}
			if rc.Flush() != nil {
				return
			}
			// A lesson that had ended before the stream resumed past its
			// end has nothing more to say.
			if n := len(history); n > 0 && history[n-1].Status.Terminal() && history[n-1].Seq <= last {
				return
			}
		}
	}
}

// hub reads each followed lesson's history once per tick, however many
// streams follow it, and hands every stream the whole history when it
// changes (a stream keeps its own place in it).
type hub struct {
	db    *postgres.DB
	every time.Duration
	mu    sync.Mutex
	// lessons maps a request id to the streams following it.
	lessons map[string]*followed
	ctx     context.Context
	cancel  context.CancelFunc
}

type followed struct {
	subs map[chan []vividly.StatusChange]bool
	last []vividly.StatusChange
}

func newHub(db *postgres.DB, every time.Duration) *hub {
	ctx, cancel := context.WithCancel(context.Background())
	return &hub{db: db, every: every, lessons: map[string]*followed{}, ctx: ctx, cancel: cancel}
}

func (h *hub) close() { h.cancel() }

// subscribe follows a lesson; the channel gets its history at once (when
// known) and after every change. stop must be called.
func (h *hub) subscribe(id string) (<-chan []vividly.StatusChange, func()) {
	ch := make(chan []vividly.StatusChange, 1)
	h.mu.Lock()
	f, ok := h.lessons[id]
	if !ok {
		f = &followed{subs: map[chan []vividly.StatusChange]bool{}}
		h.lessons[id] = f
		go h.poll(id, f)
	}
	f.subs[ch] = true
	if f.last != nil {
		ch <- f.last
	}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(f.subs, ch)
	}
}

// poll reads one lesson's history until no stream follows it.
func (h *hub) poll(id string, f *followed) {
	t := time.NewTicker(h.every)
	defer t.Stop()
	for {
		history, err := h.db.History(h.ctx, id)
		if err != nil && !errors.Is(err, vividly.ErrNotFound) && h.ctx.Err() == nil {
			// The stream waits: the next tick may read it.
			history = nil
		}
		h.mu.Lock()
		if len(f.subs) == 0 || h.ctx.Err() != nil {
			delete(h.lessons, id)
			for ch := range f.subs {
				close(ch)
			}
			h.mu.Unlock()
			return
		}
		if len(history) > 0 && (len(f.last) == 0 || history[len(history)-1].Seq != f.last[len(f.last)-1].Seq) {
			f.last = history
			for ch := range f.subs {
				select {
				case <-ch: // a slow stream gets the newest history, which holds the older one
				default:
				}
				ch <- history
			}
		}
		h.mu.Unlock()
		select {
		case <-h.ctx.Done():
		case <-t.C:
		}
	}
}
