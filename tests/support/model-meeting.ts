/**
 * A meeting the size of the model report (reference/README.md: 115
 * paragraphs, 15 footnotes, 120 participants, 5 substantive items with 30
 * statements each), built in-process through the public API: buildApp on a
 * temporary data folder, and HTTP requests to the real routes through
 * Fastify's inject (delegations registered, the agenda drafted and adopted,
 * the meeting opened, each item taken up, speakers inscribed and given the
 * floor in turn, the texts imported as DOCX by the secretariat, the
 * recommendations adopted by the chair). Nothing pokes at the state.
 *
 * For the report benchmark (tests/bench/report.ts) and the tests that open
 * a full-size report in other programs (LibreOffice).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type Gavel } from '@gavel/server';
import { loadConfig } from '@gavel/server/config';
import { docx, type DocxParagraph } from '@gavel/server/drafting/docx-fixture';
import { MODEL_MEETING } from '@gavel/server/demo';
import { UN_STATES, type Category } from '@gavel/shared';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';


// ---- the model meeting ---------------------------------------------------------


/** 71 States parties, as in the model's attendance (III.C). */
const STATES_PARTIES = [
  'Algeria', 'Angola', 'Argentina', 'Australia', 'Austria', 'Azerbaijan', 'Bahrain', 'Belarus', 'Belgium',
  'Bolivia (Plurinational State of)', 'Bosnia and Herzegovina', 'Brazil', 'Bulgaria', 'Burkina Faso', 'Canada', 'Chile',
  'Colombia', 'Costa Rica', 'Croatia', 'Cuba', 'Cyprus', 'Denmark', 'Dominican Republic', 'Ecuador', 'Egypt', 'El Salvador',
  'Estonia', 'Finland', 'France', 'Germany', 'Guatemala', 'Hungary', 'Italy', 'Kenya', 'Kuwait', 'Latvia', 'Lebanon',
  'Lithuania', 'Madagascar', 'Malaysia', 'Mexico', 'Morocco', 'Netherlands (Kingdom of the)', 'Nigeria', 'Norway', 'Oman',
  'Panama', 'Paraguay', 'Peru', 'Philippines', 'Poland', 'Portugal', 'Qatar', 'Romania', 'Russian Federation', 'Saudi Arabia',
  'Senegal', 'Serbia', 'Slovakia', 'Slovenia', 'South Africa', 'Spain', 'Sweden', 'Switzerland', 'Tunisia', 'Türkiye',
  'Ukraine', 'United Arab Emirates', 'United Kingdom of Great Britain and Northern Ireland', 'United States of America',
  'Venezuela (Bolivarian Republic of)',
];
const SIGNATORIES = ['Czechia', 'Iceland', 'India', 'Ireland', 'Japan', 'Luxembourg', 'Thailand'];
const OBSERVER_STATES = [
  'China', 'Indonesia', 'Iran (Islamic Republic of)', 'Iraq', 'Jordan', 'Pakistan', 'Singapore', 'Sudan',
  'Syrian Arab Republic', 'Viet Nam', 'Yemen', 'Holy See',
];
/** Entities typed in with their names (English and Arabic). */
const ENTITIES: { category: Category; en: string; ar: string }[] = [
  { category: 'reio_party', en: 'European Union', ar: 'الاتحاد الأوروبي' },
  { category: 'un_body', en: 'United Nations Children’s Fund', ar: 'منظمة الأمم المتحدة للطفولة' },
  { category: 'un_body', en: 'Office of the United Nations High Commissioner for Refugees', ar: 'مفوضية الأمم المتحدة لشؤون اللاجئين' },
  { category: 'un_body', en: 'Office of the United Nations High Commissioner for Human Rights', ar: 'مفوضية الأمم المتحدة السامية لحقوق الإنسان' },
  { category: 'un_body', en: 'International Labour Organization', ar: 'منظمة العمل الدولية' },
  { category: 'igo', en: 'International Organization for Migration', ar: 'المنظمة الدولية للهجرة' },
  { category: 'igo', en: 'International Criminal Police Organization (INTERPOL)', ar: 'المنظمة الدولية للشرطة الجنائية (الإنتربول)' },
  { category: 'igo', en: 'League of Arab States', ar: 'جامعة الدول العربية' },
  { category: 'igo', en: 'African Union', ar: 'الاتحاد الأفريقي' },
  { category: 'igo', en: 'Council of Europe', ar: 'مجلس أوروبا' },
  { category: 'igo', en: 'Organization for Security and Co-operation in Europe', ar: 'منظمة الأمن والتعاون في أوروبا' },
  { category: 'igo', en: 'International Centre for Migration Policy Development', ar: 'المركز الدولي لتطوير سياسات الهجرة' },
  { category: 'igo', en: 'Organization of American States', ar: 'منظمة الدول الأمريكية' },
  { category: 'igo', en: 'Cooperation Council for the Arab States of the Gulf', ar: 'مجلس التعاون لدول الخليج العربية' },
  { category: 'igo', en: 'European Police Office', ar: 'مكتب الشرطة الأوروبي' },
  { category: 'igo', en: 'Eurojust', ar: 'الوحدة الأوروبية للتعاون القضائي' },
  { category: 'igo', en: 'Commonwealth Secretariat', ar: 'أمانة الكومنولث' },
  { category: 'other_entity', en: 'Sovereign Military Order of Malta', ar: 'منظمة فرسان مالطة العسكرية ذات السيادة' },
  { category: 'ngo', en: 'La Strada International', ar: 'منظمة لاسترادا الدولية' },
  { category: 'ngo', en: 'Anti-Slavery International', ar: 'المنظمة الدولية لمكافحة الرق' },
  { category: 'ngo', en: 'ECPAT International', ar: 'منظمة إكبات الدولية' },
  { category: 'ngo', en: 'Global Alliance Against Traffic in Women', ar: 'التحالف العالمي لمكافحة الاتجار بالنساء' },
  { category: 'ngo', en: 'International Catholic Migration Commission', ar: 'اللجنة الكاثوليكية الدولية للهجرة' },
  { category: 'ngo', en: 'Terre des hommes International Federation', ar: 'الاتحاد الدولي لأرض البشر' },
  { category: 'ngo', en: 'Save the Children International', ar: 'منظمة إنقاذ الطفولة الدولية' },
  { category: 'ngo', en: 'Amnesty International', ar: 'منظمة العفو الدولية' },
  { category: 'ngo', en: 'Caritas Internationalis', ar: 'كاريتاس الدولية' },
  { category: 'ngo', en: 'Polaris Project', ar: 'مشروع بولاريس' },
  { category: 'ngo', en: 'Coalition Against Trafficking in Women', ar: 'الائتلاف المناهض للاتجار بالنساء' },
];

