// Share links (share-url.md): "#v1." + base64url(raw DEFLATE(scenario)).
// The same format as package share in Go; the tests check both ways.

export const MAX_PAYLOAD = 64 << 10;
export const MAX_INFLATED = 256 << 10;

// ShareError is a refused link; code matches package share's codes.
export class ShareError extends Error {
  constructor(code, params = {}) {
    super(code);
    this.code = code;
    this.params = params;
  }
}

export async function encodeFragment(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const payload = toBase64url(bytes);
  if (payload.length > MAX_PAYLOAD) throw new ShareError('share.encodeTooLarge');
  return 'v1.' + payload;
}

// decodeFragment returns the scenario text of a fragment (with or without
// '#'), reading at most MAX_INFLATED bytes of output whatever the input.
export async function decodeFragment(fragment) {
  const f = fragment.replace(/^#/, '');
  if (!f) throw new ShareError('share.empty');
  const m = /^v(\d+)\.(.*)$/s.exec(f);
  if (!m || Number(m[1]) < 1) throw new ShareError('share.format');
  if (m[1] !== '1') throw new ShareError('share.version', { v: m[1] });
  const payload = m[2];
  if (payload.length > MAX_PAYLOAD) throw new ShareError('share.tooLong');
  const bytes = fromBase64url(payload);
  if (!bytes) throw new ShareError('share.base64');
  const out = await inflate(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch {
    throw new ShareError('share.utf8');
  }
}

async function inflate(bytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_INFLATED) {
        reader.cancel().catch(() => {});
        throw new ShareError('share.tooLarge');
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof ShareError) throw e;
    throw new ShareError('share.deflate');
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
