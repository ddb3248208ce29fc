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

  it('lists a document’s description once the secretariat gave one, and fills it in beside its title (issue 13)', () => {
    const m = new TestMeeting();
    const description = { en: 'a background paper prepared by the Secretariat' };
    const item = m.run({ type: 'agenda.addItem', title: 'Other matters', documents: [{ symbol: 'A/2', title: 'Paper', description }] })[0];
    const itemId = (item.payload as { item: { id: string } }).item.id;
    const keys = () => translationStatus(m.state).map((e) => e.key).filter((k) => k.startsWith('document.'));
    expect(keys()).toEqual([`document.${itemId}.A/2`, `document.${itemId}.A/2.description`]);
    // One at a time, as the Translations tab does (each command carries the item's documents as they are then).
    for (const key of keys()) {
      const e = translationStatus(m.state).find((x) => x.key === key)!;
      m.run(e.translate('fr', key.endsWith('description') ? 'un document d’information établi par le Secrétariat' : 'Document'));
    }
    expect(m.state.agenda.items[itemId].documents[0]).toEqual({
      symbol: 'A/2',
      title: { en: 'Paper', fr: 'Document' },
      description: { en: 'a background paper prepared by the Secretariat', fr: 'un document d’information établi par le Secrétariat' },
    });
  });

  it('asks for the names the report prints in the other scripts: the chair’s and the panellists’, not a delegate’s', () => {
    const m = new TestMeeting();
    const poland = m.registerState('616');
    m.run({ type: 'person.register', name: 'Dominika Krois', title: 'Ms.', function: 'chair', delegationId: poland });
    m.run({ type: 'person.register', name: 'Venla Roth', title: 'Ms.', function: 'panellist' });
    m.run({ type: 'person.register', name: 'Jan Kowalski', title: 'Mr.', function: 'head', delegationId: poland });
    const names = () => translationStatus(m.state).filter((e) => e.kind === 'person_name');
    expect(names().map((e) => [e.context, e.missing])).toEqual([
      ['Dominika Krois', ['ar', 'zh', 'ru']],
      ['Venla Roth', ['ar', 'zh', 'ru']],
    ]);
    m.run(names()[0].translate('ar', 'دومينيكا كرويس'));
    const chair = Object.values(m.state.persons).find((p) => p.function === 'chair')!;
    expect(chair.names).toEqual({ ar: 'دومينيكا كرويس' });
    expect(names()[0].missing).toEqual(['zh', 'ru']);
  });
});
