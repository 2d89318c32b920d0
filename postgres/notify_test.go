package postgres_test

import (
	"reflect"
	"testing"

	"github.com/vividly-edu/vividly"
)

func TestNotifyTwiceKeepsOne(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := create(t, db)
	n := vividly.Notification{RequestID: r.ID, StudentID: r.StudentID, Status: vividly.StatusCompleted, Message: "Your lesson is ready."}
	for range 2 {
		if err := db.Notify(t.Context(), n); err != nil {
			t.Fatalf("Notify: %v", err)
		}
	}
	got, err := db.Notifications(t.Context(), r.ID)
	if err != nil {
		t.Fatalf("Notifications: %v", err)
	}
	if want := []vividly.Notification{n}; !reflect.DeepEqual(got, want) {
		t.Errorf("notifications = %+v, want %+v", got, want)
	}
}

func TestNotifyRejectsInvalid(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := create(t, db)
	tests := []struct {
		name string
		n    vividly.Notification
	}{
		{"unknown status", vividly.Notification{RequestID: r.ID, StudentID: r.StudentID, Status: "bogus"}},
		{"student id not a UUID", vividly.Notification{RequestID: r.ID, StudentID: "alice", Status: vividly.StatusCompleted}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := db.Notify(t.Context(), tt.n); err == nil {
				t.Error("Notify accepted it")
			}
		})
	}
}

func TestNotificationsOfQuietRequestIsEmpty(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	r := create(t, db)
	got, err := db.Notifications(t.Context(), r.ID)
	if err != nil || len(got) != 0 {
		t.Errorf("Notifications = %v, %v; want none", got, err)
	}
}
