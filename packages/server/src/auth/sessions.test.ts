import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingInfoSchema, type Actor } from '@gavel/shared';
import { MeetingService } from '../meetings/service';
import { SqliteStore } from '../store/sqlite';
import { Auth } from './sessions';

const ADMIN: Actor = { role: 'admin', name: 'Administrator' };
const opened: { store: SqliteStore; dir: string }[] = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A meeting on a SQLite store, its codes in clear, and an Auth that caches sessions (as the server does on SQLite). */
async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-auth-'));
  const store = new SqliteStore(join(dir, 'gavel.sqlite'));
  opened.push({ store, dir });
  const meetings = new MeetingService(store);
  let now = new Date('2027-01-27T09:00:00Z');
  const auth = new Auth(store, meetings, 'admin-token-0123456789abcdef0123', 8, { clock: () => now, cacheSessions: true });
  const created = await meetings.create(MeetingInfoSchema.parse({ body: 'Test body', title: 'Cache', venue: 'Geneva', startDate: '2027-01-27', endDate: '2027-01-29', language: 'en' }), ADMIN);
  const codeOf = (role: string) => {
    const issued = created.events.find((e) => e.type === 'AccessCodeIssued' && e.payload.code.role === role);
    const codeId = issued?.type === 'AccessCodeIssued' ? issued.payload.code.id : '';
    return { codeId, code: created.issuedCodes.find((c) => c.codeId === codeId)!.code };
  };
  const signIn = async (role: string, name: string) => {
    const { token } = await auth.signIn(created.meetingId, codeOf(role).code, name);
    return token;
  };
  return { store, meetings, auth, meetingId: created.meetingId, codeOf, signIn, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('Auth with the session cache', () => {
  it('reads a session from the store once, then from memory, with the same identity', async () => {
    const { store, auth, signIn } = await setUp();
    const token = await signIn('secretariat', 'Officer');
    let reads = 0;
    const find = store.findSession.bind(store);
    store.findSession = (hash) => (reads++, find(hash));
    const first = await auth.authenticate(token);
    const second = await auth.authenticate(token);
    expect(reads).toBe(1);
    expect(second).toEqual(first);
    expect(second?.actor).toMatchObject({ role: 'secretariat', name: 'Officer' });
    // Each request gets its own actor object.
    expect(second?.actor).not.toBe(first?.actor);
  });

  it('refuses a cached session once signed out', async () => {
    const { auth, signIn } = await setUp();
    const token = await signIn('secretariat', 'Officer');
    const other = await signIn('secretariat', 'Other officer');
    const who = await auth.authenticate(token);
    await auth.authenticate(other);
    await auth.signOut(who!.tokenHash);
    expect(await auth.authenticate(token)).toBeUndefined();
    expect(await auth.authenticate(other)).toBeDefined();
  });

  it('refuses a session read (and cached) while its sign-out was on its way to the store', async () => {
    const { auth, signIn } = await setUp();
    const token = await signIn('secretariat', 'Officer');
    const who = await auth.authenticate(token);
    await auth.signOut(who!.tokenHash);
    const token2 = await signIn('secretariat', 'Officer');
    const who2 = (await auth.authenticate(token2))!;
    // The delete is in the writer thread: a request now still finds the row, as it would without a cache...
    const signingOut = auth.signOut(who2.tokenHash);
    await auth.authenticate(token2);
    await signingOut;
    // ...but once the sign-out has returned, never again.
    expect(await auth.authenticate(token2)).toBeUndefined();
  });

  it('refuses a cached session whose code was revoked, and forgets the code’s sessions when they end', async () => {
    const { meetings, auth, meetingId, codeOf, signIn } = await setUp();
    const viewer = await signIn('viewer', 'Observer');
    const officer = (await auth.authenticate(await signIn('secretariat', 'Officer')))!;
    expect(await auth.authenticate(viewer)).toBeDefined();
    await meetings.execute(meetingId, officer.actor, { type: 'access.revoke', codeId: codeOf('viewer').codeId });
    // Refused at once (the meeting's state says the code is revoked), before its sessions are deleted.
    expect(await auth.authenticate(viewer)).toBeUndefined();
    await auth.endSessionsOfCode(meetingId, codeOf('viewer').codeId);
    expect(await auth.authenticate(viewer)).toBeUndefined();
    expect(await auth.authenticate(await signIn('secretariat', 'Officer 2'))).toBeDefined();
  });

  it('refuses a cached session once expired', async () => {
    const { auth, signIn, advance } = await setUp();
    const token = await signIn('secretariat', 'Officer');
    expect(await auth.authenticate(token)).toBeDefined();
    advance(8 * 3_600_000 - 1);
    expect(await auth.authenticate(token)).toBeDefined();
    advance(1);
    expect(await auth.authenticate(token)).toBeUndefined();
  });

  it('forgets a session ended on another node (told over the cluster relay)', async () => {
    const { store, auth, signIn } = await setUp();
    const token = await signIn('secretariat', 'Officer');
    const who = (await auth.authenticate(token))!;
    // Another node deleted it from the shared store and relayed it.
    await store.deleteSession(who.tokenHash);
    expect(await auth.authenticate(token)).toBeDefined();
    auth.announceEnded({ tokenHash: who.tokenHash });
    expect(await auth.authenticate(token)).toBeUndefined();
  });
});