/** The agenda of the model (III.B): item 1 with (a) and (b), 2–6 substantive with their documents, 7 and 8. */
const SUBSTANTIVE: { title: string; date: string; documents: { symbol: string; title: string }[]; panel?: string[] }[] = [
  {
    title:
      'Implementation of the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime',
    date: '2010-01-27',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/5', title: 'Note by the Secretariat on the activities of the working group' }],
  },
  {
    title: 'Analysis of key concepts of the Protocol',
    date: '2010-01-27',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/2', title: 'Background paper prepared by the Secretariat' }],
    panel: ['Venla Roth', 'Nicole Zündorf-Hinte', 'Wael Aboulmagd', 'Olivier Weber'],
  },
  {
    title: 'Reducing the demand for exploitative services: legislative measures',
    date: '2010-01-28',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/3', title: 'Background paper prepared by the Secretariat' }],
    panel: ['Ruth Pojman', 'Gunilla Ekberg', 'Hernán Gonzalez', 'Ilias Chatzis'],
  },
  {
    title: 'Non-punishment and non-prosecution of victims of trafficking in persons: administrative and judicial approaches to offences committed in the process of such trafficking',
    date: '2010-01-28',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/4', title: 'Background paper prepared by the Secretariat' }],
  },
  {
    title: 'Good practices and tools for case management by front-line law enforcement authorities',
    date: '2010-01-29',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/CRP.1', title: 'Conference room paper prepared by the Secretariat' }],
  },
];
const STATEMENTS_PER_ITEM = 30;

