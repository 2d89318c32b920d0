// Command fakegoogle runs stand-ins for the Google Cloud services Vividly uses in
// production — Vertex AI's generateContent, Cloud Text-to-Speech and Cloud Storage —
// on local ports, each speaking the real protocol, so the google providers can be
// tried without a cloud account:
//
//	go run ./cmd/fakegoogle &
//	eval "$(go run ./cmd/fakegoogle -print-env)"
//	./vividly demo "Explain photosynthesis for basketball fans" --grade 10 --interest basketball
//
// It is a development and test tool; nothing in production uses it.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/fsouza/fake-gcs-server/fakestorage"
	"github.com/vividly-edu/vividly/gemini/fakevertex"
	"github.com/vividly-edu/vividly/googletts/faketts"
)

func main() {
	vertexAddr := flag.String("vertex", "127.0.0.1:8090", "host:port of the fake Vertex AI (generateContent over HTTP)")
	ttsAddr := flag.String("tts", "127.0.0.1:8091", "host:port of the fake Text-to-Speech (gRPC)")
	gcsAddr := flag.String("gcs", "127.0.0.1:8092", "host:port of the fake Cloud Storage (JSON API over HTTP)")
	bucket := flag.String("bucket", "vividly-lessons", "bucket to create in the fake Cloud Storage")
	printEnv := flag.Bool("print-env", false, "print the environment that points vividly at these fakes, and exit")
	flag.Parse()

	env := fmt.Sprintf(`export VIVIDLY_AI=google VIVIDLY_TTS=google VIVIDLY_STORAGE=gcs
export VIVIDLY_GOOGLE_PROJECT=vividly-fake VIVIDLY_GEMINI_ENDPOINT=http://%s VIVIDLY_TTS_ENDPOINT=%s
export STORAGE_EMULATOR_HOST=%s VIVIDLY_GCS_BUCKET=%s VIVIDLY_GCS_PUBLIC_URLS=true
`, *vertexAddr, *ttsAddr, *gcsAddr, *bucket)
	if *printEnv {
		fmt.Print(env)
		return
	}

	vertex, err := fakevertex.Listen(*vertexAddr)
	if err != nil {
		log.Fatalf("fake Vertex AI: %v", err)
	}
	defer vertex.Close()
	tts, err := faketts.Listen(*ttsAddr)
	if err != nil {
		log.Fatalf("fake Text-to-Speech: %v", err)
	}
	defer tts.Close()
	host, port, err := net.SplitHostPort(*gcsAddr)
	if err != nil {
		log.Fatalf("-gcs %q: %v", *gcsAddr, err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		log.Fatalf("-gcs %q: bad port", *gcsAddr)
	}
	storage, err := fakestorage.NewServerWithOptions(fakestorage.Options{Host: host, Port: uint16(p), Scheme: "http", PublicHost: *gcsAddr})
	if err != nil {
		log.Fatalf("fake Cloud Storage: %v", err)
	}
	defer storage.Stop()
	storage.CreateBucketWithOpts(fakestorage.CreateBucketOpts{Name: *bucket})

	fmt.Printf("fake Vertex AI on %s, Text-to-Speech on %s, Cloud Storage on %s (bucket %s)\n", *vertexAddr, *ttsAddr, *gcsAddr, *bucket)
	fmt.Printf("point vividly at them with:\n%s", env)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}
