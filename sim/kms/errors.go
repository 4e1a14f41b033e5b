package kms

import (
	"net/http"

	"github.com/iamlab/iamlab/sim/protocol"
)

// KMS answers every error of the caller with status 400 and the exception's
// name as the JSON error type (the KMS API Reference, "Errors").
func kmsError(code, format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, code, format, args...)
}

// The messages below that the KMS Developer Guide's key state table quotes
// ("<key ARN> is disabled.", "<key ARN> is pending deletion.", "<key ARN> is
// not pending deletion.") are AWS's words; the others were seen in answers
// of the real service quoted in public issues, or say so where they were not.

func notFound(format string, args ...any) *protocol.Error {
	return kmsError("NotFoundException", format, args...)
}

func validation(format string, args ...any) *protocol.Error {
	return kmsError("ValidationException", format, args...)
}

func missing(member string) *protocol.Error {
	return protocol.MissingParameter("ValidationException", member)
}

// keyMissing is the answer for a key that does not exist (or no longer
// does): "Key 'arn:aws:kms:...:key/ID' does not exist".
func keyMissing(arn string) *protocol.Error {
	return notFound("Key '%s' does not exist", arn)
}

// invalidKeyID is the answer for a key ID that is not a key ID.
func invalidKeyID(id string) *protocol.Error {
	return notFound("Invalid keyId '%s'", id)
}

// aliasMissing quotes the alias ARN, as AWS does even when the request gave
// the alias name: "Alias arn:aws:kms:us-west-2:111122223333:alias/x is not
// found."
func aliasMissing(aliasARN string) *protocol.Error {
	return notFound("Alias %s is not found.", aliasARN)
}

func disabled(arn string) *protocol.Error {
	return kmsError("DisabledException", "%s is disabled.", arn)
}

func pendingDeletion(arn string) *protocol.Error {
	return kmsError("KMSInvalidStateException", "%s is pending deletion.", arn)
}

func notPendingDeletion(arn string) *protocol.Error {
	return kmsError("KMSInvalidStateException", "%s is not pending deletion.", arn)
}

// invalidCiphertext has no message: AWS answers a ciphertext that does not
// decrypt, or whose encryption context differs, with an empty one.
func invalidCiphertext() *protocol.Error {
	return kmsError("InvalidCiphertextException", "")
}

func incorrectKey() *protocol.Error {
	return kmsError("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.")
}

func invalidArn(format string, args ...any) *protocol.Error {
	return kmsError("InvalidArnException", format, args...)
}

func alreadyExists(format string, args ...any) *protocol.Error {
	return kmsError("AlreadyExistsException", format, args...)
}

func limitExceeded(format string, args ...any) *protocol.Error {
	return kmsError("LimitExceededException", format, args...)
}

func tagError(msg string) *protocol.Error { return kmsError("TagException", "%s", msg) }

func unsupported(format string, args ...any) *protocol.Error {
	return kmsError("UnsupportedOperationException", format, args...)
}

func invalidMarker() *protocol.Error {
	return kmsError("InvalidMarkerException", "Invalid marker")
}

func dryRun() *protocol.Error {
	return kmsError("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.")
}

func malformedPolicy(msg string) *protocol.Error {
	return kmsError("MalformedPolicyDocumentException", "%s", msg)
}

// The answers of the form "1 validation error detected" that AWS's request
// validation gives, with the member's name as the wire writes it
// (lowerCamelCase).

func enumError(value, member string, set []string) *protocol.Error {
	return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: %s",
		value, member, bracket(set))
}

func tooLong(member string, max int) *protocol.Error {
	return validation("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", member, max)
}

func tooShort(member string, min int) *protocol.Error {
	return validation("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d", member, min)
}

func belowMin(value int, member string, min int) *protocol.Error {
	return validation("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", value, member, min)
}

func aboveMax(value int, member string, max int) *protocol.Error {
	return validation("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", value, member, max)
}

func patternError(value, member, pattern string) *protocol.Error {
	return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", value, member, pattern)
}

func bracket(set []string) string {
	out := "["
	for i, s := range set {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out + "]"
}
