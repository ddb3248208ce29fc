/**
 * The model meeting as its Arabic report records it (reference/000_…txt):
 * set up in Arabic with English, French and Chinese words typed, the
 * participants of III.C (paras. 68-76) with the names the model uses, the
 * agenda of para. 67, the panellists of item 3 (para. 88) and the
 * speakers of items 2-5 in the order the model lists them (paras. 79, 93,
 * 101, 107), recorded after the fact on the model's dates (27-29 January
 * 2010, Vienna time) as a secretariat does from its notes: the opening and
 * the agenda's adoption corrected to their times (agenda.correctTime), the
 * statements entered with theirs (statements.enter). Built through the
 * public API (openMeeting), nothing poked at the state.
 *
 * For the sentence-by-sentence test (tests/integration/report-sentences.test.ts)
 * and `pnpm report:match`.
 */
import { UN_STATES, type Category } from '@gavel/shared';
import { openMeeting, type OpenMeeting } from './model-meeting';

/** Arabic names the model uses that are not the UN's current ones: the State's code, and the name in English (2010). */
const FORMER_NAMES: Record<string, { m49: string; en?: string }> = {
  'تشيلي': { m49: '152' },
  'الجماهيرية العربية الليبية': { m49: '434', en: 'Libyan Arab Jamahiriya' },
  'الرأس الأخضر': { m49: '132', en: 'Cape Verde' },
  'سلطنة عمان': { m49: '512' },
  'المملكة المتحدة لبريطانيا العظمى وإيرلندا الشمالية': { m49: '826' },
  'هولندا': { m49: '528', en: 'Netherlands' },
  'الولايات المتحدة الأميركية': { m49: '840' },
  'إيرلندا': { m49: '372' },
  'الجمهورية التشيكية': { m49: '203', en: 'Czech Republic' },
  'تركيا': { m49: '792', en: 'Turkey' },
};
/** Short forms chapter IV of the model writes for States that III.C names in full. */
export const SHORT_FORMS: Record<string, string> = {
  'الولايات المتحدة': 'الولايات المتحدة الأميركية',
  'المملكة المتحدة': 'المملكة المتحدة لبريطانيا العظمى وإيرلندا الشمالية',
  'شيلي': 'تشيلي',
};

const list = (s: string) => s.split('، ');
/**
 * Para. 68, the States parties, in the model's order, read from the PDF's
 * text, whose lines come out in pieces: two names sit in broken lines
 * ("بنما" at the head of its line, "الفلبين" split in three), placed by the
 * order the rest of the list follows (reference/README.md: the article
 * ignored, letter by letter).
 */
export const STATES_PARTIES = list(
  'الاتحاد الروسي، أذربيجان، الأرجنتين، الأردن، أرمينيا، إسبانيا، أستراليا، إستونيا، إسرائيل، إكوادور، ألبانيا، ألمانيا، الإمارات العربية المتحدة، إندونيسيا، إيطاليا، باراغواي، البرازيل، البرتغال، بلجيكا، بلغاريا، بنما، بوركينا فاسو، بولندا، بيرو، بيلاروس، تركيا، تشيلي، تونس، الجبل الأسود، الجزائر، الجماهيرية العربية الليبية، الجمهورية الدومينيكية، الجمهورية العربية السورية، الرأس الأخضر، رومانيا، سلطنة عمان، السلفادور، سلوفاكيا، سلوفينيا، السويد، سويسرا، صربيا، طاجيكستان، العراق، غواتيمالا، فرنسا، الفلبين، فنزويلا (جمهورية-البوليفارية)، فنلندا، قطر، كازاخستان، كرواتيا، كندا، كوستاريكا، كولومبيا، الكويت، كينيا، لبنان، ماليزيا، مصر، المكسيك، المملكة العربية السعودية، المملكة المتحدة لبريطانيا العظمى وإيرلندا الشمالية، موريشيوس، ناميبيا، النرويج، النمسا، نيجيريا، هنغاريا، هولندا، الولايات المتحدة الأميركية',
);
/** Para. 70. */
export const SIGNATORIES = list('إيرلندا، تايلند، الجمهورية التشيكية، سان مارينو، الهند، اليابان، اليونان');
/** Para. 71. */
export const OBSERVER_STATES = list('أندورا، أنغولا، إيران (جمهورية-الإسلامية)، باكستان، سنغافورة، السودان، الصين، فييت نام، الكرسي الرسولي، كوبا، كوت ديفوار، اليمن');

