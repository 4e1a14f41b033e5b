package cognitoidp

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/issuers"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Pool is a user pool.
type Pool struct {
	ID       string    `json:"id"`
	Account  string    `json:"account"`
	Created  time.Time `json:"created"`
	Modified time.Time `json:"modified"`
	Settings Settings  `json:"settings"`
}

// Settings are CreateUserPool's settings, in AWS's shapes and names, so
// that DescribeUserPool returns them as they were given (with AWS's
// defaults filled in).
type Settings struct {
	PoolName                    string                 `json:"PoolName,omitempty"`
	Policies                    *Policies              `json:"Policies,omitempty"`
	DeletionProtection          string                 `json:"DeletionProtection,omitempty"`
	AutoVerifiedAttributes      []string               `json:"AutoVerifiedAttributes,omitempty"`
	AliasAttributes             []string               `json:"AliasAttributes,omitempty"`
	UsernameAttributes          []string               `json:"UsernameAttributes,omitempty"`
	SmsVerificationMessage      string                 `json:"SmsVerificationMessage,omitempty"`
	EmailVerificationMessage    string                 `json:"EmailVerificationMessage,omitempty"`
	EmailVerificationSubject    string                 `json:"EmailVerificationSubject,omitempty"`
	VerificationMessageTemplate *MessageTemplate       `json:"VerificationMessageTemplate,omitempty"`
	SmsAuthenticationMessage    string                 `json:"SmsAuthenticationMessage,omitempty"`
	MfaConfiguration            string                 `json:"MfaConfiguration,omitempty"`
	DeviceConfiguration         *DeviceConfiguration   `json:"DeviceConfiguration,omitempty"`
	EmailConfiguration          map[string]any         `json:"EmailConfiguration,omitempty"`
	SmsConfiguration            map[string]any         `json:"SmsConfiguration,omitempty"`
	UserPoolTags                map[string]string      `json:"UserPoolTags,omitempty"`
	AdminCreateUserConfig       *AdminCreateUserConfig `json:"AdminCreateUserConfig,omitempty"`
	Schema                      []SchemaAttribute      `json:"Schema,omitempty"`
	UsernameConfiguration       *UsernameConfiguration `json:"UsernameConfiguration,omitempty"`
	AccountRecoverySetting      *AccountRecovery       `json:"AccountRecoverySetting,omitempty"`
	UserPoolTier                string                 `json:"UserPoolTier,omitempty"`
}

// Policies holds the password policy.
type Policies struct {
	PasswordPolicy *PasswordPolicy `json:"PasswordPolicy,omitempty"`
}

// PasswordPolicy is PasswordPolicyType.
type PasswordPolicy struct {
	MinimumLength                 int  `json:"MinimumLength"`
	RequireUppercase              bool `json:"RequireUppercase"`
	RequireLowercase              bool `json:"RequireLowercase"`
	RequireNumbers                bool `json:"RequireNumbers"`
	RequireSymbols                bool `json:"RequireSymbols"`
	TemporaryPasswordValidityDays int  `json:"TemporaryPasswordValidityDays"`
}

// MessageTemplate is VerificationMessageTemplateType and MessageTemplateType.
type MessageTemplate struct {
	SmsMessage         string `json:"SmsMessage,omitempty"`
	EmailMessage       string `json:"EmailMessage,omitempty"`
	EmailSubject       string `json:"EmailSubject,omitempty"`
	EmailMessageByLink string `json:"EmailMessageByLink,omitempty"`
	EmailSubjectByLink string `json:"EmailSubjectByLink,omitempty"`
	DefaultEmailOption string `json:"DefaultEmailOption,omitempty"`
}

// DeviceConfiguration is DeviceConfigurationType.
type DeviceConfiguration struct {
	ChallengeRequiredOnNewDevice     bool `json:"ChallengeRequiredOnNewDevice"`
	DeviceOnlyRememberedOnUserPrompt bool `json:"DeviceOnlyRememberedOnUserPrompt"`
}

// AdminCreateUserConfig is AdminCreateUserConfigType.
type AdminCreateUserConfig struct {
	AllowAdminCreateUserOnly  bool             `json:"AllowAdminCreateUserOnly"`
	UnusedAccountValidityDays int              `json:"UnusedAccountValidityDays,omitempty"`
	InviteMessageTemplate     *MessageTemplate `json:"InviteMessageTemplate,omitempty"`
}

