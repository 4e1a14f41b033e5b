package catalog

// ResourceType is a kind of resource a service defines, such as s3's
// "object".
type ResourceType struct {
	// Name is the type's name, e.g. "object" or "accessPoint".
	Name string `json:"n"`
	// ARNs are the ARN patterns of the type, with ${Variable} placeholders,
	// e.g. "arn:${Partition}:s3:::${BucketName}/${ObjectName}". Most types
	// have one; a few (API Gateway's stage) have several.
	ARNs []string `json:"a"`
	// ConditionKeys are the keys that apply to resources of this type.
	ConditionKeys []string `json:"c,omitempty"`
}
