package flows

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// stsCredentials are the temporary credentials STS returned.
func stsCredentials(c *ststypes.Credentials) aws.Credentials {
	if c == nil {
		return aws.Credentials{}
	}
	return aws.Credentials{AccessKeyID: aws.ToString(c.AccessKeyId), SecretAccessKey: aws.ToString(c.SecretAccessKey),
		SessionToken: aws.ToString(c.SessionToken)}
}
