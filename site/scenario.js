// The scenario the page edits, and its conversion to and from the scenario
// file format (scenario.md). Policies travel as "document" strings, so that
// what the user typed (even with a syntax error) is kept as is.
//
// state = {
//   request: { principal, action, resource, resourceAccount, context: [{ key, value }] },
//   identity: [slot], boundary: slot|null, session: slot|null, resource: slot|null,
//   scps: [{ target, policies: [slot] }]|null, rcps: same,
// }
// slot = { name, text } (a document) or { name, arn } (an AWS managed policy)

import { t } from './i18n.js';

// Limits of an imported scenario (the engine's own are larger or equal).
export const MAX_SCENARIO_BYTES = 1 << 20;
export const MAX_POLICIES = 1000;
export const MAX_LEVELS = 10;
export const MAX_CONTEXT_KEYS = 1000;

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const MANAGED_ARN = /^arn:aws[\w-]*:iam::aws:policy(\/[\w+=,.@\/-]*)?\/([\w+=,.@-]+)$/;

export function blankDocument() {
  return '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "",\n      "Resource": "*"\n    }\n  ]\n}';
}

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

// toScenarioText renders the state as a scenario file.
export function toScenarioText(state) {
  const r = state.request;
  const request = { principal: r.principal, action: r.action, resource: r.resource };
  if (r.resourceAccount.trim()) request.resourceAccount = r.resourceAccount.trim();
  const rows = r.context.filter((c) => c.key.trim());
  if (rows.length) request.context = Object.fromEntries(rows.map((c) => [c.key.trim(), contextValue(c.value)]));
  const out = { request };
  if (state.identity.length) out.identityPolicies = state.identity.map(entry);
  if (state.boundary) out.permissionsBoundary = entry(state.boundary);
  if (state.session) out.sessionPolicy = entry(state.session);
  if (state.resource) out.resourcePolicy = entry(state.resource);
  if (state.scps) out.serviceControlPolicies = state.scps.map(level);
  if (state.rcps) out.resourceControlPolicies = state.rcps.map(level);
  return JSON.stringify(out, null, 2);
}

function entry(s) {
  if (s.arn) return s.name ? { name: s.name, arn: s.arn } : { arn: s.arn };
  return { name: s.name, document: s.text };
}

function level(l) {
  return { target: l.target, policies: l.policies.map(entry) };
}

// contextValue reads a context value as typed: a JSON array of scalars is
// a multivalued key, anything else one string.
export function contextValue(text) {
  const s = text.trim();
  if (s.startsWith('[')) {
    try {
      const v = JSON.parse(s);
      if (Array.isArray(v) && v.every(isScalar)) return v.map(String);
    } catch {
      // not JSON: a plain string
    }
  }
  return text;
}

const isScalar = (v) => ['string', 'number', 'boolean'].includes(typeof v);

// ImportError is a scenario refused as a whole.
export class ImportError extends Error {}

// fromScenarioText reads a scenario file field by field: unknown fields are
// ignored, a field of the wrong shape is left out and named in problems.
// It throws ImportError when the text is not a scenario at all.
export function fromScenarioText(text) {
  if (text.length > MAX_SCENARIO_BYTES) throw new ImportError(t('tooLarge', { n: MAX_SCENARIO_BYTES >> 10 }));
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new ImportError(t('invalidJSON', { msg: e.message }));
  }
  if (!isObject(v)) throw new ImportError(t('notObject'));
  const problems = [];
  const state = emptyScenario();
  const r = new Reader(problems);
  if ('request' in v) r.request(v.request, state.request);
  state.identity = r.list(v.identityPolicies, 'identityPolicies', MAX_POLICIES, (e, p) => r.slot(e, p, true)) || [];
  state.boundary = r.optional(v.permissionsBoundary, 'permissionsBoundary', true);
  state.session = r.optional(v.sessionPolicy, 'sessionPolicy', false);
  state.resource = r.optional(v.resourcePolicy, 'resourcePolicy', false);
  state.scps = r.levels(v.serviceControlPolicies, 'serviceControlPolicies');
  state.rcps = r.levels(v.resourceControlPolicies, 'resourceControlPolicies');
  return { state, problems };
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

