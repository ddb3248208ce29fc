/**
 * How often the kept report is built while the meeting changes (issue 14):
 * at most once per `everyMs` per (meeting, language, edition), and never an
 * answer older than the request. The texts' version is a counter the test
 * moves as a typist would; a build's report says which version it read.
 * (That a kept report is a fresh build's: tests/integration/report-cache.property.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '@gavel/shared';
import type { DocService } from '../docs/service';
import { ReportCache, Turns } from './report-cache';

const EVERY = 1_000;

/** A meeting whose texts' version the test moves; each build reads the version as it is when the build starts. */
function meeting(owned = true) {
  let texts = 0;
  const built: number[] = [];
  const docs = { textsVersion: () => (owned ? texts : undefined) } as unknown as DocService;
  const current = async () => ({
    seq: 7,
    build: async () => {
      built.push(texts);
      return { read: texts } as unknown as Report;
    },
  });
  return {
    cache: new ReportCache(docs, EVERY),
    type: () => ++texts,
    get texts() {
      return texts;
    },
    built,
    current,
  };
}

const readOf = (r: Report) => (r as unknown as { read: number }).read;

describe('ReportCache: how often a report is built', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('builds a meeting that stands still once, however many ask', async () => {
    const m = meeting();
    const answers = await Promise.all(Array.from({ length: 30 }, () => m.cache.report('m', 'en', 'draft', m.current)));
    expect(m.built).toEqual([0]);
    expect(answers.map(readOf)).toEqual(Array(30).fill(0));
    await vi.advanceTimersByTimeAsync(5 * EVERY);
    expect(readOf(await m.cache.report('m', 'en', 'draft', m.current))).toBe(0);
    expect(m.built).toEqual([0]);
  });

  it('while someone types, builds at most once a period, and gives no viewer a report older than its request', async () => {
    const m = meeting();
    await m.cache.report('m', 'en', 'draft', m.current);
    // Ten keystrokes a second for three seconds, a viewer asking after each (each at its own moment).
    const asked: { version: number; answer: Promise<Report> }[] = [];
    for (let i = 0; i < 30; i++) {
      await vi.advanceTimersByTimeAsync(100);
      m.type();
      asked.push({ version: m.texts, answer: m.cache.report('m', 'en', 'draft', m.current) });
    }
    await vi.advanceTimersByTimeAsync(EVERY);
    const got = await Promise.all(asked.map((a) => a.answer));
    // At 0 ms, then once a second (1, 2, 3 and 4 s: the last keystroke came at 3 s, just after that build began):
    // five builds for 31 requests, not one per keystroke.
    expect(m.built.length).toBe(5);
    got.forEach((report, i) => expect(readOf(report)).toBeGreaterThanOrEqual(asked[i]!.version));
    // The last keystroke is in the last answer.
    expect(readOf(got.at(-1)!)).toBe(m.texts);
  });

  it('answers at once when the period since the last build has passed', async () => {
    const m = meeting();
    await m.cache.report('m', 'en', 'draft', m.current);
    await vi.advanceTimersByTimeAsync(EVERY);
    m.type();
    let answered = false;
    const answer = m.cache.report('m', 'en', 'draft', m.current).then((r) => ((answered = true), r));
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(true);
    expect(readOf(await answer)).toBe(1);
  });

  it('keeps languages and editions apart', async () => {
    const m = meeting();
    await m.cache.report('m', 'en', 'draft', m.current);
    await m.cache.report('m', 'fr', 'draft', m.current);
    await m.cache.report('m', 'en', 'final', m.current);
    expect(m.built).toEqual([0, 0, 0]);
  });

  it('keeps nothing and waits for nothing where the texts’ version is unknown (a meeting another node owns)', async () => {
    const m = meeting(false);
    await m.cache.report('m', 'en', 'draft', m.current);
    await m.cache.report('m', 'en', 'draft', m.current);
    expect(m.built.length).toBe(2);
  });

  it('does not keep a failed build: the next request builds again', async () => {
    const m = meeting();
    let fail = true;
    const current = async () => ({
      seq: 1,
      build: async () => {
        m.built.push(m.texts);
        if (fail) throw new Error('queue full');
        return { read: m.texts } as unknown as Report;
      },
    });
    await expect(m.cache.report('m', 'en', 'draft', current)).rejects.toThrow('queue full');
    fail = false;
    expect(readOf(await m.cache.report('m', 'en', 'draft', current))).toBe(0);
    expect(m.built.length).toBe(2);
  });
});

describe('Turns: answers ready together go out one per turn of the event loop', () => {
  it('lets one through per turn, in order, with I/O and timers able to run between two', async () => {
    const turns = new Turns();
    const through: number[] = [];
    const all = [1, 2, 3].map((i) => turns.take().then(() => through.push(i)));
    const nextTurn = () => new Promise((r) => setImmediate(r));
    expect(through).toEqual([]);
    await nextTurn();
    expect(through).toEqual([1]);
    await nextTurn();
    expect(through).toEqual([1, 2]);
    await Promise.all(all);
    expect(through).toEqual([1, 2, 3]);
    // Idle again: the next one goes through in the next turn.
    let later = false;
    void turns.take().then(() => (later = true));
    await nextTurn();
    expect(later).toBe(true);
  });
});
