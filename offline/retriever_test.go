package offline

import (
	"context"
	"errors"
	"testing"

	vividly "github.com/vividly-edu/vividly"
)

func TestRetrieveOrdersByGradeFit(t *testing.T) {
	r := NewRetriever()
	lib := mustLibrary()
	cases := []struct {
		grade int
		first string
	}{{1, "photosynthesis-1"}, {3, "photosynthesis-1"}, {6, "photosynthesis-2"}, {11, "photosynthesis-3"}}
	for _, c := range cases {
		ps, err := r.Retrieve(context.Background(), vividly.Understanding{TopicID: "photosynthesis"}, c.grade, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 3 || ps[0].ID != c.first {
			t.Fatalf("grade %d: got %d passages starting %q, want %q first", c.grade, len(ps), ps[0].ID, c.first)
		}
		for _, p := range ps {
			cp, ok := lib.passageFor(p.ID)
			if !ok || cp.Topic != "photosynthesis" || p.Text != cp.Text || p.Source != CorpusSource || p.License != CorpusLicense {
				t.Errorf("passage %q is not the corpus passage", p.ID)
			}
		}
	}
}

func TestRetrieveLimit(t *testing.T) {
	r := NewRetriever()
	for _, c := range []struct{ limit, want int }{{1, 1}, {2, 2}, {10, 3}, {0, 3}} {
		ps, err := r.Retrieve(context.Background(), vividly.Understanding{TopicID: "fractions"}, 4, c.limit)
		if err != nil || len(ps) != c.want {
			t.Errorf("limit %d: %d passages, %v; want %d", c.limit, len(ps), err, c.want)
		}
	}
}

func TestRetrieveEveryTopic(t *testing.T) {
	r := NewRetriever()
	for _, tp := range mustLibrary().topics {
		ps, err := r.Retrieve(context.Background(), vividly.Understanding{TopicID: tp.ID}, tp.GradeMin, 4)
		if err != nil || len(ps) < 3 {
			t.Errorf("%s: %d passages, %v", tp.ID, len(ps), err)
		}
	}
}

func TestRetrieveByTitleOnly(t *testing.T) {
	ps, err := NewRetriever().Retrieve(context.Background(), vividly.Understanding{Topic: "The Water Cycle"}, 4, 2)
	if err != nil || len(ps) != 2 || ps[0].ID != "water-cycle-2" {
		t.Fatalf("got %v, %v", ps, err)
	}
}

func TestRetrieveUnknownTopic(t *testing.T) {
	for _, u := range []vividly.Understanding{{TopicID: "black-holes", Topic: "Black holes"}, {}} {
		_, err := NewRetriever().Retrieve(context.Background(), u, 5, 4)
		if !errors.Is(err, ErrUnknownTopic) {
			t.Errorf("%+v: got %v, want ErrUnknownTopic", u, err)
		}
	}
}

func TestRetrieveReturnsCopies(t *testing.T) {
	r := NewRetriever()
	ps, _ := r.Retrieve(context.Background(), vividly.Understanding{TopicID: "gravity"}, 5, 1)
	ps[0].Text = "changed"
	again, _ := r.Retrieve(context.Background(), vividly.Understanding{TopicID: "gravity"}, 5, 1)
	if again[0].Text == "changed" {
		t.Fatal("a caller changed the shared corpus")
	}
}
