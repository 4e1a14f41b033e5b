// The scenario the page edits: a draft (api.Draft in Go), which the engine
// reads and writes; the page never reads or writes the scenario format
// itself. Policies are kept as the text of their editors, so that what the
// user typed (even with a syntax error) is kept as is.
//
// state = {
//   request: { principal, action, resource, resourceAccount, context: [{ key, value }] },
//   identity: [slot], boundary: slot|null, session: slot|null, resource: slot|null,
//   scps: [{ target, policies: [slot] }]|null, rcps: same,
// }
// slot = { name, text } (a document) or { name, arn } (an AWS managed policy)

export function emptyScenario() {
  return {
    request: { principal: '', action: '', resource: '', resourceAccount: '', context: [] },
    identity: [],
    boundary: null,
    session: null,
    resource: null,
    scps: null,
    rcps: null,
  };
}

// draftJSON is the state as the engine's draft operations read it.
export const draftJSON = (state) => JSON.stringify(state);

// fromDraft takes a draft the engine made (an import, a link).
export function fromDraft(d) {
  const s = emptyScenario();
  const r = d.request || {};
  for (const k of ['principal', 'action', 'resource', 'resourceAccount']) s.request[k] = r[k] || '';
  s.request.context = (r.context || []).map((c) => ({ key: c.key, value: c.value }));
  const slot = (e) => (e.arn ? { name: e.name || e.arn.replace(/^.*\//, ''), arn: e.arn } : { name: e.name || '', text: e.text || '' });
  s.identity = (d.identity || []).map(slot);
  for (const k of ['boundary', 'session', 'resource']) s[k] = d[k] ? slot(d[k]) : null;
  for (const k of ['scps', 'rcps']) s[k] = d[k] ? d[k].map((l) => ({ target: l.target || '', policies: (l.policies || []).map(slot) })) : null;
  return s;
}

// The policy slots (api.Slots): the page's name of each, the scenario
// field, and the policy types a trace reports for it. Filled from the
// engine at start (setSlots); the page's own code only names slots.
let slots = [];

export function setSlots(list) {
  slots = list;
}

// slotKey names each policy slot by its path in the scenario file, which is
// also how the engine names it in errors: identityPolicies[0],
// permissionsBoundary, serviceControlPolicies[1].policies[0].
export function slotKey(name, a = 0, b = 0) {
  const s = slots.find((x) => x.name === name);
  if (!s) return '';
  if (s.levels) return `${s.field}[${a}].policies[${b}]`;
  return s.list ? `${s.field}[${a}]` : s.field;
}

// managedAllowed says whether a slot takes AWS managed policies.
export const managedAllowed = (name) => !!slots.find((x) => x.name === name)?.managed;

// keyOfRef names the slot of a policy in an evaluation report, whose type
// is the engine's short name (policy.Type).
export function keyOfRef(ref) {
  const s = slots.find((x) => x.types.includes(ref.type));
  if (!s) return '';
  return s.levels ? slotKey(s.name, ref.level || 0, ref.index) : slotKey(s.name, ref.index);
}
