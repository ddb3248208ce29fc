/**
 * The generated paragraphs of the model report (reference/000_…txt), as
 * expected texts for the Arabic model meeting (model-meeting-ar.ts), and
 * the comparison that the sentence test and `pnpm report:match` share.
 *
 * Each expectation names the model's paragraph and gives:
 * - `model`: the model's words, copied from its Arabic text (for English:
 *   the English outline of reference/README.md where it gives the sentence,
 *   else the sentence as UN English reports write it, marked so);
 * - `words`: the same with the words the meeting typed where the model
 *   writes them otherwise elsewhere in the same report (a State's short name
 *   in chapter IV, the treaty cited short in paras. 69 and 71) — data, not
 *   the sentence;
 * - `canonical`, where the model itself words the same paragraph type in
 *   several ways: the model's words for this paragraph in the frame of the
 *   paragraph Gavel follows (named in `note`). Gavel can match only one of
 *   the model's ways of writing a type.
 */
import { OBSERVER_STATES, SHORT_FORMS, SIGNATORIES, STATES_PARTIES, type BuiltArabic } from './model-meeting-ar';

export type ParagraphType =
  | 'opening'
  | 'agenda adoption'
  | 'attendance'
  | 'item considered'
  | 'documents'
  | 'panellists'
  | 'statements heard';

export interface Expected {
  type: ParagraphType;
  /** The generated paragraph: its id in the report, with `item:N` for the agenda item's id. */
  source: string;
  lang: 'ar' | 'en';
  /** Where the expected text comes from. */
  origin: string;
  model: string;
  words?: string;
  canonical?: string;
  note?: string;
}

const ar = (items: string[]) => items.join('، ');
const arAnd = (items: string[]) => items[0] + items.slice(1).map((x) => ` و${x}`).join('');
/** Chapter IV's names as the meeting gives them: its short form "شيلي" becomes the meeting's name, while "الولايات المتحدة" and "المملكة المتحدة" are the running-text forms Gavel writes too. */
const full = (items: string[]) => items.map((x) => (RUNNING_TEXT.has(x) ? x : (SHORT_FORMS[x] ?? x)));
const RUNNING_TEXT = new Set(['الولايات المتحدة', 'المملكة المتحدة']);

const HEARD_2 = 'كولومبيا، أذربيجان، الأرجنتين، بيلاروس، الجبل الأسود، هولندا، ناميبيا، بنما، الفلبين، النمسا، الولايات المتحدة، كندا، إسرائيل، الكويت، النرويج، مصر، بلجيكا، إندونيسيا، قطر، لبنان، إستونيا، الاتحاد الروسي، الجزائر، شيلي، بيرو، الإمارات العربية المتحدة، البرازيل'.split('، ');
const HEARD_3 = 'النرويج، كولومبيا، الولايات المتحدة، نيجيريا، إسرائيل، بيلاروس، سويسرا، كندا، المكسيك، بولندا، بلجيكا، إيطاليا، البرازيل، ناميبيا، الأرجنتين، الاتحاد الروسي، إسبانيا، فرنسا'.split('، ');
const HEARD_4 = 'نيجيريا، إكوادور، إستونيا، لبنان، بيلاروس، إسرائيل، الفلبين، الولايات المتحدة، بولندا، هولندا، البرازيل، المملكة المتحدة، المكسيك، الأرجنتين، كينيا، ناميبيا، الجمهورية الدومينيكية، أستراليا، شيلي، بيرو، الإمارات العربية المتحدة، فرنسا'.split('، ');
const HEARD_5 = 'مصر، هولندا، بيلاروس، الأردن، إسرائيل، الفلبين، ألمانيا، الاتحاد الروسي، النمسا، أستراليا، الأرجنتين، بيرو، كندا، نيجيريا، ناميبيا، المكسيك، إندونيسيا، الولايات المتحدة، البرازيل، بنما، المملكة المتحدة، الجزائر'.split('، ');
const IRAN = 'إيران (جمهورية-الإسلامية)';

/** Para. 107, the frame Gavel writes the States heard in. */
const heard107 = (item: string, states: string[]) => `في إطار البند ${item} من جدول الأعمال، استمع الفريق العامل إلى كلمات ألقاها ممثلو الدول التالية: ${ar(states)}.`;

