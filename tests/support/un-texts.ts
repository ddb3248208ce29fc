/**
 * Words of real UN texts in French, Spanish, Russian and Chinese, copied
 * from the stored public pages where they were found (the address of each),
 * for the sentence types Gavel generates (issue 13): what each generated
 * paragraph type must look like in those languages, not taken from Gavel.
 *
 * The search found no whole report of a working group in these languages,
 * only the beginnings of such reports (titles, the first paragraphs), UN
 * sentences quoted by bilingual dictionaries and translation sites, and the
 * first rows of pages of the UN Digital Library corpus aligned with English
 * (reports of 2022 of UNIDO's Programme and Budget Committee and of COPUOS,
 * and an annotated agenda of UNODC's Ad Hoc Committee on cybercrime, whose
 * English frames are the model's: "On 22 June, the Committee
 * considered …"). So each entry is a frame: the UN's words (`un`), the data
 * they carry (dates, place, names), and the parts of the sentence Gavel must
 * write word for word, in order, when given the same data (`parts`, each in
 * `un`). Where the UN text is of another body (a conference, a committee),
 * only the words a working group's report shares with it are parts.
 */
import { renderSentence, type Lang, type Sentence } from '@gavel/shared';

export interface UnText {
  lang: Exclude<Lang, 'en' | 'ar'>;
  /** The report's paragraph type, as `pnpm report:match` names them. */
  type: string;
  /** Where the words were found, and what the document is. */
  source: string;
  document: string;
  /** The UN's words, as found. */
  un: string;
  /**
   * Of those words, what Gavel's sentence must contain, in this order, given
   * `sentence` (full-width colon, comma and brackets read as ":", ",", "(", ")"). Several
   * parts where the UN text's own data (another body, a subitem) sits between
   * the words a working group's report shares with it.
   */
  parts: string[];
  /** Gavel's sentence with the UN text's data. */
  sentence: Sentence;
}

const held = (startDate: string, endDate: string, venue: string): Sentence => ({ kind: 'meeting_held', body: 'working_group', venue, startDate, endDate });
const panellist = (name: string, gender: 'f' | 'm', country: Partial<Record<Lang, string>>): Sentence => ({
  kind: 'panellists',
  panellists: [{ name, country, gender, title: '' }],
});
const item3 = { itemId: 'item-3', path: [3], title: '' };
const considered = (date: string, title: string): Sentence => ({
  kind: 'item_considered',
  body: 'working_group',
  dates: [date],
  item: { itemId: 'item-5', path: [5], title },
});
/**
 * A page of the UN Digital Library corpus aligned with English (bot-yaya/undl_<lang>2en_aligned), as the search
 * stored it: IDB.50/13 (UNIDO's Programme and Budget Committee, thirty-eighth session, 2022), A/77/20 (COPUOS, 2022)
 * and A/AC.291/11 (UNODC's Ad Hoc Committee on cybercrime, 2022).
 */
const undl = (lang: string, page: number) => `https://huggingface.co/datasets/bot-yaya/undl_${lang}2en_aligned/viewer/default/train?p=${page}`;
const orgs = (...names: Partial<Record<Lang, string>>[]): Sentence => ({ kind: 'organizations_heard', names });

