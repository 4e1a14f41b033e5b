package e2e

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	smithyendpoints "github.com/aws/smithy-go/endpoints"

	"github.com/iamlab/iamlab/worker/relay"
)

// TestSDKEndpointsAllowed asks each SDK client the lab uses where it would
// send its calls, in several Regions of the aws partition, and checks that
// the relay lets every one of those hosts through: its host grammar is the
// SDKs' own endpoints (FIPS and dual-stack endpoints, and other
// partitions, are not relayed).
func TestSDKEndpointsAllowed(t *testing.T) {
	ctx := context.Background()
	bucket := aws.String("lab-bucket")
	resolvers := map[string]func(region *string) (smithyendpoints.Endpoint, error){
		"iam": func(r *string) (smithyendpoints.Endpoint, error) {
			return iam.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, iam.EndpointParameters{Region: r})
		},
		"sts": func(r *string) (smithyendpoints.Endpoint, error) {
			return sts.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, sts.EndpointParameters{Region: r})
		},
		"sts global": func(r *string) (smithyendpoints.Endpoint, error) {
			return sts.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, sts.EndpointParameters{Region: r, UseGlobalEndpoint: aws.Bool(true)})
		},
		"cognito-idp": func(r *string) (smithyendpoints.Endpoint, error) {
			return cognitoidentityprovider.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, cognitoidentityprovider.EndpointParameters{Region: r})
		},
		"cognito-identity": func(r *string) (smithyendpoints.Endpoint, error) {
			return cognitoidentity.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, cognitoidentity.EndpointParameters{Region: r})
		},
		"kms": func(r *string) (smithyendpoints.Endpoint, error) {
			return kms.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, kms.EndpointParameters{Region: r})
		},
		"acm": func(r *string) (smithyendpoints.Endpoint, error) {
			return acm.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, acm.EndpointParameters{Region: r, ServiceType: aws.String("ACM")})
		},
		"route53": func(r *string) (smithyendpoints.Endpoint, error) {
			return route53.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, route53.EndpointParameters{Region: r})
		},
		"s3 virtual-hosted": func(r *string) (smithyendpoints.Endpoint, error) {
			return s3.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, s3.EndpointParameters{Region: r, Bucket: bucket})
		},
		"s3 path-style": func(r *string) (smithyendpoints.Endpoint, error) {
			return s3.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, s3.EndpointParameters{Region: r, Bucket: bucket, ForcePathStyle: aws.Bool(true)})
		},
		"s3 no bucket": func(r *string) (smithyendpoints.Endpoint, error) {
			return s3.NewDefaultEndpointResolverV2().ResolveEndpoint(ctx, s3.EndpointParameters{Region: r})
		},
	}
	for name, resolve := range resolvers {
		for _, region := range []string{"us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1", "sa-east-1", "ap-southeast-7"} {
			ep, err := resolve(aws.String(region))
			if err != nil {
				t.Errorf("%s in %s: %v", name, region, err)
				continue
			}
			if ep.URI.Scheme != "https" || !relay.AllowedHost(ep.URI.Host) {
				t.Errorf("%s in %s calls %s, which the relay refuses", name, region, ep.URI.String())
			}
		}
	}
}
