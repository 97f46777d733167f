// compose-check validates docker-compose.yml against the Compose specification without a Docker
// engine: schema, interpolation (with placeholder secrets) and cross-references such as depends_on.
package main

import (
	"context"
	"fmt"
	"os"
	"sort"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	path := "docker-compose.yml"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	placeholders := map[string]string{
		"SESSION_SECRET":   "placeholder-session-secret-of-32-characters",
		"MEILI_MASTER_KEY": "placeholder-master-key",
	}
	env := []string{}
	for name, value := range placeholders {
		env = append(env, name+"="+value)
	}
	options, err := cli.NewProjectOptions([]string{path}, cli.WithEnv(env), cli.WithName("pilotline"))
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	names := project.ServiceNames()
	sort.Strings(names)
	for _, name := range names {
		service := project.Services[name]
		image := service.Image
		if service.Build != nil {
			image = "build: " + service.Build.Context
		}
		fmt.Printf("  service %-12s %s\n", name, image)
	}
	fmt.Printf("compose-check: %s is valid (%d services)\n", path, len(names))
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "compose-check: invalid: %v\n", err)
	os.Exit(1)
}