// SchemaAttribute is SchemaAttributeType.
type SchemaAttribute struct {
	Name                       string         `json:"Name"`
	AttributeDataType          string         `json:"AttributeDataType,omitempty"`
	DeveloperOnlyAttribute     bool           `json:"DeveloperOnlyAttribute"`
	Mutable                    bool           `json:"Mutable"`
	Required                   bool           `json:"Required"`
	StringAttributeConstraints map[string]any `json:"StringAttributeConstraints,omitempty"`
	NumberAttributeConstraints map[string]any `json:"NumberAttributeConstraints,omitempty"`
}

// UsernameConfiguration is UsernameConfigurationType.
type UsernameConfiguration struct {
	CaseSensitive bool `json:"CaseSensitive"`
}

// AccountRecovery is AccountRecoverySettingType.
type AccountRecovery struct {
	RecoveryMechanisms []RecoveryOption `json:"RecoveryMechanisms"`
}

// RecoveryOption is RecoveryOptionType.
type RecoveryOption struct {
	Priority int    `json:"Priority"`
	Name     string `json:"Name"`
}

var pools = world.NewKind[Pool]("cognito-idp/pool")

// Region is the pool's region, the prefix of its ID.
func (p *Pool) Region() string { return p.ID[:strings.IndexByte(p.ID, '_')] }

// ARN is arn:aws:cognito-idp:REGION:ACCOUNT:userpool/ID.
func (p *Pool) ARN() string { return PoolARN(p.Region(), p.Account, p.ID) }

// PoolARN is a user pool's ARN.
func PoolARN(region, account, id string) string {
	return "arn:aws:cognito-idp:" + region + ":" + account + ":userpool/" + id
}

// Issuer is the iss of the pool's tokens.
func (p *Pool) Issuer() string { return Issuer(p.ID) }

// Issuer is https://cognito-idp.REGION.amazonaws.com/POOLID.
func Issuer(poolID string) string {
	region, _, _ := strings.Cut(poolID, "_")
	return "https://cognito-idp." + region + ".amazonaws.com/" + poolID
}

// PoolName is the part of the ID after the underscore, which SRP hashes.
func (p *Pool) PoolName() string { return p.ID[strings.IndexByte(p.ID, '_')+1:] }

func (p *Pool) caseSensitive() bool {
	return p.Settings.UsernameConfiguration == nil || p.Settings.UsernameConfiguration.CaseSensitive
}

func (p *Pool) policy() PasswordPolicy {
	if p.Settings.Policies != nil && p.Settings.Policies.PasswordPolicy != nil {
		return *p.Settings.Policies.PasswordPolicy
	}
	return defaultPolicy
}

// defaultPolicy is the password policy of a pool that names none.
var defaultPolicy = PasswordPolicy{MinimumLength: 8, RequireUppercase: true, RequireLowercase: true,
	RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7}

// Limits and patterns (Cognito API Reference, CreateUserPool).
var (
	poolIDPattern   = regexp.MustCompile(`^[\w-]+_[0-9a-zA-Z]+$`)
	poolNamePattern = regexp.MustCompile(`^[\w\s+=,.@-]+$`)
)

const (
	MaxPoolName    = 128
	MaxPoolID      = 55
	MaxListResults = 60
)

// standardAttributes are the OIDC attributes every pool has.
var standardAttributes = []string{"address", "birthdate", "email", "email_verified", "family_name", "gender",
	"given_name", "locale", "middle_name", "name", "nickname", "phone_number", "phone_number_verified",
	"picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo"}

