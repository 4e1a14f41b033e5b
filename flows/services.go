package flows

import (
	"fmt"

	"github.com/iamlab/iamlab/sim/iam"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sts"
)

// simulated are the services the flows call, by signing name. Only these
// are compiled into the flows module: not sim.Services(), whose package
// embeds the whole catalog.
var simulated = map[string]func() service.Service{
	"sts": func() service.Service { return sts.New() },
	"iam": func() service.Service { return iam.New() },
}

// services makes the simulated services a flow calls.
func services(names []string) ([]service.Service, error) {
	out := make([]service.Service, 0, len(names))
	for _, n := range names {
		mk := simulated[n]
		if mk == nil {
			return nil, fmt.Errorf("flows: no simulated service %q", n)
		}
		out = append(out, mk())
	}
	return out, nil
}
