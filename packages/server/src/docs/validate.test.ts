import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate, InvalidUpdate } from './validate';

function docWith(text: string, clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getText('t').insert(0, text);
  return doc;
}
const sv = (doc: Y.Doc) => (client: number) => Y.getState(doc.store, client);
/** The update a change to a copy of `doc` makes. */
function changeOf(doc: Y.Doc, clientID: number, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  // Set after: Yjs changes a doc's client id when an update brings structs of its own id.
  copy.clientID = clientID;
  let update: Uint8Array | undefined;
  copy.on('update', (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u));
  change(copy);
  return update!;
}
const refused = (f: () => unknown, why: RegExp | typeof InvalidUpdate) => expect(f).toThrow(why);

describe('inspectUpdate', () => {
  const server = docWith('Paragraph one.', 1);
  const owners = new Map([[1, 'c_secretariat']]);

  it('accepts an ordinary edit and names the new client ids', () => {
    const update = changeOf(server, 7, (d) => d.getText('t').insert(9, ' 1'));
    expect(inspectUpdate(update, sv(server), owners, 'c_chair')).toEqual({ empty: false, newClients: [7] });
  });

  it('accepts a deletion of known text, and an empty update as empty', () => {
    const update = changeOf(server, 7, (d) => d.getText('t').delete(0, 3));
    expect(inspectUpdate(update, sv(server), owners, 'c_chair')).toEqual({ empty: false, newClients: [] });
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(inspectUpdate(empty, sv(server), owners, 'c_chair')).toEqual({ empty: true, newClients: [] });
  });

  it('accepts what the document already has, sent back (a reconnecting client)', () => {
    expect(inspectUpdate(Y.encodeStateAsUpdate(server), sv(server), owners, 'c_chair').newClients).toEqual([]);
  });

  it('refuses bytes that do not decode', () => {
    refused(() => inspectUpdate(Uint8Array.from([1, 2, 3, 250, 250, 250]), sv(server), owners, 'c'), /does not decode/);
    refused(() => inspectUpdate(new Uint8Array(0), sv(server), owners, 'c'), /does not decode/);
  });

  it('refuses an update that builds on text the document lacks (it would wait forever)', () => {
    const other = new Y.Doc();
    other.clientID = 9;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    other.getText('t').insert(0, 'A');
    const before = Y.encodeStateVector(other);
    other.getText('t').insert(1, 'B'); // builds on "A", which the server never got
    const second = Y.encodeStateAsUpdate(other, before);
    refused(() => inspectUpdate(second, sv(server), owners, 'c'), InvalidUpdate);
    refused(() => inspectUpdate(second, sv(server), owners, 'c'), /gap|lacks/);
  });

  it('refuses a deletion of text the document lacks', () => {
    const other = docWith('xyz', 9);
    const del = changeOf(other, 9, (d) => d.getText('t').delete(0, 2));
    refused(() => inspectUpdate(del, sv(server), owners, 'c'), /lacks/);
  });

  it('refuses new structs under a client id another writer uses', () => {
    const update = changeOf(server, 1, (d) => d.getText('t').insert(0, 'forged '));
    refused(() => inspectUpdate(update, sv(server), owners, 'c_chair'), /another writer/);
    expect(inspectUpdate(update, sv(server), owners, 'c_secretariat').newClients).toEqual([1]);
  });

  it('refuses sub-documents', () => {
    const update = changeOf(server, 7, (d) => d.getMap('m').set('sub', new Y.Doc()));
    refused(() => inspectUpdate(update, sv(server), owners, 'c'), /sub-documents/);
  });

  it('accepts gaps (Skip) only over ranges the document has', () => {
    const x = changeOf(server, 1, (d) => d.getText('t').insert(0, 'X'));
    const withX = new Y.Doc();
    Y.applyUpdate(withX, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(withX, x);
    const y = changeOf(withX, 1, (d) => d.getText('t').insert(0, 'Y'));
    // Client 1's first text, a hole where X is, then Y.
    const withHole = Y.mergeUpdates([Y.encodeStateAsUpdate(server), y]);
    expect(Y.decodeUpdate(withHole).structs.some((s) => s instanceof Y.Skip)).toBe(true);
    expect(inspectUpdate(withHole, sv(withX), owners, 'c_secretariat').newClients).toEqual([1]);
    // A server without X cannot apply Y.
    refused(() => inspectUpdate(withHole, sv(server), owners, 'c_secretariat'), /gap/);
  });
});
