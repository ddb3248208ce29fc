import { describe, expect, it } from 'vitest';
import { ChairTestMeeting, CHAIR } from '../speakers/test-support';
import type { Lang } from '../languages';
import { reportParagraphLabel } from './labels';
import type { GeneratedParagraph, ReportSkeleton, Sentence, SlotBlock } from './model';
import { renderSentences } from './render';
import { buildReportSkeleton, genderOf, parseAgendaLabel, slotDocName } from './skeleton';
import { DOC_NAME } from '../protocol/yjs';

/** Part of the model meeting (CTOC/COP/WG.4/2010/6), run through the ledger in memory. */
function modelMeeting() {
  const m = new ChairTestMeeting();
  // States parties registered in no particular order: the report sorts them.
  const [spain, israel, norway, jordan, colombia, russia, finland, armenia, estonia, argentina, azerbaijan, australia, egypt, germany, france, poland] =
    m.register(
      ['state_party', '724'], ['state_party', '376'], ['state_party', '578'], ['state_party', '400'],
      ['state_party', '170'], ['state_party', '643'], ['state_party', '246'], ['state_party', '051'],
      ['state_party', '233'], ['state_party', '032'], ['state_party', '031'], ['state_party', '036'],
      ['state_party', '818'], ['state_party', '276'], ['state_party', '250'], ['state_party', '616'],
    );
  const [eu] = m.register(['reio_party', { en: 'European Union', ar: 'الاتحاد الأوروبي' } as { en: string }]);
  const [thailand, china, india] = m.register(['signatory', '764'], ['observer_state', '156'], ['observer_state', '356']);
  const [unicef, interpol] = m.register(['un_body', { en: 'United Nations Children’s Fund' }], ['igo', { en: 'International Criminal Police Organization' }]);
  m.run({ type: 'person.register', name: 'Dominika Krois', title: 'Ms.', function: 'chair', delegationId: poland });

  const organizational = m.addItem('Organizational matters');
  m.addItem('Opening of the meeting', { parentId: organizational });
  m.addItem('Adoption of the agenda and organization of work', { parentId: organizational });
  const implementation = m.addItem('Implementation of the Trafficking in Persons Protocol');
  const concepts = m.addItem('Analysis of key concepts of the Trafficking in Persons Protocol', {
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/2', title: 'Background paper prepared by the Secretariat' }],
  });
  const other = m.addItem('Other matters');

  m.openAndTakeUp(concepts);
  const people = [
    ['Venla Roth', finland],
    ['Nicole Zündorf-Hinte', germany],
    ['Wael Aboulmagd', egypt],
    ['Olivier Weber', france],
  ] as const;
  for (const [name, from] of people) m.request(concepts, undefined, { kind: 'panellist', personId: m.registerPerson(name, 'panellist', from) }, CHAIR);
  const drain = () => {
    while (m.queueNames(concepts).length > 0 || m.floorEntry()) {
      m.next(concepts);
      m.tick(60_000);
    }
  };
  for (const who of [norway, colombia, eu, china, interpol, thailand]) m.request(concepts, who);
  drain();
  // Norway speaks again: it stays where it first spoke.
  m.request(concepts, norway);
  drain();
  return { m, ids: { spain, israel, russia, jordan, armenia, estonia, argentina, azerbaijan, australia, unicef, india }, organizational, implementation, concepts, other };
}

const paragraphs = (s: ReportSkeleton): GeneratedParagraph[] =>
  s.chapters.flatMap((c) => [...c.sections.flatMap((x) => x.blocks), ...c.blocks]).filter((b): b is GeneratedParagraph => b.kind === 'paragraph');

function attendance(s: ReportSkeleton, lang: Lang, category: string): string[] {
  const p = paragraphs(s).find((x) => x.id === `p-attendance-${category}`)!;
  const sentence = p.sentences[0] as Extract<Sentence, { kind: 'attendance' }>;
  return sentence.names.map((n) => n[lang] ?? n.en ?? '?');
}

