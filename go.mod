module github.com/iamlab/iamlab

go 1.26
