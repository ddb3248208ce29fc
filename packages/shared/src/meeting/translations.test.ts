import { describe, expect, it } from 'vitest';
import { TestMeeting } from '../domain/test-support';
import { missingPerLanguage, translationStatus } from './translations';

describe('translation status', () => {
  it('lists typed words lacking a language, and each entry\'s command fills it in', () => {
    const m = new TestMeeting();
    const item = m.run({ type: 'agenda.addItem', title: 'Other matters', documents: [{ symbol: 'A/1', title: 'Note' }] })[0];
    const itemId = (item.payload as { item: { id: string } }).item.id;
    m.run({ type: 'delegation.register', delegation: { category: 'igo', names: { en: 'Council of Europe' } } });
    m.registerState('578'); // States carry the UN's names: never listed
    const entries = translationStatus(m.state);
    expect(entries.map((e) => e.key)).toEqual([
      'meeting.body',
      'meeting.parentBody',
      'meeting.title',
      // Vienna is in the table of cities: not listed.
      `agenda.${itemId}.title`,
      `document.${itemId}.A/1`,
      expect.stringMatching(/^delegation\./),
    ]);
    expect(missingPerLanguage(entries)).toEqual({ ar: 6, zh: 6, en: 0, fr: 6, ru: 6, es: 6 });
    for (const e of translationStatus(m.state)) m.run(e.translate('fr', `${e.words.en} (fr)`));
    expect(missingPerLanguage(translationStatus(m.state)).fr).toBe(0);
    expect(m.state.agenda.items[itemId].documents[0].title).toEqual({ en: 'Note', fr: 'Note (fr)' });
    expect(m.state.info.title.en).toBe('Report on the meeting of the Working Group on Trafficking in Persons');
  });
});
