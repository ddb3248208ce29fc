/**
 * Production runs the compiled server (`pnpm build:server`, then
 * `node packages/server/dist/main.js`), with no TypeScript at run time. This
 * builds it, starts it with plain node, and goes through the paths that load
 * what the bundle leaves as imports: the store (a native module), the
 * workspace package's own dependencies, the editor on the server, what the
 * build defers to first use (reading a DOCX upload, the Word export), and a
 * live text over socket.io.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docx } from '@gavel/server/drafting/docx-fixture';
import { connect } from '../support/fixtures';
import { ApiClient, COMPILED_MAIN, ROOT, spawnServer, tempDir } from '../support/server';

const dataDir = tempDir('gavel-compiled-');
let server: Awaited<ReturnType<typeof spawnServer>>;

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs')], { stdio: 'pipe' });
  server = await spawnServer(dataDir, {}, { compiled: true });
}, 60_000);
afterAll(async () => {
  await server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled server', () => {
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

    const socket = await connect(server.url, { token: signIn.body.token });
    try {
      const joined = await socket.timeout(5000).emitWithAck('doc:join', 'recommendations');
      expect(joined).toMatchObject({ ok: true, canWrite: true });
    } finally {
      socket.disconnect();
    }
  });
});