/** The generated paragraphs in reading order (what the report numbers, written parts aside), each with the number it gets from `start`. */
function numbered(skeleton: ReportSkeleton, lang: 'ar' | 'en', start: number): [string, string][] {
  const ids = skeleton.chapters.flatMap((c) => [...c.sections.flatMap((s) => s.blocks), ...c.blocks]).flatMap((b) => (b.kind === 'paragraph' ? [b.id] : []));
  return ids.map((id, i) => [id, reportParagraphLabel(start + i, lang)]);
}

describe('the skeleton of the generated chapters', () => {
  const { m, concepts, organizational } = modelMeeting();
  const en = buildReportSkeleton(m.state, 'en');
  const ar = buildReportSkeleton(m.state, 'ar');

  it('orders the Arabic list of States parties as the model does (para. 68)', () => {
    expect(attendance(ar, 'ar', 'state_party').slice(0, 9)).toEqual([
      'الاتحاد الروسي', 'أذربيجان', 'الأرجنتين', 'الأردن', 'أرمينيا', 'إسبانيا', 'أستراليا', 'إستونيا', 'إسرائيل',
    ]);
  });

  it('orders the English list alphabetically by the UN short names', () => {
    expect(attendance(en, 'en', 'state_party')).toEqual([
      'Argentina', 'Armenia', 'Australia', 'Azerbaijan', 'Colombia', 'Egypt', 'Estonia', 'Finland',
      'France', 'Germany', 'Israel', 'Jordan', 'Norway', 'Poland', 'Russian Federation', 'Spain',
    ]);
  });

  it('lists the categories in the report order and keeps the English order for organizations', () => {
    expect(paragraphs(ar).filter((p) => p.id.startsWith('p-attendance-')).map((p) => p.id.replace('p-attendance-', ''))).toEqual([
      'state_party', 'reio_party', 'signatory', 'observer_state', 'un_body', 'igo',
    ]);
    expect(attendance(ar, 'ar', 'observer_state')).toEqual(['الصين', 'الهند']);
    expect(attendance(en, 'en', 'reio_party')).toEqual(['European Union']);
  });

  it('has chapters III, IV and V with the sections of the outline, and a slot for the adoption of the report', () => {
    expect(en.masthead).toMatchObject({ symbol: 'CTOC/COP/WG.4/2010/6', startDate: '2010-01-27', endDate: '2010-01-29', originalLanguage: 'en' });
    expect(en.chapters.map((c) => [c.id, c.number])).toEqual([['organization', 3], ['deliberations', 4], ['adoption', 5]]);
    expect(en.chapters[0].sections.map((s) => s.heading)).toEqual([
      { kind: 'fixed', key: 'opening' },
      { kind: 'fixed', key: 'agenda_adoption' },
      { kind: 'fixed', key: 'attendance' },
    ]);
    expect(en.chapters[2].blocks).toEqual([{ kind: 'slot', id: 'w-adoption', slot: 'adoption_of_report' }]);
  });

  it('writes the opening and the adopted agenda with its sub-items', () => {
    const [opening] = paragraphs(en);
    expect(renderSentences(opening.sentences, 'en')).toBe(
      'The working group held its meeting in Vienna from 27 to 29 January 2010. The meeting was opened by the Chair, Dominika Krois (Poland).',
    );
    expect(renderSentences(opening.sentences, 'ar')).toBe(
      'عقد الفريق العامل اجتماعه في فيينا من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠. وافتتحت الاجتماع الرئيسة Dominika Krois (بولندا).',
    );
    const list = en.chapters[0].sections[1].blocks.find((b) => b.kind === 'agenda_list');
    expect(list?.kind === 'agenda_list' && list.items.map((i) => [i.ref.path, i.ref.title, i.children.map((c) => c.path)])).toEqual([
      [[1], 'Organizational matters', [[1, 1], [1, 2]]],
      [[2], 'Implementation of the Trafficking in Persons Protocol', []],
      [[3], 'Analysis of key concepts of the Trafficking in Persons Protocol', []],
      [[4], 'Other matters', []],
    ]);
    expect(list?.kind === 'agenda_list' && list.items[0].ref.itemId).toBe(organizational);
  });

  it('gives a section of chapter IV only to the item on which statements were heard, with its generated paragraphs and slots in order', () => {
    const [section] = en.chapters[1].sections;
    expect(en.chapters[1].sections).toHaveLength(1);
    expect(section.heading).toEqual({ kind: 'agenda_item', item: { itemId: concepts, path: [3], title: 'Analysis of key concepts of the Trafficking in Persons Protocol' } });
    expect(section.blocks.map((b) => (b.kind === 'slot' ? `slot:${b.slot}` : b.kind === 'paragraph' ? b.sentences.map((s) => s.kind).join('+') : b.kind))).toEqual([
      'item_considered',
      'documents_before',
      'slot:item_introduction',
      'panellists',
      'slot:presentations',
      'states_heard+reio_heard+observers_heard+organizations_heard',
      'slot:discussion',
    ]);
    const text = section.blocks.flatMap((b) => (b.kind === 'paragraph' ? [renderSentences(b.sentences, 'en')] : []));
    expect(text).toEqual([
      'On 27 January, the working group considered agenda item 3, entitled “Analysis of key concepts of the Trafficking in Persons Protocol”.',
      'For its consideration of the item, the working group had before it the following document: Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2).',
      'The following panellists took part: Venla Roth (Finland), Nicole Zündorf-Hinte (Germany), Wael Aboulmagd (Egypt) and Olivier Weber (France).',
      'Under agenda item 3, the working group heard statements by representatives of the following States: Norway and Colombia. ' +
        'The representative of the following regional economic integration organization also made a statement: European Union. ' +
        'The observers for Thailand and China also made statements. ' +
        'A statement was also made by the observer for the following organization: International Criminal Police Organization.',
    ]);
    const heard = section.blocks[5];
    expect(heard.kind === 'paragraph' && heard.source.kind === 'statements' && heard.source.statementIds).toHaveLength(7);
  });

  it('writes the speakers in Arabic in the order they spoke', () => {
    // The list's precedence gave the floor to the signatory (Thailand) before the non-signatory (China).
    const spoken = m.state.statements.map((s) => s.delegation?.names.en).filter((n) => n === 'Thailand' || n === 'China');
    expect(spoken).toEqual(['Thailand', 'China']);
    const heard = en.chapters[1].sections[0].blocks[5] as GeneratedParagraph;
    expect(renderSentences(heard.sentences.slice(0, 3), 'ar')).toBe(
      // Model, para. 107.
      'في إطار البند ٣ من جدول الأعمال، استمع الفريق العامل إلى كلمات ألقاها ممثلو الدول التالية: النرويج، كولومبيا. ' +
        'وأدلى ممثل الاتحاد الأوروبي بكلمة. ' +
        'كما تكلم المراقبون عن تايلند والصين.',
    );
  });

  it('numbers the paragraphs continuously from where chapter II ends', () => {
    expect(numbered(ar, 'ar', 66).map(([id, label]) => `${label} ${id.replace(concepts, 'item3')}`)).toEqual([
      '٦٦- p-opening',
      '٦٧- p-agenda',
      '٦٨- p-attendance-state_party',
      '٦٩- p-attendance-reio_party',
      '٧٠- p-attendance-signatory',
      '٧١- p-attendance-observer_state',
      '٧٢- p-attendance-un_body',
      '٧٣- p-attendance-igo',
      '٧٤- p-item-item3-considered',
      '٧٥- p-item-item3-documents',
      '٧٦- p-item-item3-panellists',
      '٧٧- p-item-item3-heard',
    ]);
  });

  it('is pure: the same state gives the same tree, and building it changes nothing', () => {
    const before = JSON.stringify(m.state);
    expect(buildReportSkeleton(m.state, 'en')).toEqual(en);
    expect(JSON.stringify(m.state)).toBe(before);
  });
});

