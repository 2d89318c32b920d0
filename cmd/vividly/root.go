package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	vividly "github.com/vividly-edu/vividly"
)

func newRootCmd() *cobra.Command {
	cfg := &config{}
	badEnv = nil
	root := &cobra.Command{
		Use:           "vividly",
		Short:         "Turn a student's question into a personalised lesson",
		Version:       vividly.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		// A malformed environment value is an error, not a silent default.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkEnv(); err != nil {
				return err
			}
			return cfg.resolveVoice(cmd.Flags())
		},
	}
	cfg.bind(root.PersistentFlags())
	root.AddCommand(
		newDemoCmd(cfg), newSubmitCmd(cfg), newStatusCmd(cfg), newClarifyCmd(cfg),
		newDevCmd(cfg), newWorkerCmd(cfg), newStopCmd(cfg), newSearchAttributesCmd(cfg),
		newStarterCmd(cfg), newPublishCmd(), newDLQCmd(), newLoadtestCmd(cfg), newIngestCmd(cfg), newEvalCmd(cfg),
		newRetryCmd(cfg), newCodecServerCmd(cfg), newForgetCmd(cfg), newDBRoleCmd(cfg),
		newServeCmd(cfg), newTokenCmd(cfg),
	)
	root.AddCommand(newClusterCmd(cfg))
	return root
}

// lessonFlags are how a request is described on the command line.
type lessonFlags struct {
	grade     string
	interest  string
	modality  string
	duration  time.Duration
	student   string
	requestID string
	json      bool
}

func (f *lessonFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.grade, "grade", "8", "grade level: K or 0 for kindergarten, up to 12")
	fs.StringVar(&f.interest, "interest", "", "something the student loves, woven into the lesson")
	fs.StringVar(&f.modality, "modality", "video", "text (script only) or video")
	fs.DurationVar(&f.duration, "duration", vividly.DefaultDuration, "target length of the lesson")
	fs.StringVar(&f.student, "student-id", "", "the student's UUID (default: a new one)")
	fs.StringVar(&f.requestID, "request-id", "", "the request's UUID (default: a new one); submitting the same id twice starts one lesson")
	fs.BoolVar(&f.json, "json", false, "print the outcome as JSON")
}

// request builds and validates a request, so bad input is refused before anything starts.
func (f *lessonFlags) request(question string) (vividly.Request, error) {
	grade, err := parseGrade(f.grade)
	if err != nil {
		return vividly.Request{}, err
	}
	r := vividly.Request{
		ID: f.requestID, StudentID: f.student, Question: question, Grade: grade,
		Interest: f.interest, Modality: vividly.Modality(strings.ToLower(f.modality)), TargetDuration: f.duration,
	}
	if r.ID == "" {
		r.ID = uuid.NewString()
	}
	if r.StudentID == "" {
		r.StudentID = uuid.NewString()
	}
	r.Normalize()
	if err := r.Validate(); err != nil {
		return vividly.Request{}, err
	}
	return r, nil
}

func parseGrade(s string) (int, error) {
	s = strings.TrimSpace(strings.ToUpper(s))
	if s == "K" {
		return 0, nil
	}
	g, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("--grade %q: want K or a number from 0 to 12", s)
	}
	return g, nil
}
