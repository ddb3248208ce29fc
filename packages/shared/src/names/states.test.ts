import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages';
import { foldForSearch, runningTextNames, searchStates, stateByM49, UN_STATES } from './states';

const byIso3 = (iso3: string) => UN_STATES.find((s) => s.iso3 === iso3)!;

describe('the UN list of States', () => {
  it('has the 193 Member States and the 2 non-member observer States, 195 in all', () => {
    expect(UN_STATES).toHaveLength(195);
    expect(UN_STATES.filter((s) => s.status === 'member')).toHaveLength(193);
    expect(UN_STATES.filter((s) => s.status === 'observer').map((s) => s.names.en).sort()).toEqual(['Holy See', 'State of Palestine']);
  });

  it('has each State once, with a three-digit M49 code and an ISO alpha-3 code', () => {
    expect(new Set(UN_STATES.map((s) => s.m49)).size).toBe(195);
    expect(new Set(UN_STATES.map((s) => s.iso3)).size).toBe(195);
    for (const s of UN_STATES) {
      expect(s.m49).toMatch(/^\d{3}$/);
      expect(s.iso3).toMatch(/^[A-Z]{3}$/);
    }
  });

  it('names every State in all six languages, each in its own script', () => {
    const scripts: Record<string, RegExp> = {
      ar: /^[\p{Script=Arabic}\s()\-–.,’'،]+$/u,
      zh: /\p{Script=Han}/u,
      ru: /^[\p{Script=Cyrillic}\s()\-–.,’']+$/u,
      en: /^[\p{Script=Latin}\s()\-–.,’']+$/u,
      fr: /^[\p{Script=Latin}\s()\-–.,’']+$/u,
      es: /^[\p{Script=Latin}\s()\-–.,’']+$/u,
    };
    for (const s of UN_STATES) {
      expect(Object.keys(s.names).sort()).toEqual([...LANGUAGES].sort());
      for (const lang of LANGUAGES) {
        const name = s.names[lang];
        expect(name, `${s.iso3} ${lang}`).toBe(name.trim());
        expect(name, `${s.iso3} ${lang}`).toMatch(scripts[lang]);
      }
    }
  });

  it('uses the short names of UN documents', () => {
    expect(byIso3('IRN').names.en).toBe('Iran (Islamic Republic of)');
    expect(byIso3('VEN').names.en).toBe('Venezuela (Bolivarian Republic of)');
    expect(byIso3('GBR').names.en).toBe('United Kingdom of Great Britain and Northern Ireland');
    expect(byIso3('IRN').names.fr).toBe('Iran (République islamique d’)');
    expect(byIso3('VEN').names.es).toBe('Venezuela (República Bolivariana de)');
    expect(byIso3('GBR').names.ru).toBe('Соединенное Королевство Великобритании и Северной Ирландии');
    expect(byIso3('GBR').names.zh).toBe('大不列颠及北爱尔兰联合王国');
    expect(byIso3('IRN').names.ar).toBe('إيران (جمهورية - الإسلامية)');
    // Not the long forms, nor the table's articles.
    for (const s of UN_STATES) {
      expect(s.names.en).not.toMatch(/^the |\(the\)$/);
      expect(s.names.fr).not.toMatch(/\((le|la|les|l’)\)$/);
    }
  });

  it('finds a State by M49 code', () => {
    expect(stateByM49('578')?.names.en).toBe('Norway');
    expect(stateByM49('040')?.names.en).toBe('Austria');
    expect(stateByM49('40')).toBeUndefined();
    expect(stateByM49('999')).toBeUndefined();
    // A territory in the M49 table is not a State.
    expect(stateByM49('630')).toBeUndefined();
  });
});

describe('searchStates', () => {
  it('finds by part of a name in any language, ignoring case and accents', () => {
    expect(searchStates("cote d'ivoire").map((s) => s.iso3)).toEqual(['CIV']);
    expect(searchStates('NORVÈGE').map((s) => s.iso3)).toEqual(['NOR']);
    expect(searchStates('挪威').map((s) => s.iso3)).toEqual(['NOR']);
    expect(searchStates('النرويج').map((s) => s.iso3)).toEqual(['NOR']);
    expect(searchStates('bolivarian').map((s) => s.iso3)).toEqual(['VEN']);
  });

  it('finds by exact ISO code', () => {
    expect(searchStates('irn').map((s) => s.iso3)).toEqual(['IRN']);
  });

  it('returns the start of the list for an empty query, and never more than the limit', () => {
    expect(searchStates('  ', 5)).toEqual(UN_STATES.slice(0, 5));
    expect(searchStates('a', 7)).toHaveLength(7);
    expect(searchStates('zzzz')).toEqual([]);
  });

  it('folds apostrophes and diacritics alike', () => {
    expect(foldForSearch('Côte d’Ivoire')).toBe(foldForSearch("cote d'ivoire"));
  });
});

describe('names in running text (chapter IV of the model report)', () => {
  it('gives the short forms of the United States and the United Kingdom in English and Arabic, and leaves the rest as registered', () => {
    const us = stateByM49('840')!.names;
    expect(runningTextNames('840', us)).toMatchObject({ en: 'United States', ar: 'الولايات المتحدة', fr: us.fr });
    expect(runningTextNames('826', { ar: 'المملكة المتحدة لبريطانيا العظمى وإيرلندا الشمالية' })).toEqual({ ar: 'المملكة المتحدة', en: 'United Kingdom' });
    expect(runningTextNames('578', { en: 'Norway' })).toEqual({ en: 'Norway' });
    expect(runningTextNames(undefined, { en: 'European Union' })).toEqual({ en: 'European Union' });
  });
});
