package api_test

import (
	"bufio"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/api"
)

// The statuses a video lesson passes through after it is asked.
var lifecycle = []vividly.Status{
	vividly.StatusValidating, vividly.StatusUnderstanding, vividly.StatusRetrieving, vividly.StatusGeneratingScript,
	vividly.StatusGeneratingAudio, vividly.StatusGeneratingVideo, vividly.StatusUploading, vividly.StatusNotifying,
	vividly.StatusCompleted,
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// memInUse is the live heap and the goroutines' stacks.
func memInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc + m.StackInuse
}

// BenchmarkEventsFanOut opens streams on one server, then moves the
// lessons through their lifecycle and waits until every stream has seen
// completed. It prints the memory each open stream holds and the CPU the
// server, the streams' readers and the status writes (all in this process)
// spend; the same writes with no stream open are the baseline. Run with
// -benchtime=1x.
func BenchmarkEventsFanOut(b *testing.B) {
	for _, tc := range []struct {
		name             string
		streams, lessons int
	}{{"0-streams-1-lesson", 0, 1}, {"1-stream", 1, 1}, {"200-streams-1-lesson", 200, 1},
		{"0-streams-200-lessons", 0, 200}, {"200-streams-200-lessons", 200, 200}} {
		b.Run(tc.name, func(b *testing.B) {
			for range b.N {
				fanOut(b, tc.streams, tc.lessons)
			}
		})
	}
}

func fanOut(b *testing.B, streams, lessons int) {
	e := newEnv(b, api.Options{})
	ctx := b.Context()
	st, token := e.student("Ada")
	var ids []string
	for range lessons {
		r := vividly.Request{ID: uuid.NewString(), StudentID: st.ID, Question: "What is rain?", Grade: 5}
		r.Normalize()
		if err := e.db.CreateRequest(ctx, r); err != nil {
			b.Fatal(err)
		}
		if _, _, err := e.db.ClaimLesson(ctx, st.ID, r.ID, r.Question, ""); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: streams, MaxConnsPerHost: 0}}
	// One request first, so what the first request sets up (connections,
	// pools, caches) is not counted against the streams.
	warm, _ := http.NewRequestWithContext(ctx, http.MethodGet, e.srv.URL+"/v1/lessons/"+ids[0], nil)
	warm.Header.Set("Authorization", "Bearer "+token)
	if resp, err := client.Do(warm); err == nil {
		resp.Body.Close()
	}
	time.Sleep(200 * time.Millisecond)
	memInUse()
	heapBefore, goBefore := memInUse(), runtime.NumGoroutine()
	var opened, done sync.WaitGroup
	errs := make(chan error, streams)
	for i := range streams {
		opened.Add(1)
		done.Add(1)
		go func(id string) {
			defer done.Done()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, e.srv.URL+"/v1/lessons/"+id+"/events", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := client.Do(req)
			opened.Done()
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				if strings.Contains(sc.Text(), `"status":"completed"`) {
					return
				}
			}
			errs <- fmt.Errorf("stream of %s ended before completed: %v", id, sc.Err())
		}(ids[i%lessons])
	}
	opened.Wait()
	time.Sleep(500 * time.Millisecond) // every stream subscribed
	heapOpen, goOpen := memInUse(), runtime.NumGoroutine()
	cpu0, wall0 := cpuTime(), time.Now()
	b.ResetTimer()
	for seq, s := range lifecycle {
		for _, id := range ids {
			err := e.db.RecordStatus(ctx, vividly.StatusUpdate{Seq: seq + 1, Snapshot: vividly.Snapshot{RequestID: id, Status: s, Stage: s}})
			if err != nil {
				b.Fatal(err)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	wait := make(chan struct{})
	go func() { done.Wait(); close(wait) }()
	select {
	case <-wait:
	case <-time.After(30 * time.Second):
		b.Fatal("streams did not all see completed within 30 s")
	}
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	cpu, wall := cpuTime()-cpu0, time.Since(wall0)
	perStream, goPerStream := 0.0, 0.0
	if streams > 0 {
		perStream = float64(int64(heapOpen)-int64(heapBefore)) / float64(streams)
		goPerStream = float64(goOpen-goBefore) / float64(streams)
	}
	b.ReportMetric(perStream/1024, "KiB-mem/stream")
	b.ReportMetric(goPerStream, "goroutines/stream")
	b.ReportMetric(cpu.Seconds()*1000, "ms-cpu")
	b.ReportMetric(100*cpu.Seconds()/wall.Seconds(), "%cpu")
	b.Logf("%d streams on %d lessons: %.1f KiB (heap and stacks) and %.1f goroutines a stream, client side included; CPU %s over %s (%.1f%% of one core) for %d status changes of each lesson, their writes included",
		streams, lessons, perStream/1024, goPerStream, cpu.Round(time.Millisecond), wall.Round(time.Millisecond),
		100*cpu.Seconds()/wall.Seconds(), len(lifecycle))
	client.CloseIdleConnections()
}