describe('choices of the skeleton', () => {
  it('leaves out voided statements and takes the items named by the caller', () => {
    const { m, implementation, concepts } = modelMeeting();
    const first = m.state.statements.find((s) => s.capacity === 'statement')!;
    m.run({ type: 'statements.correct', statementId: first.id, changes: { voided: true }, note: 'recorded in error' });
    const s = buildReportSkeleton(m.state, 'en', { itemIds: [implementation, concepts] });
    expect(s.chapters[1].sections.map((x) => x.heading.kind === 'agenda_item' && x.heading.item.path)).toEqual([[2], [3]]);
    const heard = s.chapters[1].sections[1].blocks.find((b) => b.kind === 'paragraph' && b.id.endsWith('-heard')) as GeneratedParagraph;
    // Norway's first statement voided: Norway still spoke last, so it comes after Colombia.
    expect(renderSentences(heard.sentences.slice(0, 1), 'en')).toBe(
      'Under agenda item 3, the working group heard statements by representatives of the following States: Colombia and Norway.',
    );
    const [considered] = s.chapters[1].sections[0].blocks as GeneratedParagraph[];
    expect(renderSentences(considered.sentences, 'en')).toBe(
      'The working group considered agenda item 2, entitled “Implementation of the Trafficking in Persons Protocol”.',
    );
  });

  it('reads agenda labels and forms of address', () => {
    expect(parseAgendaLabel('3')).toEqual([3]);
    expect(parseAgendaLabel('1 (b)')).toEqual([1, 2]);
    expect(parseAgendaLabel('1 (aa)')).toEqual([1, 27]);
    expect(['Ms.', 'H.E. Ms.', 'Mme', 'Mr.', 'M.', ''].map(genderOf)).toEqual(['f', 'f', 'f', 'm', 'm', null]);
  });
});

