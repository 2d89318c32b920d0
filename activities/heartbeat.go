package activities

import (
	"context"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"
)

// heartbeatEvery is how often a running activity tells Temporal it is alive.
// Workflows give the long stages a heartbeat timeout of several of these, so
// a stage on a worker that died is retried elsewhere within that timeout
// rather than after its whole start-to-close timeout.
const heartbeatEvery = 2 * time.Second

// heartbeating records a heartbeat every heartbeatEvery (or every half of
// the activity's heartbeat timeout, if that is shorter) until stop is
// called, carrying what progress returns (nil: no details). The first comes
// after one interval, not at once: a stage that ends sooner has nothing to
// tell, and each heartbeat is a write to the workflow's state in Temporal.
// Outside an activity (a direct call in a test) it does nothing.
func heartbeating(ctx context.Context, progress func() any) (stop func()) {
	if !activity.IsActivity(ctx) {
		return func() {}
	}
	every := heartbeatEvery
	if t := activity.GetInfo(ctx).HeartbeatTimeout; t > 0 {
		every = max(time.Millisecond, min(every, t/2))
	}
	beat := func() {
		if progress != nil {
			activity.RecordHeartbeat(ctx, progress())
		} else {
			activity.RecordHeartbeat(ctx)
		}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				beat()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