const TITLE_2 =
  'تنفيذ بروتوكول منع وقمع الاتجار بالأشخاص، وبخاصة النساء والأطفال، المكمل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية، بما في ذلك الجهود المبذولة على الصعيدين الوطني والإقليمي';
const PAPER_3 = 'ورقة معلومات خلفية أعدتها الأمانة عن تحليل المفاهيم الأساسية الواردة في بروتوكول الاتجار بالأشخاص، وبالأخص مفهومي "الاستغلال" و"استغلال بغاء الغير" (CTOC/COP/WG.4/2010/2)';

export const ARABIC: Expected[] = [
  {
    type: 'opening',
    source: 'p-opening',
    lang: 'ar',
    origin: 'model, para. 66',
    model: 'عقد الفريق العامل اجتماعه في فيينا من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠. وافتتحت الاجتماع الرئيسة دومينيكا كرويس (بولندا).',
  },
  { type: 'agenda adoption', source: 'p-agenda', lang: 'ar', origin: 'model, para. 67', model: 'في ٢٧ كانون الثاني/يناير، أقر الفريق العامل جدول الأعمال التالي:' },
  {
    type: 'attendance',
    source: 'p-attendance-state_party',
    lang: 'ar',
    origin: 'model, para. 68 (two names of its list placed where the PDF’s lines break, see STATES_PARTIES)',
    model: `مثّلت في اجتماع الفريق العامل الدول التالية الأطراف في بروتوكول الاتجار بالأشخاص: ${ar(STATES_PARTIES)}.`,
  },
  {
    type: 'attendance',
    source: 'p-attendance-reio_party',
    lang: 'ar',
    origin: 'model, para. 69',
    model: 'ومثّل في الاجتماع أيضاً الاتحاد الأوروبي، وهو منظمة إقليمية للتكامل الاقتصادي وطرف في بروتوكول الاتجار.',
    words: 'ومثّل في الاجتماع أيضاً الاتحاد الأوروبي، وهو منظمة إقليمية للتكامل الاقتصادي وطرف في بروتوكول الاتجار بالأشخاص.',
    note: 'the model cites the Protocol short here and in para. 71, in full in paras. 68 and 70',
  },
  {
    type: 'attendance',
    source: 'p-attendance-signatory',
    lang: 'ar',
    origin: 'model, para. 70',
    model: `ومثّلت بمراقبين الدول التالية الموقِّعة على بروتوكول الاتجار بالأشخاص: ${ar(SIGNATORIES)}.`,
  },
  {
    type: 'attendance',
    source: 'p-attendance-observer_state',
    lang: 'ar',
    origin: 'model, para. 71',
    model: `ومثّلت بمراقبين أيضاً الدول التالية التي هي ليست أطرافاً في بروتوكول الاتجار ولا موقِّعة عليه: ${ar(OBSERVER_STATES)}.`,
    words: `ومثّلت بمراقبين أيضاً الدول التالية التي هي ليست أطرافاً في بروتوكول الاتجار بالأشخاص ولا موقِّعة عليه: ${ar(OBSERVER_STATES)}.`,
  },
  { type: 'attendance', source: 'p-attendance-observer_entity', lang: 'ar', origin: 'model, para. 72', model: 'ومثّلت فلسطين أيضا بمراقب، وهي كيان له بعثة مراقب دائم.' },
  {
    type: 'attendance',
    source: 'p-attendance-un_body',
    lang: 'ar',
    origin: 'model, para. 73',
    model:
      'ومثّلت هيئات الأمم المتحدة التالية بمراقبين: مفوضية الأمم المتحدة لحقوق الإنسان، مفوضية الأمم المتحدة لشؤون اللاجئين، منظمة الأمم المتحدة للطفولة (اليونيسيف)، صندوق الأمم المتحدة الإنمائي للمرأة.',
  },
  {
    type: 'attendance',
    source: 'p-attendance-igo_observer',
    lang: 'ar',
    origin: 'model, para. 74',
    model:
      'ومثّلت المنظمات الحكومية الدولية التالية التي لها صفة مراقب دائم: المنظمة الاستشارية القانونية الآسيوية-الأفريقية، المركز الدولي لتطوير سياسات الهجرة، المنظمة الدولية للهجرة، جامعة الدول العربية.',
  },
  { type: 'attendance', source: 'p-attendance-other_entity', lang: 'ar', origin: 'model, para. 75', model: 'ومثِّلت منظمة فرسان مالطة العسكرية المستقلة وهي هيئة لها مكتب مراقب دائم.' },
  {
    type: 'attendance',
    source: 'p-attendance-igo',
    lang: 'ar',
    origin: 'model, para. 76',
    model:
      'ومثّلت بمراقبين المنظمات الحكومية الدولية التالية: مجلس أوروبا، مجلس الاتحاد الأوروبي، وحدة التعاون القضائي الأوروبي (يوروجست)، البنك المركزي الأوروبي، الوكالة الأوروبية لإدارة التعاون العملياتي على الحدود الخارجية للدول الأعضاء في الاتحاد الأوروبي (فرونتكس)، المنظمة الدولية للشرطة الجنائية (الإنتربول)، منظمة الأمن والتعاون في أوروبا، منظمة الدول الأمريكية.',
  },
  {
    type: 'item considered',
    source: 'p-item-item:2-considered',
    lang: 'ar',
    origin: 'model, para. 77',
    model:
      'في ٢٧ كانون الثاني/يناير، نظر الفريق العامل في البند ٢ من جدول الأعمال بشأن النظر في سبل تعزيز ودعم تنفيذ بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال، المكمل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية.',
    canonical: `في ٢٧ كانون الثاني/يناير، نظر الفريق العامل في البند ٢ من جدول الأعمال المعنون "${TITLE_2}".`,
    note: 'para. 77 paraphrases the item’s title; paras. 85 and 110 quote it, as Gavel does',
  },
  {
    type: 'documents',
    source: 'p-item-item:2-documents',
    lang: 'ar',
    origin: 'model, para. 78',
    model:
      'وعُرض على الفريق العامل، من أجل نظره في البند ٢ من جدول الأعمال، تقرير اجتماع الفريق العامل المعني بالاتجار بالأشخاص المعقود في فيينا يومي ١٤ و١٥ نيسان/أبريل ٢٠٠٩ (CTOC/COP/WG.4/2009/2).',
  },
  {
    type: 'statements heard',
    source: 'p-item-item:2-heard',
    lang: 'ar',
    origin: 'model, para. 79',
    model: `واستمع الفريق العامل إلى كلمات ألقاها ممثلو الدول التالية: ${ar(HEARD_2)}. كما تكلم ممثل الاتحاد الأوروبي. وأدلى المراقبون عن ${arAnd(['الصين', 'الهند', 'باكستان', IRAN, 'تايلند'])} بكلمات.`,
    canonical: `${heard107('٢', full(HEARD_2))} وأدلى ممثل الاتحاد الأوروبي بكلمة. كما تكلم المراقبون عن ${arAnd(['الصين', 'الهند', 'باكستان', IRAN, 'تايلند'])}.`,
    note: 'the frame of para. 107; para. 79 gives no item number and trades the verbs of its last two sentences; it writes "شيلي" where III.C writes "تشيلي"',
  },
  {
    type: 'item considered',
    source: 'p-item-item:3-considered',
    lang: 'ar',
    origin: 'model, para. 85',
    model:
      'في ٢٧ كانون الثاني/يناير، نظر الفريق العامل في البند ٣ من جدول الأعمال المعنون "تحليل المفاهيم الأساسية الواردة في بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال، المكمل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظَّمة عبر الوطنية".',
  },
  {
    type: 'documents',
    source: 'p-item-item:3-documents',
    lang: 'ar',
    origin: 'model, para. 86',
    model: `وعرضت على الفريق العامل من أجل النظر في هذا البند من جدول الأعمال ${PAPER_3}.`,
    canonical: `وعُرض على الفريق العامل، من أجل نظره في البند ٣ من جدول الأعمال، ${PAPER_3}.`,
    note: 'the frame of para. 78, whose verb does not depend on the gender of the document’s noun',
  },
  {
    type: 'panellists',
    source: 'p-item-item:3-panellists',
    lang: 'ar',
    origin: 'model, para. 88',
    model:
      'وشارك المتكلمون التالية أسماؤهم في المناقشة، وهم: السيدة فينلا روت (فنلندا)، والسيدة نيكول تسيندورف-هينته (ألمانيا)، والسيد وائل أبو المجد (مصر)، والسيد أوليفيه فيبر (فرنسا).',
  },
  {
    type: 'statements heard',
    source: 'p-item-item:3-heard',
    lang: 'ar',
    origin: 'model, para. 93',
    model: `وفي إطار البند الثالث، استمع الفريق العامل إلى كلمات من ممثلي الدول التالية: ${ar(HEARD_3)}. كما تكلم كل من المراقبين عن الصين وتايلند. وكذلك أدلى المراقب من جامعة الدول العربية بكلمة.`,
    canonical: `${heard107('٣', full(HEARD_3))} كما تكلم المراقبون عن الصين وتايلند. وكذلك أدلى المراقب من جامعة الدول العربية بكلمة.`,
    note: 'the frame of para. 107 (para. 93: "وفي إطار البند الثالث"، "كل من المراقبين")',
  },
  {
    type: 'statements heard',
    source: 'p-item-item:4-heard',
    lang: 'ar',
    origin: 'model, para. 101',
    model: `وفي إطار البند ٤، استمع الفريق العامل إلى كلمات ألقاها ممثلو الدول التالية: ${ar(HEARD_4)}. كما تكلم المراقبون عن الصين و${IRAN} والهند.`,
    canonical: `${heard107('٤', full(HEARD_4))} كما تكلم المراقبون عن الصين و${IRAN} والهند.`,
    note: 'the frame of para. 107 ("وفي إطار البند ٤،"); "شيلي" where III.C writes "تشيلي"',
  },
  {
    type: 'statements heard',
    source: 'p-item-item:5-heard',
    lang: 'ar',
    origin: 'model, para. 107',
    model: `${heard107('٥', HEARD_5)} وأدلى ممثل الاتحاد الأوروبي بكلمة. كما تكلم المراقبون عن الهند و${IRAN} والصين.`,
  },
  {
    type: 'item considered',
    source: 'p-item-item:6-considered',
    lang: 'ar',
    origin: 'model, para. 110',
    model:
      'في ٢٩ كانون الثاني/يناير، نظر الفريق العامل في البند ٦ من جدول الأعمال المعنون "الممارسات الجيدة والأدوات المراد أن تستخدمها في إدارة القضايا هيئات منها سلطات إنفاذ القانون العاملة على خط المواجهة في التصدي للاتجار بالأشخاص".',
  },
];