describe('III.D Documentation', () => {
  function meetingWithDocuments() {
    const m = new ChairTestMeeting();
    const organizational = m.addItem('Organizational matters');
    m.addItem('Adoption of the agenda and organization of work', {
      parentId: organizational,
      documents: [{ symbol: 'CTOC/COP/WG.4/2010/1', title: 'Annotated provisional agenda' }],
    });
    m.addItem('Implementation of the Trafficking in Persons Protocol', {
      documents: [
        { symbol: 'CTOC/COP/WG.4/2010/2', title: 'Background paper prepared by the Secretariat' },
        // Also before item 1 (b): listed once, where it first appears.
        { symbol: 'CTOC/COP/WG.4/2010/1', title: 'Annotated provisional agenda' },
      ],
    });
    m.addItem('Other matters');
    m.addItem('Reducing demand', { documents: [{ symbol: 'CTOC/COP/WG.4/2010/3', title: '' }] });
    return m;
  }

  it('is not there unless the secretariat asks for it', () => {
    const s = buildReportSkeleton(meetingWithDocuments().state, 'en');
    expect(s.chapters[0].sections.map((x) => x.id)).toEqual(['s-opening', 's-agenda', 's-attendance']);
  });

  it('lists every document of the agenda in agenda order, each symbol once, after a paragraph announcing them', () => {
    const m = meetingWithDocuments();
    m.run({ type: 'report.configure', documentation: true });
    const s = buildReportSkeleton(m.state, 'en');
    const d = s.chapters[0].sections[3];
    expect([d.id, d.number, d.heading]).toEqual(['s-documentation', 4, { kind: 'fixed', key: 'documentation' }]);
    expect(d.blocks).toEqual([
      { kind: 'paragraph', id: 'p-documentation', sentences: [{ kind: 'documentation', body: 'working_group' }], source: { kind: 'documents' } },
      {
        kind: 'documents_list',
        id: 'l-documents',
        documents: [
          { symbol: 'CTOC/COP/WG.4/2010/1', title: 'Annotated provisional agenda' },
          { symbol: 'CTOC/COP/WG.4/2010/2', title: 'Background paper prepared by the Secretariat' },
          { symbol: 'CTOC/COP/WG.4/2010/3', title: '' },
        ],
      },
      { kind: 'slot', id: 'w-documentation', slot: 'organization', section: 'documentation' },
    ]);
    expect(renderSentences((d.blocks[0] as GeneratedParagraph).sentences, 'en')).toBe('The working group had before it the following documents:');
    // The paragraph is numbered; the list after it is not.
    expect(numbered(s, 'en', 10)).toEqual([
      ['p-opening', '10.'],
      ['p-documentation', '11.'],
    ]);
  });

  it('goes away again when the secretariat takes it out', () => {
    const m = meetingWithDocuments();
    m.run({ type: 'report.configure', documentation: true });
    m.run({ type: 'report.configure', documentation: false });
    expect(buildReportSkeleton(m.state, 'en').chapters[0].sections).toHaveLength(3);
  });
});

