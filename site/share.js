// The browser's share-link encoder (share-url.md): "v1." +
// base64url(raw DEFLATE(scenario)), for the tutorials' "Open in
// playground" links, which follow their editors without the module. The
// playground itself makes and opens links through the module (package
// share), the one decoder; this encoder refuses what that decoder refuses,
// so a link it makes always opens. The limits are share.MaxPayload and
// share.MaxInflated.

export const MAX_PAYLOAD = 64 << 10;
export const MAX_INFLATED = 256 << 10;

// ShareError is a scenario that cannot be shared; code matches package
// share's codes.
export class ShareError extends Error {
  constructor(code, params = {}) {
    super(code);
    this.code = code;
    this.params = params;
  }
}

export async function encodeFragment(text) {
  const raw = new TextEncoder().encode(text);
  if (raw.length > MAX_INFLATED) throw new ShareError('share.encodeTooLarge');
  const stream = new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const payload = toBase64url(bytes);
  if (payload.length > MAX_PAYLOAD) throw new ShareError('share.encodeTooLarge');
  return 'v1.' + payload;
}

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
