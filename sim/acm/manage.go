package acm

import (
	"net/http"
	"strings"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

type getOut struct {
	Certificate      string
	CertificateChain string
}

func getCertificate(c *service.Call) (any, error) {
	var in struct{ CertificateArn *string }
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	p, err := readARN(in.CertificateArn)
	if err != nil {
		return nil, err
	}
	var cert *Certificate
	stale := false
	err = c.World.View(func(tx *world.Tx) error {
		cert, err = lookup(c, tx, p, "acm:GetCertificate", nil)
		if err != nil {
			return err
		}
		stale = advance(tx, cert, c.Env.Now) != nil
		return nil
	})
	if err != nil {
		return nil, err
	}
	if stale {
		settled, err := settle(c, []string{p.arn})
		if err != nil {
			return nil, err
		}
		if s, ok := settled[p.arn]; ok {
			cert = s
		}
	}
	if cert.Status != StatusIssued || cert.Issue == nil {
		// "The certificate request is in process and the certificate in
		// your account has not yet been issued" (RequestInProgressException).
		return nil, protocol.Errorf(http.StatusBadRequest, "RequestInProgressException", "Certificate %s is not issued: its status is %s.", p.arn, cert.Status)
	}
	return &getOut{Certificate: cert.Issue.CertPEM, CertificateChain: cert.Issue.ChainPEM}, nil
}

func deleteCertificate(c *service.Call) (any, error) {
	var in struct{ CertificateArn *string }
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	p, err := readARN(in.CertificateArn)
	if err != nil {
		return nil, err
	}
	err = c.World.Update(func(tx *world.Tx) error {
		cert, err := lookup(c, tx, p, "acm:DeleteCertificate", keyPairOrigin)
		if err != nil {
			return err
		}
		if len(cert.InUseBy) > 0 {
			// "You cannot delete an ACM certificate that is being used by
			// another Amazon Web Services service."
			return protocol.Errorf(http.StatusBadRequest, "ResourceInUseException", "Certificate %s in account %s is in use by %s.", p.arn, p.account, strings.Join(cert.InUseBy, ", "))
		}
		return certs.Delete(tx, p.arn)
	})
	return nil, err
}

type resendIn struct {
	CertificateArn   *string
	Domain           *string
	ValidationDomain *string
}

// resendValidationEmail checks the request as ACM does; there is no mail
// to send in the world, so nothing else happens (the event says so).
func resendValidationEmail(c *service.Call) (any, error) {
	var in resendIn
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	p, err := readARN(in.CertificateArn)
	if err != nil {
		return nil, err
	}
	if in.Domain == nil {
		return nil, protocol.MissingParameter("ValidationException", "Domain")
	}
	if in.ValidationDomain == nil {
		return nil, protocol.MissingParameter("ValidationException", "ValidationDomain")
	}
	err = c.World.View(func(tx *world.Tx) error {
		cert, err := lookup(c, tx, p, "acm:ResendValidationEmail", nil)
		if err != nil {
			return err
		}
		if cert.Status != StatusPending || cert.Method != MethodEmail {
			return protocol.Errorf(http.StatusBadRequest, "InvalidStateException", "Certificate %s is not pending email validation (status %s, validation %s).", p.arn, cert.Status, cert.Method)
		}
		if !containsFold(cert.Names, *in.Domain) || !isSuperdomain(*in.ValidationDomain, *in.Domain) {
			return protocol.Errorf(http.StatusBadRequest, "InvalidDomainValidationOptionsException", "%s is not a domain of the certificate, or %s is not it or a superdomain of it.", *in.Domain, *in.ValidationDomain)
		}
		c.Event.Note = "no validation email is sent: the simulated world has no mail, so email validation stays pending until it times out"
		return nil
	})
	return nil, err
}
