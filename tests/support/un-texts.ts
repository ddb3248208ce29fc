/**
 * Words of real UN texts in French, Spanish, Russian and Chinese, copied
 * from the stored public pages where they were found (the address of each),
 * for the sentence types Gavel generates (issue 13): what each generated
 * paragraph type must look like in those languages, not taken from Gavel.
 *
 * The search found no whole report of a working group in these languages,
 * only the beginnings of such reports (titles, the first paragraphs) and UN
 * sentences quoted by bilingual dictionaries. So each entry is a frame: the
 * UN's words (`un`), the data they carry (dates, place, names), and the part
 * of the sentence Gavel must write word for word when given the same data
 * (`part`, a substring of `un`). Where the UN text is of another body (a
 * conference, a subcommittee), only the words a working group's report
 * shares with it are the part.
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
  /** Of those words, what Gavel's sentence must contain, given `sentence` (a full-width colon read as ":"). */
  part: string;
  /** Gavel's sentence with the UN text's data. */
  sentence: Sentence;
}

const held = (startDate: string, endDate: string, venue: string): Sentence => ({ kind: 'meeting_held', body: 'working_group', venue, startDate, endDate });
const orgs = (...names: Partial<Record<Lang, string>>[]): Sentence => ({ kind: 'organizations_heard', names });

export const UN_TEXTS: UnText[] = [
  {
    lang: 'fr',
    type: 'opening',
    source: 'https://vdocument.in/confrence-des-parties-distr-gnrale-la-ctoccop201813-i-v18-07400.html',
    document: 'CTOC/COP/2018/13 (French), title',
    un: 'Rapport de la Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée sur les travaux de sa neuvième session, tenue à Vienne du 15 au 19 octobre 2018',
    part: 'à Vienne du 15 au 19 octobre 2018',
    sentence: held('2018-10-15', '2018-10-19', 'Vienna'),
  },
  {
    lang: 'es',
    type: 'opening',
    source: 'https://es.scribd.com/document/660773111/Informe-del-Coloquio-Mundial-sobre-la-Insolvencia',
    document: 'A/CN.9/495 (Spanish), para. 1',
    un: 'Ese período de sesiones exploratorio fue celebrado en Viena del 6 al 17 de diciembre de 1999 por el Grupo de Trabajo sobre el Régimen de la Insolvencia',
    part: 'en Viena del 6 al 17 de diciembre de 1999',
    sentence: held('1999-12-06', '1999-12-17', 'Vienna'),
  },
  {
    lang: 'ru',
    type: 'opening',
    source: 'http://www.crime.vl.ru/index.php?p=4156&more=1&c=1&tb=1&pb=1',
    document: 'report on the meeting of the Working Group on the Smuggling of Migrants, Vienna, 30 May-1 June 2012 (Russian), title',
    un: 'Доклад о работе совещания Рабочей группы по незаконному ввозу мигрантов, проходившего в Вене 30 мая – 1 июня 2012 года',
    part: 'в Вене 30 мая – 1 июня 2012 года',
    sentence: held('2012-05-30', '2012-06-01', 'Vienna'),
  },
  {
    lang: 'zh',
    type: 'opening',
    source: 'https://www.fao.org/DOCREP/MEETING/006/Y9068c.HTM',
    document: 'FAO CL 124/6 (Chinese), para. 1',
    un: '商品问题委员会第六十四届会议于2003年3月18日至21日在罗马粮农组织总部举行。',
    part: '于2003年3月18日至21日在罗马',
    sentence: held('2003-03-18', '2003-03-21', 'Rome'),
  },
  {
    lang: 'zh',
    type: 'opening',
    source:
      'https://conferences2.unite.un.org/documentrepositoryindexer/MultiLanguageAlignment.bitext?DocumentID=ac11cd29-1240-4bb7-bf93-a476f879fb3c&DocumentID=8d79d52a-edc0-449d-a904-68e1ee41d2bf',
    document: 'A/70/46 (Chinese), title page',
    un: '联合国原子辐射影响问题科学委员会的报告 第六十二届会议(2015年6月1日至5日)',
    part: '2015年6月1日至5日',
    sentence: held('2015-06-01', '2015-06-05', 'Vienna'),
  },
  {
    lang: 'fr',
    type: 'statements heard',
    source: 'https://www.frdic.com/liju/f/大地测量',
    document: 'a UN report (Committee on the Peaceful Uses of Outer Space), quoted in French and Chinese',
    un: 'Elle a entendu aussi des déclarations des observateurs de la Commission européenne, de l’Organisation météorologique mondiale, du Programme alimentaire mondial, […] et de l’Agence spatiale européenne.',
    part: 'a entendu aussi des déclarations des observateurs',
    sentence: orgs({ fr: 'Organisation météorologique mondiale' }, { fr: 'Agence spatiale européenne' }),
  },
  {
    lang: 'zh',
    type: 'statements heard',
    source: 'https://www.frdic.com/liju/f/大地测量',
    document: 'the same report, in Chinese',
    // The page gives the colon as ":"; UN Chinese writes "：" (the comparison reads both as one).
    un: '会议还听取了下列组织观察员的发言:欧盟委员会、世界气象组织、世界粮食计划署、[…]、联合国教育、科学及文化组织、欧洲航天局。',
    part: '还听取了下列组织观察员的发言:欧盟委员会、世界气象组织、世界粮食计划署',
    sentence: orgs({ zh: '欧盟委员会' }, { zh: '世界气象组织' }, { zh: '世界粮食计划署' }),
  },
];

/** Gavel's sentence for a UN text, and whether it holds the UN's words. */
export function checkUnText(t: UnText): { generated: string; matches: boolean } {
  const generated = renderSentence(t.sentence, t.lang);
  const plain = (s: string) => s.replace(/：/g, ':').replace(/\u00a0/g, ' ');
  return { generated, matches: plain(generated).includes(plain(t.part)) };
}
