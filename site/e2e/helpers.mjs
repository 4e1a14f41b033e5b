// Helpers shared by the end-to-end tests.

import { deflateRawSync } from 'node:zlib';

// fragment encodes scenario text as a v1 share link fragment (Node's zlib;
// the page and Go must both read it).
export function fragment(text, version = 1) {
  return `v${version}.` + deflateRawSync(Buffer.from(text)).toString('base64url');
}

// setEditor replaces the text of the n-th policy editor by typing into it
// as a user would (select all, then insert the text).
export async function setEditor(page, n, text) {
  const content = page.locator('.cm-content').nth(n);
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

export async function editorText(page, n) {
  return page.locator('.cm-content').nth(n).evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
}

// goCall runs one entry point of the Go module in a worker of its own,
// exactly as the page does, and resolves to its answer.
export function goCall(page, op, ...args) {
  return page.evaluate(async ({ op, args }) => {
    const w = new Worker('worker.js');
    const answer = await new Promise((resolve) => {
      w.onmessage = (e) => e.data.id === 1 && resolve(e.data.result);
      w.postMessage({ id: 1, op, args });
    });
    w.terminate();
    return answer;
  }, { op, args });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const scenario = (doc, extra = {}) => JSON.stringify({
  request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt' },
  identityPolicies: [{ name: 'P1', document: doc }],
  ...extra,
});
