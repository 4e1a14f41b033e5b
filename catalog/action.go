package catalog

// Action is one IAM action of a service, such as s3:GetObject.
type Action struct {
	// Service is the service prefix, e.g. "s3". It is not stored in the
	// data file; the catalog sets it when it loads the service.
	Service string `json:"-"`
	// Name is the action name as AWS spells it, e.g. "GetObject".
	Name string `json:"n"`
	// Access is the action's access level.
	Access AccessLevel `json:"l"`
	// Resources lists the resource types the action can be authorized on.
	// An action with none (s3:ListAllMyBuckets) takes only Resource "*".
	Resources []ResourceRef `json:"r,omitempty"`
	// ConditionKeys are the keys that apply to the action whatever its
	// resource; keys that apply to one resource type are in ResourceRef.
	ConditionKeys []string `json:"c,omitempty"`
	// DependentActions are other actions a caller also needs, if AWS lists
	// any for the action as a whole.
	DependentActions []string `json:"d,omitempty"`
	// Scenarios are alternative sets of resource types, which AWS lists for
	// a few actions (ec2:RunInstances) instead of one set.
	Scenarios []Scenario `json:"s,omitempty"`
}

// FullName returns "prefix:Name", e.g. "s3:GetObject".
func (a *Action) FullName() string { return a.Service + ":" + a.Name }

// ResourceRef is a resource type as one action uses it.
type ResourceRef struct {
	// Name is the resource type's name in its service, e.g. "object".
	Name string `json:"n"`
	// Required reports whether a request for the action always involves a
	// resource of this type (AWS marks it with an asterisk).
	Required bool `json:"q,omitempty"`
	// ConditionKeys are the keys that apply when the action is used on a
	// resource of this type.
	ConditionKeys []string `json:"c,omitempty"`
	// DependentActions are the actions AWS lists as also needed for this
	// resource type.
	DependentActions []string `json:"d,omitempty"`
	// Type is the resource type itself, set when the service is loaded.
	Type *ResourceType `json:"-"`
}

// Scenario is one named alternative set of resource types for an action.
type Scenario struct {
	Name      string        `json:"n"`
	Resources []ResourceRef `json:"r"`
}