// ---- the texts -------------------------------------------------------------------

/** Sentences the recommendations are made of (about 60 words a paragraph, as in the model). */
const SENTENCES = [
  'States parties should ensure that their legislation criminalizes trafficking in persons in all its forms, in accordance with article 5 of the Protocol, and that the penalties provided take into account the grave nature of the offence.',
  'States parties should consider establishing national coordinating mechanisms, such as national rapporteurs or equivalent mechanisms, to monitor the implementation of anti-trafficking measures and to collect and analyse data.',
  'States parties should provide victims of trafficking with access to appropriate assistance and protection, including shelter, medical and psychological care, legal counselling and information in a language they understand, irrespective of their willingness to cooperate with the authorities.',
  'The Working Group recommends that States parties strengthen cooperation between law enforcement authorities, prosecutors, labour inspectors and civil society organizations in the identification of victims and the investigation of cases.',
  'States parties should make use of the technical assistance tools developed by the United Nations Office on Drugs and Crime, including the Model Law against Trafficking in Persons and the Anti-Human Trafficking Manual for Criminal Justice Practitioners.',
  'States parties should ensure that front-line officials receive regular training on the indicators of trafficking in persons, on interviewing techniques that take into account the trauma of victims and on the rights of victims under national and international law.',
  'The Secretariat should continue to collect information on good practices and to make it available to States parties through the knowledge portal and the case law database on trafficking in persons.',
  'States parties should consider adopting measures to discourage the demand that fosters all forms of exploitation of persons, especially women and children, that leads to trafficking, as provided in article 9, paragraph 5, of the Protocol.',
  'States parties should, in accordance with their domestic legal principles, consider not punishing or prosecuting trafficked persons for unlawful acts committed by them as a direct consequence of their situation as trafficked persons or where they were compelled to commit such unlawful acts.',
  'States parties should promote partnerships with the private sector, trade unions, the media and non-governmental organizations in raising awareness of trafficking in persons and in preventing exploitation in supply chains.',
  'States parties should strengthen research on the nature and extent of trafficking in persons, including on its links with other forms of transnational organized crime, and share the results with other States parties and with the Secretariat.',
  'The Working Group recommends that the Conference of the Parties consider the need for a mechanism to review the implementation of the Protocol that is transparent, efficient, non-intrusive, inclusive and impartial.',
];
const SUBPARAGRAPHS = [
  'Collect and analyse disaggregated data on the number of victims identified, investigations, prosecutions and convictions;',
  'Share information on national legislation, policies and good practices with other States parties through the Secretariat;',
  'Provide adequate resources to the authorities and agencies responsible for the identification, referral and protection of victims;',
  'Review their legislation and procedures regularly to ensure that they remain in line with the obligations under the Protocol.',
];

