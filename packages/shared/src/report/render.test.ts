import { describe, expect, it } from 'vitest';
import type { Lang } from '../languages';
import { stateByM49 } from '../names/states';
import type { NameMap, Sentence } from './model';
import { dateSpan, renderSentence, reportDate } from './render';

const state = (m49: string): NameMap => stateByM49(m49)!.names;
const item3 = {
  itemId: 'i3',
  path: [3],
  title: 'Analysis of key concepts of the Trafficking in Persons Protocol',
};

describe('dates in the six languages', () => {
  it.each<[Lang, string, string]>([
    ['en', '27 January 2010', 'from 27 to 29 January 2010'],
    ['fr', '27 janvier 2010', 'du 27 au 29 janvier 2010'],
    ['es', '27 de enero de 2010', 'del 27 al 29 de enero de 2010'],
    ['ru', '27 января 2010 года', 'с 27 по 29 января 2010 года'],
    ['zh', '2010年1月27日', '2010年1月27日至29日'],
    // Model, para. 66: "من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠"
    ['ar', '٢٧ كانون الثاني/يناير ٢٠١٠', 'من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠'],
  ])('%s: %s, %s', (lang, date, span) => {
    expect(reportDate('2010-01-27', lang)).toBe(date);
    expect(dateSpan('2010-01-27', '2010-01-29', lang)).toBe(span);
  });

  it('spans months in full and writes the French first of the month "1er"', () => {
    expect(dateSpan('2010-01-30', '2010-02-02', 'en')).toBe('from 30 January 2010 to 2 February 2010');
    expect(reportDate('2010-02-01', 'fr')).toBe('1er février 2010');
    expect(dateSpan('2010-10-01', '2010-10-03', 'fr')).toBe('du 1er au 3 octobre 2010');
    expect(dateSpan('2010-01-27', '2010-01-27', 'en')).toBe('on 27 January 2010');
  });
});