// checkSettings fills in AWS's defaults and refuses what CreateUserPool
// refuses.
func checkSettings(s *Settings) error {
	if len(s.PoolName) < 1 || len(s.PoolName) > MaxPoolName || !poolNamePattern.MatchString(s.PoolName) {
		return invalidParameter("1 validation error detected: Value '%s' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+", s.PoolName)
	}
	if s.Policies == nil || s.Policies.PasswordPolicy == nil {
		p := defaultPolicy
		s.Policies = &Policies{PasswordPolicy: &p}
	}
	pp := s.Policies.PasswordPolicy
	if pp.MinimumLength == 0 {
		pp.MinimumLength = 8
	}
	if pp.MinimumLength < 6 || pp.MinimumLength > 99 {
		return invalidParameter("1 validation error detected: Value '%d' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value between 6 and 99", pp.MinimumLength)
	}
	if pp.TemporaryPasswordValidityDays == 0 {
		pp.TemporaryPasswordValidityDays = 7
	}
	if len(s.UsernameAttributes) > 0 && len(s.AliasAttributes) > 0 {
		return invalidParameter("Only one of the username attributes or alias attributes can be specified")
	}
	for _, a := range s.UsernameAttributes {
		if a != "email" && a != "phone_number" {
			return invalidParameter("Invalid username attribute: %s", a)
		}
	}
	for _, a := range s.AliasAttributes {
		if a != "email" && a != "phone_number" && a != "preferred_username" {
			return invalidParameter("Invalid alias attribute: %s", a)
		}
	}
	for _, a := range s.AutoVerifiedAttributes {
		if a != "email" && a != "phone_number" {
			return invalidParameter("Invalid auto verified attribute: %s", a)
		}
	}
	switch s.MfaConfiguration {
	case "":
		s.MfaConfiguration = "OFF"
	case "OFF", "ON", "OPTIONAL":
	default:
		return invalidParameter("1 validation error detected: Value '%s' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]", s.MfaConfiguration)
	}
	if s.AdminCreateUserConfig == nil {
		s.AdminCreateUserConfig = &AdminCreateUserConfig{}
	}
	if s.DeletionProtection == "" {
		s.DeletionProtection = "INACTIVE"
	}
	if s.UserPoolTier == "" {
		s.UserPoolTier = "ESSENTIALS"
	}
	for _, a := range s.Schema {
		if !isStandard(a.Name) && !strings.HasPrefix(a.Name, "custom:") && len(a.Name) > 20 {
			return invalidParameter("Invalid attribute name: %s", a.Name)
		}
	}
	return nil
}

func isStandard(name string) bool {
	i := sort.SearchStrings(standardAttributes, name)
	return i < len(standardAttributes) && standardAttributes[i] == name
}

// required lists the attributes the schema requires.
func (p *Pool) required() []string {
	var out []string
	for _, a := range p.Settings.Schema {
		if a.Required {
			out = append(out, a.Name)
		}
	}
	return out
}

// allowPool asks the engine about an action on a pool.
func allowPool(c *service.Call, tx *world.Tx, action, arn string, ctx ...authz.Entry) error {
	_, err := c.Authorize(tx, &authorize.Request{Action: action, Resource: arn, Context: ctx})
	return err
}

// poolArg reads UserPoolId and the caller's pool, authorizing action.
func poolArg(c *service.Call, tx *world.Tx, id, action string) (*Pool, error) {
	if id == "" {
		return nil, invalidParameter("1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null")
	}
	if len(id) > MaxPoolID || !poolIDPattern.MatchString(id) {
		return nil, invalidParameter("1 validation error detected: Value '%s' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+", id)
	}
	region, _, _ := strings.Cut(id, "_")
	if err := allowPool(c, tx, action, PoolARN(region, c.Account(), id)); err != nil {
		return nil, err
	}
	p, ok := pools.Get(tx, id)
	if !ok || p.Account != c.Account() {
		return nil, resourceNotFound("User pool %s does not exist.", id)
	}
	return p, nil
}

// poolType is UserPoolType: the settings with the pool's own fields.
type poolType struct {
	Settings
	Id                     string            `json:"Id"`
	Name                   string            `json:"Name"`
	Arn                    string            `json:"Arn"`
	Status                 string            `json:"Status"`
	CreationDate           float64           `json:"CreationDate"`
	LastModifiedDate       float64           `json:"LastModifiedDate"`
	EstimatedNumberOfUsers int               `json:"EstimatedNumberOfUsers"`
	SchemaAttributes       []SchemaAttribute `json:"SchemaAttributes,omitempty"`
}

func epoch(t time.Time) float64 { return float64(t.UnixMilli()) / 1000 }

func poolOf(tx *world.Tx, p *Pool) poolType {
	s := p.Settings
	out := poolType{Settings: s, Id: p.ID, Name: s.PoolName, Arn: p.ARN(), Status: "Enabled",
		CreationDate: epoch(p.Created), LastModifiedDate: epoch(p.Modified),
		EstimatedNumberOfUsers: len(users.List(tx, p.ID+"/")), SchemaAttributes: s.Schema}
	out.Settings.Schema = nil
	out.Settings.PoolName = ""
	return out
}

type createPoolOutput struct {
	UserPool poolType
}

