import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import type { Report } from '@gavel/shared';
import { ChairTestMeeting } from '@gavel/shared/speakers/test-support';
import { buildParticipantsList, infSymbol } from './participants';
import { renderReportHtml } from './html';
import { renderDocx } from './docx';
import { toRenderedReport } from './rendered';

/** Three States parties, an NGO named in English only, persons in and out of delegations. */
function meeting() {
  const m = new ChairTestMeeting();
  const [norway] = m.register(['state_party', '578'], ['state_party', '818'], ['state_party', '276'], ['ngo', { en: 'Global Alliance against Traffic in Women' }]);
  const person = (p: Record<string, unknown>) => m.run({ type: 'person.register', ...p });
  // The adviser registered first: the head of delegation is listed first all the same.
  person({ name: 'Ola Nordmann', title: { en: 'Mr.', ar: 'السيد' }, function: 'adviser', delegationId: norway });
  person({ name: 'Kari Nordmann', title: { en: 'Ms.', ar: 'السيدة', fr: 'Mme' }, function: 'head', delegationId: norway });
  person({ name: 'Dominika Krois', title: { en: 'Ms.', ar: 'السيدة' }, function: 'chair' });
  person({ name: 'Venla Roth', names: { ar: 'فينلا روت' }, title: { en: 'Ms.', ar: 'السيدة' }, function: 'panellist' });
  return m.state;
}
const STATE = meeting();

const headings = (r: Report) => r.items.flatMap((i) => (i.kind === 'heading' ? [i.inlines.map((x) => (x.t === 'text' ? x.text : '')).join('')] : []));
const lists = (r: Report) => r.items.flatMap((i) => (i.kind === 'list' ? [i.items] : []));

describe('the list of participants', () => {
  it('in English: categories in the report order, States alphabetical, each delegation with its persons, head first', () => {
    const r = buildParticipantsList(STATE, 'en');
    expect(r.masthead.title).toBe('List of participants');
    expect(headings(r)).toEqual(['States parties', 'Non-governmental organizations', 'Bureau', 'Panellists']);
    const [states, ngos, bureau, panel] = lists(r);
    expect(states.map((d) => d.text)).toEqual(['Egypt', 'Germany', 'Norway']);
    expect(states[2].children.map((p) => p.text)).toEqual(['Ms. Kari Nordmann, Head of delegation', 'Mr. Ola Nordmann, Adviser']);
    expect(ngos.map((d) => d.text)).toEqual(['Global Alliance against Traffic in Women']);
    expect(bureau.map((p) => p.text)).toEqual(['Ms. Dominika Krois, Chair']);
    expect(panel.map((p) => p.text)).toEqual(['Ms. Venla Roth, Panellist']);
    expect(r.fallbacks).toEqual([]);
  });

  it('sorts States by each language’s rule, as the attendance lists do', () => {
    const order = (lang: 'ar' | 'ru' | 'zh' | 'fr') => lists(buildParticipantsList(STATE, lang))[0].map((d) => d.text);
    // Arabic: the article al- is not counted (ألمانيا, مصر, النرويج).
    expect(order('ar')).toEqual(['ألمانيا', 'مصر', 'النرويج']);
    expect(order('ru')).toEqual(['Германия', 'Египет', 'Норвегия']);
    expect(order('zh')).toEqual(['埃及', '德国', '挪威']);
    expect(order('fr')).toEqual(['Allemagne', 'Égypte', 'Norvège']);
  });

  it('in Arabic: headings, titles and names in Arabic; a name typed only in English marked in a draft and listed', () => {
    const r = buildParticipantsList(STATE, 'ar');
    expect(r.dir).toBe('rtl');
    expect(r.masthead.title).toBe('قائمة المشاركين');
    expect(headings(r)).toEqual(['الدول الأطراف', 'المنظمات غير الحكومية', 'المكتب', 'أعضاء فريق المناقشة']);
    const [states, ngos, , panel] = lists(r);
    expect(states[2].children[0].text).toBe('السيدة Kari Nordmann، رئيس الوفد');
    expect(panel[0].text).toBe('السيدة فينلا روت، عضو فريق المناقشة');
    expect(ngos[0].text).toBe('\u2068[en: Global Alliance against Traffic in Women]\u2069');
    // Listed for the translation status and the final edition's check (with the meeting's title, typed in English here).
    expect(r.fallbacks.filter((f) => f.where.startsWith('delegation.')).map((f) => f.shown)).toEqual(['en']);
    // The final edition prints the word as it is (the route refuses it unless accepted).
    expect(lists(buildParticipantsList(STATE, 'ar', { words: 'final' }))[1][0].text).toBe('Global Alliance against Traffic in Women');
  });

  it('takes the INF symbol of the meeting’s series', () => {
    expect(infSymbol('CTOC/COP/WG.4/2010/6')).toBe('CTOC/COP/WG.4/2010/INF/1');
    expect(infSymbol('')).toBe('');
    expect(buildParticipantsList(STATE, 'en').masthead.symbol).toBe(infSymbol(STATE.info.symbol));
  });

  it('is drawn by the report’s renderers: HTML (escaped, right to left in Arabic) and DOCX', async () => {
    const html = renderReportHtml(buildParticipantsList(STATE, 'ar'));
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('قائمة المشاركين');
    expect(html.indexOf('ألمانيا')).toBeLessThan(html.indexOf('النرويج'));
    const { value } = await mammoth.extractRawText({ buffer: await renderDocx(toRenderedReport(buildParticipantsList(STATE, 'en'))) });
    expect(value).toContain('List of participants');
    expect(value.indexOf('Egypt')).toBeLessThan(value.indexOf('Norway'));
    expect(value).toContain('Ms. Kari Nordmann, Head of delegation');
  });
});
