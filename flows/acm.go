package flows

import (
	"context"
	_ "embed"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/iamlab/iamlab/policy"
)

//go:embed worlds/acm-dns.json
var acmWorld string

// certAdminKeys are the world's certificate administrator's.
var certAdminKeys = aws.Credentials{AccessKeyID: "AKIAIOSFODNN7CERTADM", SecretAccessKey: "Vt3rN0tAReal/SecretKeyForTheLabEXAMPLE1"}

func init() {
	register(&Flow{
		Name:  "acm-dns",
		Title: Text{En: "A public certificate validated by DNS in Route 53", Ja: "Route 53 の DNS で検証するパブリック証明書"},
		Summary: Text{
			En: "The source's ACM steps: request *.debugroom.org with DNS validation, read the CNAME record ACM asks for, create it in the Route 53 hosted zone, and watch the certificate go from PENDING_VALIDATION to ISSUED. Every call is authorized against the administrator's policy.",
			Ja: "元の文書の ACM の手順です。*.debugroom.org を DNS 検証でリクエストし、ACM が求める CNAME レコードを読み、Route 53 のホストゾーンに作成すると、証明書が PENDING_VALIDATION から ISSUED に変わります。どの呼び出しも管理者のポリシーで認可されます。"},
		World:    acmWorld,
		Services: []string{"sts", "iam", "acm", "route53"},
		Slots: []Slot{
			{ID: "certAdmin", Type: policy.Identity, Path: "accounts/0/users/cert-admin/policies/certificates/document",
				Label: Text{En: "Policy of the user cert-admin", Ja: "ユーザー cert-admin のポリシー"}},
		},
		Steps: []Step{
			{ID: "request", Operation: "acm:RequestCertificate", Expect: OK, Uses: []string{"certAdmin"}, Run: acmRequest,
				Title: Text{En: "Request a certificate for *.debugroom.org, validated by DNS", Ja: "*.debugroom.org の証明書を DNS 検証でリクエストする"}},
			{ID: "describe-pending", Operation: "acm:DescribeCertificate", Expect: OK, Uses: []string{"certAdmin"}, Run: acmDescribePending, Snippet: "acm-dns/describe",
				Title: Text{En: "PENDING_VALIDATION, with the CNAME record to create", Ja: "PENDING_VALIDATION と、作成すべき CNAME レコード"}},
			{ID: "find-zone", Operation: "route53:ListHostedZonesByName", Expect: OK, Uses: []string{"certAdmin"}, Run: acmFindZone,
				Title: Text{En: "Find the hosted zone of debugroom.org", Ja: "debugroom.org のホストゾーンを探す"}},
			{ID: "create-record", Operation: "route53:ChangeResourceRecordSets", Expect: OK, Uses: []string{"certAdmin"}, Run: acmCreateRecord,
				Title: Text{En: "Create the validation CNAME in Route 53", Ja: "検証用の CNAME を Route 53 に作成する"}},
			{ID: "describe-issued", Operation: "acm:DescribeCertificate", Expect: OK, Uses: []string{"certAdmin"}, Run: acmDescribeIssued, Snippet: "acm-dns/describe",
				Title: Text{En: "ACM finds the record: ISSUED", Ja: "ACM がレコードを見つけて ISSUED になる"}},
			{ID: "list-certificates", Operation: "acm:ListCertificates", Expect: "AccessDeniedException", Uses: []string{"certAdmin"}, Run: acmList,
				Title: Text{En: "The policy does not list every certificate of the account", Ja: "ポリシーはアカウントのすべての証明書の一覧を許可していない"}},
		},
	})
}

func acmRequest(ctx context.Context, r *Run) error {
	cfg := r.Config(certAdminKeys)
	// show: acm-dns/request
	client := acm.NewFromConfig(cfg) // cfg: cert-admin's access key
	out, err := client.RequestCertificate(ctx, &acm.RequestCertificateInput{
		DomainName:       aws.String("*.debugroom.org"),
		ValidationMethod: acmtypes.ValidationMethodDns,
	})
	// end show
	if err != nil {
		return err
	}
	r.Set("certARN", aws.ToString(out.CertificateArn))
	return nil
}