type Names = { ar: string; en: string; fr?: string; zh?: string };
/** Paras. 69 and 72-76: the organizations and entities, with the names the model gives them. */
export const ENTITIES: { category: Category; names: Names; m49?: string }[] = [
  { category: 'reio_party', names: { ar: 'الاتحاد الأوروبي', en: 'European Union', fr: 'Union européenne', zh: '欧洲联盟' } },
  { category: 'observer_entity', m49: '275', names: { ar: 'فلسطين', en: 'Palestine', fr: 'Palestine', zh: '巴勒斯坦' } },
  { category: 'un_body', names: { ar: 'مفوضية الأمم المتحدة لحقوق الإنسان', en: 'Office of the United Nations High Commissioner for Human Rights' } },
  { category: 'un_body', names: { ar: 'مفوضية الأمم المتحدة لشؤون اللاجئين', en: 'Office of the United Nations High Commissioner for Refugees' } },
  { category: 'un_body', names: { ar: 'منظمة الأمم المتحدة للطفولة (اليونيسيف)', en: 'United Nations Children’s Fund' } },
  { category: 'un_body', names: { ar: 'صندوق الأمم المتحدة الإنمائي للمرأة', en: 'United Nations Development Fund for Women' } },
  { category: 'igo_observer', names: { ar: 'المنظمة الاستشارية القانونية الآسيوية-الأفريقية', en: 'Asian-African Legal Consultative Organization' } },
  { category: 'igo_observer', names: { ar: 'المركز الدولي لتطوير سياسات الهجرة', en: 'International Centre for Migration Policy Development' } },
  { category: 'igo_observer', names: { ar: 'المنظمة الدولية للهجرة', en: 'International Organization for Migration', fr: 'Organisation internationale pour les migrations', zh: '国际移民组织' } },
  { category: 'igo_observer', names: { ar: 'جامعة الدول العربية', en: 'League of Arab States', fr: 'Ligue des États arabes', zh: '阿拉伯国家联盟' } },
  { category: 'other_entity', names: { ar: 'منظمة فرسان مالطة العسكرية المستقلة', en: 'Sovereign Military Order of Malta' } },
  { category: 'igo', names: { ar: 'مجلس أوروبا', en: 'Council of Europe' } },
  { category: 'igo', names: { ar: 'مجلس الاتحاد الأوروبي', en: 'Council of the European Union' } },
  { category: 'igo', names: { ar: 'وحدة التعاون القضائي الأوروبي (يوروجست)', en: 'Eurojust' } },
  { category: 'igo', names: { ar: 'البنك المركزي الأوروبي', en: 'European Central Bank' } },
  {
    category: 'igo',
    names: { ar: 'الوكالة الأوروبية لإدارة التعاون العملياتي على الحدود الخارجية للدول الأعضاء في الاتحاد الأوروبي (فرونتكس)', en: 'Frontex' },
  },
  { category: 'igo', names: { ar: 'المنظمة الدولية للشرطة الجنائية (الإنتربول)', en: 'International Criminal Police Organization (INTERPOL)' } },
  { category: 'igo', names: { ar: 'منظمة الأمن والتعاون في أوروبا', en: 'Organization for Security and Co-operation in Europe' } },
  { category: 'igo', names: { ar: 'منظمة الدول الأمريكية', en: 'Organization of American States' } },
];

/** The treaty, as each edition's attendance sentences cite it. */
export const INSTRUMENT = {
  ar: 'بروتوكول الاتجار بالأشخاص',
  en: 'the Trafficking in Persons Protocol',
  fr: 'le Protocole relatif à la traite des personnes',
  zh: '《贩运人口议定书》',
};

