// cstool is the smoke test's in-cluster program (a static binary in a one-file image):
//
//	cstool message TEXT        writes TEXT to /dev/termination-log and checks that / is read-only
//	cstool serve PORT          answers every TCP connection with "ok"
//	cstool connect HOST:PORT   exits 0 when HOST:PORT answers "ok" within 3 s, 1 otherwise
//	cstool resolve NAME        exits 0 when NAME resolves through the pod's resolv.conf
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fail("usage: cstool message|serve|connect|resolve ARG")
	}
	arg := os.Args[2]
	switch os.Args[1] {
	case "message":
		if err := os.WriteFile("/probe", []byte("x"), 0o600); err == nil {
			fail("root file system is writable")
		}
		if err := os.WriteFile("/dev/termination-log", []byte(fmt.Sprintf("%s uid=%d", arg, os.Getuid())), 0o644); err != nil {
			fail(err.Error())
		}
	case "serve":
		l, err := net.Listen("tcp", ":"+arg)
		if err != nil {
			fail(err.Error())
		}
		for {
			c, err := l.Accept()
			if err != nil {
				continue
			}
			_, _ = c.Write([]byte("ok"))
			_ = c.Close()
		}
	case "connect":
		c, err := net.DialTimeout("tcp", arg, 3*time.Second)
		if err != nil {
			fail(err.Error())
		}
		_ = c.SetDeadline(time.Now().Add(3 * time.Second))
		b, err := io.ReadAll(c)
		if err != nil || string(b) != "ok" {
			fail(fmt.Sprintf("read %q: %v", b, err))
		}
		fmt.Println("connected")
	case "resolve":
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		addrs, err := net.DefaultResolver.LookupHost(ctx, arg)
		if err != nil {
			fail(err.Error())
		}
		fmt.Println(addrs)
	default:
		fail("unknown command " + os.Args[1])
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}
