import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocService } from '../docs/service';
import type { MeetingService } from '../meetings/service';
import type { Store } from '../store/store';
import type { RecordIntegrity } from './integrity';
import { RecordService, TEXT_HEAD_EVERY_MS } from './service';

/** A RecordService over stand-ins that only move: the ledger's events and the texts' relays, fired by hand. */
function setup() {
  const onEvents: ((meetingId: string) => void)[] = [];
  const onRelay: ((meetingId: string, docName: string) => void)[] = [];
  let seq = 0;
  const meetings = { onEvents: (f: (id: string) => void) => (onEvents.push(f), () => undefined), head: async () => ({ seq, hash: `h${seq}` }) };
  const docs = { onRelay: (f: (id: string, doc: string) => void) => (onRelay.push(f), () => undefined), heads: async () => ({}) };
  const integrity = { keys: { keyId: 'k', publicKey: 'p', sign: () => 's' } };
  const record = new RecordService({} as Store, meetings as unknown as MeetingService, docs as unknown as DocService, integrity as unknown as RecordIntegrity);
  const sent: number[] = [];
  const stop = record.announceHeads(() => sent.push(Date.now()));
  return {
    sent,
    stop,
    event: () => (seq++, onEvents.forEach((f) => f('m1'))),
    typed: (doc = 'recommendations') => onRelay.forEach((f) => f('m1', doc)),
  };
}

describe('record:head announcements', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('tell a ledger event at once and then once a second, a text being typed at most every five seconds, the last move always', async () => {
    const { sent, event, typed, stop } = setup();
    event();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([0]);
    // Typing: due five seconds after the last head…
    await vi.advanceTimersByTimeAsync(100);
    typed();
    // … unless the ledger moves meanwhile: then a second after it.
    await vi.advanceTimersByTimeAsync(100);
    event();
    await vi.advanceTimersByTimeAsync(800);
    expect(sent).toEqual([0, 1_000]);
    // Typing for four seconds, ten keys a second: one head, five seconds after the last.
    for (let t = 0; t < 4_000; t += 100) {
      typed();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(sent).toEqual([0, 1_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toEqual([0, 1_000, 1_000 + TEXT_HEAD_EVERY_MS]);
    // An amendment's draft is no text of the record: it moves nothing.
    await vi.advanceTimersByTimeAsync(10_000);
    typed('amendment:am_abcdef123456');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(3);
    // Quiet for longer than the interval: a text's change is told at once.
    typed();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)).toBe(Date.now());
    stop();
  });
});
