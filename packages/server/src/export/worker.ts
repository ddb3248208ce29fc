/**
 * DOCX built off the event loop: one worker thread (export/docx-worker.ts),
 * started with the first Word export and kept, at a lower priority than the
 * meeting's work. A worker that dies fails the exports it had and is started
 * again by the next one.
 */
import { startThread, ThreadCalls } from '../thread';
import type { RenderedReport } from './document';

export class DocxWorker {
  private readonly calls: ThreadCalls;

  constructor(nice: number) {
    this.calls = new ThreadCalls({
      // A heap of its own, bounded: a report too big to build fails its export and the thread, not the server.
      start: () => startThread(import.meta.url, 'docx-worker', { nice }, { maxOldGenerationSizeMb: 512 }),
      refused: (error) => new Error(`the Word file could not be built: ${String(error)}`),
      died: (why) => new Error(`the Word export stopped: ${why.message}`),
      restart: true,
      // An export waiting is held by its request; idle or not, the thread does not keep the process alive.
      refWhilePending: false,
    });
  }

  async render(report: RenderedReport): Promise<Buffer> {
    return Buffer.from((await this.calls.call({ report })) as ArrayBuffer);
  }

  close(): Promise<void> {
    return this.calls.close(new Error('the server is stopping'));
  }
}