/** II. Recommendations (paragraphs 6-65): sections A-E with their subsections, as in the model's outline. */
const RECOMMENDATION_OUTLINE: { section: string; subsections: [string, number][] }[] = [
  {
    section: 'Implementation of the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children',
    subsections: [
      ['General recommendations', 4],
      ['Victims of trafficking in persons', 4],
      ['Criminal justice responses', 4],
      ['Coordination', 2],
      ['Partnerships', 3],
      ['Training', 2],
      ['Research', 2],
      ['Review of implementation', 2],
    ],
  },
  {
    section: 'Analysis of key concepts of the Protocol',
    subsections: [
      ['Clarification of concepts', 3],
      ['National implementation', 2],
      ['Victim-witness testimony', 2],
    ],
  },
  {
    section: 'Reducing demand for exploitative services',
    subsections: [
      ['General recommendations', 3],
      ['Awareness-raising', 3],
      ['Research and data collection', 3],
      ['Technical assistance', 3],
    ],
  },
  {
    section: 'Non-punishment and non-prosecution of victims of trafficking in persons',
    subsections: [
      ['Implementation', 3],
      ['Support for victims', 3],
      ['Technical support', 3],
    ],
  },
  {
    section: 'Case management by front-line law enforcement authorities',
    subsections: [
      ['General recommendations', 3],
      ['Training', 2],
      ['Capacity-building', 2],
    ],
  },
];
/** Footnotes of II by the paragraph's number in the source (the model's paragraph 50 carries two, 8 and 9 of the report). */
const RECOMMENDATION_FOOTNOTES: Record<number, string[]> = {
  7: ['Conference of the Parties decision 4/4, para. 2.'],
  15: ['See CTOC/COP/WG.4/2009/2, paras. 12-15.'],
  26: ['United Nations publication, Sales No. E.09.V.11.'],
  38: ['General Assembly resolution 55/25, annex II.'],
  50: ['CTOC/COP/WG.4/2009/2, para. 12.', 'For the discussion of the working group on this recommendation, see paragraph 109 below.'],
  52: ['See CTOC/COP/WG.4/2010/4, paras. 8-10.'],
  55: ['Available from www.unodc.org.'],
  59: ['United Nations publication, Sales No. E.09.V.3.'],
  61: ['See CTOC/COP/2008/19, chap. I, decision 4/4.'],
  63: ['CTOC/COP/WG.4/2010/CRP.1.'],
  65: ['See A/64/290, para. 30.'],
};

function sentencesFor(n: number, count: number): string {
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(SENTENCES[(n * 5 + k * 7) % SENTENCES.length]);
  return out.join(' ');
}

function recommendationsDocx(): { file: Buffer; paragraphs: number; footnotes: number } {
  const out: DocxParagraph[] = [];
  let n = 6;
  let footnotes = 0;
  const paragraph = (text: string) => {
    const runs: DocxParagraph['runs'] = [{ text: `${n}. ${text}` }];
    for (const f of RECOMMENDATION_FOOTNOTES[n] ?? []) {
      runs.push({ footnote: f });
      footnotes++;
    }
    out.push({ runs });
    // Every seventh paragraph introduces subparagraphs (a)-(d).
    if (n % 7 === 3) {
      (runs[0] as { text: string }).text = `${n}. The Working Group recommends that States parties:`;
      SUBPARAGRAPHS.forEach((s, i) => out.push({ runs: [{ text: `(${'abcd'[i]}) ${s}` }] }));
    }
    n++;
  };
  // Two paragraphs before section A, as in the model (6 and 7).
  paragraph('At its meeting held in Vienna from 27 to 29 January 2010, the Working Group on Trafficking in Persons adopted the recommendations set out below.');
  paragraph(sentencesFor(7, 2));
  RECOMMENDATION_OUTLINE.forEach((section, s) => {
    out.push({ heading: 1, runs: [{ text: `${'ABCDE'[s]}. ${section.section}` }] });
    section.subsections.forEach(([title, count], k) => {
      out.push({ heading: 2, runs: [{ text: `${k + 1}. ${title}` }] });
      for (let i = 0; i < count; i++) paragraph(sentencesFor(n, 2));
    });
  });
  return { file: docx(out), paragraphs: n - 6, footnotes };
}

