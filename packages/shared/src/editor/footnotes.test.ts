import { describe, expect, it } from 'vitest';
import { fromEditableNote, noteRefs, noteSegments, numberToken, refToken, replaceEditableReferences, toEditableNote } from './footnotes';

const numbers = new Map([
  ['p_aaaaaaaa', 109],
  ['p_bbbbbbbb', 50],
]);
const numberOf = (id: string) => numbers.get(id) ?? null;
const idOf = (n: number) => [...numbers].find(([, v]) => v === n)?.[0] ?? null;

describe('footnote text with references', () => {
  const stored = `For the discussion, see ${refToken('p_aaaaaaaa')} and ${refToken('p_bbbbbbbb')}.`;

  it('cuts the text into words and references', () => {
    expect(noteSegments(stored)).toEqual([
      { text: 'For the discussion, see ' },
      { ref: 'p_aaaaaaaa' },
      { text: ' and ' },
      { ref: 'p_bbbbbbbb' },
      { text: '.' },
    ]);
    expect(noteRefs(stored)).toEqual(['p_aaaaaaaa', 'p_bbbbbbbb']);
    expect(noteSegments('no references')).toEqual([{ text: 'no references' }]);
  });

  it('shows references as [[number]] while edited, and stores them as ids again', () => {
    const editable = toEditableNote(stored, numberOf);
    expect(editable).toBe('For the discussion, see [[109]] and [[50]].');
    expect(fromEditableNote(editable, idOf)).toEqual({ note: stored, unknown: [] });
  });

  it('reads numbers typed by hand, in Arabic-Indic digits too, and names the ones no paragraph has', () => {
    expect(fromEditableNote('انظر الفقرة [[١٠٩]]', idOf).note).toBe(`انظر الفقرة ${refToken('p_aaaaaaaa')}`);
    expect(fromEditableNote('see [[7]] and [[ 50 ]]', idOf)).toEqual({
      note: `see [[7]] and ${refToken('p_bbbbbbbb')}`,
      unknown: ['7'],
    });
  });

  it('keeps a reference to a paragraph with no number as its id, so nothing is lost', () => {
    const gone = `see ${refToken('p_cccccccc')}`;
    const editable = toEditableNote(gone, numberOf);
    expect(editable).toBe('see [[p_cccccccc]]');
    expect(fromEditableNote(editable, idOf).note).toBe(gone);
  });

  it('keeps a number-alone reference ({n}) apart: [[#109]] while edited', () => {
    const bare = `see paragraph ${numberToken('p_aaaaaaaa')} of the report`;
    expect(noteSegments(bare)).toEqual([{ text: 'see paragraph ' }, { ref: 'p_aaaaaaaa', bare: true }, { text: ' of the report' }]);
    expect(noteRefs(bare)).toEqual(['p_aaaaaaaa']);
    const editable = toEditableNote(bare, numberOf);
    expect(editable).toBe('see paragraph [[#109]] of the report');
    expect(fromEditableNote(editable, idOf).note).toBe(bare);
  });

  it('shows a paragraph outside this text by the number the report prints, [[report 109]], never by its id (issue 13)', () => {
    // The no-consensus footnote points at the paragraph the report generates for item 4's statements.
    const heard = 'p-item-i4-heard';
    const note = `For the discussion of the working group on this recommendation, see ${refToken(heard)}; views: paragraph ${numberToken(heard)}.`;
    const reportNumberOf = (id: string) => (id === heard ? 109 : null);
    const reportIdOf = (n: number) => (n === 109 ? heard : null);
    const english = toEditableNote(note, numberOf, { lang: 'en', reportNumberOf });
    expect(english).toBe('For the discussion of the working group on this recommendation, see [[report 109]]; views: paragraph [[#report 109]].');
    expect(english).not.toContain(heard);
    expect(fromEditableNote(english, idOf, reportIdOf)).toEqual({ note, unknown: [] });
    // In an Arabic text: the report's word and the digits of the text.
    const arabic = toEditableNote(`انظر ${refToken(heard)} و${refToken('p_aaaaaaaa')}`, numberOf, { lang: 'ar', reportNumberOf });
    expect(arabic).toBe('انظر [[التقرير ١٠٩]] و[[١٠٩]]');
    expect(fromEditableNote(arabic, idOf, reportIdOf).note).toBe(`انظر ${refToken(heard)} و${refToken('p_aaaaaaaa')}`);
    // Typed by hand in another of the six languages; a number the report does not print is named.
    expect(fromEditableNote('voir [[rapport 109]] et [[доклад 7]]', idOf, reportIdOf)).toEqual({ note: `voir ${refToken(heard)} et [[доклад 7]]`, unknown: ['доклад 7'] });
    expect(fromEditableNote('见[[报告 ١٠٩]]', idOf, reportIdOf).note).toBe(`见${refToken(heard)}`);
    // The preview reads which numbering each number is in.
    expect(replaceEditableReferences('see [[report 109]], [[50]] and [[#report 109]]', (r) => `${r.report ? 'R' : 'T'}${r.bare ? '#' : ''}${r.number}`)).toBe('see R109, T50 and R#109');
  });
});