/**
 * The English edition. The model's English text is not in reference/; its
 * outline (README.md) gives four sentences of chapter IV, copied here; the
 * others are written as UN English reports write them ("UN English").
 */
export function english(names: { parties: string[]; signatories: string[]; observers: string[]; heard3: string[] }): Expected[] {
  const and = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
  const protocol = 'the Trafficking in Persons Protocol';
  return [
    {
      type: 'opening',
      source: 'p-opening',
      lang: 'en',
      origin: 'UN English',
      model: 'The working group held its meeting in Vienna from 27 to 29 January 2010. The meeting was opened by the Chair, Dominika Krois (Poland).',
    },
    { type: 'agenda adoption', source: 'p-agenda', lang: 'en', origin: 'UN English, as the outline dates chapter IV', model: 'On 27 January, the working group adopted the following agenda:' },
    {
      type: 'attendance',
      source: 'p-attendance-state_party',
      lang: 'en',
      origin: 'UN English',
      model: `The following States parties to ${protocol} were represented at the meeting of the working group: ${and(names.parties)}.`,
    },
    {
      type: 'attendance',
      source: 'p-attendance-reio_party',
      lang: 'en',
      origin: 'UN English',
      model: `The following regional economic integration organization that is a party to ${protocol} was also represented at the meeting: European Union.`,
    },
    {
      type: 'attendance',
      source: 'p-attendance-signatory',
      lang: 'en',
      origin: 'UN English',
      model: `The following signatory States to ${protocol} were represented by observers: ${and(names.signatories)}.`,
    },
    {
      type: 'attendance',
      source: 'p-attendance-observer_state',
      lang: 'en',
      origin: 'UN English',
      model: `The following States that are neither parties to nor signatories of ${protocol} were also represented by observers: ${and(names.observers)}.`,
    },
    {
      type: 'attendance',
      source: 'p-attendance-observer_entity',
      lang: 'en',
      origin: 'UN English',
      model: 'The following entity maintaining a permanent observer mission was also represented by an observer: Palestine.',
    },
    {
      type: 'attendance',
      source: 'p-attendance-igo_observer',
      lang: 'en',
      origin: 'UN English',
      model:
        'The following intergovernmental organizations having permanent observer status were represented: Asian-African Legal Consultative Organization, International Centre for Migration Policy Development, International Organization for Migration and League of Arab States.',
    },
    {
      type: 'attendance',
      source: 'p-attendance-other_entity',
      lang: 'en',
      origin: 'UN English',
      model: 'The following entity maintaining a permanent observer office was represented: Sovereign Military Order of Malta.',
    },
    {
      type: 'item considered',
      source: 'p-item-item:3-considered',
      lang: 'en',
      origin: 'outline (reference/README.md)',
      model:
        'On 27 January, the working group considered agenda item 3, entitled “Analysis of key concepts of the Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime”.',
    },
    {
      type: 'documents',
      source: 'p-item-item:3-documents',
      lang: 'en',
      origin: 'outline (reference/README.md)',
      model:
        'For its consideration of the item, the working group had before it a background paper prepared by the Secretariat on the analysis of key concepts of the Trafficking in Persons Protocol (CTOC/COP/WG.4/2010/2).',
    },
    {
      type: 'panellists',
      source: 'p-item-item:3-panellists',
      lang: 'en',
      origin: 'outline (reference/README.md)',
      model: 'The following panellists took part: Venla Roth (Finland), Nicole Zündorf-Hinte (Germany), Wael Aboulmagd (Egypt) and Olivier Weber (France).',
    },
    {
      type: 'statements heard',
      source: 'p-item-item:3-heard',
      lang: 'en',
      origin: 'outline (reference/README.md), then UN English for the organization',
      model: `Under agenda item 3, the working group heard statements by representatives of the following States: ${and(names.heard3)}. The observers for China and Thailand also made statements. A statement was also made by the observer for the following organization: League of Arab States.`,
    },
  ];
}