describe('V. Adoption of the report', () => {
  it('is only the secretariat’s slot until the working group adopts the report', () => {
    const { m } = modelMeeting();
    expect(buildReportSkeleton(m.state, 'en').chapters[2].blocks).toEqual([{ kind: 'slot', id: 'w-adoption', slot: 'adoption_of_report' }]);
  });

  it('says when the working group adopted its report, then leaves the slot for what the secretariat adds', () => {
    const { m, concepts } = modelMeeting();
    m.run({ type: 'report.adopt', date: '2010-01-29' }, CHAIR);
    const en = buildReportSkeleton(m.state, 'en');
    expect(en.chapters[2].blocks).toEqual([
      {
        kind: 'paragraph',
        id: 'p-adoption',
        sentences: [{ kind: 'report_adopted', body: 'working_group', date: '2010-01-29' }],
        source: { kind: 'report_adoption' },
      },
      { kind: 'slot', id: 'w-adoption', slot: 'adoption_of_report' },
    ]);
    const [adoption] = en.chapters[2].blocks as GeneratedParagraph[];
    expect(renderSentences(adoption.sentences, 'en')).toBe('On 29 January 2010, the working group adopted the report on its meeting.');
    expect(renderSentences(adoption.sentences, 'ar')).toBe('في ٢٩ كانون الثاني/يناير ٢٠١٠، اعتمد الفريق العامل التقرير عن اجتماعه.');
    // The last generated paragraph, after the summaries of chapter IV.
    expect(numbered(en, 'ar', 66).at(-1)).toEqual(['p-adoption', '٧٨-']);
  });

  it('goes back to the slot alone when the adoption is reopened', () => {
    const { m } = modelMeeting();
    m.run({ type: 'report.adopt', date: '2010-01-28' }, CHAIR);
    m.run({ type: 'report.reopen', reason: 'Adopted on the last day' }, CHAIR);
    expect(buildReportSkeleton(m.state, 'en').chapters[2].blocks.map((b) => b.kind)).toEqual(['slot']);
  });
});

