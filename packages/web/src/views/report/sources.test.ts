import { describe, expect, it } from 'vitest';
import type { ParagraphSource } from '@gavel/shared';
import { placeHref, sourceKey, sourcePlace, writtenPart } from './sources';

describe('the source of a paragraph of the report', () => {
  it('is the statements log at the item, for the speakers heard', () => {
    const source: ParagraphSource = { kind: 'statements', itemId: 'ai_item3abc', statementIds: ['st_1'] };
    expect(sourcePlace(source)).toEqual({ kind: 'setup', tab: 'statements', itemId: 'ai_item3abc' });
    expect(sourceKey(source)).toBe('statements');
    expect(placeHref(sourcePlace(source), 'secretariat')).toBe('/setup?tab=statements&item=ai_item3abc');
  });

  it('is the participants for the attendance, the agenda for the opening, the agenda and an item', () => {
    expect(placeHref(sourcePlace({ kind: 'registry', category: 'state_party' }), 'secretariat')).toBe('/setup?tab=participants');
    expect(placeHref(sourcePlace({ kind: 'opening', at: null }), 'secretariat')).toBe('/setup?tab=agenda');
    expect(placeHref(sourcePlace({ kind: 'agenda_adoption' }), 'secretariat')).toBe('/setup?tab=agenda');
    expect(placeHref(sourcePlace({ kind: 'agenda_item', itemId: 'ai_abcdef' }), 'secretariat')).toBe('/setup?tab=agenda&item=ai_abcdef');
    expect(placeHref(sourcePlace({ kind: 'meeting_info' }), 'secretariat')).toBe('/setup?tab=meeting');
  });

  it('is the paragraph in the text view, for the recommendations', () => {
    const source: ParagraphSource = { kind: 'text', doc: 'recommendations', paragraphId: 'p_abcdef12' };
    expect(sourcePlace(source)).toEqual({ kind: 'text', paragraphId: 'p_abcdef12' });
    expect(placeHref(sourcePlace(source), 'chair')).toBe('/text?p=p_abcdef12');
  });

  it('is the written part itself, for what the secretariat writes (no address: it opens in place)', () => {
    const source: ParagraphSource = { kind: 'text', doc: 'summary:ai_abcdef:presentations', paragraphId: 'p_abcdef12' };
    expect(sourcePlace(source)).toEqual({ kind: 'written', doc: 'summary:ai_abcdef:presentations' });
    expect(sourceKey(source)).toBe('written');
    expect(placeHref(sourcePlace(source), 'secretariat')).toBeNull();
  });

  it('is the adoption record for chapter V', () => {
    const source = { kind: 'report_adoption' } as unknown as ParagraphSource;
    expect(sourcePlace(source)).toEqual({ kind: 'adoption' });
    expect(sourceKey(source)).toBe('adoption');
  });

  it('has no address for the chair where the chair has no view of it (the set-up)', () => {
    expect(placeHref(sourcePlace({ kind: 'registry', category: 'state_party' }), 'chair')).toBeNull();
  });

  it('names the written parts', () => {
    expect(writtenPart('introduction')).toEqual({ kind: 'introduction' });
    expect(writtenPart('adoption')).toEqual({ kind: 'adoption' });
    expect(writtenPart('addition:attendance')).toEqual({ kind: 'addition' });
    expect(writtenPart('summary:ai_abcdef')).toEqual({ kind: 'discussion', itemId: 'ai_abcdef' });
    expect(writtenPart('summary:ai_abcdef:introduction')).toEqual({ kind: 'itemIntroduction', itemId: 'ai_abcdef' });
    expect(writtenPart('summary:ai_abcdef:presentations')).toEqual({ kind: 'presentations', itemId: 'ai_abcdef' });
    expect(writtenPart('nonsense')).toEqual({ kind: 'other' });
  });
});
