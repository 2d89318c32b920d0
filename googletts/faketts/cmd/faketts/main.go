// Command faketts runs the fake Cloud Text-to-Speech server on a port, for
// pointing a Vividly worker in another process at it:
//
//	go run ./googletts/faketts/cmd/faketts -addr 127.0.0.1:8091
//	go run ./googletts/faketts/cmd/faketts -fail UNAVAILABLE   # an outage
//
// Clients connect with googletts.EmulatorOptions(addr): plain-text gRPC, no
// credentials. It runs until interrupted.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"google.golang.org/grpc/codes"

	"github.com/vividly-edu/vividly/googletts/faketts"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "host:port to listen on")
	fail := flag.String("fail", "", "answer every SynthesizeSpeech with this gRPC code (e.g. UNAVAILABLE, PERMISSION_DENIED)")
	flag.Parse()

	var code codes.Code
	if *fail != "" {
		if err := code.UnmarshalJSON([]byte(strconv.Quote(*fail))); err != nil {
			fmt.Fprintf(os.Stderr, "faketts: -fail %s: not a gRPC code name\n", *fail)
			os.Exit(2)
		}
	}
	srv, err := faketts.Listen(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *fail != "" {
		srv.FailNext(code, -1)
	}
	fmt.Printf("faketts: Text-to-Speech gRPC on %s\n", srv.Addr())

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	srv.Close()
}