export const INTRODUCTION: DocxParagraph[] = [
  {
    runs: [
      { text: '1. In its decision 4/4, the Conference of the Parties to the United Nations Convention against Transnational Organized Crime decided to establish an open-ended interim working group, to be chaired by a member of the Bureau, to advise and assist the Conference in the implementation of its mandate with regard to the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children.' },
      { footnote: 'See CTOC/COP/2008/19, chap. I.' },
    ],
  },
  {
    runs: [
      { text: '2. In the same decision, the Conference decided that the working group would perform the following functions: facilitating the implementation of the Protocol through the exchange of experience and practices between experts and practitioners; making recommendations to the Conference on how States parties can better implement the provisions of the Protocol; and assisting the Conference in providing guidance to its secretariat on its activities.' },
    ],
  },
  {
    runs: [
      { text: '3. Also in decision 4/4, the Conference decided that the working group would hold at least one intersessional meeting and requested the Secretariat to prepare background papers to facilitate the discussions of the working group.' },
      { footnote: 'United Nations, Treaty Series, vol. 2237, No. 39574.' },
    ],
  },
  {
    runs: [
      { text: '4. The first meeting of the working group was held in Vienna on 14 and 15 April 2009. The report on that meeting is contained in document CTOC/COP/WG.4/2009/2, and the recommendations adopted at that meeting were submitted to the Conference at its fifth session.' },
      { footnote: 'CTOC/COP/WG.4/2009/2.' },
    ],
  },
  {
    runs: [
      { text: '5. The present report was prepared by the Secretariat on the basis of the deliberations of the working group and of the recommendations adopted at its second meeting, held in Vienna from 27 to 29 January 2010.' },
    ],
  },
];

function summaryDocx(paragraphs: string[], issues?: string[]): Buffer {
  const out: DocxParagraph[] = paragraphs.map((text) => ({ runs: [{ text }] }));
  if (issues) {
    out.push({ runs: [{ text: 'The speakers discussed the following issues:' }] });
    issues.forEach((t, i) => out.push({ runs: [{ text: `(${'abcdefgh'[i]}) ${t}` }] }));
  }
  return docx(out);
}

const ISSUES = [
  'The need for comprehensive national legislation covering all forms of trafficking in persons;',
  'The identification of victims and their referral to appropriate assistance;',
  'The role of civil society organizations in the protection of victims;',
  'The importance of international cooperation, including mutual legal assistance and extradition;',
  'The collection of reliable data on trafficking in persons and on the response of criminal justice systems.',
];

// ---- building the meeting through the API --------------------------------------

export interface Built {
  gavel: Gavel;
  dataDir: string;
  meetingId: string;
  /** The secretariat's session token, for GET /report. */
  token: string;
  notes: string[];
  sizes: { delegations: number; statements: number; panellists: number; recommendations: { paragraphs: number; footnotes: number } };
}

/** A meeting created through the API on a fresh data folder, with the secretariat signed in and the helpers the builders use. */
export interface OpenMeeting {
  gavel: Gavel;
  dataDir: string;
  meetingId: string;
  secretariat: string;
  request: (method: 'GET' | 'POST', url: string, token: string, payload?: unknown, contentType?: string) => Promise<{ status: number; body: any }>;
  signIn: (code: string, name: string) => Promise<string>;
  command: (token: string, cmd: Record<string, unknown>) => Promise<{ events: { type: string; payload: any }[]; issuedCodes?: { code: string }[] }>;
  importDoc: (doc: string, file: Buffer) => Promise<{ paragraphs: number }>;
}

