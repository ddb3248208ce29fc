import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayPacer } from './pacing';

/** Updates typing `text` one character at a time into a fresh text. */
function keystrokes(text: string): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (const ch of text) doc.getText('t').insert(doc.getText('t').length, ch);
  return out;
}

const textOf = (updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pacer whose sends hold the loop `cost[room]` ms (busy), as a relay to many sockets does; what it sent, when, and the CPU it took (ms). */
function pacerWith(cost: Record<string, number>, pacing = { stallMs: 8, share: 0.1 }) {
  const sent: { room: string; update: Uint8Array; senders: string[]; start: number; took: number }[] = [];
  const pacer = new RelayPacer((room, _docName, update, senders) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    while (performance.now() - start < (cost[room] ?? 0));
    const { user, system } = process.cpuUsage(cpu);
    sent.push({ room, update, senders: [...senders], start, took: (user + system) / 1000 });
  }, pacing);
  return { pacer, sent };
}

/** Relays each update to `room`, `gapMs` apart, then waits for what is held back. */
async function type(pacer: RelayPacer, room: string, updates: Uint8Array[], gapMs: number, sender = 'writer') {
  for (const u of updates) {
    pacer.relay(room, 'recommendations', u, new Set([sender]));
    await pause(gapMs);
  }
  await pause(400);
}

describe('RelayPacer', () => {
  it('sends every update of a room whose relays are cheap at once', async () => {
    const { pacer, sent } = pacerWith({ small: 1 });
    const ups = keystrokes('abcdef');
    await type(pacer, 'small', ups, 20);
    expect(sent.map((s) => s.update)).toEqual(ups);
  });

  it('holds what arrives for a costly room until its last relay has been repaid ten times over, then sends it merged', async () => {
    const { pacer, sent } = pacerWith({ big: 13 });
    const ups = keystrokes('abcdefghij');
    // A keystroke every 40 ms; a relay holds the loop 13 ms or more, so once two of them have (the middle of the
    // last three), the next may go 130 ms after the last began.
    await type(pacer, 'big', ups, 40);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(6);
    // The first two at once, 40 ms apart; each later one no sooner than ten times the cost of the one before (a timer fires on whole ms).
    expect(sent.slice(0, 2).map((s) => s.update)).toEqual(ups.slice(0, 2));
    for (let i = 2; i < sent.length; i++) expect(sent[i].start - sent[i - 1].start).toBeGreaterThanOrEqual(sent[i - 1].took / 0.1 - 2);
    // Merged losslessly, in order: the reader ends with the writer's text.
    expect(textOf(sent.map((s) => s.update))).toBe('abcdefghij');
    expect(sent.every((s) => s.senders.join() === 'writer')).toBe(true);
  });

  it('keeps every sender of what it merged, and paces each room on its own', async () => {
    const { pacer, sent } = pacerWith({ big: 10 });
    const [a, b, c, d] = keystrokes('abcd');
    pacer.relay('big', 'd', a, new Set(['w1']));
    pacer.relay('other', 'd', a, new Set(['w1']));
    pacer.relay('big', 'd', b, new Set(['w1']));
    pacer.relay('big', 'd', c, new Set(['w1']));
    pacer.relay('big', 'd', d, new Set(['w2']));
    pacer.relay('other', 'd', b, new Set(['w1']));
    expect(sent.map((s) => s.room)).toEqual(['big', 'other', 'big', 'other']);
    await pause(300);
    const big = sent.filter((s) => s.room === 'big');
    expect(big).toHaveLength(3);
    expect(big[2].senders).toEqual(['w1', 'w2']);
    expect(textOf(big.map((s) => s.update))).toBe('abcd');
  });

  it('does not hold a room for one relay that stalled (the scheduler, a GC) among cheap ones', async () => {
    const cost: Record<string, number> = { room: 1 };
    const { pacer, sent } = pacerWith(cost);
    const ups = keystrokes('abcdefgh');
    for (const [i, u] of ups.entries()) {
      cost.room = i === 3 ? 20 : 1;
      pacer.relay('room', 'd', u, new Set(['w']));
      await pause(15);
    }
    expect(sent.map((s) => s.update)).toEqual(ups);
  });

  it('tells how long what arrives for a room now waits (presence goes with the text held back)', async () => {
    const { pacer, sent } = pacerWith({ big: 10, small: 1 });
    const [a, b, c] = keystrokes('abc');
    for (const u of [a, b]) {
      pacer.relay('big', 'd', u, new Set(['w']));
      pacer.relay('small', 'd', u, new Set(['w']));
    }
    expect(pacer.heldFor('small')).toBe(0);
    const held = pacer.heldFor('big');
    // Ten times the last relay's CPU, from when it began.
    expect(held).toBeGreaterThan(50);
    expect(held).toBeLessThanOrEqual((sent.at(-2)!.took / 0.1) + 1);
    pacer.relay('big', 'd', c, new Set(['w']));
    await pause(held + 50);
    expect(sent.filter((s) => s.room === 'big')).toHaveLength(3);
  });

  it('sends at once again to a costly room that has been quiet for its wait', async () => {
    const { pacer, sent } = pacerWith({ big: 10 });
    const [a, b, c] = keystrokes('abc');
    pacer.relay('big', 'd', a, new Set(['w']));
    pacer.relay('big', 'd', b, new Set(['w']));
    await pause(250);
    pacer.relay('big', 'd', c, new Set(['w']));
    expect(sent).toHaveLength(3);
  });

  it('does not pace with a share of 1', () => {
    const { pacer, sent } = pacerWith({ big: 10 }, { stallMs: 8, share: 1 });
    for (const u of keystrokes('abc')) pacer.relay('big', 'd', u, new Set(['w']));
    expect(sent).toHaveLength(3);
  });
});
