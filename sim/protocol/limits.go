package protocol

// Body limits. IAM documents a policy document of at most 131,072
// characters (the PolicyDocument parameter's length constraint); a form of
// the Query protocol holds that twice over, escaped.
const (
	// MaxQueryBody bounds a Query request's form body.
	MaxQueryBody = 1 << 20
	// MaxJSONBody bounds a JSON 1.0/1.1 request body.
	MaxJSONBody = 1 << 20
	// MaxXMLBody bounds an XML request body of a REST-XML service (not an
	// S3 object, whose service sets its own limit).
	MaxXMLBody = 1 << 20
	// MaxListMembers bounds the members of one list of a Query request.
	MaxListMembers = 1000
	// MaxJSONDepth bounds the nesting of a JSON request.
	MaxJSONDepth = 64
)
