package main

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// configFile holds the settings of the whole site, next to the languages'
// folders: the public address that canonical, hreflang and sitemap URLs
// start with.
const configFile = "site.yaml"

type siteConfig struct {
	BaseURL string `yaml:"baseURL"`
}

// baseURL picks the site's public address: the -base-url flag, else
// SITE_URL from the environment, else content/site.yaml; and checks it.
func baseURL(flagValue, contentDir string) (string, error) {
	u := flagValue
	if u == "" {
		u = os.Getenv("SITE_URL")
	}
	if u == "" {
		file := filepath.Join(contentDir, configFile)
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("no site URL: set baseURL in %s (or SITE_URL): %v", file, err)
		}
		var c siteConfig
		if err := yaml.Unmarshal(b, &c); err != nil {
			return "", fmt.Errorf("%s: %v", file, err)
		}
		u = c.BaseURL
	}
	return checkBaseURL(u)
}

// checkBaseURL accepts an absolute http(s) URL of a public host and gives
// it a trailing slash. A loopback address is refused: search engines and
// readers follow canonical and hreflang links, and 127.0.0.1 leads nowhere.
func checkBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("site URL %q: want an absolute http(s) URL such as https://example.org/iamlab/", s)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		return "", fmt.Errorf("site URL %q is a loopback address: canonical and hreflang links must name the public site", s)
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}
