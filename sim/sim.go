// Package sim is the simulated AWS: a world (accounts, IAM, the services'
// resources) behind one http.Handler that speaks the real AWS wire
// protocols, every call authorized by the lab's engine. Services: the
// list below; each is a package of its own (sim/sts, sim/iam, ...).
package sim

import (
	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/sim/acm"
	"github.com/iamlab/iamlab/sim/cognitoidentity"
	"github.com/iamlab/iamlab/sim/cognitoidp"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/iam"
	"github.com/iamlab/iamlab/sim/issuers"
	"github.com/iamlab/iamlab/sim/kms"
	"github.com/iamlab/iamlab/sim/route53"
	"github.com/iamlab/iamlab/sim/s3"
	"github.com/iamlab/iamlab/sim/samlidp"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/sts"
	"github.com/iamlab/iamlab/sim/world"
)

// Services are the simulated services, in routing order. A new service
// package adds its constructor here.
func Services() []service.Service {
	return []service.Service{sts.New(), iam.New(),
		cognitoidp.New(), cognitoidentity.New(), issuers.Lab{}, // Cognito and web identity federation
		acm.New(), route53.New(), s3.New(),
		kms.New(),
	}
}

// Config says how to start a simulated AWS.
type Config struct {
	// Store keeps the world; nil keeps it in memory.
	Store world.Store
	// File is the world to set up when the store is empty (a new state
	// file); nil is the default world (one account, AWS's documentation
	// root key pair).
	File *world.File
	// Options are the world's clock and randomness (and managed
	// policies and the catalog: nil uses the embedded catalog).
	Options world.Options
}

// Sim is a running simulated AWS.
type Sim struct {
	World   *world.World
	Handler *handler.Handler
}

// New opens the world (setting it up from cfg.File when the store is
// empty) and returns its handler.
func New(cfg Config) (*Sim, error) {
	if cfg.Store == nil {
		cfg.Store = world.NewMemory()
	}
	if cfg.Options.Managed == nil {
		cfg.Options.Managed = embedded.Catalog().ManagedText
	}
	if cfg.Options.Catalog == nil {
		cfg.Options.Catalog = embedded.Catalog()
	}
	w, err := world.Open(cfg.Store, cfg.Options)
	if err != nil {
		return nil, err
	}
	if w.Empty() {
		f := cfg.File
		if f == nil {
			f = world.DefaultFile()
		}
		if err := w.Apply(f); err != nil {
			w.Close()
			return nil, err
		}
	}
	// Sessions that expired while the world was stopped go at once.
	if err := w.Update(func(tx *world.Tx) error {
		_, err := world.PruneSessions(tx, w.Now())
		return err
	}); err != nil {
		w.Close()
		return nil, err
	}
	h := handler.New(w, Services()...)
	h.Handle(samlidp.Path, samlidp.Handler(w))
	return &Sim{World: w, Handler: h}, nil
}

// Close closes the world's store.
func (s *Sim) Close() error { return s.World.Close() }
