import { describe, expect, it } from 'vitest';
import type { Lang } from '../languages';
import { stateByM49 } from '../names/states';
import { CATEGORIES, type Category } from '../participants/categories';
import type { DocumentRef, NameMap, PanellistRef, Sentence } from './model';
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
    ['ru', '27 января 2010 года', '27–29 января 2010 года'],
    ['zh', '2010年1月27日', '2010年1月27日至29日'],
    // Model, para. 66: "من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠"
    ['ar', '٢٧ كانون الثاني/يناير ٢٠١٠', 'من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠'],
  ])('%s: %s, %s', (lang, date, span) => {
    expect(reportDate('2010-01-27', lang)).toBe(date);
    expect(dateSpan('2010-01-27', '2010-01-29', lang)).toBe(span);
  });

  it.each<[Lang, string]>([
    ['en', 'from 30 January to 2 February 2010'],
    ['fr', 'du 30 janvier au 2 février 2010'],
    ['es', 'del 30 de enero al 2 de febrero de 2010'],
    ['ru', '30 января – 2 февраля 2010 года'],
    ['zh', '2010年1月30日至2月2日'],
    ['ar', 'من ٣٠ كانون الثاني/يناير إلى ٢ شباط/فبراير ٢٠١٠'],
  ])('%s: a meeting across two months of one year gives the year once (it gave "с 30 января 2010 по …" in Russian)', (lang, span) => {
    expect(dateSpan('2010-01-30', '2010-02-02', lang)).toBe(span);
  });

  it('spans years in full and writes the French first of the month "1er"', () => {
    expect(dateSpan('2010-12-30', '2011-01-02', 'en')).toBe('from 30 December 2010 to 2 January 2011');
    expect(dateSpan('2010-12-30', '2011-01-02', 'ru')).toBe('30 декабря 2010 года – 2 января 2011 года');
    expect(dateSpan('2010-12-30', '2011-01-02', 'zh')).toBe('2010年12月30日至2011年1月2日');
    expect(dateSpan('2010-01-31', '2010-02-01', 'fr')).toBe('du 31 janvier au 1er février 2010');
    expect(dateSpan('2010-02-01', '2010-03-01', 'fr')).toBe('du 1er février au 1er mars 2010');
    expect(reportDate('2010-02-01', 'fr')).toBe('1er février 2010');
    expect(dateSpan('2010-10-01', '2010-10-03', 'fr')).toBe('du 1er au 3 octobre 2010');
    expect(dateSpan('2010-01-27', '2010-01-27', 'en')).toBe('on 27 January 2010');
  });
});

/**
 * Every generated paragraph type in the six languages. The Arabic expected
 * texts are copied from the model report (reference/000_…txt, paragraph
 * numbers given), with its names; the English from the model's English
 * outline (reference/README.md) where it gives the sentence; the others from
 * the way UN reports in those languages write the same sentences.
 */
const PROTOCOL = {
  en: 'the Trafficking in Persons Protocol',
  fr: 'le Protocole relatif à la traite des personnes',
  es: 'el Protocolo contra la trata de personas',
  ru: 'Протокола о торговле людьми',
  zh: '《贩运人口议定书》',
  ar: 'بروتوكول الاتجار بالأشخاص',
} satisfies Record<Lang, string>;
const EU: NameMap = { en: 'European Union', fr: 'Union européenne', es: 'Unión Europea', ru: 'Европейский союз', zh: '欧洲联盟', ar: 'الاتحاد الأوروبي' };
const PALESTINE: NameMap = { en: 'Palestine', fr: 'Palestine', es: 'Palestina', ru: 'Палестина', zh: '巴勒斯坦', ar: 'فلسطين' };
const MALTA: NameMap = {
  en: 'Sovereign Military Order of Malta',
  fr: 'Ordre souverain de Malte',
  es: 'Soberana Orden Militar de Malta',
  ru: 'Суверенный военный Мальтийский орден',
  zh: '马耳他主权军事教团',
  ar: 'منظمة فرسان مالطة العسكرية المستقلة',
};
const LAS: NameMap = { en: 'League of Arab States', fr: 'Ligue des États arabes', es: 'Liga de los Estados Árabes', ru: 'Лига арабских государств', zh: '阿拉伯国家联盟', ar: 'جامعة الدول العربية' };
const IOM: NameMap = { en: 'International Organization for Migration', fr: 'Organisation internationale pour les migrations', es: 'Organización Internacional para las Migraciones', ru: 'Международная организация по миграции', zh: '国际移民组织', ar: 'المنظمة الدولية للهجرة' };
const attendance = (category: Category, list: NameMap[], lang: Lang, instrument = true): string =>
  renderSentence({ kind: 'attendance', category, names: list, ...(instrument ? { instrument: PROTOCOL[lang] } : {}) }, lang);