export const UN_TEXTS: UnText[] = [
  {
    lang: 'fr',
    type: 'opening',
    source: 'https://vdocument.in/confrence-des-parties-distr-gnrale-la-ctoccop201813-i-v18-07400.html',
    document: 'CTOC/COP/2018/13 (French), title',
    un: 'Rapport de la Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée sur les travaux de sa neuvième session, tenue à Vienne du 15 au 19 octobre 2018',
    parts: ['à Vienne du 15 au 19 octobre 2018'],
    sentence: held('2018-10-15', '2018-10-19', 'Vienna'),
  },
  {
    lang: 'es',
    type: 'opening',
    source: 'https://es.scribd.com/document/660773111/Informe-del-Coloquio-Mundial-sobre-la-Insolvencia',
    document: 'A/CN.9/495 (Spanish), para. 1',
    un: 'Ese período de sesiones exploratorio fue celebrado en Viena del 6 al 17 de diciembre de 1999 por el Grupo de Trabajo sobre el Régimen de la Insolvencia',
    parts: ['en Viena del 6 al 17 de diciembre de 1999'],
    sentence: held('1999-12-06', '1999-12-17', 'Vienna'),
  },
  {
    lang: 'ru',
    type: 'opening',
    source: 'http://www.crime.vl.ru/index.php?p=4156&more=1&c=1&tb=1&pb=1',
    document: 'report on the meeting of the Working Group on the Smuggling of Migrants, Vienna, 30 May-1 June 2012 (Russian), title',
    un: 'Доклад о работе совещания Рабочей группы по незаконному ввозу мигрантов, проходившего в Вене 30 мая – 1 июня 2012 года',
    parts: ['в Вене 30 мая – 1 июня 2012 года'],
    sentence: held('2012-05-30', '2012-06-01', 'Vienna'),
  },
  {
    lang: 'zh',
    type: 'opening',
    source: 'https://www.fao.org/DOCREP/MEETING/006/Y9068c.HTM',
    document: 'FAO CL 124/6 (Chinese), para. 1',
    un: '商品问题委员会第六十四届会议于2003年3月18日至21日在罗马粮农组织总部举行。',
    parts: ['于2003年3月18日至21日在罗马'],
    sentence: held('2003-03-18', '2003-03-21', 'Rome'),
  },
  {
    lang: 'zh',
    type: 'opening',
    source:
      'https://conferences2.unite.un.org/documentrepositoryindexer/MultiLanguageAlignment.bitext?DocumentID=ac11cd29-1240-4bb7-bf93-a476f879fb3c&DocumentID=8d79d52a-edc0-449d-a904-68e1ee41d2bf',
    document: 'A/70/46 (Chinese), title page',
    un: '联合国原子辐射影响问题科学委员会的报告 第六十二届会议(2015年6月1日至5日)',
    parts: ['2015年6月1日至5日'],
    sentence: held('2015-06-01', '2015-06-05', 'Vienna'),
  },
  {
    lang: 'fr',
    type: 'statements heard',
    source: 'https://www.frdic.com/liju/f/大地测量',
    document: 'a UN report (Committee on the Peaceful Uses of Outer Space), quoted in French and Chinese',
    un: 'Elle a entendu aussi des déclarations des observateurs de la Commission européenne, de l’Organisation météorologique mondiale, du Programme alimentaire mondial, […] et de l’Agence spatiale européenne.',
    parts: ['a entendu aussi des déclarations des observateurs'],
    sentence: orgs({ fr: 'Organisation météorologique mondiale' }, { fr: 'Agence spatiale européenne' }),
  },
  {
    lang: 'zh',
    type: 'statements heard',
    source: 'https://www.frdic.com/liju/f/大地测量',
    document: 'the same report, in Chinese',
    // The page gives the colon as ":"; UN Chinese writes "：" (the comparison reads both as one).
    un: '会议还听取了下列组织观察员的发言:欧盟委员会、世界气象组织、世界粮食计划署、[…]、联合国教育、科学及文化组织、欧洲航天局。',
    parts: ['还听取了下列组织观察员的发言:欧盟委员会、世界气象组织、世界粮食计划署'],
    sentence: orgs({ zh: '欧盟委员会' }, { zh: '世界气象组织' }, { zh: '世界粮食计划署' }),
  },
  {
    lang: 'fr',
    type: 'panellists',
    source: 'http://ting.frdic.com/liju/fr/trine',
    document: 'the name, form of address and country: a summary record of a Main Committee of the General Assembly (French and Chinese), quoted by a French-Chinese dictionary',
    un: 'Le Président informe la Commission que des consulations officieuses sur la question commenceront le jour même, lundi 19 novembre, à l’issue de la séance formelle, dans la salle de conférence 5, sous la conduite de Mme Trine Heimerback (Norvège).',
    parts: ['Mme Trine Heimerback (Norvège)'],
    sentence: panellist('Trine Heimerback', 'f', { fr: 'Norvège' }),
  },
  {
    lang: 'zh',
    type: 'panellists',
    source: 'http://ting.frdic.com/liju/fr/trine',
    document: 'the same record, in Chinese (the page drops some characters of the sentence, not of the name)',
    un: '主席通知委员会,关于这个项正式协商将于当天11月19日星期一在正式会议结束后在第5会议开始,由Trine Heimerback女士(挪威)主持。',
    parts: ['Trine Heimerback女士(挪威)'],
    sentence: panellist('Trine Heimerback', 'f', { zh: '挪威' }),
  },
  {
    lang: 'zh',
    type: 'panellists',
    source: 'https://www.fao.org/DOCREP/MEETING/006/Y9068c.HTM',
    document: 'FAO CL 124/6 (Chinese), para. 2 (the election of the Committee on Commodity Problems’ officers)',
    un: '委员会选举Elhamy Mohamed Abdel Menaam先生(埃及)为主席,Adriaan Frijlink先生(荷兰)为第一副主席',
    parts: ['Elhamy Mohamed Abdel Menaam先生(埃及)'],
    sentence: panellist('Elhamy Mohamed Abdel Menaam', 'm', { zh: '埃及' }),
  },
  {
    lang: 'es',
    type: 'statements heard',
    source: 'http://ting.esdict.cn/dicts/es/言和',
    document: 'a UN report of 2003 (the European Union’s acceding countries are listed), in Spanish, quoted by a Spanish-Chinese dictionary',
    un: 'Después de que se aprobara el proyecto de resolución formularon declaraciones los representantes de los Estados Unidos de América e Italia (en nombre de los Estados Miembros de las Naciones Unidas que son miembros de la Unión Europea, […]), y el observador de Marruecos (en nombre de los Estados Miembros de las Naciones Unidas que son miembros del Grupo de los 77 y China).',
    // The UN names the States after "los representantes de"; Gavel, after "… de los siguientes Estados:".
    parts: ['declaraciones ', 'los representantes de los ', 'Estados Unidos de América e Italia'],
    sentence: {
      kind: 'states_heard',
      body: 'working_group',
      item: item3,
      names: [{ es: 'Estados Unidos de América' }, { es: 'Italia' }],
    },
  },
  {
    lang: 'ru',
    type: 'documents',
    source: 'https://online-translator.com/exemplos/russo-ingl%C3%AAs/%D0%BF%D0%BE%D0%B4%D0%BF%D1%83%D0%BD%D0%BA%D1%82%D1%8B/subitem',
    document: 'a UN report of a Conference of the Parties’ preparatory committee (Russian with its English, “In its consideration of this subitem, the Committee had before it …”), quoted by a translation site',
    un: 'При рассмотрении данного подпункта Комитет имел в своем распоряжении записку секретариата, содержащую проект финансовых правил и процедур Конференции Сторон, ее вспомогательных органов и секретариата, а также проект бюджета на первый двухгодичный период.',
    // Between the parts: the UN's subitem and Committee, Gavel's item and working group ("имела", feminine).
    parts: ['При рассмотрении ', ' в своем распоряжении '],
    sentence: {
      kind: 'documents_before',
      body: 'working_group',
      item: item3,
      documents: [{ symbol: 'CTOC/COP/WG.4/2010/2', title: 'Справочный документ, подготовленный Секретариатом' }],
    },
  },
  // The item considered on a date: IDB.50/13 writes "On 22 June, the Committee considered a report …" in English,
  // as the model's outline writes "On 27 January, the working group considered agenda item 3 …".
  {
    lang: 'fr',
    type: 'item considered',
    source: undl('fr', 2),
    document: 'IDB.50/13 (French), para. 15 (English: “On 22 June, the Committee considered a report …”)',
    un: 'Le 22 juin, le Comité a examiné un rapport du Directeur général sur la situation financière de l’ONUDI (PBC.38/4) et une note du Secrétariat sur l’état des contributions (PBC.38/CRP.4).',
    parts: ['Le 22 juin, le ', ' a examiné '],
    sentence: considered('2022-06-22', 'Situation financière de l’ONUDI'),
  },
  {
    lang: 'es',
    type: 'item considered',
    source: undl('es', 2),
    document: 'IDB.50/13 (Spanish), para. 13 (English: “On 21 June, the Committee considered a report …”)',
    un: 'El 21 de junio, el Comité examinó un informe del Director General que contenía información sobre la respuesta de la ONUDI a la pandemia de COVID-19 (PBC.38/12).',
    parts: ['El 21 de junio, el ', ' examinó '],
    sentence: considered('2022-06-21', 'Respuesta de la ONUDI a la pandemia de COVID-19'),
  },
  {
    lang: 'zh',
    type: 'item considered',
    source: undl('zh', 2),
    document: 'IDB.50/13 (Chinese), para. 29 (English: “On 22 June, the Committee considered a report …”)',
    un: '29. 6月22日,委员会审议了总干事关于联合国发展系统改革的报告(PBC.38/11)。',
    // The date leads, then the body: Gavel wrote "工作组于6月22日审议了…".
    parts: ['6月22日,', '审议了'],
    sentence: considered('2022-06-22', '联合国发展系统改革'),
  },
  {
    lang: 'fr',
    type: 'agenda adoption',
    source: undl('fr', 2),
    document: 'IDB.50/13 (French), para. 16 (English: “On 22 June, … the Committee adopted the following conclusion:”): the dated adoption of what follows',
    un: 'Le 22 juin, après avoir examiné un projet de conclusion sur la situation financière de l’ONUDI, déposé par la présidence (PBC.38/L.2), le Comité a adopté la conclusion suivante :',
    parts: ['Le 22 juin, ', ' a adopté l', ' suivant', ' :'],
    sentence: { kind: 'agenda_adopted', body: 'working_group', date: '2022-06-22' },
  },
  {
    lang: 'zh',
    type: 'opening',
    source: undl('zh', 6),
    document: 'A/77/20 (Chinese), para. 73: a chair named as in 2022, without form of address (English: “Juan Francisco Facetti (Paraguay)”)',
    un: '73. 委员会对Juan Francisco Facetti(巴拉圭)在他担任小组委员会第五十九届会议主席期间的出色领导能力表示赞赏。',
    parts: ['Juan Francisco Facetti(巴拉圭)'],
    sentence: { kind: 'meeting_opened', chair: { name: 'Juan Francisco Facetti', country: { zh: '巴拉圭' }, gender: 'm' }, date: '2022-06-01' },
  },
  {
    lang: 'es',
    type: 'opening',
    source: undl('es', 5),
    document: 'A/77/20 (Spanish), para. 1 (report of the Committee on the Peaceful Uses of Outer Space, 2022)',
    un: 'La Comisión sobre la Utilización del Espacio Ultraterrestre con Fines Pacíficos celebró su 65º período de sesiones en Viena del 1 al 10 de junio de 2022, en un formato híbrido (presencial y en línea).',
    parts: ['celebró su ', ' en Viena del 1 al 10 de junio de 2022'],
    sentence: held('2022-06-01', '2022-06-10', 'Vienna'),
  },
  {
    lang: 'fr',
    type: 'opening',
    source: 'https://fr.readkong.com/page/organisation-des-nations-unies-pour-le-developpement-2584058',
    document: 'IDB.49/1/Add.1 (French), UNIDO Industrial Development Board, annotated provisional agenda: the opening by the chair',
    un: 'La quarante-neuvième session du Conseil sera ouverte par le Président du Conseil sortant, S. E. M. D. Djumala (Indonésie).',
    // The UN's future tense and honorifics aside: opened by the President, then the name with the country in brackets.
    parts: ['ouverte par le Président', ' D. Djumala (Indonésie).'],
    sentence: { kind: 'meeting_opened', chair: { name: 'D. Djumala', country: { fr: 'Indonésie' }, gender: 'm' }, date: '2021-07-12' },
  },
  // A/AC.291/11: the annotated provisional agenda of the third session of the Ad Hoc Committee on cybercrime (UNODC, 2022).
  {
    lang: 'fr',
    type: 'documents',
    source: undl('fr', 4),
    document: 'A/AC.291/11 (French), item 8 (UNODC, Ad Hoc Committee on cybercrime, 2022): the documents before the body for an item',
    un: 'Pour l’examen du point 8 de l’ordre du jour, le Comité spécial sera saisi d’une compilation des propositions et contributions soumises par les États Membres sur les dispositions finales',
    // The annotated agenda's future ("sera saisi"), the report's past ("était saisi").
    parts: ['Pour l’examen du point 8 de l’ordre du jour, le ', ' saisi d'],
    sentence: {
      kind: 'documents_before',
      body: 'working_group',
      item: { itemId: 'item-8', path: [8], title: '' },
      documents: [{ symbol: 'A/AC.291/CRP.13', title: 'Compilation des propositions et contributions soumises par les États Membres' }],
    },
  },
  {
    lang: 'es',
    type: 'report adoption',
    source: undl('es', 4),
    document: 'A/AC.291/11 (Spanish), item 11 (English: “The Ad Hoc Committee is to adopt a report on its session”)',
    un: 'El Comité Especial aprobará un informe sobre su período de sesiones, cuyo proyecto preparará el Relator en coordinación con la secretaría.',
    parts: [' aprob', ' informe sobre su '],
    sentence: { kind: 'report_adopted', body: 'working_group', date: '2022-09-09' },
  },
];

/** Full-width colon, comma and brackets as the pages give them, and no-break spaces as spaces. */
export function plain(s: string): string {
  return s.replace(/：/g, ':').replace(/，/g, ',').replace(/（/g, '(').replace(/）/g, ')').replace(/\u00a0/g, ' ');
}

/** Whether `text` holds each of `parts`, one after the other. */
export function inOrder(text: string, parts: readonly string[]): boolean {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

/** Gavel's sentence for a UN text, and whether it holds the UN's words. */
export function checkUnText(t: UnText): { generated: string; matches: boolean } {
  const generated = renderSentence(t.sentence, t.lang);
  return { generated, matches: inOrder(plain(generated), t.parts.map(plain)) };
}