export const ARABIC_MEETING = {
  body: { ar: 'الفريق العامل المعني بالاتجار بالأشخاص', en: 'Working Group on Trafficking in Persons', fr: 'Groupe de travail sur la traite des personnes', zh: '贩运人口问题工作组' },
  parentBody: {
    ar: 'مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية',
    en: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime',
    fr: 'Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée',
    zh: '联合国打击跨国有组织犯罪公约缔约方会议',
  },
  title: {
    ar: 'تقرير عن اجتماع الفريق العامل المعني بالاتجار بالأشخاص، المعقود في فيينا من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠',
    en: 'Report on the meeting of the Working Group on Trafficking in Persons held in Vienna from 27 to 29 January 2010',
    fr: 'Rapport sur la réunion du Groupe de travail sur la traite des personnes tenue à Vienne du 27 au 29 janvier 2010',
    zh: '2010年1月27日至29日在维也纳举行的贩运人口问题工作组会议报告',
  },
  venue: { ar: 'فيينا', en: 'Vienna', fr: 'Vienne', zh: '维也纳' },
  instrument: INSTRUMENT,
  startDate: '2010-01-27',
  endDate: '2010-01-29',
  symbol: 'CTOC/COP/WG.4/2010/6',
  language: 'ar',
  chair: { name: 'Dominika Krois', m49: '616' },
};

type Words = { ar: string; en: string; fr?: string; zh?: string };
interface Item {
  title: Words;
  date: string;
  documents?: { symbol: string; title: Words; description?: Words }[];
  /** Arabic names of the States heard, in the order the model lists them; then the other speakers. */
  states?: string[];
  others?: string[];
  panel?: { name: Words; title: Words; country: string }[];
}

/**
 * Para. 67: the agenda; items 2-6 with the documents and speakers the model
 * records for them. The French and Chinese titles are the helper's rendering
 * in UN style, not copied from the UN's editions (not in reference/).
 */
