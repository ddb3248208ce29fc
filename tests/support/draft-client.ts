/**
 * A drafted text's client as a test drives it: a Y.Doc with a headless
 * Lexical editor bound to it (the same nodes as the web editor), speaking the
 * y-protocols sync messages over the meeting's socket.io connection. Its
 * edits go to the server as updates, each acknowledged (stored) or refused.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { asBytes, toWire, Y_MESSAGE, Y_SYNC, type DocAck, type DocJoinResult, type DocRefusal, type Lang } from '@gavel/shared';
import { $readDraft, type DraftReading } from '@gavel/shared/editor/outline';
import { bindHeadless, type HeadlessText } from '@gavel/server/drafting/headless';
import { expect } from 'vitest';
import { connect } from './fixtures';

const REMOTE = Symbol('remote');

function message(type: number, kind: number | null, payload: Uint8Array): ArrayBuffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (kind !== null) encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return toWire(encoding.toUint8Array(encoder));
}

export class DraftClient {
  readonly doc = new Y.Doc();
  readonly text: HeadlessText;
  canWrite = false;
  readonly refusals: DocRefusal[] = [];
  private synced!: Promise<void>;

  private constructor(
    readonly socket: Socket,
    readonly docName: string,
  ) {
    // Bound before anything is applied: see STACK.md.
    this.text = bindHeadless(this.doc, { writes: true });
  }

  static async open(url: string, token: string, docName = 'recommendations'): Promise<DraftClient> {
    const socket = await connect(url, { token });
    const client = new DraftClient(socket, docName);
    await client.join();
    return client;
  }

  private async join(): Promise<void> {
    let resolveSynced!: () => void;
    this.synced = new Promise((r) => (resolveSynced = r));
    this.socket.off('doc:msg');
    this.socket.off('doc:refused');
    this.socket.on('doc:refused', (name: string, refusal: DocRefusal) => {
      if (name === this.docName) this.refusals.push(refusal);
    });
    this.socket.on('doc:msg', (name: string, raw: unknown) => {
      if (name !== this.docName) return;
      const bytes = asBytes(raw);
      if (!bytes) return;
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) !== Y_MESSAGE.sync) return;
      const kind = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (kind === Y_SYNC.step1) {
        // The server asks what it lacks: answer with it.
        const missing = Y.encodeStateAsUpdate(this.doc, payload);
        this.socket.emit('doc:msg', this.docName, message(Y_MESSAGE.sync, Y_SYNC.step2, missing));
        return;
      }
      Y.applyUpdate(this.doc, payload, REMOTE);
      if (kind === Y_SYNC.step2) resolveSynced();
    });
    const joined: DocJoinResult = await this.socket.timeout(10_000).emitWithAck('doc:join', this.docName);
    if (!joined.ok) throw new Error(`doc:join: ${joined.error.message}`);
    this.canWrite = joined.canWrite;
    this.socket.on('doc:writable', (name: string, canWrite: boolean) => {
      if (name === this.docName) this.canWrite = canWrite;
    });
    this.socket.emit('doc:msg', this.docName, message(Y_MESSAGE.sync, Y_SYNC.step1, Y.encodeStateVector(this.doc)));
    await this.synced;
  }

  /**
   * Makes an edit in the editor and sends the resulting update; resolves
   * with the server's answer (stored, or refused).
   */
  async edit(fn: () => void): Promise<DocAck> {
    const parts: Uint8Array[] = [];
    const collect = (u: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) parts.push(u);
    };
    this.doc.on('update', collect);
    try {
      this.text.editor.update(fn, { discrete: true });
    } finally {
      this.doc.off('update', collect);
    }
    if (parts.length === 0) return { ok: true };
    const update = Y.mergeUpdates(parts);
    const ack: Promise<DocAck> = this.socket.timeout(10_000).emitWithAck('doc:msg', this.docName, message(Y_MESSAGE.sync, Y_SYNC.update, update));
    return ack;
  }

  /** Sends raw bytes as an update, as a crafted client would. */
  sendRaw(update: Uint8Array): Promise<DocAck> {
    return this.socket.timeout(10_000).emitWithAck('doc:msg', this.docName, message(Y_MESSAGE.sync, Y_SYNC.update, update));
  }

  read(lang: Lang = 'en', omit?: ReadonlySet<string>): DraftReading {
    return this.text.editor.read(() => $readDraft(lang, omit));
  }

  close(): void {
    this.text.dispose();
    this.socket.close();
  }
}

/** The paragraphs of a client's copy as it stands (no waiting): their ids, in order; every block of the text is one. */
export function paragraphsOf(client: DraftClient): string[] {
  const ids = client.read().units.map((u) => u.id);
  expect((client.doc.get('root', Y.XmlText).toDelta() as unknown[]).length, 'blocks in the root').toBe(ids.length);
  return ids;
}

/** Each client's copy, read as it stands (right after its first sync): exactly one paragraph, the same for all; its id. */
export function expectOneParagraph(clients: DraftClient[]): string {
  const seen = clients.map(paragraphsOf);
  for (const ids of seen) expect(ids).toHaveLength(1);
  expect(new Set(seen.flat()).size).toBe(1);
  return seen[0][0];
}
