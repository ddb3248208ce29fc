/**
 * The thread that builds texts' checkpoints (docs/checkpoints.ts starts it,
 * one for all the server's texts): each call is a previous state and the
 * updates after it, answered with the whole state and its client owners. It
 * keeps nothing between calls.
 */
import { parentPort } from 'node:worker_threads';
import { buildCheckpoint, type CheckpointJob } from './checkpoints';

parentPort!.on('message', ({ id, ...job }: CheckpointJob & { id: number }) => {
  try {
    const { state, clients } = buildCheckpoint(job);
    // Encoded into a buffer of its own (lib0 copies the encoder's chunks into one): it moves to the event loop uncopied.
    const bytes = state.byteOffset === 0 && state.byteLength === state.buffer.byteLength ? state.buffer : state.slice().buffer;
    parentPort!.postMessage({ id, result: { state: bytes, clients } }, [bytes as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
