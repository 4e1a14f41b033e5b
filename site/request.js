// The request builder: principal with presets, action with autocomplete
// from the catalog, resource with the action's ARN patterns as hints,
// resource account, and context keys as rows with suggestions.

import { h, uid } from './dom.js';
import { t } from './i18n.js';

const PRESETS = [
  ['presetUser', 'arn:aws:iam::111122223333:user/alice'],
  ['presetRole', 'arn:aws:sts::111122223333:assumed-role/AppRole/session-1'],
  ['presetOther', 'arn:aws:iam::444455556666:user/bob'],
  ['presetService', 'lambda.amazonaws.com'],
  ['presetAnonymous', '*'],
];

// HOME_ACCOUNT is the account of the page's examples, which the "user of
// another account" preset keeps as the resource's account.
const HOME_ACCOUNT = '111122223333';

// Global keys offered for every action (the catalog adds the action's own).
const GLOBAL_KEYS = [
  'aws:CalledVia', 'aws:CurrentTime', 'aws:EpochTime', 'aws:MultiFactorAuthAge', 'aws:MultiFactorAuthPresent',
  'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalTag/',
  'aws:PrincipalType', 'aws:RequestedRegion', 'aws:RequestTag/', 'aws:ResourceAccount', 'aws:ResourceOrgID',
  'aws:ResourceTag/', 'aws:SecureTransport', 'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceIp', 'aws:SourceVpc',
  'aws:SourceVpce', 'aws:TagKeys', 'aws:TokenIssueTime', 'aws:userid', 'aws:username', 'aws:ViaAWSService',
];

