/**
 * The thread that builds DOCX files (export/worker.ts starts it): building a
 * Word file (the docx package's XML, then zip and deflate) takes tens to
 * hundreds of milliseconds of CPU, which on the server's event loop every
 * command and keystroke of the meeting would wait behind. Here it waits for
 * them instead: the thread lowers its own priority (GAVEL_EXPORT_NICE,
 * export/priority.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RenderedReport } from './document';
import { renderDocx } from './docx';
import { lowerThreadPriority } from './priority';

lowerThreadPriority((workerData as { nice: number }).nice);

parentPort!.on('message', async ({ id, report }: { id: number; report: RenderedReport }) => {
  try {
    const docx = await renderDocx(report);
    // The bytes move to the server's thread instead of being copied.
    const bytes = new Uint8Array(docx).buffer;
    parentPort!.postMessage({ id, result: bytes }, [bytes]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
