package route53

import (
	"net/http"
	"sort"

	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Tag limits (Route 53 API model: a tag list of 1 to 10 per request).
const (
	MaxTagsPerRequest = 10
	MaxTagKey         = 128
	MaxTagValue       = 256
)

// tagTarget checks the resource type of a tags path: hosted zones only
// (the simulator has no health checks).
func tagTarget(rt route) (string, error) {
	switch rt.resource {
	case "hostedzone":
	case "healthcheck":
		return "", invalidInput("The simulator has no health checks: %s", rt.id)
	default:
		return "", invalidInput("1 validation error detected: Value '%s' at 'resourceType' failed to satisfy constraint: Member must satisfy enum value set: [healthcheck, hostedzone]", rt.resource)
	}
	return zoneID(rt.id)
}

func changeTagsForResource(c *service.Call, rt route) (*answer, error) {
	id, err := tagTarget(rt)
	if err != nil {
		return nil, err
	}
	var in tagsRequest
	if err := decode(c.Body, &in, "ChangeTagsForResourceRequest"); err != nil {
		return nil, err
	}
	var add []world.Tag
	var remove []string
	if in.AddTags != nil {
		for _, t := range in.AddTags.Tag {
			if t.Key == nil || *t.Key == "" || len(*t.Key) > MaxTagKey || len(t.Value) > MaxTagValue {
				return nil, invalidInput("A tag key must have 1 to %d characters and a tag value at most %d", MaxTagKey, MaxTagValue)
			}
			add = append(add, world.Tag{Key: *t.Key, Value: t.Value})
		}
	}
	if in.RemoveTagKeys != nil {
		remove = in.RemoveTagKeys.Key
	}
	if len(add) > MaxTagsPerRequest || len(remove) > MaxTagsPerRequest {
		return nil, invalidInput("1 validation error detected: a request can add or remove at most %d tags", MaxTagsPerRequest)
	}
	c.Event.RequestParameters = map[string]any{"resourceType": rt.resource, "resourceId": id}
	err = c.World.Update(func(tx *world.Tx) error {
		z, err := lookupZone(c, tx, id, "route53:ChangeTagsForResource")
		if err != nil {
			return err
		}
		nz := z.clone()
		nz.Tags = mergeTags(nz.Tags, add, remove)
		if len(nz.Tags) > MaxTagsPerZone {
			return invalidInput("The resource would have more than %d tags", MaxTagsPerZone)
		}
		return Zones.Put(tx, id, nz)
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: &changeTagsResponse{}}, nil
}

// mergeTags removes keys, then adds or overwrites tags; keys in order.
func mergeTags(tags, add []world.Tag, remove []string) []world.Tag {
	m := map[string]string{}
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	for _, k := range remove {
		delete(m, k)
	}
	for _, t := range add {
		m[t.Key] = t.Value
	}
	out := make([]world.Tag, 0, len(m))
	for k, v := range m {
		out = append(out, world.Tag{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func listTagsForResource(c *service.Call, rt route) (*answer, error) {
	id, err := tagTarget(rt)
	if err != nil {
		return nil, err
	}
	c.Event.RequestParameters = map[string]any{"resourceType": rt.resource, "resourceId": id}
	out := &listTagsResponse{}
	err = c.World.View(func(tx *world.Tx) error {
		z, err := lookupZone(c, tx, id, "route53:ListTagsForResource")
		if err != nil {
			return err
		}
		out.ResourceTagSet.ResourceType, out.ResourceTagSet.ResourceId = "hostedzone", id
		out.ResourceTagSet.Tags = []tagElem{}
		for _, t := range z.Tags {
			out.ResourceTagSet.Tags = append(out.ResourceTagSet.Tags, tagElem{t.Key, t.Value})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &answer{status: http.StatusOK, doc: out}, nil
}
