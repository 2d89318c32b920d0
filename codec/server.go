package codec

import (
	"crypto/subtle"
	"net/http"
	"slices"
	"strings"

	"go.temporal.io/sdk/converter"
)

// ServerOptions say who may use the codec server.
type ServerOptions struct {
	// Origins are the Web UI's origins (scheme://host:port); a browser's
	// request from any other page is refused, and these get CORS headers.
	Origins []string
	// Token, when set, must come with every request as "Authorization:
	// Bearer <token>" (the Temporal CLI's --codec-auth, or the Web UI's
	// access token); without one, only the listed origins and programs
	// on the machine (no Origin header) are served, so listen on loopback.
	Token string
}

// Handler serves Temporal's codec endpoints, POST …/encode and …/decode,
// for the Web UI (set as its codec endpoint) and the Temporal CLI
// (--codec-endpoint), so operators read decoded payloads.
func Handler(c *Codec, o ServerOptions) http.Handler {
	codec := converter.NewPayloadCodecHTTPHandler(c)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" {
			if !slices.Contains(o.Origins, origin) {
				http.Error(w, "origin not allowed", http.StatusForbidden)
				return
			}
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
			h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization")
			h.Add("Vary", "Origin")
			if r.Method == http.MethodOptions {
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		if o.Token != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(o.Token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="vividly-codec"`)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, 16<<20)
		codec.ServeHTTP(w, r)
	})
}
