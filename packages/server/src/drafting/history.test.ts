import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createTextNode, $getRoot, type TextNode } from 'lexical';
import type { Actor } from '@gavel/shared';
import { $createNumberedParagraphNode, type NumberedParagraphNode } from '@gavel/shared/editor/nodes';
import type { DocUpdateRecord } from '../store/store';
import { bindHeadless } from './headless';
import { paragraphHistory } from './history';

const P1 = 'p_first00001';
const P2 = 'p_second0001';
const officer: Actor = { role: 'secretariat', name: 'Officer', codeId: 'c_officer0001' };
const facilitator: Actor = { role: 'delegate', name: 'Facilitator', codeId: 'c_facil000001' };

/** Edits made in order, each stored as an update with its writer and time, as the Yjs store keeps them. */
function recorder() {
  const doc = new Y.Doc();
  const text = bindHeadless(doc, { writes: true });
  const updates: DocUpdateRecord[] = [];
  let pending: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => pending.push(u));
  const at = (minute: number) => new Date(Date.UTC(2027, 0, 27, 10, minute)).toISOString();
  return {
    updates,
    edit(actor: Actor, minute: number, fn: () => void) {
      pending = [];
      text.editor.update(fn, { discrete: true });
      updates.push({ seq: updates.length + 1, update: Y.mergeUpdates(pending), actor, at: at(minute), hash: '', prevHash: '' });
    },
  };
}

const paragraph = (pid: string) =>
  $getRoot()
    .getChildren()
    .find((n) => (n as NumberedParagraphNode).__pid === pid) as NumberedParagraphNode;
const setText = (pid: string, text: string) => (paragraph(pid).getFirstChild() as TextNode).setTextContent(text);

describe('paragraph history', () => {
  it('keeps one version per writing turn that changed the paragraph, with who wrote it', () => {
    const r = recorder();
    r.edit(officer, 0, () => {
      $getRoot()
        .clear()
        .append(
          $createNumberedParagraphNode(P1).append($createTextNode('States parties should consider')),
          $createNumberedParagraphNode(P2).append($createTextNode('Other.')),
        );
    });
    // The officer keeps typing in the same turn: one version.
    r.edit(officer, 0, () => setText(P1, 'States parties should consider measures'));
    // The facilitator changes only paragraph 2: not part of paragraph 1's history.
    r.edit(facilitator, 1, () => setText(P2, 'Other text.'));
    // The facilitator then changes paragraph 1.
    r.edit(facilitator, 2, () => setText(P1, 'States parties shall consider measures'));
    // After a long pause, the facilitator inserts a paragraph before: the number changes, the text does not.
    r.edit(facilitator, 30, () => paragraph(P1).insertBefore($createNumberedParagraphNode().append($createTextNode('New.'))));

    const versions = paragraphHistory(r.updates, P1, { lang: 'en' });
    expect(versions.map((v) => [v.seq, v.by, v.text, v.number])).toEqual([
      [2, ['Officer'], 'States parties should consider measures', 1],
      [4, ['Facilitator'], 'States parties shall consider measures', 1],
    ]);
    expect(versions[0]).toMatchObject({ from: '2027-01-27T10:00:00.000Z', to: '2027-01-27T10:00:00.000Z' });
  });

  it('shows a paragraph that was deleted as gone', () => {
    const r = recorder();
    r.edit(officer, 0, () => {
      $getRoot().clear().append($createNumberedParagraphNode(P1).append($createTextNode('Soon gone.')), $createNumberedParagraphNode(P2));
    });
    r.edit(facilitator, 1, () => paragraph(P1).remove());
    expect(paragraphHistory(r.updates, P1, { lang: 'en' }).map((v) => [v.by, v.text])).toEqual([
      [['Officer'], 'Soon gone.'],
      [['Facilitator'], null],
    ]);
    expect(paragraphHistory(r.updates, 'p_nevernever1', { lang: 'en' })).toEqual([]);
  });
});
