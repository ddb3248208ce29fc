/**
 * The report reads each text from a kept copy that follows the live document
 * (issue 14). Property: after random edits of the text (typing, footnotes,
 * lists, headings, removed and copied paragraphs, …), random changes of its
 * paragraphs' statuses (a deleted paragraph is not issued) and in either of
 * two languages, the kept reading is what a fresh read of the text gives.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import type { MeetingState, ParagraphStatus } from '@gavel/shared';
import { $apply, $startingText, edit, IDS, Writer } from '../drafting/random-edits';
import { readLiveText, readTextFromUpdate } from './text';

const DOC = 'recommendations';
const step = fc.oneof(
  fc.record({ edit }),
  fc.record({ status: fc.record({ id: fc.constantFrom(...IDS), to: fc.constantFrom<ParagraphStatus>('adopted', 'deleted', 'drafting') }) }),
  fc.record({ read: fc.constantFrom('en' as const, 'ar' as const) }),
  fc.record({ reload: fc.constant(true) }),
);

describe('the report’s kept reading of a text', () => {
  it('equals a fresh read after random edits, status changes and reloads', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const writer = new Writer();
        writer.edit($startingText);
        let live = new Y.Doc();
        Y.applyUpdate(live, Y.encodeStateAsUpdate(writer.doc));
        const paragraphs: Record<string, { status: ParagraphStatus }> = {};
        const state = () => ({ paragraphs: { [DOC]: { ...paragraphs } } }) as unknown as MeetingState;
        let reads = 0;
        try {
          for (const s of [...steps, { read: 'en' as const }]) {
            if ('edit' in s) {
              const update = writer.edit(() => $apply(s.edit));
              if (update) Y.applyUpdate(live, update);
            } else if ('status' in s) {
              paragraphs[s.status.id] = { status: s.status.to };
            } else if ('reload' in s) {
              // The document service reloads a text into a new Y.Doc.
              const again = new Y.Doc();
              Y.applyUpdate(again, Y.encodeStateAsUpdate(live));
              live.destroy();
              live = again;
            } else {
              reads++;
              const kept = readLiveText(live, state(), DOC, s.read);
              expect(kept).toEqual(readTextFromUpdate(Y.encodeStateAsUpdate(live), state(), DOC, s.read));
            }
          }
          expect(reads).toBeGreaterThan(0);
        } finally {
          writer.dispose();
          live.destroy();
        }
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  it('reads the text again only when it or its statuses changed', () => {
    const writer = new Writer();
    writer.edit($startingText);
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(writer.doc));
    const state = { paragraphs: {} } as unknown as MeetingState;
    const first = readLiveText(live, state, DOC, 'en');
    expect(readLiveText(live, state, DOC, 'en')).toBe(first);
    Y.applyUpdate(live, writer.edit(() => $apply({ kind: 'type', at: 1, other: 0, word: ' shall' }))!);
    const second = readLiveText(live, state, DOC, 'en');
    expect(second).not.toBe(first);
    expect(JSON.stringify(second)).toContain('shallParagraph 2 reads.');
  });
});