// describe reads the certificate and notes its status.
func describe(ctx context.Context, r *Run, want acmtypes.CertificateStatus) (*acmtypes.CertificateDetail, error) {
	arn, err := Value[string](r, "certARN")
	if err != nil {
		return nil, err
	}
	cfg := r.Config(certAdminKeys)
	// show: acm-dns/describe
	client := acm.NewFromConfig(cfg)
	out, err := client.DescribeCertificate(ctx, &acm.DescribeCertificateInput{
		CertificateArn: aws.String(arn), // from RequestCertificate
	})
	// end show
	if err != nil {
		return nil, err
	}
	c := out.Certificate
	r.Note(Text{En: "Status", Ja: "ステータス"}, string(c.Status))
	if c.Status != want {
		return nil, &LocalError{Code: "Status" + string(c.Status), Msg: "the certificate is " + string(c.Status) + ", not " + string(want)}
	}
	return c, nil
}

func acmDescribePending(ctx context.Context, r *Run) error {
	c, err := describe(ctx, r, acmtypes.CertificateStatusPendingValidation)
	if err != nil {
		return err
	}
	if len(c.DomainValidationOptions) == 0 || c.DomainValidationOptions[0].ResourceRecord == nil {
		return &LocalError{Code: "NoRecord", Msg: "ACM names no validation record"}
	}
	rec := c.DomainValidationOptions[0].ResourceRecord
	r.Note(Text{En: "Record to create", Ja: "作成するレコード"}, aws.ToString(rec.Name)+" "+string(rec.Type)+" "+aws.ToString(rec.Value))
	r.Set("record", *rec)
	return nil
}

func acmFindZone(ctx context.Context, r *Run) error {
	cfg := r.Config(certAdminKeys)
	// show: acm-dns/find-zone
	client := route53.NewFromConfig(cfg)
	out, err := client.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{
		DNSName: aws.String("debugroom.org"),
	})
	// end show
	if err != nil {
		return err
	}
	if len(out.HostedZones) == 0 || aws.ToString(out.HostedZones[0].Name) != "debugroom.org." {
		return &LocalError{Code: "NoSuchHostedZone", Msg: "no hosted zone debugroom.org"}
	}
	r.Set("zoneID", aws.ToString(out.HostedZones[0].Id))
	return nil
}

func acmCreateRecord(ctx context.Context, r *Run) error {
	rec, err := Value[acmtypes.ResourceRecord](r, "record")
	if err != nil {
		return err
	}
	zoneID, err := Value[string](r, "zoneID")
	if err != nil {
		return err
	}
	cfg := r.Config(certAdminKeys)
	// show: acm-dns/create-record
	client := route53.NewFromConfig(cfg)
	_, err = client.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{
		HostedZoneId: aws.String(zoneID), // from ListHostedZonesByName
		ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{
			Action: r53types.ChangeActionUpsert,
			ResourceRecordSet: &r53types.ResourceRecordSet{
				Name:            rec.Name, // from DescribeCertificate
				Type:            r53types.RRTypeCname,
				TTL:             aws.Int64(300),
				ResourceRecords: []r53types.ResourceRecord{{Value: rec.Value}},
			},
		}}},
	})
	// end show
	return err
}

func acmDescribeIssued(ctx context.Context, r *Run) error {
	_, err := describe(ctx, r, acmtypes.CertificateStatusIssued)
	return err
}

func acmList(ctx context.Context, r *Run) error {
	cfg := r.Config(certAdminKeys)
	// show: acm-dns/list-certificates
	client := acm.NewFromConfig(cfg)
	_, err := client.ListCertificates(ctx, &acm.ListCertificatesInput{})
	// end show
	return err
}