/** Creates a meeting with the given details. */
export async function openMeeting(info: Record<string, unknown>): Promise<OpenMeeting> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gavel-bench-report-'));
  const config = {
    ...loadConfig({ GAVEL_DATA_DIR: dataDir, GAVEL_LOG_LEVEL: 'warn', GAVEL_DEMO: 'false', PORT: '0' }),
    signinPerCode: 1_000_000,
    exportsPerMinute: 1_000_000,
    socketsPerAddress: 1_000_000,
    adminToken: ADMIN_TOKEN,
  };
  const gavel = await buildApp(config);

  const request: OpenMeeting['request'] = async (method, url, token, payload, contentType) => {
    const res = await gavel.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload === undefined ? {} : { payload: payload as string | Buffer | object }),
    });
    const body = res.body ? JSON.parse(res.body) : undefined;
    return { status: res.statusCode, body };
  };
  const created = await request('POST', '/api/meetings', ADMIN_TOKEN, info);
  if (created.status !== 201) throw new Error(`create meeting: ${created.status} ${JSON.stringify(created.body)}`);
  const { meetingId, secretariatCode } = created.body as { meetingId: string; secretariatCode: string };
  const signIn = async (code: string, name: string): Promise<string> => {
    const res = await gavel.app.inject({ method: 'POST', url: '/api/session', payload: { meetingId, code, name } });
    if (res.statusCode !== 200) throw new Error(`sign in: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body).token;
  };
  const secretariat = await signIn(secretariatCode, 'Secretariat officer');
  const command: OpenMeeting['command'] = async (token, cmd) => {
    const res = await request('POST', `/api/meetings/${meetingId}/commands`, token, cmd);
    if (res.status !== 200 || !res.body?.ok) throw new Error(`${String(cmd.type)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const importDoc = async (doc: string, file: Buffer) => {
    const res = await request('POST', `/api/meetings/${meetingId}/drafts/${doc}/import?format=docx`, secretariat, file, DOCX_TYPE);
    if (res.status !== 200) throw new Error(`import ${doc}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { paragraphs: number };
  };
  return { gavel, dataDir, meetingId, secretariat, request, signIn, command, importDoc };
}

export async function buildModelMeeting(): Promise<Built> {
  const { gavel, dataDir, meetingId, secretariat, request, signIn, command, importDoc } = await openMeeting(MODEL_MEETING);
  const notes: string[] = [];

  // Participants: 120 delegations in nine categories.
  const byName = new Map(UN_STATES.map((s) => [s.names.en, s.m49]));
  const m49 = (name: string) => byName.get(name) ?? (() => { throw new Error(`not in UN_STATES: ${name}`); })();
  const states = (category: Category, list: string[]) => list.map((name) => ({ category, m49: m49(name) }));
  const registered = await command(secretariat, {
    type: 'delegation.registerMany',
    delegations: [
      ...states('state_party', STATES_PARTIES),
      ...states('signatory', SIGNATORIES),
      ...states('observer_state', OBSERVER_STATES),
      { category: 'observer_entity', m49: '275' },
      ...ENTITIES.map((e) => ({ category: e.category, names: { en: e.en, ar: e.ar } })),
    ],
  });
  const delegations = registered.events
    .filter((e) => e.type === 'DelegationRegistered')
    .map((e) => e.payload.delegation as { id: string; category: Category });

  // The agenda, drafted by the secretariat.
  const addItem = async (title: string, more: Record<string, unknown> = {}) =>
    (await command(secretariat, { type: 'agenda.addItem', title, ...more })).events[0].payload.item.id as string;
  const organizational = await addItem('Organizational matters', { plannedDate: '2010-01-27' });
  await addItem('Opening of the meeting', { parentId: organizational, plannedDate: '2010-01-27' });
  await addItem('Adoption of the agenda and organization of work', {
    parentId: organizational,
    plannedDate: '2010-01-27',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/1', title: 'Provisional agenda and annotations' }],
  });
  const items: string[] = [];
  for (const item of SUBSTANTIVE) items.push(await addItem(item.title, { plannedDate: item.date, documents: item.documents }));
  await addItem('Other matters', { plannedDate: '2010-01-29' });
  await addItem('Adoption of the report', { plannedDate: '2010-01-29' });

  // The chair opens the meeting and the agenda is adopted.
  const chairCode = (await command(secretariat, { type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes![0].code;
  const chair = await signIn(chairCode, 'Dominika Krois');
  await command(chair, { type: 'meeting.open' });
  await command(chair, { type: 'agenda.adopt' });

  // Each substantive item: taken up, panellists and 30 speakers inscribed, the floor given in turn, closed.
  const states_ = delegations.filter((d) => d.category === 'state_party' || d.category === 'reio_party');
  const observers = delegations.filter((d) => ['signatory', 'observer_state', 'observer_entity'].includes(d.category));
  const organizations = delegations.filter((d) => ['un_body', 'igo', 'other_entity', 'ngo'].includes(d.category));
  let panellists = 0;
  for (const [k, itemId] of items.entries()) {
    const panel = SUBSTANTIVE[k].panel ?? [];
    await command(chair, { type: 'agenda.takeUp', itemId });
    for (const speakerName of panel) await command(secretariat, { type: 'speakers.request', itemId, kind: 'panellist', speakerName });
    panellists += panel.length;
    // 30 statements: the panellists, then States (parties first), observers and organizations, a different set on each item.
    const rest = STATEMENTS_PER_ITEM - panel.length;
    const pick = <T>(list: T[], count: number, from: number) => Array.from({ length: count }, (_, i) => list[(from + i) % list.length]);
    const speakers = [
      ...pick(states_, rest - 6, k * 17),
      ...pick(observers, 3, k * 4),
      ...pick(organizations, 3, k * 5),
    ];
    for (const d of speakers) await command(secretariat, { type: 'speakers.request', itemId, delegationId: d.id });
    let onFloor: string | null = null;
    for (let turn = 0; turn <= STATEMENTS_PER_ITEM; turn++) {
      const events: { type: string; payload: any }[] = (await command(chair, { type: 'speakers.next', itemId, expectedCurrent: onFloor })).events;
      const given = events.find((e) => e.type === 'FloorGiven');
      onFloor = given ? (given.payload.entryId as string) : null;
    }
    if (onFloor !== null) throw new Error('the speakers’ list did not run out');
    await command(chair, { type: 'agenda.close', itemId });
  }

  // The texts: I. Introduction and II. Recommendations, imported by the secretariat; the chair adopts II.
  await importDoc('introduction', docx(INTRODUCTION));
  const rec = recommendationsDocx();
  await importDoc('recommendations', rec.file);
  const text = await request('GET', `/api/meetings/${meetingId}/drafts/recommendations`, secretariat);
  const ids = (text.body.paragraphs as { id: string; number: number }[]).filter((p) => p.number !== 50).map((p) => p.id);
  await command(chair, { type: 'paragraph.setStatus', doc: 'recommendations', paragraphIds: ids, status: 'adopted' });

  // IV. The written parts of each item's summary (chair's introduction, presentations, discussion), where the meeting has those texts.
  try {
    for (const [k, itemId] of items.entries()) {
      const symbol = SUBSTANTIVE[k].documents[0].symbol;
      await importDoc(
        `summary:${itemId}:introduction`,
        summaryDocx([`The Chair introduced the item, recalling the document prepared by the Secretariat (${symbol}) and the questions it raised for the consideration of the working group.`]),
      );
      const panel = SUBSTANTIVE[k].panel;
      if (panel) {
        await importDoc(
          `summary:${itemId}:presentations`,
          summaryDocx(panel.map((name, i) => `${name} gave a presentation on the experience of national authorities in the matters before the working group under the item. ${sentencesFor(i + k, 1)}`)),
        );
      }
      await importDoc(`summary:${itemId}`, summaryDocx([sentencesFor(k + 3, 2)], ISSUES));
    }
  } catch (e) {
    notes.push(`summaries of chapter IV not written (${(e as Error).message.slice(0, 120)})`);
  }

  const state = (await gavel.meetings.state(meetingId))!;
  return {
    gavel,
    dataDir,
    meetingId,
    token: secretariat,
    notes,
    sizes: {
      delegations: Object.keys(state.delegations).length,
      statements: state.statements.length,
      panellists,
      recommendations: { paragraphs: rec.paragraphs, footnotes: rec.footnotes },
    },
  };
}
