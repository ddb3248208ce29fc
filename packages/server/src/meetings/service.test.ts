import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeetingInfoSchema, parseCommand, type Actor } from '@gavel/shared';
import { SqliteStore } from '../store/sqlite';
import type { LedgerAppend } from '../store/store';
import { MeetingService } from './service';

const ADMIN: Actor = { role: 'admin', name: 'Administrator' };
const OFFICER: Actor = { role: 'secretariat', name: 'Officer' };

/** A SQLite store whose group commits each wait for the test to let them through, in order. */
class HeldStore extends SqliteStore {
  /** The batches asked for, in order; `release` lets one be written. */
  readonly commits: { appends: LedgerAppend[]; release: () => void }[] = [];
  holding = false;

  override async appendMany(appends: LedgerAppend[]) {
    if (this.holding) await new Promise<void>((release) => this.commits.push({ appends, release }));
    return super.appendMany(appends);
  }
}

const dirs: string[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setUp(options: { commitIntervalMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-meetings-'));
  dirs.push(dir);
  const store = new HeldStore(join(dir, 'gavel.sqlite'));
  stores.push(store);
  const meetings = new MeetingService(store, options);
  const { meetingId } = await meetings.create(
    MeetingInfoSchema.parse({ body: 'Test body', title: 'Group commit', venue: 'Geneva', startDate: '2027-01-27', endDate: '2027-01-29', language: 'en' }),
    ADMIN,
  );
  const addItem = (title: string) => meetings.execute(meetingId, OFFICER, parseCommand({ type: 'agenda.addItem', title }));
  return { store, meetings, meetingId, addItem };
}

describe('MeetingService group commit', () => {
  it('commits a command on an idle writer after the turn it was decided in, even just after another commit', async () => {
    const { store, addItem } = await setUp();
    // The clock stands still: as if the first commit had returned at once. The writer is idle: no wait.
    vi.spyOn(performance, 'now').mockReturnValue(performance.now());
    await addItem('First');
    store.holding = true;
    const second = addItem('Second');
    await nextTurn();
    await nextTurn();
    expect(store.commits.map((c) => c.appends.length)).toEqual([1]);
    store.commits[0].release();
    expect((await second).events.map((e) => e.type)).toEqual(['AgendaItemAdded']);
  });

  it('gathers what is decided while a commit is on its way into the next one, and answers none before it is durable', async () => {
    const { store, meetings, meetingId, addItem } = await setUp();
    store.holding = true;
    const answered: string[] = [];
    const run = (title: string) => addItem(title).then((o) => (answered.push(title), o));
    const first = run('First');
    await nextTurn();
    await nextTurn();
    expect(store.commits).toHaveLength(1);
    // Decided on top of the first (which is not durable yet): queued, not sent, not answered.
    const later = ['Second', 'Third', 'Fourth'].map(run);
    await nextTurn();
    await nextTurn();
    expect(store.commits).toHaveLength(1);
    expect(answered).toEqual([]);
    expect((await meetings.state(meetingId))?.seq).toBe(store.commits[0].appends[0].expectedSeq);

    store.commits[0].release();
    await first;
    // Once the first returned, the three go to the store together: one transaction, one flush.
    await nextTurn();
    await nextTurn();
    expect(store.commits).toHaveLength(2);
    expect(store.commits[1].appends.map((a) => a.expectedSeq)).toEqual([1, 2, 3].map((i) => store.commits[0].appends[0].expectedSeq + i));
    expect(answered).toEqual(['First']);
    store.commits[1].release();
    await Promise.all(later);
    expect(answered).toEqual(['First', 'Second', 'Third', 'Fourth']);
  });

  it('under load (a commit of 8 commands or more) waits the interval before the next commit', async () => {
    const { store, addItem } = await setUp({ commitIntervalMs: 200 });
    store.holding = true;
    const first = addItem('First');
    await nextTurn();
    await nextTurn();
    const eight = Array.from({ length: 8 }, (_, i) => addItem(`Item ${i}`));
    await nextTurn();
    store.commits[0].release();
    await first;
    // The first carried one command: the eight go at once, together.
    await nextTurn();
    await nextTurn();
    expect(store.commits.map((c) => c.appends.length)).toEqual([1, 8]);
    store.commits[1].release();
    await Promise.all(eight);
    // After a commit of eight, the next waits for the interval.
    const next = addItem('Next');
    await nextTurn();
    await nextTurn();
    expect(store.commits).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(store.commits.map((c) => c.appends.length)).toEqual([1, 8, 1]);
    store.commits[2].release();
    await next;
  });
});
