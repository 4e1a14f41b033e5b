package flows

import (
	"fmt"

	"github.com/iamlab/iamlab/sim/acm"
	"github.com/iamlab/iamlab/sim/cognitoidentity"
	"github.com/iamlab/iamlab/sim/cognitoidp"
	"github.com/iamlab/iamlab/sim/iam"
	"github.com/iamlab/iamlab/sim/issuers"
	"github.com/iamlab/iamlab/sim/kms"
	"github.com/iamlab/iamlab/sim/route53"
	"github.com/iamlab/iamlab/sim/s3"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sts"
)

// simulated are the services the flows call, by signing name. Only these
// are compiled into the flows module: not sim.Services(), whose package
// embeds the whole catalog.
var simulated = map[string]func() service.Service{
	"sts": func() service.Service { return sts.New() },
	"iam": func() service.Service { return iam.New() },
	// Cognito, and the lab's OpenID Connect identity provider
	"cognito-idp":      func() service.Service { return cognitoidp.New() },
	"cognito-identity": func() service.Service { return cognitoidentity.New() },
	"iamlab-oidc":      func() service.Service { return issuers.Lab{} },
	"acm":              func() service.Service { return acm.New() },
	"route53":          func() service.Service { return route53.New() },
	"s3":               func() service.Service { return s3.New() },
	"kms":              func() service.Service { return kms.New() },
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
