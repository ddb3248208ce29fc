/**
 * How responses travel: compressed when the client takes it (API answers,
 * streamed files, the build's own .br/.gz copies), hashed assets cached for
 * good, index.html revalidated, no source map served, the page's own inline
 * script allowed by its hash.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, TestServer, tempDir } from '../support/server';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that leaves the body as it came over the wire (fetch would decompress it and hide the encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(res: Raw): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body).toString();
  if (encoding === 'gzip') return gunzipSync(res.body).toString();
  return res.body.toString();
}

const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i}`))};\n`;
const ICON = `<svg xmlns="http://www.w3.org/2000/svg">${'<path d="M0 0h10v10H0z"/>'.repeat(100)}</svg>`;
const FIRST_SCRIPT = 'window.started = performance.now();';
const PAGE = `<!doctype html><html><head><script>${FIRST_SCRIPT}</script><script type="module" src="/assets/app-Ab12Cd34.js"></script></head><body></body></html>`;

let server: TestServer;
let meetingId: string;
let token: string;

beforeAll(async () => {
  // A built web app as Vite lays it out: hashed assets with their compressed copies, and a stray source map.
  const web = tempDir('gavel-web-');
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), PAGE);
  writeFileSync(join(web, 'assets/app-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(web, 'assets/app-Ab12Cd34.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(web, 'assets/app-Ab12Cd34.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(web, 'assets/app-Ab12Cd34.js.map'), JSON.stringify({ version: 3, sources: ['secret.ts'] }));
  writeFileSync(join(web, 'assets/icon-Ef56Gh78.svg'), ICON);
  server = await TestServer.start({ config: { webDir: web } });
  const meeting = await server.createMeeting();
  meetingId = meeting.meetingId;
  const secretariat = await server.signIn(meetingId, meeting.secretariatCode);
  token = secretariat.token!;
  // Enough delegations that the state is worth compressing.
  for (const m49 of ['578', '250', '826', '032', '076', '124', '156', '356', '392', '484']) {
    await ok(secretariat, meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49 } });
  }
});
afterAll(() => server.stop());

describe('compression', () => {
  it('compresses the meeting state, and the decompressed body is the same JSON', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const plain = await get(`${server.url}/api/meetings/${meetingId}/state`, auth);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['gzip', 'br']) {
      const res = await get(`${server.url}/api/meetings/${meetingId}/state`, { ...auth, 'accept-encoding': encoding });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.body.length).toBeLessThan(plain.body.length / 2);
      expect(JSON.parse(decoded(res))).toEqual(JSON.parse(plain.body.toString()));
    }
  });

  it('compresses other API answers and the ledger export', async () => {
    const commands = await get(`${server.url}/api/commands`, { 'accept-encoding': 'gzip' });
    expect(commands.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(commands)).commands).toBeTruthy();
    const ledger = await get(`${server.url}/api/meetings/${meetingId}/ledger?format=jsonl`, {
      authorization: `Bearer ${token}`,
      'accept-encoding': 'gzip',
    });
    expect(ledger.headers['content-encoding']).toBe('gzip');
    expect(decoded(ledger).trim().split('\n').length).toBeGreaterThan(10);
  });

  it('compresses a file streamed from disk that the build did not compress', async () => {
    const res = await get(`${server.url}/assets/icon-Ef56Gh78.svg`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(decoded(res)).toBe(ICON);
  });

  it('leaves small answers and clients that take no compression alone', async () => {
    const health = await get(`${server.url}/health`, { 'accept-encoding': 'gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    const script = await get(`${server.url}/assets/app-Ab12Cd34.js`);
    expect(script.headers['content-encoding']).toBeUndefined();
    expect(script.body.toString()).toBe(SCRIPT);
  });
});

describe('the web app', () => {
  it('sends the build’s compressed copy of a hashed script, cached for good', async () => {
    for (const encoding of ['br', 'gzip']) {
      const res = await get(`${server.url}/assets/app-Ab12Cd34.js`, { 'accept-encoding': `${encoding}` });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(decoded(res)).toBe(SCRIPT);
    }
  });

  it('revalidates index.html, at / and at every client route', async () => {
    for (const path of ['/', '/delegation', '/story/recommendations/p_abcdef12']) {
      const res = await get(server.url + path, { 'accept-encoding': 'gzip' });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(/text\/html/);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(decoded(res), path).toBe(PAGE);
    }
  });

  it('lets the page’s own inline script run, by its hash, and no other inline script', async () => {
    const res = await get(`${server.url}/delegation`);
    const scriptSrc = String(res.headers['content-security-policy'])
      .split(';')
      .find((d) => d.trim().startsWith('script-src'))!;
    const hash = createHash('sha256').update(FIRST_SCRIPT).digest('base64');
    expect(scriptSrc.trim().split(/\s+/)).toEqual(['script-src', "'self'", `'sha256-${hash}'`]);
  });

  it('sends the same security headers on every kind of answer: API, page, asset, refusal, not found', async () => {
    const csp = [
      "default-src 'self'",
      "base-uri 'self'",
      "font-src 'self' https: data:",
      "form-action 'self'",
      "frame-ancestors 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      `script-src 'self' 'sha256-${createHash('sha256').update(FIRST_SCRIPT).digest('base64')}'`,
      "script-src-attr 'none'",
      "style-src 'self' https: 'unsafe-inline'",
      "connect-src 'self'",
    ].join(';');
    const expected = {
      'content-security-policy': csp,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    const answers = [
      await get(`${server.url}/api/meetings/${meetingId}/state`, { authorization: `Bearer ${token}` }),
      await get(`${server.url}/api/meetings/${meetingId}/state`),
      await get(`${server.url}/api/no-such-route`),
      await get(`${server.url}/health`),
      await get(`${server.url}/delegation`),
      await get(`${server.url}/assets/app-Ab12Cd34.js`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 404, 200, 200, 200]);
    for (const a of answers) {
      expect(Object.fromEntries(Object.keys(expected).map((k) => [k, a.headers[k]]))).toEqual(expected);
      expect(a.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves no source map, and no page in place of a missing file', async () => {
    for (const path of ['/assets/app-Ab12Cd34.js.map', '/assets/app-Old00000.js', '/assets/app-Ab12Cd34.js.gz']) {
      const res = await get(server.url + path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString(), path).not.toContain('secret.ts');
    }
  });
});
