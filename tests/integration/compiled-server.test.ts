/**
 * Production runs the compiled server (`pnpm build:server`, then
 * `node packages/server/dist/main.js`), with no TypeScript at run time. This
 * builds it, starts it with plain node, and goes through the paths that load
 * what the bundle leaves as imports: the store (a native module), the
 * workspace package's own dependencies, the editor on the server, what the
 * build defers to first use (reading a DOCX upload, the Word export), and a
 * live text over socket.io. It also writes down every module the server
 * loads (tests/support/loaded-modules.mjs): what serves only a rare request
 * (the exports, imports, slips, another store) must not be loaded at start,
 * where it would cost memory before any client (issue 14).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docx } from '@gavel/server/drafting/docx-fixture';
import Database from 'better-sqlite3';
import { connect } from '../support/fixtures';
import { openDoc } from '../support/drafting';
import { ApiClient, COMPILED_MAIN, ROOT, spawnServer, tempDir } from '../support/server';

const dataDir = tempDir('gavel-compiled-');
const modulesFile = join(dataDir, 'loaded-modules.txt');
let server: Awaited<ReturnType<typeof spawnServer>>;
/** The modules loaded when the server had started, before any request. */
let atStart: string[];
const loaded = () => readFileSync(modulesFile, 'utf8').split('\n').filter(Boolean);

/**
 * Packages for a rare request or another configuration, each loaded on first use: the Word export (in its
 * thread), reading a DOCX upload (mammoth, a DOM), PDF printing, the access-code slips (QR codes, the UI's
 * words in six languages, also the list of participants'), PostgreSQL and the cluster (Redis); Lexical's
 * development build (the build bundles its production build) and the test-only packages never. The store's
 * writer thread starts with the first write, the texts' checkpoints' thread with the first checkpoint.
 */
