/**
 * The server's worker threads (the SQLite writer, the DOCX builder, the texts'
 * checkpoints): each a file of its own, `name.js` beside main.js in the build,
 * or `name.ts` from the TypeScript sources (tests, `pnpm dev`), compiled by
 * tsx as the rest is (a worker does not get the parent's loader by itself).
 */
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';

/** Starts the thread `name`, a file beside `base` (the caller's import.meta.url). */
export function startThread(base: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const options = { workerData, ...(resourceLimits ? { resourceLimits } : {}) };
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, base), options);
  const source = new URL(`./${name}.ts`, base).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`, { eval: true, ...options });
}

/** What a thread answers to the call `id`: its result, or why it could not. */
export interface ThreadAnswer {
  id: number;
  result?: unknown;
  error?: unknown;
}

export interface ThreadCallsOptions {
  /** Starts the thread (startThread); called with the first call, and after a death if `restart`. */
  start: () => Worker;
  /** The error a call fails with when the thread answers `error`. */
  refused: (error: unknown) => Error;
  /** The error the calls waiting fail with when the thread fails or exits (`why`: its error, or its exit). */
  died: (why: Error) => Error;
  /**
   * After a death, the next call starts a new thread (the DOCX builder). Otherwise the death is final: every
   * later call fails with the same error (the SQLite writer: no write may go on after one may have been lost).
   */
  restart: boolean;
  /**
   * Keeps the process alive while a call waits (a write on its way must land before the process exits).
   * Idle, a thread never keeps the process alive.
   */
  refWhilePending: boolean;
}

/**
 * Calls to one worker thread, each a message `{ id, ...payload }` answered by
 * one `ThreadAnswer` with the same id, in any order. The thread is started by
 * the first call, not before (a server that has not needed it yet does not
 * hold its memory). When it dies, every call waiting fails.
 */
export class ThreadCalls {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();
  /** Why the thread is gone for good (a final death): every later call fails with it. */
  gone: Error | undefined;

  constructor(private readonly options: ThreadCallsOptions) {}

  /** `transfer`: buffers of the payload that move to the thread instead of being copied (unusable here after). */
  call(payload: object, transfer: readonly TransferListItem[] = []): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone);
    const worker = this.started();
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      if (this.options.refWhilePending && this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...payload }, transfer);
    });
  }

  /** Fails every call waiting with `why` and stops the thread; a later call starts another. */
  async close(why: Error): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(why);
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = this.options.start();
    worker.unref();
    worker.on('message', ({ id, result, error }: ThreadAnswer) => {
      const call = this.pending.get(id);
      if (!call) return;
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (error !== undefined) call.reject(this.options.refused(error));
      else call.resolve(result);
    });
    const died = (why: Error) => {
      // Its error then its exit: the first says why; a thread closed or replaced is no longer this one's.
      if (this.worker !== worker || this.gone) return;
      const e = this.options.died(why);
      if (this.options.restart) this.worker = undefined;
      else this.gone = e;
      this.failAll(e);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`its thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(e: Error): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.reject(e);
  }
}