export function createRequestPanel(root, { getState, changed, engine, idle }) {
  const fieldMessages = new Map(); // request field -> message element
  let services = null; // [{p, n}]
  let actionInfo = null;
  let loadedService = '';
  let usedAccount = ''; // the resource account of the last decision
  let accountNote = null;

  function render() {
    const r = getState().request;
    fieldMessages.clear();
    const hints = h('div', { class: 'hints', 'aria-live': 'polite' });
    const actionList = h('datalist', { id: 'action-list' });
    const resourceList = h('datalist', { id: 'resource-list' });
    const keyList = h('datalist', { id: 'key-list' }, GLOBAL_KEYS.map((k) => h('option', { value: k })));

    const principal = field('principal', r, {
      wrap: true,
      placeholder: 'arn:aws:iam::111122223333:user/alice',
      extra: h('select', { 'aria-label': t('principalPreset'), class: 'preset', onchange: (e) => {
        if (!e.target.value) return;
        const callerBefore = /^arn:[^:]+:[^:]+::(\d{12}):/.exec(r.principal)?.[1];
        r.principal = e.target.value;
        principalInput.value = r.principal;
        // Another account's user reaches the resource where it is: the
        // resource account stays the one used so far, not the caller's.
        const caller = /^arn:[^:]+:[^:]+::(\d{12}):/.exec(r.principal)?.[1];
        if (e.target.selectedOptions[0]?.dataset.preset === 'presetOther' && !r.resourceAccount.trim()) {
          const home = usedAccount && usedAccount !== caller ? usedAccount : callerBefore && callerBefore !== caller ? callerBefore : HOME_ACCOUNT;
          r.resourceAccount = home;
          document.getElementById('req-resourceAccount').value = home;
        }
        e.target.value = '';
        changed();
      } }, h('option', { value: '' }, t('presetPick')), PRESETS.map(([k, v]) => h('option', { value: v, 'data-preset': k }, t(k)))),
    });
    const principalInput = principal.querySelector('textarea');
    let describeTimer = 0;
    const describeSoon = () => {
      clearTimeout(describeTimer);
      describeTimer = setTimeout(() => describeAction(hints, resourceList, keyList), 200);
    };
    const action = field('action', r, { placeholder: 's3:GetObject', list: 'action-list',
      onInput: () => {
        suggestActions(actionList);
        describeSoon();
      },
      onFocus: () => suggestActions(actionList),
      onChange: describeSoon });
    const resource = field('resource', r, { placeholder: 'arn:aws:s3:::amzn-s3-demo-bucket/key', list: 'resource-list' });
    const account = field('resourceAccount', r, { placeholder: usedAccount || '111122223333', optional: true });
    accountNote = h('p', { class: 'field-note', id: 'req-resourceAccount-used', 'data-testid': 'resource-account-used' });
    account.append(accountNote);

    const rows = h('div', { class: 'context-rows' });
    const renderRows = () => {
      rows.replaceChildren(...r.context.map((c, i) => contextRow(c, i)));
    };
    const contextRow = (c, i) => {
      const keyId = uid('ck');
      const valId = uid('cv');
      return h('div', { class: 'context-row' },
        h('label', { for: keyId, class: 'visually-hidden' }, t('contextKey')),
        h('input', { id: keyId, type: 'text', list: 'key-list', value: c.key, placeholder: 'aws:SourceIp', spellcheck: 'false', oninput: (e) => {
          c.key = e.target.value;
          changed();
        } }),
        h('label', { for: valId, class: 'visually-hidden' }, t('contextValue')),
        h('input', { id: valId, type: 'text', value: c.value, placeholder: '203.0.113.10', title: t('contextValueHelp'), spellcheck: 'false', oninput: (e) => {
          c.value = e.target.value;
          changed();
        } }),
        h('button', { type: 'button', class: 'quiet icon', 'aria-label': `${t('remove')} ${c.key}`, onclick: () => {
          r.context.splice(i, 1);
          renderRows();
          changed();
        } }, '×'));
    };
    renderRows();
    const contextMsg = h('p', { class: 'field-message', role: 'alert', hidden: true });
    fieldMessages.set('context', contextMsg);

    root.replaceChildren(
      principal, action, resource, account, hints,
      h('fieldset', { class: 'context' },
        h('legend', {}, t('context')),
        h('div', { class: 'context-head', 'aria-hidden': 'true' }, h('span', {}, t('contextKey')), h('span', {}, t('contextValue'))),
        rows,
        contextMsg,
        h('button', { type: 'button', onclick: () => {
          r.context.push({ key: '', value: '' });
          renderRows();
          rows.lastElementChild?.querySelector('input')?.focus();
        } }, '+ ', t('addContext'))),
      actionList, resourceList, keyList);
    // Catalog look-ups wait for the first decision, which goes first.
    idle.then(() => describeAction(hints, resourceList, keyList));
  }

  // field is one request field. A wrapping one (the principal, whose ARNs
  // are long) is a one-line text area that grows with its text, so that
  // the whole ARN shows on a narrow screen; Enter does not break its line.
  function field(name, r, { placeholder, list, extra, optional, onInput, onFocus, onChange, wrap } = {}) {
    const id = 'req-' + name;
    const msg = h('p', { class: 'field-message', id: id + '-msg', role: 'alert', hidden: true });
    fieldMessages.set(name, msg);
    const attrs = { id, value: r[name], placeholder, list, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': id + '-msg',
      oninput: (e) => {
        if (wrap && /[\r\n]/.test(e.target.value)) e.target.value = e.target.value.replace(/[\r\n]+/g, '');
        r[name] = e.target.value;
        changed();
        onInput?.();
      },
      onkeydown: wrap ? (e) => e.key === 'Enter' && e.preventDefault() : undefined,
      onfocus: onFocus,
      onchange: onChange };
    return h('div', { class: 'field' },
      h('label', { for: id }, t(name), optional && h('span', { class: 'optional' }, ` (${t('optional')})`)),
      h('div', { class: 'field-input' },
        wrap ? h('textarea', { ...attrs, rows: 1, class: 'wrap' }) : h('input', { ...attrs, type: 'text' }),
        extra),
      msg);
  }

  // suggestActions offers "service:" prefixes until a known service is
  // typed, then that service's actions.
  async function suggestActions(list) {
    const value = getState().request.action;
    const [prefix] = value.split(':');
    if (value.includes(':')) {
      const p = prefix.toLowerCase();
      if (p === loadedService) return;
      const ans = await engine.call('actions', p);
      if (!ans.actions) return;
      loadedService = p;
      list.replaceChildren(...ans.actions.map((a) => h('option', { value: a.name }, a.access)));
      return;
    }
    if (!services) services = (await engine.call('services')).services || [];
    if (loadedService !== '') {
      loadedService = '';
      list.replaceChildren();
    }
    if (!list.childElementCount) list.replaceChildren(...services.map((s) => h('option', { value: s.p + ':' }, s.n)));
  }

  // describeAction shows the action's ARN patterns and fills the resource
  // and context-key suggestions.
  async function describeAction(hints, resourceList, keyList) {
    const name = getState().request.action.trim();
    if (!/^[\w-]+:[\w-]+$/.test(name)) {
      hints.replaceChildren();
      return;
    }
    const ans = await engine.call('action', name).catch(() => ({}));
    if (ans.error || !ans.name) {
      hints.replaceChildren();
      actionInfo = null;
      return;
    }
    actionInfo = ans;
    const arns = (ans.resources || []).flatMap((r) => r.arns.map((a) => ({ type: r.type, arn: a })));
    const arnList = h('ul', { class: 'arn-hints' }, arns.map((a) => h('li', {}, h('code', {}, a.arn), ' ', h('span', { class: 'help' }, a.type))));
    hints.replaceChildren(
      !arns.length
        ? h('p', { class: 'help' }, t('noResourceTypes', { action: ans.name }))
        : arns.length > 3 // many resource types (ec2:RunInstances): folded
          ? h('details', { class: 'action-keys' }, h('summary', {}, t('arnPatterns', { action: ans.name }), ` (${arns.length})`), arnList)
          : h('div', {}, h('p', { class: 'help' }, t('arnPatterns', { action: ans.name })), arnList),
      ans.conditionKeys?.length
        ? h('details', { class: 'action-keys' }, h('summary', {}, t('keysOfAction', { action: ans.name })),
          h('ul', {}, ans.conditionKeys.map((k) => h('li', {}, h('code', {}, k.name), ' ', h('span', { class: 'help' }, k.type)))))
        : null);
    resourceList.replaceChildren(...arns.map((a) => h('option', { value: exampleARN(a.arn, getState().request.principal) })));
    const keys = new Set([...(ans.conditionKeys || []).map((k) => k.name), ...GLOBAL_KEYS]);
    keyList.replaceChildren(...[...keys].map((k) => h('option', { value: k })));
  }

  return {
    render,
    // showResourceAccount shows the resource account the engine used (the
    // field's, else the resource ARN's, else the caller's), and whether it
    // is the caller's; nothing while the scenario cannot be evaluated.
    showResourceAccount(report) {
      usedAccount = report?.resourceAccount || '';
      const input = document.getElementById('req-resourceAccount');
      const placeholder = usedAccount || '111122223333';
      if (input && input.placeholder !== placeholder) input.placeholder = placeholder;
      if (!accountNote) return;
      const note = usedAccount
        ? t('resourceAccountUsed', { account: usedAccount, how: report.sameAccount ? t('resourceAccountSame') : t('resourceAccountOther') })
        : '';
      if (accountNote.textContent !== note) accountNote.textContent = note; // no DOM change, no re-layout
    },
    // showProblems puts messages under the fields they name.
    showProblems(byField) {
      for (const [name, el] of fieldMessages) {
        const list = byField.get(name) || [];
        const text = list.join('\n');
        if (el.textContent === text && el.hidden === !list.length) continue; // no DOM change, no re-layout
        el.hidden = !list.length;
        el.textContent = text;
        document.getElementById('req-' + name)?.setAttribute('aria-invalid', list.length ? 'true' : 'false');
      }
    },
    actionInfo: () => actionInfo,
  };
}

// exampleARN fills an ARN pattern's partition, region and account.
function exampleARN(pattern, principal) {
  const account = /:(\d{12}):/.exec(principal)?.[1] || '111122223333';
  return pattern.replace('${Partition}', 'aws').replace('${Region}', 'us-east-1').replace('${Account}', account);
}
