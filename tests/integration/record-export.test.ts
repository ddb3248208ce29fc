/**
 * The record's export, verified offline by scripts/verify-record.mjs (Node
 * only, apart from the server's code): the ledger and the texts' chains, the
 * anchors, the signed head; a changed line is named; a later export contains
 * an earlier one's head, and a record cut back to an earlier state does not
 * contain a later export's head.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, setupNegotiation, type NegotiationFixture } from '../support/negotiation';
import { ROOT, TestServer } from '../support/server';
import { signedHeadValid } from '@gavel/server/record/service';
import type { SignedHead } from '@gavel/shared';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'gavel-record-export-'));
let server: TestServer;
let f: NegotiationFixture;

beforeAll(async () => {
  server = await TestServer.start();
  f = await setupNegotiation(server);
  await ok(f.chair.command(f.meetingId, { type: 'adoption.decide', doc: 'recommendations', paragraphIds: [f.p[1]], outcome: 'adopted' }));
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function exportTo(name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/ledger`, { headers: { authorization: `Bearer ${f.norway.client.token}` } });
  expect(res.status).toBe(200);
  const file = join(dir, name);
  writeFileSync(file, await res.text());
  return file;
}

async function verify(...files: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [join(ROOT, 'scripts/verify-record.mjs'), ...files]);
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

describe('the record verified offline', () => {
  it('verifies an export: events, the texts\u2019 chains, the anchors and the signed head', async () => {
    const file = await exportTo('a.jsonl');
    const { code, out } = await verify(file);
    expect(out).toMatch(/^VERIFIED: meeting .*events, texts: recommendations \(\d+ updates\)/);
    expect(code).toBe(0);
  });

  it('names a changed event, a changed text update and a changed signed head', async () => {
    const text = await (await fetch(`${server.url}/api/meetings/${f.meetingId}/ledger`, { headers: { authorization: `Bearer ${f.norway.client.token}` } })).text();
    const lines = text.trim().split('\n');
    const event = lines.findIndex((l) => l.includes('"DelegationRegistered"'));
    const forged = [...lines];
    forged[event] = forged[event].replace('"state_party"', '"observer_state"');
    writeFileSync(join(dir, 'forged-event.jsonl'), `${forged.join('\n')}\n`);
    const byEvent = await verify(join(dir, 'forged-event.jsonl'));
    expect(byEvent.code).toBe(1);
    expect(byEvent.out).toMatch(/NOT VERIFIED: .*ledger event \d+: its content does not match its hash/);

    const update = lines.findIndex((l) => l.startsWith('{"textUpdate"'));
    const changed = JSON.parse(lines[update]);
    changed.textUpdate.update = Buffer.from('forged').toString('base64');
    const forgedText = [...lines];
    forgedText[update] = JSON.stringify(changed);
    writeFileSync(join(dir, 'forged-text.jsonl'), `${forgedText.join('\n')}\n`);
    const byText = await verify(join(dir, 'forged-text.jsonl'));
    expect(byText.code).toBe(1);
    expect(byText.out).toMatch(/text recommendations, update 1: its content does not match its hash/);

    // A shorter record with a head re-made to match it: the signature gives it away.
    const last = JSON.parse(lines.at(-1)!);
    last.signedHead.head.ledger.seq -= 1;
    writeFileSync(join(dir, 'forged-head.jsonl'), `${[...lines.slice(0, -1), JSON.stringify(last)].join('\n')}\n`);
    expect((await verify(join(dir, 'forged-head.jsonl'))).out).toMatch(/the signature of the head does not verify/);
  });

  it('shows that a later record contains an earlier export, and that one cut back does not', async () => {
    const earlier = await exportTo('earlier.jsonl');
    await ok(f.secretariat.command(f.meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '242' } }));
    const later = await exportTo('later.jsonl');
    const forward = await verify(later, earlier);
    expect(forward.out).toMatch(/VERIFIED: .*contains the earlier export/);
    expect(forward.code).toBe(0);
    // The earlier file stands for a record cut back since the later export was taken.
    const back = await verify(earlier, later);
    expect(back.code).toBe(1);
    expect(back.out).toMatch(/ledger event \d+, in the earlier export's head, is not in this record as it was/);
  });

  it('puts the signed head in the report a delegation downloads', async () => {
    const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/report?format=html`, { headers: { authorization: `Bearer ${f.norway.client.token}` } });
    const token = /<meta name="gavel-record-head" content="([^"]+)">/.exec(await res.text())?.[1];
    const signed = JSON.parse(Buffer.from(token!, 'base64').toString('utf8')) as SignedHead;
    expect(signedHeadValid(signed)).toBe(true);
    expect(signed.head.meetingId).toBe(f.meetingId);
    const json = await (await fetch(`${server.url}/api/meetings/${f.meetingId}/report?format=json`, { headers: { authorization: `Bearer ${f.norway.client.token}` } })).json();
    expect(signedHeadValid(json.recordHead)).toBe(true);
  });
});