func createUserPool(c *service.Call) (any, error) {
	var s Settings
	if err := decode(c, &s); err != nil {
		return nil, err
	}
	if s.PoolName == "" {
		return nil, invalidParameter("1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null")
	}
	if err := checkSettings(&s); err != nil {
		return nil, err
	}
	var out *createPoolOutput
	err := c.World.Update(func(tx *world.Tx) error {
		if err := allowPool(c, tx, "cognito-idp:CreateUserPool", "*", tagContext(s.UserPoolTags)...); err != nil {
			return err
		}
		p := &Pool{ID: c.Env.Region + "_" + poolSuffix(c.World), Account: c.Account(), Settings: s}
		p.Created = c.Env.Now.UTC().Truncate(time.Millisecond)
		p.Modified = p.Created
		out = &createPoolOutput{UserPool: poolOf(tx, p)}
		c.Event.ResponseElements = map[string]any{"userPool": map[string]any{"id": p.ID, "arn": p.ARN(), "name": s.PoolName}}
		return pools.Put(tx, p.ID, p)
	})
	return out, err
}

// poolSuffix is the nine letters and digits after a pool ID's underscore.
func poolSuffix(w *world.World) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := randomBytes(w, 9)
	out := make([]byte, 9)
	for i, x := range b {
		out[i] = alphabet[int(x)%len(alphabet)]
	}
	return string(out)
}

func tagContext(tags map[string]string) []authz.Entry {
	if len(tags) == 0 {
		return nil
	}
	var out []authz.Entry
	keys := make([]string, 0, len(tags))
	for k, v := range tags {
		out = append(out, authz.Entry{Key: "aws:RequestTag/" + k, Values: []string{v}})
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return append(out, authz.Entry{Key: "aws:TagKeys", Values: keys})
}

type poolIDInput struct {
	UserPoolId string
}

func describeUserPool(c *service.Call) (any, error) {
	var in poolIDInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	var out *createPoolOutput
	err := c.World.View(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.UserPoolId, "cognito-idp:DescribeUserPool")
		if err != nil {
			return err
		}
		out = &createPoolOutput{UserPool: poolOf(tx, p)}
		return nil
	})
	return out, err
}

type poolDescription struct {
	Id               string  `json:"Id"`
	Name             string  `json:"Name"`
	Status           string  `json:"Status"`
	CreationDate     float64 `json:"CreationDate"`
	LastModifiedDate float64 `json:"LastModifiedDate"`
}

func listUserPools(c *service.Call) (any, error) {
	var in struct {
		MaxResults int
		NextToken  string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	if in.MaxResults < 1 || in.MaxResults > MaxListResults {
		return nil, invalidParameter("1 validation error detected: Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and %d", in.MaxResults, MaxListResults)
	}
	out := struct {
		UserPools []poolDescription
		NextToken string `json:",omitempty"`
	}{UserPools: []poolDescription{}}
	err := c.World.View(func(tx *world.Tx) error {
		if err := allowPool(c, tx, "cognito-idp:ListUserPools", "*"); err != nil {
			return err
		}
		var all []*Pool
		for _, p := range pools.List(tx, "") {
			if p.Account == c.Account() && p.Region() == c.Env.Region {
				all = append(all, p)
			}
		}
		page, next := paginate(len(all), in.NextToken, in.MaxResults)
		for _, p := range all[page[0]:page[1]] {
			out.UserPools = append(out.UserPools, poolDescription{Id: p.ID, Name: p.Settings.PoolName, Status: "Enabled",
				CreationDate: epoch(p.Created), LastModifiedDate: epoch(p.Modified)})
		}
		out.NextToken = next
		return nil
	})
	return out, err
}

func deleteUserPool(c *service.Call) (any, error) {
	var in poolIDInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	err := c.World.Update(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.UserPoolId, "cognito-idp:DeleteUserPool")
		if err != nil {
			return err
		}
		if p.Settings.DeletionProtection == "ACTIVE" {
			return invalidParameter("The user pool %s has deletion protection turned on", p.ID)
		}
		for _, u := range users.List(tx, p.ID+"/") {
			if err := users.Delete(tx, userKey(p, u.Username)); err != nil {
				return err
			}
		}
		for _, cl := range clients.List(tx, "") {
			if cl.PoolID == p.ID {
				if err := clients.Delete(tx, cl.ID); err != nil {
					return err
				}
			}
		}
		if err := issuers.Delete(tx, p.Issuer()); err != nil {
			return err
		}
		return pools.Delete(tx, p.ID)
	})
	return nil, err
}
