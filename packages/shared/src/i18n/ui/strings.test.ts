import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/errors';
import { LANGUAGES } from '../../languages';
import { en, UI_STRINGS } from './index';

/** A nested object of strings, as each language file is. */
type Tree = { [key: string]: string | Tree };

/** Every string in a tree, keyed by its dotted path ("codes.intro"). */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value, path)) out.set(p, v);
  }
  return out;
}

/** Every key path, objects included, so that a string where an object belongs shows up too. */
function keyPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [typeof value === 'string' ? path : `${path}.*`, ...keyPaths(value, path)];
  });
}

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]))].sort();

const enLeaves = leaves(en as unknown as Tree);
const others = LANGUAGES.filter((lang) => lang !== 'en');

/** Values that stay in Latin script in every language: the product name. */
const LATIN_EVERYWHERE = new Set(['app.name']);

/** The script each language's strings are written in. */
const SCRIPT: Partial<Record<(typeof LANGUAGES)[number], RegExp>> = {
  ar: /[\u0600-\u06FF]/,
  zh: /\p{Script=Han}/u,
  ru: /\p{Script=Cyrillic}/u,
};

describe('the UI strings', () => {
  it('exist for each of the six languages', () => {
    expect(Object.keys(UI_STRINGS).sort()).toEqual([...LANGUAGES].sort());
    expect(UI_STRINGS.en).toBe(en);
  });

  describe.each(others)('in %s', (lang) => {
    const strings = UI_STRINGS[lang] as unknown as Tree;
    const own = leaves(strings);

    it('have exactly the keys of en', () => {
      const want = new Set(keyPaths(en));
      const have = new Set(keyPaths(strings));
      expect({
        missing: [...want].filter((p) => !have.has(p)),
        extra: [...have].filter((p) => !want.has(p)),
      }).toEqual({ missing: [], extra: [] });
    });

    it('have no empty string', () => {
      expect([...own].filter(([, v]) => v.trim() === '').map(([p]) => p)).toEqual([]);
    });

    it('keep the placeholders of en, and add none', () => {
      const wrong: string[] = [];
      for (const [path, source] of enLeaves) {
        const translation = own.get(path);
        if (translation === undefined) continue; // reported as missing above
        const show = (names: string[]) => names.map((n) => `{{${n}}}`).join(' ') || 'none';
        const want = show(placeholders(source));
        const have = show(placeholders(translation));
        if (want !== have) wrong.push(`${path}: has ${have}, en has ${want}`);
      }
      expect(wrong).toEqual([]);
    });

    it('keep the access-code example in Latin script', () => {
      for (const [path, source] of enLeaves) {
        if (source.includes('K7QF-M2XD-9PRT')) expect(own.get(path), path).toContain('K7QF-M2XD-9PRT');
      }
    });

    const script = SCRIPT[lang];
    if (script) {
      it('are written in the script of the language', () => {
        const notInScript = [...own]
          .filter(([path]) => !LATIN_EVERYWHERE.has(path))
          // What is left once placeholders are taken out has letters, so it must be in the script.
          .filter(([, v]) => /\p{L}/u.test(v.replace(/\{\{[^{}]*\}\}/g, '')))
          .filter(([, v]) => !script.test(v))
          .map(([path]) => path);
        expect(notInScript).toEqual([]);
      });
    }
  });
});

describe('numbers in the Arabic UI', () => {
  // As the Arabic UI writes every number it shows (formatInteger, dates, durations): Arabic-Indic digits, in its hints'
  // examples too ("الفقرة ١٠٩ أدناه", "الساعة ١٠:٠٥"). What a user must type in Latin digits stays Latin: document symbols
  // (CTOC/COP/WG.4/2009/2), M49 codes and file columns (iso3), the access-code example, a screen's id, the marks ⟦1⟧ of an
  // amendment's plain text.
  const TYPED_AS_IS = new Set(['signIn.codeHint', 'participants.importHint', 'day.newScreen', 'amendments.marksHint']);
  it('writes its numbers in Arabic-Indic digits, except what is typed in Latin digits', () => {
    const latin = [...leaves(UI_STRINGS.ar as unknown as Tree)]
      .filter(([path]) => !TYPED_AS_IS.has(path))
      .map(([path, text]) => [path, text.replace(/[A-Z]+(?:\/[A-Za-z0-9.]+)+/g, '').replace(/\b[mM]49\b/g, '')] as const)
      .filter(([, text]) => /[0-9]/.test(text))
      .map(([path, text]) => `${path}: ${text}`);
    expect(latin).toEqual([]);
  });
});

describe('server errors in the six languages', () => {
  it('gives every error code the server can send (and the client’s own "network") a message in each language, translated', () => {
    for (const code of [...ERROR_CODES, 'network'] as const) {
      for (const lang of LANGUAGES) {
        const message = UI_STRINGS[lang].error[code];
        expect(message, `${lang} error.${code}`).toBeTruthy();
        if (lang !== 'en') expect(message, `${lang} error.${code}`).not.toBe(en.error[code]);
      }
    }
  });
});