describe('the sentences of chapter IV', () => {
  const considered: Sentence = { kind: 'item_considered', body: 'working_group', dates: ['2010-01-27'], item: item3 };
  it.each<[Lang, string]>([
    ['en', 'On 27 January 2010, the working group considered agenda item 3, entitled “Analysis of key concepts of the Trafficking in Persons Protocol”.'],
    ['fr', 'Le 27 janvier 2010, le Groupe de travail a examiné le point 3 de l’ordre du jour, intitulé «\u00a0Analysis of key concepts of the Trafficking in Persons Protocol\u00a0».'],
    ['es', 'El 27 de enero de 2010, el Grupo de Trabajo examinó el tema 3 del programa, titulado «Analysis of key concepts of the Trafficking in Persons Protocol».'],
    ['ru', '27 января 2010 года Рабочая группа рассмотрела пункт 3 повестки дня, озаглавленный «Analysis of key concepts of the Trafficking in Persons Protocol».'],
    ['zh', '工作组于2010年1月27日审议了题为“Analysis of key concepts of the Trafficking in Persons Protocol”的议程项目3。'],
    ['ar', 'في ٢٧ كانون الثاني/يناير ٢٠١٠، نظر الفريق العامل في البند ٣ من جدول الأعمال المعنون "Analysis of key concepts of the Trafficking in Persons Protocol".'],
  ])('item considered, %s', (lang, expected) => {
    expect(renderSentence(considered, lang)).toBe(expected);
  });

  it('names the documents before the group, symbols in Latin script in every language', () => {
    const s: Sentence = {
      kind: 'documents_before',
      body: 'working_group',
      documents: [{ symbol: 'CTOC/COP/WG.4/2010/2', title: 'Background paper prepared by the Secretariat' }],
    };
    expect(renderSentence(s, 'en')).toBe(
      'For its consideration of the item, the working group had before it the following document: Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2).',
    );
    expect(renderSentence(s, 'fr')).toBe(
      'Pour l’examen de ce point, le Groupe de travail était saisi du document suivant\u00a0: Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2).',
    );
    const two: Sentence = { ...s, documents: [...s.documents, { symbol: 'CTOC/COP/WG.4/2010/1', title: 'Provisional agenda and annotations' }] };
    expect(renderSentence(two, 'en')).toBe(
      'For its consideration of the item, the working group had before it the following documents: Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2) and Provisional agenda and annotations (CTOC/COP/WG.4/2010/1).',
    );
    expect(renderSentence(two, 'es')).toContain('tuvo ante sí los siguientes documentos: ');
    expect(renderSentence(s, 'ar')).toContain('(CTOC/COP/WG.4/2010/2)');
    expect(renderSentence(s, 'zh')).toContain('（CTOC/COP/WG.4/2010/2）');
  });

  it('lists the panellists with their countries (model, para. 88)', () => {
    const s: Sentence = {
      kind: 'panellists',
      panellists: [
        { name: 'Venla Roth', country: state('246') },
        { name: 'Nicole Zündorf-Hinte', country: state('276') },
        { name: 'Wael Aboulmagd', country: state('818') },
        { name: 'Olivier Weber', country: state('250') },
      ],
    };
    expect(renderSentence(s, 'en')).toBe(
      'The following panellists took part: Venla Roth (Finland), Nicole Zündorf-Hinte (Germany), Wael Aboulmagd (Egypt) and Olivier Weber (France).',
    );
    expect(renderSentence(s, 'ar')).toBe(
      'وشارك المتكلمون التالية أسماؤهم في المناقشة، وهم: Venla Roth (فنلندا)، وNicole Zündorf-Hinte (ألمانيا)، وWael Aboulmagd (مصر)، وOlivier Weber (فرنسا).',
    );
  });

  it('lists the States heard in the order given, not sorted, and the observers after them', () => {
    const heard: Sentence = { kind: 'states_heard', body: 'working_group', item: item3, names: ['578', '170', '840'].map(state) };
    expect(renderSentence(heard, 'en')).toBe(
      'Under agenda item 3, the working group heard statements by representatives of the following States: Norway, Colombia and United States of America.',
    );
    expect(renderSentence(heard, 'ar')).toBe(
      'واستمع الفريق العامل، في إطار البند ٣ من جدول الأعمال، إلى كلمات ألقاها ممثلو الدول التالية: النرويج، كولومبيا، الولايات المتحدة الأمريكية.',
    );
    expect(renderSentence(heard, 'fr')).toMatch(/États suivants\u00a0: Norvège, Colombie et États-Unis d’Amérique\.$/);
    expect(renderSentence(heard, 'es')).toMatch(/Estados: Noruega, Colombia y Estados Unidos de América\.$/);
    expect(renderSentence(heard, 'ru')).toMatch(/государств: Норвегия, Колумбия и Соединенные Штаты Америки\.$/);
    expect(renderSentence(heard, 'zh')).toMatch(/^在议程项目3下，工作组听取了下列国家代表的发言：挪威、哥伦比亚和美利坚合众国。$/);

    const observers: Sentence = { kind: 'observers_heard', names: ['156', '356', '586', '764'].map(state) };
    expect(renderSentence(observers, 'en')).toBe('The observers for China, India, Pakistan and Thailand also made statements.');
    // Model, para. 79: "وأدلى المراقبون عن الصين والهند وباكستان … وتايلند بكلمات"
    expect(renderSentence(observers, 'ar')).toBe('وأدلى المراقبون عن الصين والهند وباكستان وتايلند بكلمات أيضا.');
  });

  it('writes the opening of the meeting (model, para. 66)', () => {
    const held: Sentence = { kind: 'meeting_held', body: 'working_group', venue: 'Vienna', startDate: '2010-01-27', endDate: '2010-01-29' };
    expect(renderSentence(held, 'en')).toBe('The working group held its meeting in Vienna from 27 to 29 January 2010.');
    expect(renderSentence(held, 'ar')).toBe('عقد الفريق العامل اجتماعه في فيينا من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠.');
    // The city as each edition names it (Russian after «в»: prepositional case); an unknown venue as typed.
    expect(renderSentence(held, 'fr')).toBe('Le Groupe de travail a tenu sa réunion à Vienne du 27 au 29 janvier 2010.');
    expect(renderSentence(held, 'ru')).toMatch(/^Рабочая группа провела свое совещание в Вене /);
    expect(renderSentence(held, 'zh')).toBe('工作组于2010年1月27日至29日在维也纳举行了会议。');
    expect(renderSentence({ ...held, venue: 'genève' }, 'es')).toMatch(/^El Grupo de Trabajo celebró su reunión en Ginebra /);
    expect(renderSentence({ ...held, venue: 'Palermo' }, 'ar')).toMatch(/^عقد الفريق العامل اجتماعه في Palermo /);
    const opened: Sentence = { kind: 'meeting_opened', date: '2010-01-27', chair: { name: 'Dominika Krois', country: state('616'), gender: 'f' } };
    expect(renderSentence(opened, 'en')).toBe('The meeting was opened by the Chair, Dominika Krois (Poland).');
    expect(renderSentence(opened, 'ar')).toBe('وافتتحت الاجتماع الرئيسة Dominika Krois (بولندا).');
    expect(renderSentence(opened, 'fr')).toBe('La réunion a été ouverte par la Présidente, Dominika Krois (Pologne).');
  });

  it('has a sentence for every kind in every language, without stray placeholders', () => {
    const names = ['578', '170'].map(state);
    const all: Sentence[] = [
      { kind: 'meeting_held', body: 'working_group', venue: 'Vienna', startDate: '2010-01-27', endDate: '2010-01-29' },
      { kind: 'meeting_opened', date: '2010-01-27', chair: null },
      { kind: 'agenda_adopted', body: 'working_group', date: '2010-01-27' },
      ...(['state_party', 'reio_party', 'signatory', 'observer_state', 'observer_entity', 'un_body', 'igo', 'other_entity', 'ngo'] as const).map(
        (category): Sentence => ({ kind: 'attendance', category, names }),
      ),
      { kind: 'item_considered', body: 'working_group', dates: [], item: item3 },
      { kind: 'documents_before', body: 'working_group', documents: [{ symbol: 'CTOC/COP/WG.4/2010/1', title: 'Note' }] },
      { kind: 'panellists', panellists: [{ name: 'A', country: null }] },
      { kind: 'states_heard', body: 'working_group', item: item3, names },
      { kind: 'reio_heard', names: [{ en: 'European Union', ar: 'الاتحاد الأوروبي' }] },
      { kind: 'observers_heard', names },
      { kind: 'organizations_heard', names: [{ en: 'INTERPOL' }] },
      { kind: 'documentation', body: 'working_group' },
      { kind: 'report_adopted', body: 'working_group', date: '2010-01-29' },
    ];
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const) {
      for (const s of all) {
        const text = renderSentence(s, lang);
        expect(text, `${s.kind} in ${lang}`).toMatch(/[.。:：]$/);
        expect(text).not.toMatch(/undefined|\$\{|\?/);
        if (lang === 'ar') expect(text, `${s.kind} in Arabic`).not.toMatch(/[0-9](?![^(]*\))/);
      }
    }
  });
});