describe('the written parts', () => {
  const slot = (s: SlotBlock['slot'], itemId?: string): SlotBlock => ({ kind: 'slot', id: 'w-x', slot: s, ...(itemId ? { itemId } : {}) });

  it('are the texts of the meeting the slots name', () => {
    expect(slotDocName(slot('item_introduction', 'i_abcdef123456'))).toBe('summary:i_abcdef123456:introduction');
    expect(slotDocName(slot('presentations', 'i_abcdef123456'))).toBe('summary:i_abcdef123456:presentations');
    expect(slotDocName(slot('discussion', 'i_abcdef123456'))).toBe('summary:i_abcdef123456');
    expect(slotDocName(slot('adoption_of_report'))).toBe('adoption');
    expect(() => slotDocName(slot('discussion'))).toThrow(/names no agenda item/);
  });

  it('name a valid document for every slot of the skeleton, each a different one', () => {
    const { m } = modelMeeting();
    const s = buildReportSkeleton(m.state, 'en');
    const slots = s.chapters.flatMap((c) => [...c.sections.flatMap((x) => x.blocks), ...c.blocks]).filter((b): b is SlotBlock => b.kind === 'slot');
    const names = slots.map(slotDocName);
    expect(names).toEqual([
      'addition:opening',
      'addition:agenda_adoption',
      'addition:attendance',
      expect.stringMatching(/^summary:[a-z]+_\w+:introduction$/),
      expect.stringMatching(/^summary:[a-z]+_\w+:presentations$/),
      expect.stringMatching(/^summary:[a-z]+_\w+$/),
      'adoption',
    ]);
    for (const name of names) expect(DOC_NAME.test(name), name).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('typed words in the report\'s language (issue 13)', () => {
  it('takes the translation when given, else shows the meeting\'s language marked in a draft and listed', () => {
    const { m, concepts, other } = modelMeeting();
    m.run({ type: 'meeting.update', changes: { body: { fr: 'Groupe de travail sur la traite des personnes' } } });
    m.run({ type: 'agenda.updateItem', itemId: concepts, title: { fr: 'Analyse des notions clefs du Protocole' } });
    const fr = buildReportSkeleton(m.state, 'fr');
    expect(fr.masthead.body).toBe('Groupe de travail sur la traite des personnes');
    // Vienna is in the UN's table of cities: no translation needed.
    expect(fr.masthead.venue).toBe('Vienne');
    expect(fr.masthead.title).toBe(`\u2068[en: ${m.state.info.title.en}]\u2069`);
    const heading = fr.chapters[1].sections[0].heading;
    expect(heading.kind === 'agenda_item' && heading.item.title).toBe('Analyse des notions clefs du Protocole');
    expect(fr.fallbacks).toEqual(
      expect.arrayContaining([
        { where: 'meeting.title', shown: 'en' },
        { where: 'meeting.parentBody', shown: 'en' },
        { where: 'document.CTOC/COP/WG.4/2010/2.title', shown: 'en' },
      ]),
    );
    expect(fr.fallbacks.some((f) => f.where === `agenda.${concepts}.title`)).toBe(false);
    expect(fr.fallbacks).toContainEqual({ where: `agenda.${other}.title`, shown: 'en' });
    // A final edition carries no mark; the caller refuses it unless the secretariat accepts the fallbacks.
    const final = buildReportSkeleton(m.state, 'fr', { words: 'final' });
    expect(final.masthead.title).toBe(m.state.info.title.en);
    expect(final.fallbacks).toEqual(fr.fallbacks);
    expect(buildReportSkeleton(m.state, 'en').fallbacks).toEqual([]);
  });
});

describe('the observers heard: States, an entity, or both (issue 13)', () => {
  it('names Palestine an entity, not a State, in the languages that name the kind', () => {
    const m = new ChairTestMeeting();
    const [norway, japan] = m.register(['state_party', '578'], ['signatory', '392']);
    const [palestine] = m.register(['observer_entity', { en: 'Palestine', fr: 'Palestine', es: 'Palestina', ru: 'Палестина', zh: '巴勒斯坦', ar: 'فلسطين' } as { en: string }]);
    const item = m.addItem('Implementation of the Protocol');
    m.openAndTakeUp(item);
    const heard = (speakers: string[]) => {
      for (const who of speakers) m.request(item, who);
      while (m.queueNames(item).length > 0 || m.floorEntry()) {
        m.next(item);
        m.tick(60_000);
      }
      const s = buildReportSkeleton(m.state, 'fr');
      const p = paragraphs(s).find((b) => b.id.endsWith('-heard'))!;
      return p.sentences.find((x) => x.kind === 'observers_heard')!;
    };
    const entity = heard([norway, palestine]);
    expect(entity).toMatchObject({ of: 'entities' });
    expect(renderSentences([entity], 'fr')).toBe('Le Groupe de travail a entendu aussi une déclaration de l’observateur de l’entité suivante\u00a0: Palestine.');
    const both = heard([japan]);
    expect(both).toMatchObject({ of: 'states_and_entities' });
    expect(renderSentences([both], 'es')).toBe('También formularon declaraciones los observadores de los siguientes Estados y entidades: Palestina y Japón.');
  });
});