describe('III.A the opening (model, para. 66)', () => {
  const held: Sentence = { kind: 'meeting_held', body: 'working_group', venue: 'Vienna', startDate: '2010-01-27', endDate: '2010-01-29' };
  const chair = { name: 'Dominika Krois', country: state('616'), gender: 'f' as const };
  const opened: Sentence = { kind: 'meeting_opened', date: '2010-01-27', chair };
  it.each<[Lang, string, string]>([
    ['en', 'The working group held its meeting in Vienna from 27 to 29 January 2010.', 'The meeting was opened by the Chair, Dominika Krois (Poland).'],
    ['fr', 'Le Groupe de travail a tenu sa réunion à Vienne du 27 au 29 janvier 2010.', 'La réunion a été ouverte par la Présidente, Dominika Krois (Pologne).'],
    ['es', 'El Grupo de Trabajo celebró su reunión en Viena del 27 al 29 de enero de 2010.', 'La Presidenta, Dominika Krois (Polonia), abrió la reunión.'],
    ['ru', 'Рабочая группа провела свое совещание в Вене 27–29 января 2010 года.', 'Совещание открыла Председатель Dominika Krois (Польша).'],
    ['zh', '工作组于2010年1月27日至29日在维也纳举行了会议。', '会议由主席Dominika Krois（波兰）宣布开幕。'],
    ['ar', 'عقد الفريق العامل اجتماعه في فيينا من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠.', 'وافتتحت الاجتماع الرئيسة دومينيكا كرويس (بولندا).'],
  ])('%s', (lang, heldText, openedText) => {
    expect(renderSentence(held, lang)).toBe(heldText);
    const name = lang === 'ar' ? 'دومينيكا كرويس' : chair.name;
    expect(renderSentence({ ...opened, chair: { ...chair, name } }, lang)).toBe(openedText);
  });

  it('gives the chair the function in the gender of the form of address, and a sentence without gender when none is known', () => {
    const as = (gender: 'f' | 'm' | null, lang: Lang) => renderSentence({ ...opened, chair: { ...chair, name: 'A. B.', gender } }, lang);
    expect(as('m', 'ar')).toBe('وافتتح الاجتماع الرئيس A. B. (بولندا).');
    expect(as(null, 'ar')).toBe('وافتُتح الاجتماع برئاسة A. B. (بولندا).');
    expect(as('m', 'fr')).toBe('La réunion a été ouverte par le Président, A. B. (Pologne).');
    expect(as(null, 'fr')).toBe('La réunion a été ouverte par A. B. (Pologne), qui en assurait la présidence.');
    expect(as('m', 'es')).toBe('El Presidente, A. B. (Polonia), abrió la reunión.');
    expect(as(null, 'es')).toBe('Abrió la reunión A. B. (Polonia), que ocupaba la Presidencia.');
    expect(as('m', 'ru')).toBe('Совещание открыл Председатель A. B. (Польша).');
    expect(as(null, 'ru')).toBe('Совещание было открыто Председателем A. B. (Польша).');
    expect(as(null, 'en')).toBe('The meeting was opened by the Chair, A. B. (Poland).');
  });
});

describe('III.B the adoption of the agenda (model, para. 67)', () => {
  it.each<[Lang, string]>([
    ['en', 'On 27 January, the working group adopted the following agenda:'],
    ['fr', 'Le 27 janvier, le Groupe de travail a adopté l’ordre du jour suivant\u00a0:'],
    ['es', 'El 27 de enero, el Grupo de Trabajo aprobó el siguiente programa:'],
    ['ru', '27 января Рабочая группа утвердила следующую повестку дня:'],
    ['zh', '1月27日，工作组通过了以下议程：'],
    ['ar', 'في ٢٧ كانون الثاني/يناير، أقر الفريق العامل جدول الأعمال التالي:'],
  ])('%s: the day without the year, which the opening gave', (lang, expected) => {
    expect(renderSentence({ kind: 'agenda_adopted', body: 'working_group', date: '2010-01-27' }, lang)).toBe(expected);
  });
});