class Reader {
  constructor(problems) {
    this.problems = problems;
  }

  fail(key, params) {
    this.problems.push(t('field.' + key, params));
    return null;
  }

  string(v, path) {
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') return this.fail('type', { path, want: 'a string' }) ?? '';
    return v;
  }

  request(v, out) {
    if (!isObject(v)) return this.fail('type', { path: 'request', want: 'an object' });
    for (const k of ['principal', 'action', 'resource', 'resourceAccount']) out[k] = this.string(v[k], 'request.' + k);
    if (v.context === undefined || v.context === null) return;
    if (!isObject(v.context)) return this.fail('type', { path: 'request.context', want: 'an object' });
    for (const [key, val] of Object.entries(v.context).slice(0, MAX_CONTEXT_KEYS)) {
      if (isScalar(val)) out.context.push({ key, value: String(val) });
      else if (Array.isArray(val) && val.every(isScalar)) out.context.push({ key, value: JSON.stringify(val.map(String)) });
      else this.fail('type', { path: 'request.context.' + key, want: 'a string or an array of strings' });
    }
  }

  list(v, path, max, read) {
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v)) return this.fail('type', { path, want: 'an array' });
    if (v.length > max) this.fail('tooMany', { path, n: max });
    return v.slice(0, max).map((e, i) => read(e, `${path}[${i}]`)).filter(Boolean);
  }

  optional(v, path, managedAllowed) {
    if (v === undefined || v === null) return null;
    return this.slot(v, path, managedAllowed);
  }

  slot(v, path, managedAllowed) {
    if (!isObject(v)) return this.fail('type', { path, want: 'an object' });
    let name = '';
    if (v.name !== undefined) {
      name = this.string(v.name, path + '.name');
      if (name && !POLICY_NAME.test(name)) name = this.fail('name', { path: path + '.name' }) ?? '';
    }
    if (typeof v.document === 'string') return { name: name || 'Policy', text: v.document };
    if (isObject(v.document)) return { name: name || 'Policy', text: JSON.stringify(v.document, null, 2) };
    if (v.document !== undefined) return this.fail('type', { path: path + '.document', want: 'an object or a string' });
    if (managedAllowed && typeof v.arn === 'string') {
      if (!MANAGED_ARN.test(v.arn)) return this.fail('managedArn', { path: path + '.arn' });
      return { name: name || v.arn.replace(/^.*\//, ''), arn: v.arn };
    }
    return this.fail('noDocument', { path });
  }

  levels(v, path) {
    return this.list(v, path, MAX_LEVELS, (l, p) => {
      if (!isObject(l)) return this.fail('type', { path: p, want: 'an object' });
      const policies = this.list(l.policies, p + '.policies', MAX_POLICIES, (e, pp) => this.slot(e, pp, false)) || [];
      return { target: this.string(l.target, p + '.target'), policies };
    });
  }
}

// slotKey names each policy slot by its path in the scenario file, which is
// also how the engine names it in errors.
export const slotKey = {
  identity: (i) => `identityPolicies[${i}]`,
  boundary: () => 'permissionsBoundary',
  session: () => 'sessionPolicy',
  resource: () => 'resourcePolicy',
  scp: (l, i) => `serviceControlPolicies[${l}].policies[${i}]`,
  rcp: (l, i) => `resourceControlPolicies[${l}].policies[${i}]`,
};

// keyOfRef names the slot of a policy in an evaluation report, whose type
// is the engine's short name (policy.Type): identity, boundary, session,
// resource, scp or rcp.
export function keyOfRef(ref) {
  const key = slotKey[ref.type];
  if (!key) return '';
  return ref.type === 'scp' || ref.type === 'rcp' ? key(ref.level || 0, ref.index) : key(ref.index);
}