/**
 * What the comparison ignores: the PDF's text of the model drops or keeps
 * vowel marks at random ("أيضاً"/"أيضا", "مثِّلت"/"مثّلت"), spaces around
 * the hyphen of "(جمهورية - الإسلامية)", and tatweel; bidi marks in the
 * generated text.
 */
export function comparable(text: string): string {
  return text
    .replace(/[\u200e\u200f\u2066-\u2069]/g, '')
    .replace(/[\u064b-\u0652\u0640]/g, '')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Match {
  expected: Expected;
  generated: string | undefined;
  /** Word for word as the model writes it. */
  verbatim: boolean;
  /** With the meeting's typed words (and, where the model words the type two ways, the frame Gavel follows). */
  matches: boolean;
}

export function compare(expected: readonly Expected[], generated: (source: string) => string | undefined): Match[] {
  return expected.map((e) => {
    const text = generated(e.source);
    const got = text === undefined ? undefined : comparable(text);
    const verbatim = got === comparable(e.model);
    const matches = got === comparable(e.canonical ?? e.words ?? e.model);
    return { expected: e, generated: text, verbatim, matches };
  });
}

/** The generated paragraphs of the meeting's report in a language, by their source (`item:N` for agenda item N's id). */
export async function generatedParagraphs(built: BuiltArabic, lang: 'ar' | 'en'): Promise<(source: string) => string | undefined> {
  const res = await built.request('GET', `/api/meetings/${built.meetingId}/report?format=json&lang=${lang}`, built.secretariat);
  if (res.status !== 200) throw new Error(`report: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  const texts = new Map<string, string>();
  for (const item of res.body.items as { kind: string; generated?: boolean; sourceId?: string; inlines?: { t: string; text?: string }[] }[]) {
    if (item.kind !== 'paragraph' || !item.generated || !item.sourceId) continue;
    texts.set(item.sourceId, (item.inlines ?? []).map((i) => (i.t === 'text' ? i.text : '')).join(''));
  }
  return (source) => texts.get(source.replace(/item:(\d+)/, (_, n: string) => built.items[Number(n)]));
}