describe('III.C attendance (model, paras. 68-76)', () => {
  it('writes the model’s Arabic sentences, the lone participants in the singular with their names as subject', () => {
    expect(attendance('state_party', ['818', '578'].map(state), 'ar')).toBe(
      'مثّلت في اجتماع الفريق العامل الدول التالية الأطراف في بروتوكول الاتجار بالأشخاص: مصر، النرويج.',
    );
    // Para. 69, complete (it was cut short "… وطرف."); the model itself cites the Protocol short here ("بروتوكول الاتجار").
    expect(renderSentence({ kind: 'attendance', category: 'reio_party', names: [EU], instrument: 'بروتوكول الاتجار' }, 'ar')).toBe(
      'ومثّل في الاجتماع أيضاً الاتحاد الأوروبي، وهو منظمة إقليمية للتكامل الاقتصادي وطرف في بروتوكول الاتجار.',
    );
    expect(attendance('signatory', ['392', '300'].map(state), 'ar')).toBe(
      'ومثّلت بمراقبين الدول التالية الموقِّعة على بروتوكول الاتجار بالأشخاص: اليابان، اليونان.',
    );
    expect(renderSentence({ kind: 'attendance', category: 'observer_state', names: ['156', '336'].map(state), instrument: 'بروتوكول الاتجار' }, 'ar')).toBe(
      'ومثّلت بمراقبين أيضاً الدول التالية التي هي ليست أطرافاً في بروتوكول الاتجار ولا موقِّعة عليه: الصين، الكرسي الرسولي.',
    );
    expect(attendance('observer_entity', [PALESTINE], 'ar')).toBe('ومثّلت فلسطين أيضا بمراقب، وهي كيان له بعثة مراقب دائم.');
    expect(attendance('igo_observer', [IOM, LAS], 'ar')).toBe(
      'ومثّلت المنظمات الحكومية الدولية التالية التي لها صفة مراقب دائم: المنظمة الدولية للهجرة، جامعة الدول العربية.',
    );
    expect(attendance('other_entity', [MALTA], 'ar')).toBe('ومثِّلت منظمة فرسان مالطة العسكرية المستقلة وهي هيئة لها مكتب مراقب دائم.');
    expect(attendance('igo', [IOM, LAS], 'ar')).toBe('ومثّلت بمراقبين المنظمات الحكومية الدولية التالية: المنظمة الدولية للهجرة، جامعة الدول العربية.');
  });

  it('agrees the Arabic pronoun with the treaty: a convention is feminine', () => {
    const s: Sentence = { kind: 'attendance', category: 'observer_state', names: [state('156')], instrument: 'اتفاقية الجريمة المنظمة' };
    expect(renderSentence(s, 'ar')).toBe('ومثّلت بمراقب أيضاً الدولة التالية التي هي ليست طرفاً في اتفاقية الجريمة المنظمة ولا موقِّعة عليها: الصين.');
  });

  it.each<[Lang, string, string]>([
    [
      'en',
      'The following States parties to the Trafficking in Persons Protocol were represented at the meeting of the working group: Egypt and Norway.',
      'The following State party to the Trafficking in Persons Protocol was represented at the meeting of the working group: Egypt.',
    ],
    [
      'fr',
      'Les États suivants, parties au Protocole relatif à la traite des personnes, étaient représentés à la réunion du Groupe de travail\u00a0: Égypte et Norvège.',
      'L’État suivant, partie au Protocole relatif à la traite des personnes, était représenté à la réunion du Groupe de travail\u00a0: Égypte.',
    ],
    [
      'es',
      'Estuvieron representados en la reunión del Grupo de Trabajo los siguientes Estados partes en el Protocolo contra la trata de personas: Egipto y Noruega.',
      'Estuvo representado en la reunión del Grupo de Trabajo el siguiente Estado parte en el Protocolo contra la trata de personas: Egipto.',
    ],
    [
      'ru',
      'На совещании Рабочей группы были представлены следующие государства – участники Протокола о торговле людьми: Египет и Норвегия.',
      'На совещании Рабочей группы было представлено следующее государство – участник Протокола о торговле людьми: Египет.',
    ],
    ['zh', '下列《贩运人口议定书》缔约国派代表出席了工作组会议：埃及、挪威。', '下列《贩运人口议定书》缔约国派代表出席了工作组会议：埃及。'],
    [
      'ar',
      'مثّلت في اجتماع الفريق العامل الدول التالية الأطراف في بروتوكول الاتجار بالأشخاص: مصر، النرويج.',
      'مثّلت في اجتماع الفريق العامل الدولة التالية الطرف في بروتوكول الاتجار بالأشخاص: مصر.',
    ],
  ])('%s: States parties, several and one', (lang, several, one) => {
    expect(attendance('state_party', ['818', '578'].map(state), lang)).toBe(several);
    expect(attendance('state_party', [state('818')], lang)).toBe(one);
  });

  it.each<[Lang, string, string]>([
    [
      'en',
      'The following regional economic integration organization that is a party to the Trafficking in Persons Protocol was also represented at the meeting: European Union.',
      'The following entity maintaining a permanent observer mission was also represented by an observer: Palestine.',
    ],
    [
      'fr',
      'L’organisation régionale d’intégration économique suivante, partie au Protocole relatif à la traite des personnes, était également représentée à la réunion\u00a0: Union européenne.',
      'L’entité suivante, dotée d’une mission permanente d’observation, était également représentée par un observateur\u00a0: Palestine.',
    ],
    [
      'es',
      'También estuvo representada en la reunión la siguiente organización regional de integración económica que es parte en el Protocolo contra la trata de personas: Unión Europea.',
      'También estuvo representada por un observador la siguiente entidad que mantiene una misión permanente de observación: Palestina.',
    ],
    [
      'ru',
      'На совещании была также представлена следующая региональная организация экономической интеграции – участник Протокола о торговле людьми: Европейский союз.',
      'Наблюдателем было также представлено следующее образование, имеющее постоянную миссию наблюдателя: Палестина.',
    ],
    ['zh', '下列《贩运人口议定书》缔约方区域经济一体化组织也派代表出席了会议：欧洲联盟。', '下列设有常驻观察员代表团的实体也派观察员出席了会议：巴勒斯坦。'],
    [
      'ar',
      'ومثّل في الاجتماع أيضاً الاتحاد الأوروبي، وهو منظمة إقليمية للتكامل الاقتصادي وطرف في بروتوكول الاتجار بالأشخاص.',
      'ومثّلت فلسطين أيضا بمراقب، وهي كيان له بعثة مراقب دائم.',
    ],
  ])('%s: one regional organization, one observer entity, in the singular', (lang, reio, entity) => {
    expect(attendance('reio_party', [EU], lang)).toBe(reio);
    expect(attendance('observer_entity', [PALESTINE], lang)).toBe(entity);
  });

  it('never cuts the regional organization’s sentence short when no treaty is named', () => {
    for (const lang of ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const) {
      const text = attendance('reio_party', [EU], lang, false);
      expect(text, lang).not.toMatch(/(and a party|et partie|وطرف)\.$/);
      expect(text, lang).toMatch(/[.。]$/);
    }
    expect(attendance('reio_party', [EU], 'ar', false)).toBe('ومثّل في الاجتماع أيضاً الاتحاد الأوروبي، وهو منظمة إقليمية للتكامل الاقتصادي من الأطراف.');
    expect(attendance('state_party', [state('818'), state('578')], 'en', false)).toBe(
      'The following States parties were represented at the meeting of the working group: Egypt and Norway.',
    );
  });

  it.each<[Lang, string, string]>([
    [
      'en',
      'The following intergovernmental organizations having permanent observer status were represented: International Organization for Migration and League of Arab States.',
      'The following intergovernmental organization was represented by an observer: League of Arab States.',
    ],
    [
      'fr',
      'Les organisations intergouvernementales suivantes, dotées du statut d’observateur permanent, étaient représentées\u00a0: Organisation internationale pour les migrations et Ligue des États arabes.',
      'L’organisation intergouvernementale suivante était représentée par un observateur\u00a0: Ligue des États arabes.',
    ],
    [
      'es',
      'Estuvieron representadas las siguientes organizaciones intergubernamentales que tienen la condición de observador permanente: Organización Internacional para las Migraciones y Liga de los Estados Árabes.',
      'Estuvo representada por un observador la siguiente organización intergubernamental: Liga de los Estados Árabes.',
    ],
    [
      'ru',
      'Были представлены следующие межправительственные организации, имеющие статус постоянного наблюдателя: Международная организация по миграции и Лига арабских государств.',
      'Наблюдателем была представлена следующая межправительственная организация: Лига арабских государств.',
    ],
    ['zh', '下列具有常驻观察员地位的政府间组织派代表出席了会议：国际移民组织、阿拉伯国家联盟。', '下列政府间组织派观察员出席了会议：阿拉伯国家联盟。'],
    [
      'ar',
      'ومثّلت المنظمات الحكومية الدولية التالية التي لها صفة مراقب دائم: المنظمة الدولية للهجرة، جامعة الدول العربية.',
      'ومثّلت بمراقب المنظمة الحكومية الدولية التالية: جامعة الدول العربية.',
    ],
  ])('%s: organizations with permanent observer status and the others are two sentences', (lang, observers, one) => {
    expect(attendance('igo_observer', [IOM, LAS], lang)).toBe(observers);
    expect(attendance('igo', [LAS], lang)).toBe(one);
  });
});

