import { describe, expect, it } from 'vitest';
import { parseCommand } from '../domain/parse';
import { parseDelegationList } from '../participants/import';
import { DomainError } from './errors';
import { hasForbiddenChars, removeForbiddenChars, text } from './schema';

describe('free text hygiene', () => {
  const bad = ['\u0000', '\u0007', '\u001F', '\u007F', '\u0085', '\uFFFE', '\uFFFF', '\uD800', '\uDC00', 'a\uDBFFb'];
  const good = ['Norway', 'النرويج', '挪威', 'tab\tand\nnewline\r', 'emoji 😀', '\u202Eoverride', '\uFDD0'];

  it('finds exactly the characters XML and HTML cannot carry', () => {
    for (const s of bad) expect(hasForbiddenChars(s), JSON.stringify(s)).toBe(true);
    for (const s of good) expect(hasForbiddenChars(s), JSON.stringify(s)).toBe(false);
    expect(removeForbiddenChars('No\u0000r\uFFFEway\uD800')).toBe('Norway');
    expect(removeForbiddenChars('😀')).toBe('😀');
  });

  it('refuses them in a command, naming the field', () => {
    expect(text(20).safeParse('Nor\uFFFEway').success).toBe(false);
    try {
      parseCommand({ type: 'meeting.update', changes: { title: 'A\u0000B' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).message).toMatch(/changes.title: contains a character documents cannot carry/);
    }
  });

  it('removes them from an imported file', () => {
    const csv = parseDelegationList('category,name_en\nngo,Friends\u0000 of\uFFFF the Earth\n', 'csv');
    expect(csv.errors).toEqual([]);
    expect(csv.delegations[0]).toMatchObject({ names: { en: 'Friends of the Earth' } });
    const json = parseDelegationList(JSON.stringify([{ category: 'ngo', name_en: 'Green\u0007peace' }]), 'json');
    expect(json.delegations[0]).toMatchObject({ names: { en: 'Greenpeace' } });
  });
});
