// compose-check validates the production stack's files without a Docker engine.
//
//	compose-check compose docker-compose.yml    Compose specification (compose-go: JSON schema,
//	                                            interpolation, references) plus Pilotline's own rules
//	compose-check dockerfile Dockerfile .       BuildKit's parser and lint rules, and every COPY/ADD
//	                                            source present in the build context after .dockerignore
//	compose-check context .                     the files `docker build .` would send, one per line
//
// It exits non-zero on any error.
package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// The variables docker-compose.yml requires with ${NAME:?message}; placeholders stand in for them.
var requiredVariables = map[string]string{
	"SESSION_SECRET":   "placeholder-session-secret-of-at-least-32-characters",
	"MEILI_MASTER_KEY": "placeholder-master-key-0123456789",
	"SMTP_URL":         "smtp://placeholder:placeholder@relay.invalid:587",
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: compose-check compose FILE | dockerfile FILE CONTEXT | context CONTEXT")
		os.Exit(2)
	}
	var problems []string
	switch os.Args[1] {
	case "compose":
		problems = checkCompose(os.Args[2])
	case "dockerfile":
		if len(os.Args) < 4 {
			fmt.Fprintln(os.Stderr, "usage: compose-check dockerfile FILE CONTEXT")
			os.Exit(2)
		}
		problems = checkDockerfile(os.Args[2], os.Args[3])
	case "context":
		files, err := contextFiles(os.Args[2])
		if err != nil {
			problems = []string{err.Error()}
			break
		}
		for _, file := range files {
			fmt.Println(file)
		}
	default:
		fmt.Fprintf(os.Stderr, "unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
	if len(problems) > 0 {
		for _, problem := range problems {
			fmt.Fprintf(os.Stderr, "compose-check: %s\n", problem)
		}
		os.Exit(1)
	}
}

func loadCompose(path string, env map[string]string) (*types.Project, error) {
	list := []string{}
	for name, value := range env {
		list = append(list, name+"="+value)
	}
	// Only the given environment: no OS environment and no .env file, so the result is the same everywhere.
	options, err := cli.NewProjectOptions([]string{path}, cli.WithEnv(list), cli.WithName("pilotline"))
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}

func checkCompose(path string) []string {
	project, err := loadCompose(path, requiredVariables)
	if err != nil {
		return []string{fmt.Sprintf("%s is invalid: %v", path, err)}
	}
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	// Each ${NAME:?…} must really stop `docker compose` when NAME is unset.
	for name := range requiredVariables {
		without := map[string]string{}
		for other, value := range requiredVariables {
			if other != name {
				without[other] = value
			}
		}
		if _, err := loadCompose(path, without); err == nil || !strings.Contains(err.Error(), name) {
			fail("loading without %s should fail and name it (got: %v)", name, err)
		}
	}

	names := project.ServiceNames()
	sort.Strings(names)
	for _, name := range names {
		service := project.Services[name]
		what := service.Image
		if service.Build != nil {
			what = "build: " + service.Build.Context
		}
		health := "no healthcheck"
		if service.HealthCheck != nil && !service.HealthCheck.Disable {
			health = "healthcheck"
		}
		fmt.Printf("  service %-12s %-40s %s, restart=%s\n", name, what, health, service.Restart)
	}

	for _, name := range []string{"mongo", "meilisearch", "app"} {
		if _, ok := project.Services[name]; !ok {
			fail("service %q is missing", name)
		}
	}
	for _, name := range []string{"mongo", "meilisearch"} {
		service, ok := project.Services[name]
		if !ok {
			continue
		}
		if service.Image == "" || strings.HasSuffix(service.Image, ":latest") || !strings.Contains(service.Image, ":") {
			fail("%s: image %q must be pinned to a version tag", name, service.Image)
		}
		if service.HealthCheck == nil || service.HealthCheck.Disable || len(service.HealthCheck.Test) == 0 {
			fail("%s: needs a healthcheck (app waits for it to be healthy)", name)
		}
		if len(service.Volumes) == 0 || service.Volumes[0].Type != types.VolumeTypeVolume {
			fail("%s: its data must live in a named volume", name)
		}
	}
	if mongo, ok := project.Services["mongo"]; ok && !strings.Contains(strings.Join(mongo.Command, " "), "--replSet rs0") {
		fail("mongo: must run as replica set rs0 (command %v)", mongo.Command)
	}

	app, ok := project.Services["app"]
	if !ok {
		return problems
	}
	if app.Build == nil {
		fail("app: must be built from the Dockerfile")
	}
	env := func(key string) string {
		if value, ok := app.Environment[key]; ok && value != nil {
			return *value
		}
		return ""
	}
	if env("APP_ENV") != "production" {
		fail("app: APP_ENV must be production, is %q", env("APP_ENV"))
	}
	if !strings.HasPrefix(env("MONGODB_URI"), "mongodb://mongo:27017/") || !strings.Contains(env("MONGODB_URI"), "replicaSet=rs0") {
		fail("app: MONGODB_URI must point at mongo with replicaSet=rs0, is %q", env("MONGODB_URI"))
	}
	for _, key := range []string{"SESSION_SECRET", "MEILI_MASTER_KEY", "SMTP_URL"} {
		if env(key) != requiredVariables[key] {
			fail("app: %s must come from the environment (${%s:?…})", key, key)
		}
	}
	if len(env("SESSION_SECRET")) < 32 {
		fail("app: the SESSION_SECRET placeholder is shorter than the 32 characters config.ts requires")
	}
	if env("MEILI_HOST") != "http://meilisearch:7700" {
		fail("app: MEILI_HOST must be http://meilisearch:7700, is %q", env("MEILI_HOST"))
	}
	for _, dependency := range []string{"mongo", "meilisearch"} {
		if app.DependsOn[dependency].Condition != types.ServiceConditionHealthy {
			fail("app: depends_on %s must use condition service_healthy", dependency)
		}
	}
	published := false
	for _, port := range app.Ports {
		if port.Target == 4000 && port.Published != "" {
			published = true
		}
	}
	if !published {
		fail("app: container port 4000 must be published")
	}
	if app.Restart == "" || app.Restart == "no" {
		fail("app: needs a restart policy")
	}
	// main.ts waits up to 10 s for in-flight requests after SIGTERM; Docker's default grace is also 10 s.
	if app.StopGracePeriod == nil || time.Duration(*app.StopGracePeriod) < 15*time.Second {
		fail("app: stop_grace_period must be at least 15s so the graceful shutdown can finish")
	}
	if len(problems) == 0 {
		fmt.Printf("compose-check: %s is valid against the Compose specification (%d services)\n", path, len(names))
	}
	return problems
}

func checkDockerfile(dockerfile, contextDir string) []string {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	file, err := os.Open(dockerfile)
	if err != nil {
		return []string{err.Error()}
	}
	defer file.Close()
	result, err := parser.Parse(file)
	if err != nil {
		return []string{fmt.Sprintf("%s does not parse: %v", dockerfile, err)}
	}
	for _, warning := range result.Warnings {
		fail("%s:%d: %s", dockerfile, warning.Location.Start.Line, warning.Short)
	}
	lint := linter.New(&linter.Config{Warn: func(rule, description, url, message string, location []parser.Range) {
		line := 0
		if len(location) > 0 {
			line = location[0].Start.Line
		}
		fail("%s:%d: lint %s: %s", dockerfile, line, rule, message)
	}})
	stages, _, err := instructions.Parse(result.AST, lint)
	if err != nil {
		return append(problems, fmt.Sprintf("%s: %v", dockerfile, err))
	}

	files, err := contextFiles(contextDir)
	if err != nil {
		return append(problems, err.Error())
	}
	inContext := map[string]bool{}
	for _, f := range files {
		inContext[f] = true
		for dir := filepath.Dir(f); dir != "."; dir = filepath.Dir(dir) {
			inContext[dir+"/"] = true
		}
	}
	copies := 0
	for _, stage := range stages {
		for _, command := range stage.Commands {
			var sources []string
			switch c := command.(type) {
			case *instructions.CopyCommand:
				if c.From != "" {
					continue
				}
				sources = c.SourcePaths
			case *instructions.AddCommand:
				sources = c.SourcePaths
			default:
				continue
			}
			for _, source := range sources {
				copies++
				clean := filepath.Clean(strings.TrimPrefix(source, "/"))
				if strings.ContainsAny(clean, "*?[") {
					fail("stage %s: %s: wildcard sources are not checked; list paths explicitly", stage.Name, source)
					continue
				}
				if _, err := os.Stat(filepath.Join(contextDir, clean)); err != nil {
					fail("stage %s: COPY source %s does not exist", stage.Name, source)
				} else if !inContext[clean] && !inContext[clean+"/"] {
					fail("stage %s: COPY source %s is excluded by .dockerignore", stage.Name, source)
				}
			}
		}
	}
	if len(problems) == 0 {
		fmt.Printf("compose-check: %s parses and passes BuildKit's lint rules; %d stages, %d COPY sources all in the build context (%d files)\n",
			dockerfile, len(stages), copies, len(files))
	}
	return problems
}

// contextFiles lists the regular files `docker build CONTEXT` sends, after .dockerignore, with
// the same matcher Docker uses.
func contextFiles(contextDir string) ([]string, error) {
	var patterns []string
	if ignore, err := os.Open(filepath.Join(contextDir, ".dockerignore")); err == nil {
		patterns, err = ignorefile.ReadAll(ignore)
		ignore.Close()
		if err != nil {
			return nil, fmt.Errorf(".dockerignore: %w", err)
		}
	}
	matcher, err := patternmatcher.New(patterns)
	if err != nil {
		return nil, fmt.Errorf(".dockerignore: %w", err)
	}
	// An excluded folder is entered only when some exception pattern could re-include something in it.
	mayReinclude := func(dir string) bool {
		for _, pattern := range matcher.Patterns() {
			text := pattern.String()
			if pattern.Exclusion() && (strings.HasPrefix(text, dir+"/") || strings.HasPrefix(text, "**") || strings.HasPrefix(dir, text)) {
				return true
			}
		}
		return false
	}
	var files []string
	err = filepath.WalkDir(contextDir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(contextDir, path)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		excluded, err := matcher.MatchesOrParentMatches(rel)
		if err != nil {
			return err
		}
		if entry.IsDir() {
			if excluded && !mayReinclude(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		if !excluded {
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}
