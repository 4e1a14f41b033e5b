package headingid

import "testing"

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Step 1: the permissions policy":  "step-1-the-permissions-policy",
		"ルートユーザーと IAM アイデンティティ":           "ルートユーザーと-iam-アイデンティティ",
		"アクセス許可の境界(Permissions boundary)": "アクセス許可の境界-permissions-boundary",
		"!!!": "section",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	ids := New()
	a, b := ids.Generate([]byte("Summary"), 0), ids.Generate([]byte("Summary"), 0)
	if string(a) != "summary" || string(b) != "summary-2" {
		t.Errorf("repeated headings got %q and %q", a, b)
	}
}
