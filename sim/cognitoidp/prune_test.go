package cognitoidp

import (
	"testing"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// Expired challenges and refresh tokens are swept; live ones stay.
func TestPrune(t *testing.T) {
	w, err := world.Open(world.NewMemory(), world.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err = w.Update(func(tx *world.Tx) error {
		for i, exp := range []time.Time{now.Add(-time.Second), now.Add(time.Minute)} {
			key := string(rune('a' + i))
			if err := challenges.Put(tx, key, &challenge{Key: key, Expires: exp}); err != nil {
				return err
			}
			if err := refreshTokens.Put(tx, key, &refreshToken{Key: key, Expires: exp}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Update(func(tx *world.Tx) error { return pruneChallenges(tx, now) }); err != nil {
		t.Fatal(err)
	}
	_ = w.View(func(tx *world.Tx) error {
		cs, rs := challenges.List(tx, ""), refreshTokens.List(tx, "")
		if len(cs) != 1 || cs[0].Key != "b" || len(rs) != 1 || rs[0].Key != "b" {
			t.Errorf("left %d challenges, %d refresh tokens", len(cs), len(rs))
		}
		return nil
	})
}
