package s3

import (
	"encoding/xml"
	"net/http"

	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// The elements of a PublicAccessBlockConfiguration.
var blockFields = []string{"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}

// decodeBlock reads a PublicAccessBlockConfiguration document; an
// element left out is false ("You can enable the configuration options
// in any combination").
func decodeBlock(body []byte) (*PublicAccessBlock, *Error) {
	f, err := decodeConfig(body, "PublicAccessBlockConfiguration", blockFields, nil)
	if err != nil {
		return nil, err
	}
	var vals [4]bool
	for i, name := range blockFields {
		s, set := f[name]
		if !set {
			continue
		}
		v, ok := xmlBool(s)
		if !ok {
			return nil, malformedXML()
		}
		vals[i] = v
	}
	return &PublicAccessBlock{BlockPublicAcls: vals[0], IgnorePublicAcls: vals[1], BlockPublicPolicy: vals[2], RestrictPublicBuckets: vals[3]}, nil
}

type blockConfig struct {
	XMLName               xml.Name `xml:"PublicAccessBlockConfiguration"`
	NS                    string   `xml:"xmlns,attr"`
	BlockPublicAcls       bool
	IgnorePublicAcls      bool
	BlockPublicPolicy     bool
	RestrictPublicBuckets bool
}

// putPublicAccessBlock answers PutPublicAccessBlock.
func putPublicAccessBlock(c *service.Call, t target) error {
	if err := requireChecksum(c); err != nil {
		return err
	}
	blk, perr := decodeBlock(c.Body)
	if perr != nil {
		return perr
	}
	return setBlock(c, t, blk)
}

// deletePublicAccessBlock answers DeletePublicAccessBlock, which needs
// s3:PutBucketPublicAccessBlock (S3 API Reference).
func deletePublicAccessBlock(c *service.Call, t target) error {
	return setBlock(c, t, nil)
}

func setBlock(c *service.Call, t target, blk *PublicAccessBlock) error {
	err := c.World.Update(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		if err := ask(c, tx, question{action: "s3:PutBucketPublicAccessBlock", bucket: b, name: b.Name}); err != nil {
			return err
		}
		nb := b.clone()
		nb.Block = blk
		return buckets.Put(tx, b.Name, nb)
	})
	if err != nil {
		return err
	}
	if blk == nil {
		noContent(c)
	} else {
		ok(c)
	}
	return nil
}

// getPublicAccessBlock answers GetPublicAccessBlock.
func getPublicAccessBlock(c *service.Call, t target) error {
	var blk *PublicAccessBlock
	err := c.World.View(func(tx *world.Tx) error {
		b, err := bucketFor(c, tx, t.bucket)
		if err != nil {
			return err
		}
		if err := ask(c, tx, question{action: "s3:GetBucketPublicAccessBlock", bucket: b, name: b.Name}); err != nil {
			return err
		}
		if b.Block == nil {
			return errorf(http.StatusNotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found",
				Field{"BucketName", b.Name})
		}
		blk = b.Block
		return nil
	})
	if err != nil {
		return err
	}
	return writeXML(c, blockConfig{NS: NS, BlockPublicAcls: blk.BlockPublicAcls, IgnorePublicAcls: blk.IgnorePublicAcls,
		BlockPublicPolicy: blk.BlockPublicPolicy, RestrictPublicBuckets: blk.RestrictPublicBuckets})
}
