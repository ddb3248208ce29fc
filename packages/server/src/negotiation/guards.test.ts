import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $writeParagraphContent } from '@gavel/shared/editor/content';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import { $createNumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { $getRoot } from 'lexical';
import { bindHeadless } from '../drafting/headless';
import { BracketGuard, bracketSignature, DraftMetaGuard } from './guards';

const P1 = 'p_guard0000001';
const BRACKET = { id: 'b_guard0000001', alternatives: ['should', 'shall'], by: 'd_norway00001', label: 'Norway' };

/** A writer's editor on its own copy of the live doc; `edit` returns the update it makes. */
function writerOf(live: Y.Doc) {
  const doc = new Y.Doc();
  const text = bindHeadless(doc, { writes: true });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
  text.editor.read(() => undefined);
  return {
    edit(fn: () => void): Uint8Array {
      const before = Y.encodeStateVector(doc);
      text.editor.update(fn, { discrete: true });
      return Y.encodeStateAsUpdate(doc, before);
    },
  };
}

function liveWithBracket(): Y.Doc {
  const live = new Y.Doc();
  const server = writerOf(live);
  Y.applyUpdate(
    live,
    server.edit(() => {
      $getRoot().append($createNumberedParagraphNode(P1));
      $writeParagraphContent(P1, { inlines: [{ text: 'States parties ' }, { bracket: BRACKET }, { text: ' consider.' }] });
    }),
  );
  return live;
}

describe('the bracket guard', () => {
  it('reads the brackets of a text at the Yjs level', () => {
    expect(bracketSignature(liveWithBracket())).toEqual([JSON.stringify([BRACKET.id, JSON.stringify(BRACKET.alternatives), BRACKET.by, BRACKET.label, P1])]);
  });

  it('lets words be typed around a bracket, and refuses removing, changing or forging one', () => {
    const live = liveWithBracket();
    const guard = new BracketGuard();
    const typing = writerOf(live).edit(() => $appendToParagraph(P1, [' Now.']));
    expect(guard.check('k', live, typing, true)).toBeNull();
    Y.applyUpdate(live, typing);
    const removing = writerOf(live).edit(() => $writeParagraphContent(P1, { inlines: [{ text: 'No brackets.' }] }));
    expect(guard.check('k', live, removing, true)).toMatch(/brackets are placed and lifted/);
    const changing = writerOf(live).edit(() => $writeParagraphContent(P1, { inlines: [{ bracket: { ...BRACKET, alternatives: ['may', 'shall'] } }] }));
    expect(guard.check('k', live, changing, true)).toMatch(/brackets/);
    // Moved to another paragraph (the ledger says where each bracket is): refused too.
    const moving = writerOf(live).edit(() => {
      $getRoot().append($createNumberedParagraphNode('p_guard0000002'));
      $writeParagraphContent('p_guard0000002', { inlines: [{ bracket: BRACKET }] });
      $writeParagraphContent(P1, { inlines: [{ text: 'States parties consider.' }] });
    });
    expect(guard.check('k', live, moving, true)).toMatch(/brackets/);
    // A text without open brackets: a forged one is caught by the bytes it must carry.
    const clean = new Y.Doc();
    const forger = writerOf(clean);
    const forged = forger.edit(() => {
      $getRoot().append($createNumberedParagraphNode(P1));
      $writeParagraphContent(P1, { inlines: [{ bracket: BRACKET }] });
    });
    expect(guard.check('c', clean, forged, false)).toMatch(/brackets/);
    expect(guard.check('c', clean, writerOf(clean).edit(() => $getRoot().append($createNumberedParagraphNode(P1))), false)).toBeNull();
    guard.close();
  });
});

describe('the draft meta guard', () => {
  it('refuses any change to what the server keeps beside a draft’s words', () => {
    const live = new Y.Doc();
    live.getMap('gavel').set('amendment', { kind: 'change' });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    const sv = Y.encodeStateVector(client);
    client.get('root', Y.XmlText).insert(0, 'words');
    expect(new DraftMetaGuard().check(live, Y.encodeStateAsUpdate(client, sv))).toBeNull();
    const sv2 = Y.encodeStateVector(client);
    client.getMap('gavel').delete('amendment');
    expect(new DraftMetaGuard().check(live, Y.encodeStateAsUpdate(client, sv2))).toMatch(/kept by the server/);
  });
});
