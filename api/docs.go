package api

import (
	"net/http"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

type docOperation struct {
	Method, Path, Summary, Description, Responses string
}

// docs is a page describing the API from its own OpenAPI document, with
// nothing fetched from elsewhere.
func (s *Server) docs(w http.ResponseWriter, r *http.Request) {
	oa := s.api.OpenAPI()
	d := pageData{Title: "API", Description: oa.Info.Description}
	for path, item := range oa.Paths {
		for _, m := range []struct {
			name string
			op   *huma.Operation
		}{{"GET", item.Get}, {"POST", item.Post}, {"DELETE", item.Delete}} {
			if m.op == nil {
				continue
			}
			var codes []string
			for code := range m.op.Responses {
				codes = append(codes, code)
			}
			sort.Strings(codes)
			d.Operations = append(d.Operations, docOperation{Method: m.name, Path: path, Summary: m.op.Summary,
				Description: m.op.Description, Responses: strings.Join(codes, ", ")})
		}
	}
	sort.Slice(d.Operations, func(i, j int) bool {
		if d.Operations[i].Path != d.Operations[j].Path {
			return d.Operations[i].Path < d.Operations[j].Path
		}
		return d.Operations[i].Method < d.Operations[j].Method
	})
	s.render(w, r, "docs", http.StatusOK, d)
}
