package offline

import (
	"context"
	"errors"
	"testing"

	vividly "github.com/vividly-edu/vividly"
)

func TestRetrieveOrdersByGradeFit(t *testing.T) {
	r := NewRetriever(testStore)
	cases := []struct {
		grade int
		first string
	}{{3, "photosynthesis-elementary"}, {7, "photosynthesis-middle"}, {9, "photosynthesis-secondary"}, {12, "photosynthesis-advanced"}}
	for _, c := range cases {
		ps, err := r.Retrieve(context.Background(), vividly.Understanding{TopicID: "photosynthesis"}, c.grade, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 2 || ps[0].ID != c.first {
			t.Fatalf("grade %d: got %d passages starting %q, want %q first", c.grade, len(ps), ps[0].ID, c.first)
		}
		for _, p := range ps {
			if p.Source != CorpusSource || p.License != CorpusLicense || p.Book != LibraryBook {
				t.Errorf("passage %q is not credited to the library", p.ID)
			}
		}
	}
}

func TestRetrieveLimit(t *testing.T) {
	r := NewRetriever(testStore)
	for _, c := range []struct{ limit, want int }{{1, 1}, {2, 2}, {10, 2}, {0, 2}} {
		ps, err := r.Retrieve(context.Background(), vividly.Understanding{TopicID: "equivalent-fractions"}, 5, c.limit)
		if err != nil || len(ps) != c.want {
			t.Errorf("limit %d: %d passages, %v; want %d", c.limit, len(ps), err, c.want)
		}
	}
}

func TestRetrieveEveryTopic(t *testing.T) {
	r := NewRetriever(testStore)
	for _, tp := range mustLibrary().topics {
		ps, err := r.Retrieve(context.Background(), vividly.Understanding{TopicID: tp.ID}, tp.GradeMin, 4)
		if err != nil || len(ps) < 1 {
			t.Errorf("%s: %d passages, %v", tp.ID, len(ps), err)
		}
	}
}

func TestRetrieveByTitleOnly(t *testing.T) {
	ps, err := NewRetriever(testStore).Retrieve(context.Background(), vividly.Understanding{Topic: "The Water Cycle"}, 4, 2)
	if err != nil || len(ps) != 2 || ps[0].ID != "water-cycle-elementary" {
		t.Fatalf("got %v, %v", ps, err)
	}
}

func TestRetrieveUnknownTopic(t *testing.T) {
	for _, u := range []vividly.Understanding{{TopicID: "black-holes", Topic: "Black holes"}, {}} {
		_, err := NewRetriever(testStore).Retrieve(context.Background(), u, 5, 4)
		if !errors.Is(err, ErrUnknownTopic) || !errors.Is(err, vividly.ErrNotFound) {
			t.Errorf("%+v: got %v, want ErrUnknownTopic", u, err)
		}
	}
}

func TestRetrieveReturnsCopies(t *testing.T) {
	r := NewRetriever(testStore)
	ps, _ := r.Retrieve(context.Background(), vividly.Understanding{TopicID: "gravity-and-weight"}, 5, 1)
	ps[0].Text = "changed"
	again, _ := r.Retrieve(context.Background(), vividly.Understanding{TopicID: "gravity-and-weight"}, 5, 1)
	if again[0].Text == "changed" {
		t.Fatal("a caller changed the shared library")
	}
}

// downStore is a knowledge store whose database is unreachable.
type downStore struct{}

func (downStore) SearchKnowledge(context.Context, vividly.KnowledgeQuery) ([]vividly.SectionHit, error) {
	return nil, errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
}

func (downStore) ReplaceCollection(context.Context, string, string, []vividly.Section) (vividly.CollectionChange, error) {
	return vividly.CollectionChange{}, errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
}

// TestLessonsWithoutTheStore: while the database is down, a question about a
// library topic is still understood and taught from the library's passages.
func TestLessonsWithoutTheStore(t *testing.T) {
	ctx := context.Background()
	u, err := NewUnderstander(downStore{}).Understand(ctx, vividly.UnderstandInput{Question: "how do volcanoes erupt", Grade: 6})
	if err != nil || u.TopicID != "volcanoes" {
		t.Fatalf("understood %q, %v; want volcanoes", u.TopicID, err)
	}
	ps, err := NewRetriever(downStore{}).Retrieve(ctx, u, 6, 4)
	if err != nil || len(ps) == 0 {
		t.Fatalf("retrieved %d passages, %v; want the library's", len(ps), err)
	}
	if _, err := NewRetriever(downStore{}).Retrieve(ctx, vividly.Understanding{TopicID: "section:openstax-biology:m1", Topic: "The cell"}, 9, 4); err == nil {
		t.Error("a textbook section was retrieved without the store; want an error to retry on")
	}
}
