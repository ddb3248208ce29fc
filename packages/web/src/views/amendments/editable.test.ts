import { describe, expect, it } from 'vitest';
import type { RichParagraph } from '@gavel/shared/editor/rich';
import { fromEditable, missingMarks, toEditable } from './editable';

const p: RichParagraph = {
  inlines: [{ text: 'States parties ' }, { text: 'shall', format: 2 }, { text: ' act' }, { footnote: 'See {{ref:p_abcdef12}}.' }, { text: ', as in ' }, { ref: 'p_abcdef12' }, { text: ':' }],
  items: [
    { depth: 0, inlines: [{ text: 'protect victims;' }] },
    { depth: 1, inlines: [{ text: 'including children' }, { br: true }, { text: 'and adults;' }] },
  ],
};

describe('a paragraph in the chair’s box (accept as modified)', () => {
  it('reads as words with a numbered mark for each footnote, reference and line break, one line per subparagraph', () => {
    const e = toEditable(p);
    expect(e.text).toBe('States parties shall act⟦1⟧, as in ⟦2⟧:\nprotect victims;\n  including children⟦3⟧and adults;');
    expect(e.atoms).toEqual([{ footnote: 'See {{ref:p_abcdef12}}.' }, { ref: 'p_abcdef12' }, { br: true }]);
  });

  it('comes back with the marks where the chair left them (formatting is not kept)', () => {
    const e = toEditable(p);
    const edited = e.text.replace('shall act⟦1⟧, as in ⟦2⟧', 'should act, as in ⟦2⟧⟦1⟧');
    const { paragraph, unknown } = fromEditable(edited, e.atoms);
    expect(unknown).toEqual([]);
    expect(paragraph.inlines).toEqual([{ text: 'States parties should act, as in ' }, { ref: 'p_abcdef12' }, { footnote: 'See {{ref:p_abcdef12}}.' }, { text: ':' }]);
    expect(paragraph.items).toEqual([
      { depth: 0, inlines: [{ text: 'protect victims;' }] },
      { depth: 1, inlines: [{ text: 'including children' }, { br: true }, { text: 'and adults;' }] },
    ]);
  });

  it('says which marks are gone, and ignores marks typed by hand', () => {
    const e = toEditable(p);
    expect(missingMarks(e.text.replace('⟦1⟧', ''), e.atoms)).toEqual([1]);
    const { paragraph, unknown } = fromEditable('Words ⟦9⟧ here', e.atoms);
    expect(unknown).toEqual(['⟦9⟧']);
    expect(paragraph).toEqual({ inlines: [{ text: 'Words  here' }] });
  });

  it('keeps Arabic words and marks in their order', () => {
    const ar: RichParagraph = { inlines: [{ text: 'يجب على الدول الأطراف' }, { footnote: 'حاشية' }, { text: '، حسب الاقتضاء؛' }] };
    const e = toEditable(ar);
    expect(e.text).toBe('يجب على الدول الأطراف⟦1⟧، حسب الاقتضاء؛');
    expect(fromEditable(e.text, e.atoms).paragraph).toEqual(ar);
  });
});
