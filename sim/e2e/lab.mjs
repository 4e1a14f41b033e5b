// The simulated AWS as its users run it: `bin/iamlab serve` in a process of
// its own, and the AWS SDK for JavaScript v3 pointed at it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// The pinned SDK runs on Node 20; its warning is about releases to come.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The seed world's keys (docs/world.md).
export const account = '123456789012';
export const rootKeys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
export const appKeys = { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };
export const keyAdminKeys = { accessKeyId: 'AKIAIOSFODNN7KEYADMN', secretAccessKey: 'kEyAdMiNbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEK' };

// startTimeout bounds the wait for the line serve prints once it accepts
// connections.
const startTimeout = 20_000;

const serveLine = /^simulated AWS at (http:\/\/127\.0\.0\.1:\d+) \(account (\d{12})\)$/;

// startServe runs `bin/iamlab serve --world seed` on a free loopback port
// and resolves to { url, account, stop }; stop sends SIGTERM and resolves
// to the exit code.
export function startServe(args = ['--world', 'seed']) {
  const bin = process.env.IAMLAB_BIN || path.join(root, 'bin/iamlab');
  const child = spawn(bin, ['serve', '--addr', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('iamlab serve printed no line')); }, startTimeout);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = serveLine.exec(line);
      if (!m) {
        child.kill('SIGKILL');
        reject(new Error(`iamlab serve printed ${JSON.stringify(line)}`));
        return;
      }
      resolve({
        url: m[1], account: m[2], exited,
        stop: () => { child.kill('SIGTERM'); return exited; },
      });
    });
  });
}

// config is what every client of the lab takes: the endpoint, a Region,
// the caller's keys (none for unsigned calls), no retries.
export function config(url, credentials) {
  const c = { endpoint: url, region: 'us-east-1', maxAttempts: 1 };
  if (credentials) c.credentials = credentials;
  return c;
}

// events reads the lab's event log: one record per call, oldest first.
export async function events(url) {
  const resp = await fetch(`${url}/_iamlab/events`);
  if (resp.status !== 200) throw new Error(`events: ${resp.status}`);
  const text = await resp.text();
  return { text, records: text.split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

// refused runs fn and resolves to the AWS error it was refused with.
export async function refused(fn) {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('the call was not refused');
}