describe('the documentation and the adoption of the report', () => {
  const documentation: Sentence = { kind: 'documentation', body: 'working_group' };
  const adopted: Sentence = { kind: 'report_adopted', body: 'working_group', date: '2010-01-29' };

  it.each<[Lang, string, string]>([
    ['en', 'The working group had before it the following documents:', 'On 29 January 2010, the working group adopted the report on its meeting.'],
    ['fr', 'Le Groupe de travail était saisi des documents suivants\u00a0:', 'Le 29 janvier 2010, le Groupe de travail a adopté le rapport sur sa réunion.'],
    ['es', 'El Grupo de Trabajo tuvo ante sí los siguientes documentos:', 'El 29 de enero de 2010, el Grupo de Trabajo aprobó el informe sobre su reunión.'],
    ['ru', 'Рабочая группа имела в своем распоряжении следующие документы:', '29 января 2010 года Рабочая группа утвердила доклад о работе своего совещания.'],
    ['zh', '工作组收到了下列文件：', '工作组于2010年1月29日通过了关于其会议的报告。'],
    // Arabic-Indic digits and the two names of the month, Syriac first.
    ['ar', 'وعُرضت على الفريق العامل الوثائق التالية:', 'في ٢٩ كانون الثاني/يناير ٢٠١٠، اعتمد الفريق العامل التقرير عن اجتماعه.'],
  ])('%s', (lang, documents, adoption) => {
    expect(renderSentence(documentation, lang)).toBe(documents);
    expect(renderSentence(adopted, lang)).toBe(adoption);
  });

  it('writes the months of the adoption as each language does', () => {
    const on = (date: string, lang: Lang) => renderSentence({ kind: 'report_adopted', body: 'working_group', date }, lang);
    expect(on('2011-10-14', 'ar')).toBe('في ١٤ تشرين الأول/أكتوبر ٢٠١١، اعتمد الفريق العامل التقرير عن اجتماعه.');
    expect(on('2011-06-03', 'ar')).toBe('في ٣ حزيران/يونيه ٢٠١١، اعتمد الفريق العامل التقرير عن اجتماعه.');
    expect(on('2011-02-01', 'fr')).toBe('Le 1er février 2011, le Groupe de travail a adopté le rapport sur sa réunion.');
  });
});
