import { describe, expect, it } from 'vitest';
import { parseDelegationList } from './import';
import { MAX_BULK_DELEGATIONS } from './commands';

const csv = (...lines: string[]) => lines.join('\r\n');

describe('parseDelegationList, CSV', () => {
  it('reads a spreadsheet export with a byte-order mark, a header in any case and quoted fields', () => {
    const result = parseDelegationList(
      '\uFEFF' +
        csv(
          'Category,M49,Name_EN,Name_FR',
          'state_party,578,,',
          '"ngo","","La Strada International, Amsterdam","La Strada ""Internationale"""',
          'igo,,"International Organization',
          'for Migration",OIM',
        ),
      'csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.delegations).toEqual([
      { category: 'state_party', m49: '578' },
      { category: 'ngo', names: { en: 'La Strada International, Amsterdam', fr: 'La Strada "Internationale"' } },
      { category: 'igo', names: { en: 'International Organization\r\nfor Migration', fr: 'OIM' } },
    ]);
  });

  it('reads the category labels nomination lists use, as well as the codes', () => {
    const labels: [string, string][] = [
      ['State party', 'state_party'],
      ['States parties', 'state_party'],
      ['Signatory State', 'signatory'],
      ['Non-signatory observer State', 'observer_state'],
      ['OBSERVER STATES', 'observer_state'],
      ['Observer entity', 'observer_entity'],
      ['observer_entity', 'observer_entity'],
    ];
    const result = parseDelegationList(
      csv('category,m49', ...labels.map(([label], i) => `${label},${['578', '818', '250', '276', '616', '275', '840'][i]}`)),
      'csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.delegations.map((d) => d.category)).toEqual(labels.map(([, c]) => c));

    const entities: [string, string][] = [
      ['Regional economic integration organization', 'reio_party'],
      ['REIO', 'reio_party'],
      ['United Nations body', 'un_body'],
      ['UN body', 'un_body'],
      ['Intergovernmental organization', 'igo'],
      ['Other entity', 'other_entity'],
      ['Non-governmental organization', 'ngo'],
      ['NGO', 'ngo'],
      ['un_body', 'un_body'],
    ];
    const more = parseDelegationList(csv('category,name_en', ...entities.map(([label], i) => `${label},Entity ${i}`)), 'csv');
    expect(more.errors).toEqual([]);
    expect(more.delegations.map((d) => d.category)).toEqual(entities.map(([, c]) => c));
  });

  it('finds States by M49 (with or without leading zeros), ISO code or name in any language', () => {
    const result = parseDelegationList(
      csv(
        'category,m49,iso3,state',
        'state_party,40,,',
        'state_party,,nor,',
        'state_party,,,Iran (Islamic Republic of)',
        'state_party,,,venezuela (bolivarian republic of)',
        'signatory,,,Royaume-Uni de Grande-Bretagne et d’Irlande du Nord',
        "observer_state,,,cote d'ivoire",
        'state_party,,,مصر',
        'observer_entity,,,State of Palestine',
      ),
      'csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.delegations).toEqual([
      { category: 'state_party', m49: '040' },
      { category: 'state_party', m49: '578' },
      { category: 'state_party', m49: '364' },
      { category: 'state_party', m49: '862' },
      { category: 'signatory', m49: '826' },
      { category: 'observer_state', m49: '384' },
      { category: 'state_party', m49: '818' },
      { category: 'observer_entity', m49: '275' },
    ]);
  });

  it('reports each bad row with its number as a spreadsheet shows it, and keeps the good ones', () => {
    const result = parseDelegationList(
      csv(
        'category,iso3,state,name_en', // row 1
        'state_party,NOR,,', // row 2
        'friends,,,Someone', // row 3: unknown category
        'state_party,XXX,,', // row 4: unknown ISO code
        'state_party,,Atlantis,', // row 5: unknown State
        'ngo,NOR,,', // row 6: a State as an NGO
        'ngo,,,', // row 7: no name
        'igo,,,OSCE', // row 8
      ),
      'csv',
    );
    expect(result.delegations).toEqual([
      { category: 'state_party', m49: '578' },
      { category: 'igo', names: { en: 'OSCE' } },
    ]);
    expect(result.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(result.errors[0].message).toContain('friends');
    expect(result.errors[1].message).toContain('XXX');
    expect(result.errors[2].message).toContain('Atlantis');
    expect(result.errors[3].message).toContain('ngo');
  });

  it('counts blank rows when numbering bad rows, as the spreadsheet does, and skips them', () => {
    const result = parseDelegationList(
      csv(
        'category,iso3', // row 1
        'state_party,NOR', // row 2
        '', // row 3
        ' , ', // row 4
        'state_party,XXX', // row 5
        '',
      ),
      'csv',
    );
    expect(result.delegations).toEqual([{ category: 'state_party', m49: '578' }]);
    expect(result.errors).toEqual([{ row: 5, message: expect.stringContaining('XXX') }]);
  });

  it('reads an empty file as no delegations and no errors', () => {
    expect(parseDelegationList('category,m49\n', 'csv')).toEqual({ delegations: [], errors: [] });
    expect(parseDelegationList('', 'csv')).toEqual({ delegations: [], errors: [] });
  });

  it(`refuses more than ${MAX_BULK_DELEGATIONS} rows at once`, () => {
    const rows = Array.from({ length: MAX_BULK_DELEGATIONS + 1 }, (_, i) => `ngo,Entity ${i}`);
    const result = parseDelegationList(csv('category,name_en', ...rows), 'csv');
    expect(result.delegations).toEqual([]);
    expect(result.errors).toEqual([{ row: 0, message: expect.stringContaining(String(MAX_BULK_DELEGATIONS)) }]);
  });
});

describe('parseDelegationList, JSON', () => {
  it('reads an array of rows, with names flat or nested and M49 as a number', () => {
    const result = parseDelegationList(
      JSON.stringify([
        { category: 'state_party', m49: 578 },
        { category: 'Signatory State', iso3: 'egy' },
        { category: 'reio_party', names: { en: 'European Union', fr: 'Union européenne', ar: 'الاتحاد الأوروبي' } },
        { Category: 'NGO', name_en: 'La Strada International' },
      ]),
      'json',
    );
    expect(result.errors).toEqual([]);
    expect(result.delegations).toEqual([
      { category: 'state_party', m49: '578' },
      { category: 'signatory', m49: '818' },
      { category: 'reio_party', names: { en: 'European Union', fr: 'Union européenne', ar: 'الاتحاد الأوروبي' } },
      { category: 'ngo', names: { en: 'La Strada International' } },
    ]);
  });

  it('numbers bad rows from 1', () => {
    const result = parseDelegationList(
      JSON.stringify([{ category: 'state_party', m49: '578' }, 'Norway', null, { category: 'igo' }, { m49: '818' }]),
      'json',
    );
    expect(result.delegations).toHaveLength(1);
    expect(result.errors.map((e) => e.row)).toEqual([2, 3, 4, 5]);
    expect(result.errors[0].message).toBe('expected an object');
  });

  it('refuses what is not a JSON array, as a whole', () => {
    expect(parseDelegationList('{"category":"ngo"}', 'json')).toEqual({
      delegations: [],
      errors: [{ row: 0, message: 'expected a JSON array' }],
    });
    const broken = parseDelegationList('[{"category": ', 'json');
    expect(broken.delegations).toEqual([]);
    expect(broken.errors).toEqual([{ row: 0, message: expect.stringMatching(/^not valid JSON/) }]);
  });
});
