package route53

import (
	"net/http"
	"strings"

	"github.com/iamlab/iamlab/sim/protocol"
)

// Route 53's errors, with the HTTP status its API model gives each.

func invalidInput(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidInput", format, args...)
}

func noSuchZone(id string) *protocol.Error {
	return protocol.Errorf(http.StatusNotFound, "NoSuchHostedZone", "No hosted zone found with ID: %s", id)
}

func noSuchChange(id string) *protocol.Error {
	return protocol.Errorf(http.StatusNotFound, "NoSuchChange", "A change with the specified change ID does not exist: %s", id)
}

func invalidDomainName(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidDomainName", format, args...)
}

// invalidChangeBatch lists every problem of a change batch in one message,
// "[problem, problem]", as Route 53 answers in its ErrorResponse.
func invalidChangeBatch(msgs []string) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "InvalidChangeBatch", "[%s]", strings.Join(msgs, ", "))
}
