/**
 * A text's checkpoint built off the event loop (issue 14). Building one means
 * applying the previous checkpoint and every update after it (500 or more) to
 * a fresh Y.Doc and encoding it whole: about 40 ms for a text of 10,000
 * updates, during which no socket of any meeting would be served. It is done
 * in one worker thread (docs/checkpoint-worker.ts) for all the server's texts,
 * started with the first checkpoint (a server that has made none does not
 * hold its memory) and started again by the next one after it died.
 *
 * The thread only computes. The event loop keeps what must be trusted: it
 * reads the store, checks the previous checkpoint's signature and that the
 * updates end with the link the checkpoint is meant to cover, and signs and
 * saves the result. A checkpoint the thread could not build is skipped (the
 * text still loads from its updates), never made another way.
 */
import type { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { startThread, ThreadCalls } from '../thread';
import { clientsIn } from './validate';

/** What the thread is given: the previous checkpoint's state (if any) and the updates after it, end to end in one buffer. */
export interface CheckpointJob {
  /** The parts end to end: the previous state first if `previous`, then each update in order. */
  bytes: ArrayBuffer;
  /** The byte length of each part. */
  lengths: Uint32Array<ArrayBuffer>;
  previous: boolean;
  /** Who wrote each update (the owner recorded for the client ids it brings), in order. */
  owners: string[];
  /** Client id → owner, as the previous checkpoint has it. */
  clients: Record<string, string>;
}

export interface BuiltCheckpoint {
  /** Y.encodeStateAsUpdate of the text after the last update. */
  state: Uint8Array;
  clients: Record<string, string>;
}

/**
 * One copy of the parts into a buffer of their own, which then moves to the
 * thread without being copied again. Sent one by one, each Uint8Array would be
 * cloned with the whole buffer under it (the store's rows may be slices of a
 * shared one), and transferring those would take them from their owner.
 */
export function packJob(previous: { state: Uint8Array; clients: Record<string, string> } | undefined, updates: { update: Uint8Array; owner: string }[]): CheckpointJob {
  const parts = previous ? [previous.state, ...updates.map((u) => u.update)] : updates.map((u) => u.update);
  const lengths = new Uint32Array(parts.length);
  let total = 0;
  parts.forEach((p, i) => {
    lengths[i] = p.byteLength;
    total += p.byteLength;
  });
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return { bytes: bytes.buffer, lengths, previous: !!previous, owners: updates.map((u) => u.owner), clients: { ...previous?.clients } };
}

/**
 * The checkpoint itself (run in the thread): the previous state, then each
 * update, applied to a fresh document; a client id is owned by whoever first
 * wrote with it. An update that does not apply fails the checkpoint.
 */
export function buildCheckpoint(job: CheckpointJob): BuiltCheckpoint {
  const doc = new Y.Doc();
  try {
    const clients = { ...job.clients };
    let at = 0;
    job.lengths.forEach((length, i) => {
      const part = new Uint8Array(job.bytes, at, length);
      at += length;
      Y.applyUpdate(doc, part);
      if (job.previous && i === 0) return;
      const owner = job.owners[job.previous ? i - 1 : i]!;
      for (const client of clientsIn(part)) clients[String(client)] ??= owner;
    });
    return { state: Y.encodeStateAsUpdate(doc), clients };
  } finally {
    doc.destroy();
  }
}

/** The checkpoint thread could not build one: it was skipped. */
export class CheckpointSkipped extends Error {
  override readonly name = 'CheckpointSkipped';
}

/**
 * The thread that builds the checkpoints of every text of the server. Idle
 * for `idleMs` (no checkpoint asked), it is stopped: it costs the process
 * about 12 MiB while it runs, and a text is checkpointed every 500 updates
 * while someone types (about every 50 s at 10 keys a second), so between
 * sessions of typing it would hold them for nothing. Starting it again costs
 * the event loop about 10 ms, once.
 */
export class CheckpointThread {
  private readonly calls: ThreadCalls;
  private closed = false;
  private building = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** The thread now, if started (tests stop it as a crash would). */
  thread: Worker | undefined;

  constructor(private readonly idleMs = 120_000) {
    this.calls = new ThreadCalls({
      // A heap of its own, bounded: a text too big to build fails its checkpoint and the thread, not the server.
      start: () => (this.thread = startThread(import.meta.url, 'checkpoint-worker', null, { maxOldGenerationSizeMb: 512 })),
      refused: (error) => new Error(`the checkpoint could not be built: ${String(error)}`),
      died: (why) => new CheckpointSkipped(`the checkpoint thread stopped (${why.message}); the next checkpoint starts another`),
      restart: true,
      // A checkpoint written at close must land before the process exits; idle, the thread keeps nothing alive.
      refWhilePending: true,
    });
  }

  async build(previous: { state: Uint8Array; clients: Record<string, string> } | undefined, updates: { update: Uint8Array; owner: string }[]): Promise<BuiltCheckpoint> {
    if (this.closed) throw new CheckpointSkipped('the checkpoint thread is stopped');
    const job = packJob(previous, updates);
    clearTimeout(this.idleTimer);
    this.building++;
    try {
      const { state, clients } = (await this.calls.call(job, [job.bytes, job.lengths.buffer])) as { state: ArrayBuffer; clients: Record<string, string> };
      return { state: new Uint8Array(state), clients };
    } finally {
      if (--this.building === 0 && !this.closed) {
        this.idleTimer = setTimeout(() => {
          // Checked again when it fires: a build asked meanwhile cleared the timer (one thread, one event loop).
          if (this.building > 0 || this.closed) return;
          this.thread = undefined;
          void this.calls.close(new CheckpointSkipped('the checkpoint thread was idle'));
        }, this.idleMs);
        this.idleTimer.unref();
      }
    }
  }

  /** Stops the thread; later checkpoints are skipped. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.thread = undefined;
    return this.calls.close(new CheckpointSkipped('the server is stopping'));
  }
}
