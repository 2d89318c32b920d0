package e2e

import (
	"os"
	"path/filepath"
	"testing"

	vividly "github.com/vividly-edu/vividly"
)

// TestDevServerCommitsToAWriteAheadLog: the dev server's SQLite file is in
// write-ahead-log mode, so a commit is an append rather than two or more
// fsyncs (devserver.devSQLitePragmas), and a lesson's commits go to the log.
// Without it the server spent 40% more CPU on a burst of video lessons and
// text lessons came about a third slower.
func TestDevServerCommitsToAWriteAheadLog(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	v := decode(t, s.vividly("submit", "What are fractions?", "--grade", "3", "--modality", "text", "--wait", "--json"))
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("status = %s (%s), want completed", v.Status, v.Error)
	}
	db := filepath.Join(temporalDir, "dev.db")
	f, err := os.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The header's file format write and read versions (bytes 18 and 19)
	// are 2 in WAL mode and 1 with a rollback journal.
	header := make([]byte, 20)
	if _, err := f.ReadAt(header, 0); err != nil {
		t.Fatal(err)
	}
	if header[18] != 2 || header[19] != 2 {
		t.Errorf("%s: format versions %d/%d, want 2/2 (write-ahead log)", db, header[18], header[19])
	}
	if fi, err := os.Stat(db + "-wal"); err != nil || fi.Size() == 0 {
		t.Errorf("no write-ahead log beside %s: %v", db, err)
	}
}
