/**
 * ThreadCalls, the plumbing of the server's worker threads (the SQLite
 * writer, the DOCX builder): answers matched to their calls, a death that
 * fails the calls waiting, then a new thread or a final refusal, and a
 * thread that keeps the process alive only while a call waits.
 */
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadCalls, type ThreadCallsOptions } from './thread';

/** A thread answering { id, result: n * 10 } after `wait` ms, { id, error } when told to fail; `die` exits it. */
const THREAD = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, n, wait, fail, die }) => {
  if (die) process.exit(3);
  setTimeout(() => parentPort.postMessage(fail ? { id, error: fail } : { id, result: n * 10 }), wait ?? 0);
});`;

let calls: ThreadCalls | undefined;
afterEach(() => calls?.close(new Error('test over')));

function threadCalls(options: Partial<ThreadCallsOptions> = {}) {
  const started: Worker[] = [];
  calls = new ThreadCalls({
    start: () => {
      started.push(new Worker(THREAD, { eval: true }));
      return started.at(-1)!;
    },
    refused: (error) => new Error(`refused: ${String(error)}`),
    died: (why) => new Error(`died: ${why.message}`),
    restart: false,
    refWhilePending: true,
    ...options,
  });
  return { calls, started };
}

describe('ThreadCalls', () => {
  it('starts its thread with the first call and gives each call its own answer, in whatever order they come', async () => {
    const { calls, started } = threadCalls();
    expect(started).toHaveLength(0);
    const slow = calls.call({ n: 1, wait: 200 });
    const quick = calls.call({ n: 2 });
    const refused = calls.call({ n: 3, fail: 'no room' });
    await expect(refused).rejects.toThrow('refused: no room');
    expect(await quick).toBe(20);
    expect(await slow).toBe(10);
    expect(started).toHaveLength(1);
  });

  it('fails the calls waiting when its thread dies, then starts a new thread for the next call (restart)', async () => {
    const { calls, started } = threadCalls({ restart: true });
    const waiting = calls.call({ n: 1, wait: 5_000 });
    const dying = calls.call({ die: true });
    await expect(waiting).rejects.toThrow('died: its thread exited (3)');
    await expect(dying).rejects.toThrow('died: its thread exited (3)');
    expect(calls.gone).toBeUndefined();
    expect(await calls.call({ n: 4 })).toBe(40);
    expect(started).toHaveLength(2);
  });

  it('refuses every later call with the same error when its death is final', async () => {
    const { calls, started } = threadCalls({ restart: false });
    const waiting = calls.call({ n: 1, wait: 5_000 });
    calls.call({ die: true }).catch(() => undefined);
    const error = await waiting.catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(calls.gone).toBe(error);
    await expect(calls.call({ n: 2 })).rejects.toBe(error);
    expect(started).toHaveLength(1);
  });

  it('fails the calls waiting at close, and starts again after', async () => {
    const { calls, started } = threadCalls({ restart: true });
    const waiting = calls.call({ n: 1, wait: 5_000 }).catch((e: Error) => e.message);
    await calls.close(new Error('the server is stopping'));
    expect(await waiting).toBe('the server is stopping');
    expect(await calls.call({ n: 5 })).toBe(50);
    expect(started).toHaveLength(2);
  });

  /** A process whose only work is one call answered after 2 s; what it printed, and how it ended. */
  function lone(refWhilePending: boolean, call: boolean) {
    const script = `
      import { Worker } from 'node:worker_threads';
      import { ThreadCalls } from ${JSON.stringify(new URL('./thread.ts', import.meta.url).href)};
      const calls = new ThreadCalls({
        start: () => new Worker(${JSON.stringify(THREAD)}, { eval: true, execArgv: [] }),
        refused: (e) => new Error(String(e)), died: (why) => why, restart: false, refWhilePending: ${refWhilePending},
      });
      await calls.call({ n: 0 });
      ${call ? "calls.call({ n: 7, wait: 2_000 }).then((r) => console.log('answered', r));" : ''}
    `;
    return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  }

  it('keeps the process alive while a call waits (refWhilePending), and not once idle', () => {
    const waited = lone(true, true);
    expect(waited.stderr).toBe('');
    expect(waited.stdout).toContain('answered 70');
    // Idle, the thread lets the process end (spawnSync's timeout would kill it: a signal, no status).
    const idle = lone(true, false);
    expect(idle.status).toBe(0);
    // Without the option, the process does not wait for the answer.
    expect(lone(false, true).stdout).not.toContain('answered');
  }, 90_000);
});