export const ITEMS: Item[] = [
  {
    title: {
      ar: 'تنفيذ بروتوكول منع وقمع الاتجار بالأشخاص، وبخاصة النساء والأطفال، المكمل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية، بما في ذلك الجهود المبذولة على الصعيدين الوطني والإقليمي',
      en: 'Implementation of the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime, including national and regional efforts',
      fr: 'Application du Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée, y compris les efforts déployés aux niveaux national et régional',
      zh: '《联合国打击跨国有组织犯罪公约关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书》的实施情况，包括国家和区域努力',
    },
    date: '2010-01-27',
    documents: [
      {
        symbol: 'CTOC/COP/WG.4/2009/2',
        title: {
          ar: 'تقرير اجتماع الفريق العامل المعني بالاتجار بالأشخاص المعقود في فيينا يومي ١٤ و١٥ نيسان/أبريل ٢٠٠٩',
          en: 'Report on the meeting of the Working Group on Trafficking in Persons held in Vienna on 14 and 15 April 2009',
          fr: 'Rapport sur la réunion du Groupe de travail sur la traite des personnes tenue à Vienne les 14 et 15 avril 2009',
          zh: '2009年4月14日和15日在维也纳举行的贩运人口问题工作组会议的报告',
        },
      },
    ],
    // Para. 79.
    states: list(
      'كولومبيا، أذربيجان، الأرجنتين، بيلاروس، الجبل الأسود، هولندا، ناميبيا، بنما، الفلبين، النمسا، الولايات المتحدة، كندا، إسرائيل، الكويت، النرويج، مصر، بلجيكا، إندونيسيا، قطر، لبنان، إستونيا، الاتحاد الروسي، الجزائر، شيلي، بيرو، الإمارات العربية المتحدة، البرازيل',
    ),
    others: ['الاتحاد الأوروبي', 'الصين', 'الهند', 'باكستان', 'إيران (جمهورية-الإسلامية)', 'تايلند'],
  },
  {
    title: {
      ar: 'تحليل المفاهيم الأساسية الواردة في بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال، المكمل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية',
      en: 'Analysis of key concepts of the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime',
      fr: 'Analyse des notions clefs du Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée',
      zh: '对《联合国打击跨国有组织犯罪公约关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书》关键概念的分析',
    },
    date: '2010-01-27',
    documents: [
      {
        symbol: 'CTOC/COP/WG.4/2010/2',
        title: {
          ar: 'ورقة معلومات خلفية أعدتها الأمانة عن تحليل المفاهيم الأساسية الواردة في بروتوكول الاتجار بالأشخاص، وبالأخص مفهومي "الاستغلال" و"استغلال بغاء الغير"',
          en: 'Background paper prepared by the Secretariat on the analysis of key concepts of the Trafficking in Persons Protocol',
          fr: 'Document d’information établi par le Secrétariat sur l’analyse des notions clefs du Protocole relatif à la traite des personnes',
          zh: '秘书处编写的关于《贩运人口议定书》关键概念分析的背景文件',
        },
        // How the report describes it (issue 13): the outline's words in English; the model's own in Arabic (para. 86).
        description: {
          ar: 'ورقة معلومات خلفية أعدتها الأمانة عن تحليل المفاهيم الأساسية الواردة في بروتوكول الاتجار بالأشخاص، وبالأخص مفهومي "الاستغلال" و"استغلال بغاء الغير"',
          en: 'a background paper prepared by the Secretariat on the analysis of key concepts of the Trafficking in Persons Protocol',
          fr: 'un document d’information établi par le Secrétariat sur l’analyse des notions clefs du Protocole relatif à la traite des personnes',
          zh: '秘书处编写的关于《贩运人口议定书》关键概念分析的背景文件',
        },
      },
    ],
    // Para. 88.
    panel: [
      { name: { ar: 'فينلا روت', en: 'Venla Roth' }, title: { ar: 'السيدة', en: 'Ms.' }, country: 'فنلندا' },
      { name: { ar: 'نيكول تسيندورف-هينته', en: 'Nicole Zündorf-Hinte' }, title: { ar: 'السيدة', en: 'Ms.' }, country: 'ألمانيا' },
      { name: { ar: 'وائل أبو المجد', en: 'Wael Aboulmagd' }, title: { ar: 'السيد', en: 'Mr.' }, country: 'مصر' },
      { name: { ar: 'أوليفيه فيبر', en: 'Olivier Weber' }, title: { ar: 'السيد', en: 'Mr.' }, country: 'فرنسا' },
    ],
    // Para. 93.
    states: list('النرويج، كولومبيا، الولايات المتحدة، نيجيريا، إسرائيل، بيلاروس، سويسرا، كندا، المكسيك، بولندا، بلجيكا، إيطاليا، البرازيل، ناميبيا، الأرجنتين، الاتحاد الروسي، إسبانيا، فرنسا'),
    others: ['الصين', 'تايلند', 'جامعة الدول العربية'],
  },
  {
    title: {
      ar: 'الممارسات الجيدة والأدوات الموصى بها من أجل الردع عن الطلب على الخدمات الاستغلالية',
      en: 'Good practices and tools recommended to discourage the demand for exploitative services',
      fr: 'Bonnes pratiques et outils recommandés pour décourager la demande de services d’exploitation',
      zh: '为抑制对剥削性服务的需求而推荐的良好做法和工具',
    },
    date: '2010-01-28',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/3', title: { ar: 'ورقة معلومات خلفية أعدتها الأمانة', en: 'Background paper prepared by the Secretariat', fr: 'Document d’information établi par le Secrétariat', zh: '秘书处编写的背景文件' } }],
    // Para. 101.
    states: list(
      'نيجيريا، إكوادور، إستونيا، لبنان، بيلاروس، إسرائيل، الفلبين، الولايات المتحدة، بولندا، هولندا، البرازيل، المملكة المتحدة، المكسيك، الأرجنتين، كينيا، ناميبيا، الجمهورية الدومينيكية، أستراليا، شيلي، بيرو، الإمارات العربية المتحدة، فرنسا',
    ),
    others: ['الصين', 'إيران (جمهورية-الإسلامية)', 'الهند'],
  },
  {
    title: {
      ar: 'عدم معاقبة ضحايا الاتجار بالأشخاص وعدم مقاضاتهم: نهوج إدارية وقضائية بشأن الجرائم المرتكبة في سياق هذا الاتجار',
      en: 'Non-punishment and non-prosecution of victims of trafficking in persons: administrative and judicial approaches to offences committed in the process of such trafficking',
      fr: 'Non-sanction et non-poursuite des victimes de la traite des personnes : approches administratives et judiciaires des infractions commises au cours de la traite',
      zh: '对贩运人口被害人不予惩罚和不予起诉：处理在贩运过程中所犯罪行的行政和司法办法',
    },
    date: '2010-01-28',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/4', title: { ar: 'ورقة معلومات خلفية أعدتها الأمانة', en: 'Background paper prepared by the Secretariat', fr: 'Document d’information établi par le Secrétariat', zh: '秘书处编写的背景文件' } }],
    // Para. 107.
    states: list(
      'مصر، هولندا، بيلاروس، الأردن، إسرائيل، الفلبين، ألمانيا، الاتحاد الروسي، النمسا، أستراليا، الأرجنتين، بيرو، كندا، نيجيريا، ناميبيا، المكسيك، إندونيسيا، الولايات المتحدة، البرازيل، بنما، المملكة المتحدة، الجزائر',
    ),
    others: ['الاتحاد الأوروبي', 'الهند', 'إيران (جمهورية-الإسلامية)', 'الصين'],
  },
  {
    title: {
      ar: 'الممارسات الجيدة والأدوات المراد أن تستخدمها في إدارة القضايا هيئات منها سلطات إنفاذ القانون العاملة على خط المواجهة في التصدي للاتجار بالأشخاص',
      en: 'Good practices and tools for use in case management by front-line law enforcement authorities in dealing with trafficking in persons',
      fr: 'Bonnes pratiques et outils à l’usage des services de détection et de répression de première ligne dans la gestion des affaires de traite des personnes',
      zh: '第一线执法机关在处理贩运人口案件管理中使用的良好做法和工具',
    },
    date: '2010-01-29',
    // Para. 114, of which the PDF's text gives the first two States legibly.
    states: ['سلطنة عمان', 'الفلبين'],
  },
];

