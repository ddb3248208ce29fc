/**
 * The server's worker threads (the SQLite writer, the DOCX builder): each a
 * file of its own, `name.js` beside main.js in the build, or `name.ts` from
 * the TypeScript sources (tests, `pnpm dev`), compiled by tsx as the rest is
 * (a worker does not get the parent's loader by itself).
 */
import { Worker } from 'node:worker_threads';

/** Starts the thread `name`, a file beside `base` (the caller's import.meta.url). */
export function startThread(base: string, name: string, workerData: unknown): Worker {
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, base), { workerData });
  const source = new URL(`./${name}.ts`, base).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`, { eval: true, workerData });
}
