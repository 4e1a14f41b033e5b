//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"
)

// bindingLimiter counts calls with a Workers rate-limiting binding
// (wrangler.toml [[ratelimits]]): limit({key}) answers {success}.
type bindingLimiter struct {
	binding js.Value
}

func (l bindingLimiter) Allow(_ context.Context, key string) (bool, error) {
	if l.binding.IsUndefined() || l.binding.IsNull() {
		return false, errors.New("no RELAY_LIMIT binding")
	}
	opts := js.Global().Get("Object").New()
	opts.Set("key", key)
	res, err := await(l.binding.Call("limit", opts))
	if err != nil {
		return false, err
	}
	return res.Get("success").Truthy(), nil
}

// await waits for a JavaScript promise. It does not give up early: a
// callback released before the promise settles would panic the instance.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	defer then.Release()
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: fmt.Errorf("%s", args[0].Call("toString").String())}
		return nil
	})
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
