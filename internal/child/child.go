// Package child ties the media tools a worker runs (ffmpeg, ffprobe,
// espeak-ng) to the worker's life: when the worker dies, however it dies,
// they die with it, instead of rendering on for a lesson that has already
// been handed to another worker.
package child

import "os/exec"

// Bind makes cmd's process die with the process that starts it, where the
// system allows it (Linux); elsewhere it does nothing. Call it before Start.
func Bind(cmd *exec.Cmd) { bind(cmd) }