const NOT_AT_START = [
  /docx-worker\.js$/,
  /\/docx\//,
  // The texts' checkpoints' thread: started by the first checkpoint.
  /checkpoint-worker\.js$/,
  /^require mammoth$/,
  /happy-dom/,
  /playwright/,
  /qrcode/,
  /\/slips-[A-Z0-9]+\.js$/,
  // The store's writer thread: started by the first write.
  /sqlite-writer\.js$/,
  /\/participants-[A-Z0-9]+\.js$/,
  /\/node_modules\/pg\//,
  /\/postgres-[A-Z0-9]+\.js$/,
  /\/redis\//,
  /\.dev\.js$/,
  /fast-check/,
  /vitest/,
];

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs')], { stdio: 'pipe' });
  server = await spawnServer(dataDir, { GAVEL_LOADED_MODULES: modulesFile }, { compiled: true, nodeArgs: ['--import', join(ROOT, 'tests/support/loaded-modules.mjs')] });
  atStart = loaded();
}, 60_000);
afterAll(async () => {
  await server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled server', () => {
  it("builds each thread's file with only what the thread needs, not the server", () => {
    // The packages a file of the build imports, with those of the chunks it imports, and their bytes.
    const closure = (file: string, seen = new Set<string>()): { packages: Set<string>; bytes: number } => {
      const packages = new Set<string>();
      let bytes = 0;
      if (seen.has(file)) return { packages, bytes };
      seen.add(file);
      const code = readFileSync(join(dirname(COMPILED_MAIN), file), 'utf8');
      bytes += code.length;
      for (const [, spec] of code.matchAll(/(?:from|import)\s*"([^"]+)"/g)) {
        if (!spec.startsWith('./')) packages.add(spec);
        else {
          const sub = closure(spec.slice(2), seen);
          sub.packages.forEach((p) => packages.add(p));
          bytes += sub.bytes;
        }
      }
      return { packages, bytes };
    };
    const writer = closure('sqlite-writer.js');
    expect([...writer.packages].sort()).toEqual(['better-sqlite3', 'canonicalize', 'node:crypto', 'node:worker_threads']);
    expect(writer.bytes).toBeLessThan(40_000);
    expect([...closure('docx-worker.js').packages].filter((p) => !p.startsWith('node:'))).toEqual(['docx']);
    expect([...closure('checkpoint-worker.js').packages].filter((p) => !p.startsWith('node:'))).toEqual(['yjs']);
  });

  it('loads at start what every meeting needs, and none of what only a rare request does', () => {
    // What the recorder sees: the server, the store, the web server, the texts.
    for (const needed of [/dist\/main\.js$/, /better-sqlite3/, /fastify/, /\/yjs\//]) {
      expect(atStart.some((m) => needed.test(m)), String(needed)).toBe(true);
    }
    expect(atStart.filter((m) => NOT_AT_START.some((r) => r.test(m)))).toEqual([]);
  });

  it('is plain JavaScript that imports no TypeScript', () => {
    const main = readFileSync(COMPILED_MAIN, 'utf8');
    expect(main).not.toMatch(/from\s+["'][^"']*\.ts["']/);
    expect(main).not.toContain('@gavel/shared');
  });

  it('runs a meeting: commands, the text on the server, the exports, a socket', async () => {
    const created = await server.admin().request('POST', '/api/meetings', {
      body: 'Working Group on Trafficking in Persons',
      title: 'Compiled',
      venue: 'Vienna',
      startDate: '2027-01-27',
      endDate: '2027-01-29',
    });
    expect(created.status).toBe(201);
    const { meetingId, secretariatCode } = created.body;
    const signIn = await server.admin().request('POST', '/api/session', { meetingId, code: secretariatCode, name: 'Officer' });
    expect(signIn.status).toBe(200);
    const secretariat = new ApiClient(server.url, signIn.body.token);

    // papaparse is a dependency of @gavel/shared only: the bundle must still find it.
    const imported = await secretariat.request(
      'POST',
      `/api/meetings/${meetingId}/participants/import?format=csv`,
      'category,state\nState party,Norway\n',
      { 'content-type': 'text/csv' },
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const state = await secretariat.request('GET', `/api/meetings/${meetingId}/state`);
    expect(Object.keys(state.body.state.delegations)).toHaveLength(1);

    // mammoth and a DOM (happy-dom) are loaded by this first DOCX upload, not at start.
    const file = docx([
      { heading: 1, runs: [{ text: 'A. Non-punishment' }] },
      { runs: [{ text: '1. The Working Group recommends that States ' }, { text: 'consider', italic: true }, { text: ' the principle.' }] },
    ]);
    const upload = await fetch(`${server.url}/api/meetings/${meetingId}/drafts/recommendations/import`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${signIn.body.token}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
      body: new Uint8Array(file),
    });
    expect(upload.status, await upload.clone().text()).toBe(200);
    const draft = await secretariat.request('GET', `/api/meetings/${meetingId}/drafts/recommendations`);
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.paragraphs.map((p: { text: string }) => p.text)).toEqual(['The Working Group recommends that States consider the principle.']);

    for (const format of ['docx', 'xml', 'md']) {
      const res = await fetch(`${server.url}/api/meetings/${meetingId}/report?format=${format}&lang=en`, {
        headers: { authorization: `Bearer ${signIn.body.token}` },
      });
      expect(res.status, format).toBe(200);
      expect((await res.arrayBuffer()).byteLength, format).toBeGreaterThan(500);
    }

    // Loaded on first use: the list of participants and the access-code slips (their QR codes).
    const participants = await fetch(`${server.url}/api/meetings/${meetingId}/participants?format=html&lang=fr`, {
      headers: { authorization: `Bearer ${signIn.body.token}` },
    });
    expect(participants.status).toBe(200);
    expect(await participants.text()).toContain('Norv');
    const slips = await secretariat.request('POST', `/api/meetings/${meetingId}/slips`, { codes: [secretariatCode], format: 'html' });
    expect(slips.status, JSON.stringify(slips.body)).toBe(200);
    expect(String(slips.body)).toContain('<svg');

    // The recorder saw them come (so that the test of what is loaded at start can fail).
    const now = loaded();
    for (const used of [/sqlite-writer\.js$/, /docx-worker\.js$/, /\/docx\//, /^require mammoth$/, /\/slips-[A-Z0-9]+\.js$/, /\/participants-[A-Z0-9]+\.js$/, /qrcode/]) {
      expect(now.some((m) => used.test(m)), String(used)).toBe(true);
    }

    const socket = await connect(server.url, { token: signIn.body.token });
    try {
      const joined = await socket.timeout(5000).emitWithAck('doc:join', 'recommendations');
      expect(joined).toMatchObject({ ok: true, canWrite: true });
    } finally {
      socket.disconnect();
    }

    // A text past 500 stored updates: its checkpoint is built in the checkpoints' thread, signed and saved.
    const writer = await openDoc(server.url, signIn.body.token);
    for (let i = 0; i < 520; i++) {
      writer.type(String(i % 10));
      // Below the server's rate of messages per connection.
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 80));
    }
    await writer.provider.whenSaved();
    writer.close();
    const db = new Database(join(dataDir, 'gavel.sqlite'), { readonly: true });
    try {
      const checkpoint = async () => {
        for (let tries = 0; tries < 100; tries++) {
          const row = db.prepare('SELECT seq FROM doc_snapshots WHERE meeting_id = ? AND doc_name = ? ORDER BY seq DESC LIMIT 1').get(meetingId, 'recommendations') as { seq: number } | undefined;
          if (row) return row.seq;
          await new Promise((r) => setTimeout(r, 100));
        }
        return undefined;
      };
      expect(await checkpoint()).toBeGreaterThanOrEqual(500);
    } finally {
      db.close();
    }
    expect(loaded().some((m) => /checkpoint-worker\.js$/.test(m))).toBe(true);
  });
});
