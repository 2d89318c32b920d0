package api

import (
	"sync"
	"time"
)

// limiter bounds how many lessons each student asks for in a sliding window.
// It lives in the process: with several servers, each applies it on its own.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	asked  map[string][]time.Time
	now    func() time.Time
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, asked: map[string][]time.Time{}, now: time.Now}
}

// take counts one lesson for the student, or returns how long until one is
// allowed. give hands a lesson back that was counted but never started.
func (l *limiter) take(student string) (retryAfter time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	times := l.asked[student]
	for len(times) > 0 && now.Sub(times[0]) >= l.window {
		times = times[1:]
	}
	if len(times) >= l.max {
		l.asked[student] = times
		return times[0].Add(l.window).Sub(now), false
	}
	l.asked[student] = append(times, now)
	return 0, true
}

func (l *limiter) give(student string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if times := l.asked[student]; len(times) > 0 {
		l.asked[student] = times[:len(times)-1]
	}
}
