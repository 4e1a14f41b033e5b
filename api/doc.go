// Package api is the lab's operations as the page (and any other client)
// receives them: evaluate a scenario, open a share link, import a file
// (a scenario, a bare policy, or an account's authorization details), and
// decide every action of a pattern at once. Every answer is a plain Go
// value that marshals to the JSON the page reads; the wasm module only
// turns strings into calls of these functions and answers into JSON, so
// everything here is tested natively.
//
// The page keeps no reader of its own: a scenario reaches it as a Draft
// made here, field by field, and goes back to the engine as scenario text.
package api