const normalize = (s: string) => s.replace(/\s*-\s*/g, '-');
const BY_ARABIC = new Map(UN_STATES.map((s) => [normalize(s.names.ar), s.m49]));

/** A State of the model by its Arabic name: its code, and the names the meeting gives it where they are not the UN's. */
export function modelState(arabic: string): { m49: string; names?: { ar: string; en?: string } } {
  const full = SHORT_FORMS[arabic] ?? arabic;
  const former = FORMER_NAMES[full];
  if (former) return { m49: former.m49, names: { ar: full, ...(former.en ? { en: former.en } : {}) } };
  const m49 = BY_ARABIC.get(normalize(full));
  if (!m49) throw new Error(`not a UN State name: ${arabic}`);
  return { m49 };
}

/** A State's English name in this meeting: the one given for 2010 where the model's name is a former one, else the UN's. */
export function englishName(arabic: string): string {
  const s = modelState(arabic);
  return s.names?.en ?? UN_STATES.find((x) => x.m49 === s.m49)!.names.en;
}

/** The same in chapter IV's running text, as the English outline writes its speakers ("Norway, Colombia, United States, …"). */
export function englishRunningName(arabic: string): string {
  return { 'الولايات المتحدة': 'United States', 'المملكة المتحدة': 'United Kingdom' }[arabic] ?? englishName(arabic);
}

export interface BuiltArabic extends OpenMeeting {
  /** The agenda item ids, by item number (1-8). */
  items: Record<number, string>;
}