describe('IV the sentences of each item', () => {
  const considered: Sentence = { kind: 'item_considered', body: 'working_group', dates: ['2010-01-27'], item: item3 };
  it.each<[Lang, string]>([
    ['en', 'On 27 January, the working group considered agenda item 3, entitled “Analysis of key concepts of the Trafficking in Persons Protocol”.'],
    ['fr', 'Le 27 janvier, le Groupe de travail a examiné le point 3 de l’ordre du jour, intitulé «\u00a0Analysis of key concepts of the Trafficking in Persons Protocol\u00a0».'],
    ['es', 'El 27 de enero, el Grupo de Trabajo examinó el tema 3 del programa, titulado «Analysis of key concepts of the Trafficking in Persons Protocol».'],
    ['ru', '27 января Рабочая группа рассмотрела пункт 3 повестки дня, озаглавленный «Analysis of key concepts of the Trafficking in Persons Protocol».'],
    ['zh', '1月27日，工作组审议了题为“Analysis of key concepts of the Trafficking in Persons Protocol”的议程项目3。'],
    // Model, para. 85.
    ['ar', 'في ٢٧ كانون الثاني/يناير، نظر الفريق العامل في البند ٣ من جدول الأعمال المعنون "Analysis of key concepts of the Trafficking in Persons Protocol".'],
  ])('item considered, %s', (lang, expected) => {
    expect(renderSentence(considered, lang)).toBe(expected);
  });

  it.each<[Lang, string]>([
    ['en', 'On 27 and 28 January, the working group'],
    ['fr', 'Les 27 et 28 janvier, le Groupe de travail'],
    ['es', 'Los días 27 y 28 de enero, el Grupo de Trabajo'],
    ['ru', '27 и 28 января Рабочая группа'],
    ['zh', '1月27日和28日，工作组审议了'],
    ['ar', 'في ٢٧ و٢٨ كانون الثاني/يناير، نظر الفريق العامل'],
  ])('an item considered on two days, %s', (lang, start) => {
    expect(renderSentence({ ...considered, dates: ['2010-01-27', '2010-01-28'] }, lang).startsWith(start)).toBe(true);
  });

  it('describes the documents before the group by their titles, with the item (model, para. 78)', () => {
    const report = { symbol: 'CTOC/COP/WG.4/2009/2', title: 'تقرير اجتماع الفريق العامل المعني بالاتجار بالأشخاص المعقود في فيينا يومي ١٤ و١٥ نيسان/أبريل ٢٠٠٩' };
    const item2 = { itemId: 'i2', path: [2], title: '' };
    expect(renderSentence({ kind: 'documents_before', body: 'working_group', item: item2, documents: [report] }, 'ar')).toBe(
      'وعُرض على الفريق العامل، من أجل نظره في البند ٢ من جدول الأعمال، تقرير اجتماع الفريق العامل المعني بالاتجار بالأشخاص المعقود في فيينا يومي ١٤ و١٥ نيسان/أبريل ٢٠٠٩ (CTOC/COP/WG.4/2009/2).',
    );
    const paper = { symbol: 'CTOC/COP/WG.4/2010/2', title: 'Background paper prepared by the Secretariat' };
    const agenda = { symbol: 'CTOC/COP/WG.4/2010/1', title: 'Provisional agenda and annotations' };
    const s = (documents: DocumentRef[]): Sentence => ({ kind: 'documents_before', body: 'working_group', item: item3, documents });
    expect(renderSentence(s([paper]), 'en')).toBe(
      'For its consideration of the item, the working group had before it the following document: Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2).',
    );
    expect(renderSentence(s([paper, agenda]), 'en')).toBe(
      'For its consideration of the item, the working group had before it the following documents: Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2) and Provisional agenda and annotations (CTOC/COP/WG.4/2010/1).',
    );
    expect(renderSentence(s([paper]), 'fr')).toBe(
      'Pour l’examen du point 3 de l’ordre du jour, le Groupe de travail était saisi du document suivant\u00a0: Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2).',
    );
    expect(renderSentence(s([paper, agenda]), 'es')).toContain('Para el examen del tema 3 del programa, el Grupo de Trabajo tuvo ante sí los siguientes documentos: ');
    expect(renderSentence(s([paper]), 'ru')).toBe(
      'При рассмотрении пункта 3 повестки дня Рабочая группа имела в своем распоряжении следующий документ: Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2).',
    );
    expect(renderSentence(s([{ ...paper, title: '秘书处编写的背景文件' }]), 'zh')).toBe('为审议议程项目3，工作组收到了秘书处编写的背景文件（CTOC/COP/WG.4/2010/2）。');
  });

  it('describes every document in the sentence when the secretariat gave descriptions (the outline: "had before it a background paper …")', () => {
    const s = (lang: Lang, description: string, second?: string): Sentence => ({
      kind: 'documents_before',
      body: 'working_group',
      item: item3,
      documents: [
        { symbol: 'CTOC/COP/WG.4/2010/2', title: 'Background paper', description },
        ...(second ? [{ symbol: 'CTOC/COP/WG.4/2010/1', title: 'Agenda', description: second }] : []),
      ],
    });
    expect(renderSentence(s('en', 'a background paper prepared by the Secretariat on the analysis of key concepts of the Trafficking in Persons Protocol'), 'en')).toBe(
      'For its consideration of the item, the working group had before it a background paper prepared by the Secretariat on the analysis of key concepts of the Trafficking in Persons Protocol (CTOC/COP/WG.4/2010/2).',
    );
    expect(renderSentence(s('en', 'a background paper prepared by the Secretariat', 'the provisional agenda and annotations'), 'en')).toBe(
      'For its consideration of the item, the working group had before it a background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2) and the provisional agenda and annotations (CTOC/COP/WG.4/2010/1).',
    );
    // French: "saisi d’un …", "du …" before each document.
    expect(renderSentence(s('fr', 'un document d’information établi par le Secrétariat', 'le rapport du Secrétariat'), 'fr')).toBe(
      'Pour l’examen du point 3 de l’ordre du jour, le Groupe de travail était saisi d’un document d’information établi par le Secrétariat (CTOC/COP/WG.4/2010/2) et du rapport du Secrétariat (CTOC/COP/WG.4/2010/1).',
    );
    expect(renderSentence(s('es', 'un documento de antecedentes preparado por la Secretaría'), 'es')).toBe(
      'Para el examen del tema 3 del programa, el Grupo de Trabajo tuvo ante sí un documento de antecedentes preparado por la Secretaría (CTOC/COP/WG.4/2010/2).',
    );
    expect(renderSentence(s('ru', 'справочный документ, подготовленный Секретариатом'), 'ru')).toBe(
      'При рассмотрении пункта 3 повестки дня Рабочая группа имела в своем распоряжении справочный документ, подготовленный Секретариатом (CTOC/COP/WG.4/2010/2).',
    );
    expect(renderSentence(s('zh', '秘书处编写的背景文件'), 'zh')).toBe('为审议议程项目3，工作组收到了秘书处编写的背景文件（CTOC/COP/WG.4/2010/2）。');
    expect(renderSentence(s('ar', 'ورقة معلومات خلفية أعدتها الأمانة'), 'ar')).toBe(
      'وعُرض على الفريق العامل، من أجل نظره في البند ٣ من جدول الأعمال، ورقة معلومات خلفية أعدتها الأمانة (CTOC/COP/WG.4/2010/2).',
    );
    // A document without a description: the sentence cites them all by their titles, after a colon.
    const mixed: Sentence = { ...(s('en', 'a paper') as Extract<Sentence, { kind: 'documents_before' }>) };
    (mixed as Extract<Sentence, { kind: 'documents_before' }>).documents.push({ symbol: 'CTOC/COP/WG.4/2010/3', title: 'Note' });
    expect(renderSentence(mixed, 'en')).toBe(
      'For its consideration of the item, the working group had before it the following documents: Background paper (CTOC/COP/WG.4/2010/2) and Note (CTOC/COP/WG.4/2010/3).',
    );
  });

  const panel: PanellistRef[] = [
    { name: 'Venla Roth', country: state('246'), title: '', gender: 'f' },
    { name: 'Nicole Zündorf-Hinte', country: state('276'), title: '', gender: 'f' },
    { name: 'Wael Aboulmagd', country: state('818'), title: '', gender: 'm' },
    { name: 'Olivier Weber', country: state('250'), title: '', gender: 'm' },
  ];
  it('lists the panellists with their titles and countries (model, para. 88)', () => {
    const arabic = ['فينلا روت', 'نيكول تسيندورف-هينته', 'وائل أبو المجد', 'أوليفيه فيبر'];
    expect(renderSentence({ kind: 'panellists', panellists: panel.map((p, i) => ({ ...p, name: arabic[i] })) }, 'ar')).toBe(
      'وشارك المتكلمون التالية أسماؤهم في المناقشة، وهم: السيدة فينلا روت (فنلندا)، والسيدة نيكول تسيندورف-هينته (ألمانيا)، والسيد وائل أبو المجد (مصر)، والسيد أوليفيه فيبر (فرنسا).',
    );
    const s: Sentence = { kind: 'panellists', panellists: panel };
    expect(renderSentence(s, 'en')).toBe(
      'The following panellists took part: Venla Roth (Finland), Nicole Zündorf-Hinte (Germany), Wael Aboulmagd (Egypt) and Olivier Weber (France).',
    );
    expect(renderSentence(s, 'fr')).toBe(
      'Les intervenants suivants ont participé à la réunion-débat\u00a0: Mme Venla Roth (Finlande), Mme Nicole Zündorf-Hinte (Allemagne), M. Wael Aboulmagd (Égypte) et M. Olivier Weber (France).',
    );
    expect(renderSentence(s, 'es')).toBe(
      'Participaron los siguientes ponentes: la Sra. Venla Roth (Finlandia), la Sra. Nicole Zündorf-Hinte (Alemania), el Sr. Wael Aboulmagd (Egipto) y el Sr. Olivier Weber (Francia).',
    );
    expect(renderSentence(s, 'ru')).toBe(
      'В обсуждении приняли участие следующие эксперты: г-жа Venla Roth (Финляндия), г-жа Nicole Zündorf-Hinte (Германия), г-н Wael Aboulmagd (Египет) и г-н Olivier Weber (Франция).',
    );
    expect(renderSentence(s, 'zh')).toBe(
      '下列小组成员参加了讨论：Venla Roth女士（芬兰）、Nicole Zündorf-Hinte女士（德国）、Wael Aboulmagd先生（埃及）、Olivier Weber先生（法国）。',
    );
    // A title typed in the language is used as typed; one panellist gets the singular, in her gender.
    const one: Sentence = { kind: 'panellists', panellists: [{ ...panel[0], title: 'Dr.' }] };
    expect(renderSentence(one, 'en')).toBe('The following panellist took part: Venla Roth (Finland).');
    expect(renderSentence({ kind: 'panellists', panellists: [{ ...panel[0], title: 'الدكتورة' }] }, 'ar')).toBe(
      'وشاركت في المناقشة المتكلمة التالية اسمها، وهي: الدكتورة Venla Roth (فنلندا).',
    );
    expect(renderSentence({ kind: 'panellists', panellists: [panel[2]] }, 'ar')).toBe('وشارك في المناقشة المتكلم التالي اسمه، وهو: السيد Wael Aboulmagd (مصر).');
    expect(renderSentence({ kind: 'panellists', panellists: [panel[0]] }, 'fr')).toBe(
      'L’intervenante suivante a participé à la réunion-débat\u00a0: Mme Venla Roth (Finlande).',
    );
    // "следующий эксперт" is masculine, for a woman too: the verb agrees with it (it said "приняла участие следующий эксперт").
    expect(renderSentence({ kind: 'panellists', panellists: [panel[0]] }, 'ru')).toBe('В обсуждении принял участие следующий эксперт: г-жа Venla Roth (Финляндия).');
    expect(renderSentence({ kind: 'panellists', panellists: [panel[0]] }, 'es')).toBe('Participó la siguiente ponente: la Sra. Venla Roth (Finlandia).');
    expect(renderSentence({ kind: 'panellists', panellists: [panel[2]] }, 'fr')).toBe('L’intervenant suivant a participé à la réunion-débat\u00a0: M. Wael Aboulmagd (Égypte).');
    expect(renderSentence({ kind: 'panellists', panellists: [panel[2]] }, 'zh')).toBe('下列小组成员参加了讨论：Wael Aboulmagd先生（埃及）。');
  });

  it('lists the States heard in the order given, not sorted (model, para. 107), a lone State in the singular', () => {
    const heard: Sentence = { kind: 'states_heard', body: 'working_group', item: item3, names: ['578', '170', '840'].map(state) };
    expect(renderSentence(heard, 'en')).toBe(
      'Under agenda item 3, the working group heard statements by representatives of the following States: Norway, Colombia and United States of America.',
    );
    expect(renderSentence(heard, 'ar')).toBe(
      'في إطار البند ٣ من جدول الأعمال، استمع الفريق العامل إلى كلمات ألقاها ممثلو الدول التالية: النرويج، كولومبيا، الولايات المتحدة الأمريكية.',
    );
    expect(renderSentence(heard, 'fr')).toBe(
      'Au titre du point 3 de l’ordre du jour, le Groupe de travail a entendu des déclarations des représentants des États suivants\u00a0: Norvège, Colombie et États-Unis d’Amérique.',
    );
    expect(renderSentence(heard, 'es')).toBe(
      'En relación con el tema 3 del programa, el Grupo de Trabajo escuchó declaraciones de los representantes de los siguientes Estados: Noruega, Colombia y Estados Unidos de América.',
    );
    expect(renderSentence(heard, 'ru')).toBe(
      'По пункту 3 повестки дня Рабочая группа заслушала заявления представителей следующих государств: Норвегия, Колумбия и Соединенные Штаты Америки.',
    );
    expect(renderSentence(heard, 'zh')).toBe('在议程项目3下，工作组听取了下列国家代表的发言：挪威、哥伦比亚、美利坚合众国。');
    const lone: Sentence = { ...heard, names: [state('578')] };
    expect(renderSentence(lone, 'en')).toBe('Under agenda item 3, the working group heard a statement by the representative of the following State: Norway.');
    expect(renderSentence(lone, 'ar')).toBe('في إطار البند ٣ من جدول الأعمال، استمع الفريق العامل إلى كلمة ألقاها ممثل الدولة التالية: النرويج.');
    expect(renderSentence(lone, 'fr')).toBe(
      'Au titre du point 3 de l’ordre du jour, le Groupe de travail a entendu une déclaration du représentant de l’État suivant\u00a0: Norvège.',
    );
    expect(renderSentence(lone, 'ru')).toBe('По пункту 3 повестки дня Рабочая группа заслушала заявление представителя следующего государства: Норвегия.');
  });

  it('writes the other speakers as the model does (paras. 93, 107, 114)', () => {
    expect(renderSentence({ kind: 'reio_heard', names: [EU] }, 'ar')).toBe('وأدلى ممثل الاتحاد الأوروبي بكلمة.');
    const observers: Sentence = { kind: 'observers_heard', names: ['392', '300'].map(state) };
    expect(renderSentence(observers, 'ar')).toBe('كما تكلم المراقبون عن اليابان واليونان.');
    expect(renderSentence(observers, 'en')).toBe('The observers for Japan and Greece also made statements.');
    expect(renderSentence({ kind: 'observers_heard', names: [state('392')] }, 'ar')).toBe('كما تكلم المراقب عن اليابان.');
    expect(renderSentence({ kind: 'observers_heard', names: [state('392')] }, 'en')).toBe('The observer for Japan also made a statement.');
    expect(renderSentence({ kind: 'organizations_heard', names: [LAS] }, 'ar')).toBe('وكذلك أدلى المراقب من جامعة الدول العربية بكلمة.');
    expect(renderSentence({ kind: 'organizations_heard', names: [LAS] }, 'en')).toBe(
      'A statement was also made by the observer for the following organization: League of Arab States.',
    );
    expect(renderSentence({ kind: 'organizations_heard', names: [LAS, IOM] }, 'fr')).toBe(
      'Le Groupe de travail a entendu aussi des déclarations des observateurs des organisations suivantes\u00a0: Ligue des États arabes et Organisation internationale pour les migrations.',
    );
    expect(renderSentence({ kind: 'reio_heard', names: [EU] }, 'es')).toBe(
      'También formuló una declaración el representante de la siguiente organización regional de integración económica: Unión Europea.',
    );
  });

  it('has a sentence for every kind in every language, one and several, without stray placeholders', () => {
    const all: Sentence[] = [];
    for (const list of [[state('578')], ['578', '170'].map(state)]) {
      all.push(
        ...CATEGORIES.map((category): Sentence => ({ kind: 'attendance', category, names: list, instrument: 'X' })),
        ...CATEGORIES.map((category): Sentence => ({ kind: 'attendance', category, names: list })),
        { kind: 'states_heard', body: 'working_group', item: item3, names: list },
        { kind: 'reio_heard', names: list },
        { kind: 'observers_heard', names: list },
        { kind: 'organizations_heard', names: list },
        { kind: 'documents_before', body: 'working_group', item: item3, documents: list.map((_, i) => ({ symbol: `CTOC/COP/WG.4/2010/${i}`, title: 'Note' })) },
        { kind: 'panellists', panellists: list.map((c) => ({ name: 'A', country: c })) },
      );
    }
    all.push(
      { kind: 'meeting_held', body: 'working_group', venue: 'Vienna', startDate: '2010-01-27', endDate: '2010-01-29' },
      { kind: 'meeting_opened', date: '2010-01-27', chair: null },
      { kind: 'agenda_adopted', body: 'working_group', date: '2010-01-27' },
      { kind: 'item_considered', body: 'working_group', dates: [], item: item3 },
      { kind: 'documentation', body: 'working_group' },
      { kind: 'report_adopted', body: 'working_group', date: '2010-01-29' },
    );
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const) {
      for (const s of all) {
        const text = renderSentence(s, lang);
        expect(text, `${s.kind} in ${lang}`).toMatch(/[.。:：]$/);
        expect(text).not.toMatch(/undefined|\$\{|\?|  /);
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
    ['zh', '工作组收到了下列文件：', '2010年1月29日，工作组通过了关于其会议的报告。'],
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

/**
 * Every paragraph type not pinned above, in French, Spanish, Russian and
 * Chinese (issue 13): the texts below are written as UN reports of working
 * groups of the Conference of the Parties to the Organized Crime Convention
 * write them in those languages ("Le Groupe de travail a adopté …", "El
 * Grupo de Trabajo aprobó …", "Рабочая группа утвердила …", "工作组通过了 …"),
 * with their conventions: French « » with no-break spaces and the no-break
 * space before a colon, Spanish «», Russian «» and the spaced dash of
 * "государства – участники", Chinese full-width punctuation, 、 between the
 * items of a list, and 和 before the last only in running text: after "下列…："
 * the items are separated by 、 alone, as the UN texts of un-texts.ts write them.
 */
describe('the other paragraph types in French, Spanish, Russian and Chinese', () => {
  const JAPAN_GREECE = ['392', '300'].map(state);
  const UNICEF: NameMap = { en: 'United Nations Children’s Fund', fr: 'Fonds des Nations Unies pour l’enfance', es: 'Fondo de las Naciones Unidas para la Infancia', ru: 'Детский фонд Организации Объединенных Наций', zh: '联合国儿童基金会', ar: 'منظمة الأمم المتحدة للطفولة' };
  const LASTRADA: NameMap = { en: 'La Strada International', fr: 'La Strada International', es: 'La Strada International', ru: 'La Strada International', zh: 'La Strada International', ar: 'La Strada International' };
  const CARITAS: NameMap = { en: 'Caritas Internationalis', fr: 'Caritas Internationalis', es: 'Caritas Internationalis', ru: 'Caritas Internationalis', zh: 'Caritas Internationalis', ar: 'Caritas Internationalis' };
  const paper = { symbol: 'CTOC/COP/WG.4/2010/2', title: { fr: 'Document d’information établi par le Secrétariat', es: 'Documento de antecedentes preparado por la Secretaría', ru: 'Справочный документ, подготовленный Секретариатом', zh: '秘书处编写的背景文件' } };
  const agenda = { symbol: 'CTOC/COP/WG.4/2010/1', title: { fr: 'Ordre du jour provisoire annoté', es: 'Programa provisional anotado', ru: 'Предварительная повестка дня с аннотациями', zh: '临时议程和说明' } };
  type Four = 'fr' | 'es' | 'ru' | 'zh';
  const CASES: Record<Four, Record<string, string>> = {
    fr: {
      entity: 'Le Groupe de travail a entendu aussi une déclaration de l’observateur de l’entité suivante\u00a0: Palestine.',
      stateAndEntity: 'Le Groupe de travail a entendu aussi des déclarations des observateurs des États et entités suivants\u00a0: Japon et Palestine.',
      opened: 'La réunion a été ouverte par la présidence.',
      signatories: 'Les États suivants, signataires du Protocole relatif à la traite des personnes, étaient représentés par des observateurs\u00a0: Japon et Grèce.',
      signatory: 'L’État suivant, signataire du Protocole relatif à la traite des personnes, était représenté par un observateur\u00a0: Japon.',
      neither: 'Les États suivants, qui ne sont ni parties au Protocole relatif à la traite des personnes ni signataires, étaient également représentés par des observateurs\u00a0: Japon et Grèce.',
      unBody: 'L’organisme des Nations Unies suivant était représenté par un observateur\u00a0: Fonds des Nations Unies pour l’enfance.',
      malta: 'L’entité suivante, dotée d’un bureau permanent d’observation, était représentée\u00a0: Ordre souverain de Malte.',
      ngos: 'Les organisations non gouvernementales suivantes étaient représentées par des observateurs\u00a0: La Strada International et Caritas Internationalis.',
      reioOne: 'Le Groupe de travail a entendu aussi une déclaration du représentant de l’organisation régionale d’intégration économique suivante\u00a0: Union européenne.',
      observers: 'Le Groupe de travail a entendu aussi des déclarations des observateurs des États suivants\u00a0: Japon et Grèce.',
      observer: 'Le Groupe de travail a entendu aussi une déclaration de l’observateur de l’État suivant\u00a0: Japon.',
      organization: 'Le Groupe de travail a entendu aussi une déclaration de l’observateur de l’organisation suivante\u00a0: Ligue des États arabes.',
      documents: 'Pour l’examen du point 3 de l’ordre du jour, le Groupe de travail était saisi des documents suivants\u00a0: Document d’information établi par le Secrétariat (CTOC/COP/WG.4/2010/2) et Ordre du jour provisoire annoté (CTOC/COP/WG.4/2010/1).',
      undated: 'Le Groupe de travail a examiné le point 3 de l’ordre du jour, intitulé «\u00a0Analyse\u00a0».',
      heldOneDay: 'Le Groupe de travail a tenu sa réunion à Vienne le 1er février 2010.',
    },
    es: {
      entity: 'También formuló una declaración el observador de la siguiente entidad: Palestina.',
      stateAndEntity: 'También formularon declaraciones los observadores de los siguientes Estados y entidades: Japón y Palestina.',
      opened: 'La Presidencia abrió la reunión.',
      signatories: 'Estuvieron representados por observadores los siguientes Estados signatarios del Protocolo contra la trata de personas: Japón y Grecia.',
      signatory: 'Estuvo representado por un observador el siguiente Estado signatario del Protocolo contra la trata de personas: Japón.',
      neither: 'También estuvieron representados por observadores los siguientes Estados que no son partes en el Protocolo contra la trata de personas ni signatarios: Japón y Grecia.',
      unBody: 'Estuvo representado por un observador el siguiente órgano de las Naciones Unidas: Fondo de las Naciones Unidas para la Infancia.',
      malta: 'Estuvo representada la siguiente entidad que mantiene una oficina permanente de observación: Soberana Orden Militar de Malta.',
      ngos: 'Estuvieron representadas por observadores las siguientes organizaciones no gubernamentales: La Strada International y Caritas Internationalis.',
      reioOne: 'También formuló una declaración el representante de la siguiente organización regional de integración económica: Unión Europea.',
      observers: 'También formularon declaraciones los observadores de los siguientes Estados: Japón y Grecia.',
      observer: 'También formuló una declaración el observador del siguiente Estado: Japón.',
      organization: 'También formuló una declaración el observador de la siguiente organización: Liga de los Estados Árabes.',
      documents: 'Para el examen del tema 3 del programa, el Grupo de Trabajo tuvo ante sí los siguientes documentos: Documento de antecedentes preparado por la Secretaría (CTOC/COP/WG.4/2010/2) y Programa provisional anotado (CTOC/COP/WG.4/2010/1).',
      undated: 'El Grupo de Trabajo examinó el tema 3 del programa, titulado «Analyse».',
      heldOneDay: 'El Grupo de Trabajo celebró su reunión en Viena el 1 de febrero de 2010.',
    },
    ru: {
      entity: 'С заявлением выступил также наблюдатель от следующего образования: Палестина.',
      stateAndEntity: 'С заявлениями выступили также наблюдатели от следующих государств и образований: Япония и Палестина.',
      opened: 'Совещание было открыто Председателем.',
      signatories: 'Наблюдателями были представлены следующие государства, являющиеся сигнатариями Протокола о торговле людьми: Япония и Греция.',
      signatory: 'Наблюдателем было представлено следующее государство, являющееся сигнатарием Протокола о торговле людьми: Япония.',
      neither: 'Наблюдателями были также представлены следующие государства, не являющиеся ни участниками, ни сигнатариями Протокола о торговле людьми: Япония и Греция.',
      unBody: 'Наблюдателем был представлен следующий орган Организации Объединенных Наций: Детский фонд Организации Объединенных Наций.',
      malta: 'Было представлено следующее образование, имеющее постоянное бюро наблюдателя: Суверенный военный Мальтийский орден.',
      ngos: 'Наблюдателями были представлены следующие неправительственные организации: La Strada International и Caritas Internationalis.',
      reioOne: 'С заявлением выступил также представитель следующей региональной организации экономической интеграции: Европейский союз.',
      observers: 'С заявлениями выступили также наблюдатели от следующих государств: Япония и Греция.',
      observer: 'С заявлением выступил также наблюдатель от следующего государства: Япония.',
      organization: 'С заявлением выступил также наблюдатель от следующей организации: Лига арабских государств.',
      documents: 'При рассмотрении пункта 3 повестки дня Рабочая группа имела в своем распоряжении следующие документы: Справочный документ, подготовленный Секретариатом (CTOC/COP/WG.4/2010/2) и Предварительная повестка дня с аннотациями (CTOC/COP/WG.4/2010/1).',
      undated: 'Рабочая группа рассмотрела пункт 3 повестки дня, озаглавленный «Analyse».',
      heldOneDay: 'Рабочая группа провела свое совещание в Вене 1 февраля 2010 года.',
    },
    zh: {
      entity: '工作组还听取了下列实体观察员的发言：巴勒斯坦。',
      stateAndEntity: '工作组还听取了下列国家和实体观察员的发言：日本、巴勒斯坦。',
      opened: '会议由主席宣布开幕。',
      signatories: '下列《贩运人口议定书》签署国派观察员出席了会议：日本、希腊。',
      signatory: '下列《贩运人口议定书》签署国派观察员出席了会议：日本。',
      neither: '下列既非《贩运人口议定书》缔约国也非签署国的国家也派观察员出席了会议：日本、希腊。',
      unBody: '下列联合国机构派观察员出席了会议：联合国儿童基金会。',
      malta: '下列设有常驻观察员办事处的实体派代表出席了会议：马耳他主权军事教团。',
      ngos: '下列非政府组织派观察员出席了会议：La Strada International、Caritas Internationalis。',
      reioOne: '工作组还听取了下列区域经济一体化组织代表的发言：欧洲联盟。',
      observers: '工作组还听取了下列国家观察员的发言：日本、希腊。',
      observer: '工作组还听取了下列国家观察员的发言：日本。',
      organization: '工作组还听取了下列组织观察员的发言：阿拉伯国家联盟。',
      documents: '为审议议程项目3，工作组收到了秘书处编写的背景文件（CTOC/COP/WG.4/2010/2）和临时议程和说明（CTOC/COP/WG.4/2010/1）。',
      undated: '工作组审议了题为“Analyse”的议程项目3。',
      heldOneDay: '工作组于2010年2月1日在维也纳举行了会议。',
    },
  };

  it.each(Object.keys(CASES) as Four[])('%s', (lang) => {
    const want = CASES[lang];
    const got = (s: Sentence) => renderSentence(s, lang);
    expect(got({ kind: 'meeting_opened', date: '2010-01-27', chair: null })).toBe(want.opened);
    expect(attendance('signatory', JAPAN_GREECE, lang)).toBe(want.signatories);
    expect(attendance('signatory', [state('392')], lang)).toBe(want.signatory);
    expect(attendance('observer_state', JAPAN_GREECE, lang)).toBe(want.neither);
    expect(attendance('un_body', [UNICEF], lang)).toBe(want.unBody);
    expect(attendance('other_entity', [MALTA], lang)).toBe(want.malta);
    expect(attendance('ngo', [LASTRADA, CARITAS], lang)).toBe(want.ngos);
    expect(got({ kind: 'reio_heard', names: [EU] })).toBe(want.reioOne);
    expect(got({ kind: 'observers_heard', names: JAPAN_GREECE })).toBe(want.observers);
    expect(got({ kind: 'observers_heard', names: [state('392')] })).toBe(want.observer);
    expect(got({ kind: 'organizations_heard', names: [LAS] })).toBe(want.organization);
    // Palestine is an entity with an observer mission, not a State.
    expect(got({ kind: 'observers_heard', names: [PALESTINE], of: 'entities' })).toBe(want.entity);
    expect(got({ kind: 'observers_heard', names: [state('392'), PALESTINE], of: 'states_and_entities' })).toBe(want.stateAndEntity);
    const docs = [paper, agenda].map((d) => ({ symbol: d.symbol, title: d.title[lang] }));
    expect(got({ kind: 'documents_before', body: 'working_group', item: item3, documents: docs })).toBe(want.documents);
    expect(got({ kind: 'item_considered', body: 'working_group', dates: [], item: { ...item3, title: 'Analyse' } })).toBe(want.undated);
    expect(got({ kind: 'meeting_held', body: 'working_group', venue: 'Vienna', startDate: '2010-02-01', endDate: '2010-02-01' })).toBe(want.heldOneDay);
  });
});
