/**
 * DOCX built off the event loop: one worker thread (export/docx-worker.ts),
 * started with the first Word export and kept, at a lower priority than the
 * meeting's work. A worker that dies fails the exports it had and is started
 * again by the next one.
 */
import type { Worker } from 'node:worker_threads';
import { startThread } from '../thread';
import type { RenderedReport } from './document';

export class DocxWorker {
  private worker?: Worker;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

  constructor(private readonly nice: number) {}

  render(report: RenderedReport): Promise<Buffer> {
    const worker = this.started();
    const id = this.next++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, report });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startThread(import.meta.url, 'docx-worker', { nice: this.nice });
    // Idle, it does not keep the process alive.
    worker.unref();
    worker.on('message', ({ id, bytes, error }: { id: number; bytes?: ArrayBuffer; error?: string }) => {
      const job = this.pending.get(id);
      this.pending.delete(id);
      if (bytes) job?.resolve(Buffer.from(bytes));
      else job?.reject(new Error(`the Word file could not be built: ${error}`));
    });
    const gone = (why: unknown) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const job of this.pending.values()) job.reject(new Error(`the Word export stopped: ${why instanceof Error ? why.message : String(why)}`));
      this.pending.clear();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(`its thread exited (${code})`));
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(new Error('the server is stopping'));
    this.pending.clear();
    await worker?.terminate();
  }
}