export async function buildArabicModelMeeting(): Promise<BuiltArabic> {
  const m = await openMeeting(ARABIC_MEETING);
  const { command, secretariat, signIn } = m;

  // The venue's clock: the record's days are Vienna's.
  await command(secretariat, { type: 'rules.update', changes: { programme: { timeZone: 'Europe/Vienna' } } });

  // III.C: the participants, States from the UN list under the names the model uses.
  const states = (category: Category, names: string[]) => names.map((n) => ({ category, ...modelState(n) }));
  const stateInputs = [...states('state_party', STATES_PARTIES), ...states('signatory', SIGNATORIES), ...states('observer_state', OBSERVER_STATES)];
  const registered = await command(secretariat, {
    type: 'delegation.registerMany',
    delegations: [
      ...stateInputs.map(({ category, m49 }) => ({ category, m49 })),
      ...ENTITIES.map((e) => (e.m49 ? { category: e.category, m49: e.m49 } : { category: e.category, names: e.names })),
    ],
  });
  const ids = registered.events.filter((e) => e.type === 'DelegationRegistered').map((e) => e.payload.delegation as { id: string; m49?: string });
  const byArabic = new Map<string, string>();
  for (const [i, s] of stateInputs.entries()) {
    byArabic.set(s.names?.ar ?? STATE_NAME(s.m49), ids[i].id);
    if (s.names) await command(secretariat, { type: 'delegation.update', delegationId: ids[i].id, names: s.names });
  }
  for (const [k, e] of ENTITIES.entries()) {
    const id = ids[stateInputs.length + k].id;
    byArabic.set(e.names.ar, id);
    if (e.m49) await command(secretariat, { type: 'delegation.update', delegationId: id, names: e.names });
  }
  const delegationOf = (arabic: string) => {
    const id = byArabic.get(SHORT_FORMS[arabic] ?? arabic) ?? byArabic.get(STATE_NAME(modelState(arabic).m49));
    if (!id) throw new Error(`not registered: ${arabic}`);
    return id;
  };

  // The chair, registered with her form of address and her name in Arabic script.
  await command(secretariat, {
    type: 'person.register',
    name: 'Dominika Krois',
    names: { ar: 'دومينيكا كرويس' },
    title: { ar: 'السيدة', en: 'Ms.', fr: 'Mme' },
    function: 'chair',
    delegationId: delegationOf('بولندا'),
  });

  // III.B: the agenda as adopted (para. 67).
  const addItem = async (title: Words, more: Record<string, unknown> = {}) =>
    (await command(secretariat, { type: 'agenda.addItem', title, ...more })).events[0].payload.item.id as string;
  const items: Record<number, string> = {};
  items[1] = await addItem({ ar: 'المسائل التنظيمية', en: 'Organizational matters', fr: 'Questions d’organisation', zh: '组织事项' });
  await addItem({ ar: 'افتتاح الاجتماع', en: 'Opening of the meeting', fr: 'Ouverture de la réunion', zh: '会议开幕' }, { parentId: items[1] });
  await addItem(
    { ar: 'إقرار جدول الأعمال وتنظيم الأعمال', en: 'Adoption of the agenda and organization of work', fr: 'Adoption de l’ordre du jour et organisation des travaux', zh: '通过议程和安排工作' },
    { parentId: items[1] },
  );
  for (const [k, item] of ITEMS.entries()) items[k + 2] = await addItem(item.title, { plannedDate: item.date, documents: item.documents ?? [] });
  items[7] = await addItem({ ar: 'مسائل أخرى', en: 'Other matters', fr: 'Questions diverses', zh: '其他事项' });
  items[8] = await addItem({ ar: 'اعتماد تقرير الاجتماع', en: 'Adoption of the report on the meeting', fr: 'Adoption du rapport sur la réunion', zh: '通过会议报告' });

  // III.A and III.B, recorded after the fact: opened and the agenda adopted now, corrected to 27 January 2010 from the notes.
  const NOTES = 'From the secretariat’s notes of the meeting (model report, CTOC/COP/WG.4/2010/6)';
  const chairCode = (await command(secretariat, { type: 'access.issue', role: 'chair', label: 'الرئيسة' })).issuedCodes![0].code;
  const chair = await signIn(chairCode, 'Dominika Krois');
  await command(chair, { type: 'meeting.open' });
  await command(chair, { type: 'agenda.adopt' });
  await command(secretariat, { type: 'agenda.correctTime', moment: 'opening', at: '2010-01-27T10:00:00+01:00', note: NOTES });
  await command(secretariat, { type: 'agenda.correctTime', moment: 'adoption', at: '2010-01-27T10:10:00+01:00', note: NOTES });

  // IV: the statements of each item entered from the notes on its day, the panellists (registered with their
  // forms of address and names in Arabic script) first, then the speakers in the model's order, four minutes each.
  const statements: Record<string, unknown>[] = [];
  for (const [k, item] of ITEMS.entries()) {
    const itemId = items[k + 2];
    let at = Date.parse(`${item.date}T${k % 2 === 0 ? '10:30' : '15:00'}:00+01:00`);
    const statement = (capacity: string, delegationId: string, speakerName: string | null = null) => {
      statements.push({ itemId, capacity, delegationId, speakerName, onBehalfOf: null, startedAt: new Date(at).toISOString(), endedAt: new Date(at + 200_000).toISOString() });
      at += 240_000;
    };
    for (const p of item.panel ?? []) {
      const delegationId = delegationOf(p.country);
      await command(secretariat, { type: 'person.register', name: p.name.en, names: { ar: p.name.ar }, title: p.title, function: 'panellist', delegationId });
      statement('panellist', delegationId, p.name.en);
    }
    for (const name of [...(item.states ?? []), ...(item.others ?? [])]) statement('statement', delegationOf(name));
  }
  await command(secretariat, { type: 'statements.enter', statements, note: NOTES });
  return { ...m, items };
}

const STATE_NAME = (m49: string) => normalize(UN_STATES.find((s) => s.m49 === m49)!.names.ar);
