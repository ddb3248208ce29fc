/**
 * A paragraph's history is kept and extended as updates are stored (issue
 * 14), instead of replaying every update from the first on each request.
 * Property: after random edits by several writers at random moments (turns
 * ending on a new writer, a pause or a status change), asked for after
 * random batches of updates, the kept history is what replaying every
 * update from the first gives (the replay as it was before issue 14, below).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { plainWords, type Actor, type Lang } from '@gavel/shared';
import { $readDraft } from '@gavel/shared/editor/outline';
import type { DocUpdateRecord } from '../store/store';
import { headlessFrom } from './headless';
import { HistoryReplay, TURN_GAP_MS, type ParagraphVersion } from './history';
import { $apply, $startingText, edit, IDS, Writer } from './random-edits';

/** Every update applied from the first, the paragraph read at each turn's end. */
function replayFromFirst(updates: readonly DocUpdateRecord[], paragraphId: string, lang: Lang, boundaries: readonly string[]): ParagraphVersion[] {
  const key = (a: Actor) => `${a.codeId ?? a.role}:${a.name}`;
  const crosses = (from: string, to: string) => boundaries.some((b) => Date.parse(b) >= Date.parse(from) && Date.parse(b) < Date.parse(to));
  const reader = headlessFrom([], { writes: false });
  const versions: ParagraphVersion[] = [];
  let pending: { from: string; to: string; by: string[] } | null = null;
  let lastText: string | null | undefined;
  updates.forEach((u, i) => {
    Y.applyUpdate(reader.doc, u.update);
    pending = pending ? { ...pending, to: u.at, by: pending.by.includes(u.actor.name) ? pending.by : [...pending.by, u.actor.name] } : { from: u.at, to: u.at, by: [u.actor.name] };
    const next = updates[i + 1];
    if (next && key(next.actor) === key(u.actor) && Date.parse(next.at) - Date.parse(u.at) <= TURN_GAP_MS && !crosses(u.at, next.at)) return;
    const unit = reader.editor.read(() => $readDraft(lang).units.find((x) => x.id === paragraphId));
    // Compared as plain text: a typed "[a]" and a placed bracket read alike but are not the same words.
    const text = unit ? plainWords(unit.parts) : null;
    if (text !== lastText && (lastText !== undefined || text !== null)) versions.push({ seq: u.seq, ...pending, text: unit?.text ?? null, parts: unit?.parts ?? null, number: unit?.number ?? null });
    lastText = text;
    pending = null;
  });
  reader.dispose();
  return versions;
}

const writers: Actor[] = [
  { role: 'secretariat', name: 'Officer', codeId: 'c_officer0001' },
  { role: 'delegate', name: 'Facilitator', codeId: 'c_facil000001' },
];
const T0 = Date.UTC(2027, 0, 27, 10);
const step = fc.record({ edit, writer: fc.nat(1), pause: fc.constantFrom(0, 1_000, 30_000, 61_000, 600_000), askAfter: fc.boolean() });

describe('a kept paragraph history', () => {
  it('is the replay from the first after random edits, asked for after random batches', () => {
    fc.assert(
      fc.property(fc.constantFrom(...IDS), fc.array(step, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(30 * 600_000), { maxLength: 3 }), (paragraphId, steps, offsets) => {
        const boundaries = offsets.map((o) => new Date(T0 + o).toISOString());
        const writer = new Writer();
        const updates: DocUpdateRecord[] = [];
        let now = T0;
        const store = (update: Uint8Array | null, actor: Actor) => {
          if (update) updates.push({ seq: updates.length + 1, update, actor, at: new Date(now).toISOString(), hash: '', prevHash: '' });
        };
        store(writer.edit($startingText), writers[0]);
        const replay = new HistoryReplay(paragraphId, 'en', new Set(), boundaries);
        try {
          for (const s of steps) {
            now += s.pause;
            store(writer.edit(() => $apply(s.edit)), writers[s.writer]);
            if (!s.askAfter) continue;
            replay.extend(updates.slice(replay.seq), boundaries);
            expect(replay.history()).toEqual(replayFromFirst(updates, paragraphId, 'en', boundaries));
          }
          replay.extend(updates, boundaries);
          expect(replay.history()).toEqual(replayFromFirst(updates, paragraphId, 'en', boundaries));
        } finally {
          replay.close();
          writer.dispose();
        }
      }),
      { numRuns: 40 },
    );
  }, 30_000);
});
