import type { Actor, Command, IssuedCode } from '@gavel/shared';
import type { MeetingService } from './meetings/service';

export interface DemoAccess {
  meetingId: string;
  codes: { who: string; code: string }[];
}

const ADMIN: Actor = { role: 'admin', name: 'Gavel (demo set-up)' };

/** The meeting of the model report (reference/README.md), as the demo and the report benchmark create it. */
export const MODEL_MEETING = {
  body: 'Working Group on Trafficking in Persons',
  parentBody: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime',
  title: 'Report on the meeting of the Working Group on Trafficking in Persons held in Vienna from 27 to 29 January 2010',
  venue: 'Vienna',
  startDate: '2010-01-27',
  endDate: '2010-01-29',
  symbol: 'CTOC/COP/WG.4/2010/6',
  language: 'en',
  chair: { name: 'Dominika Krois', m49: '616' },
} as const;

/**
 * The demo's meeting words in the six languages, so that a screen in any of
 * them shows the meeting's own title. The agenda and documents have English,
 * Arabic and French only: the translation status view has work to show.
 */
const DEMO_MEETING = {
  ...MODEL_MEETING,
  body: {
    en: MODEL_MEETING.body,
    ar: 'الفريق العامل المعني بالاتجار بالأشخاص',
    fr: 'Groupe de travail sur la traite des personnes',
    es: 'Grupo de Trabajo sobre la Trata de Personas',
    ru: 'Рабочая группа по торговле людьми',
    zh: '贩运人口问题工作组',
  },
  parentBody: {
    en: MODEL_MEETING.parentBody,
    ar: 'مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية',
    fr: 'Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée',
    es: 'Conferencia de las Partes en la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional',
    ru: 'Конференция участников Конвенции Организации Объединенных Наций против транснациональной организованной преступности',
    zh: '联合国打击跨国有组织犯罪公约缔约方会议',
  },
  title: {
    en: MODEL_MEETING.title,
    ar: 'تقرير عن اجتماع الفريق العامل المعني بالاتجار بالأشخاص، المعقود في فيينا من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠',
    fr: 'Rapport sur la réunion du Groupe de travail sur la traite des personnes tenue à Vienne du 27 au 29 janvier 2010',
    es: 'Informe sobre la reunión del Grupo de Trabajo sobre la Trata de Personas celebrada en Viena del 27 al 29 de enero de 2010',
    ru: 'Доклад о работе совещания Рабочей группы по торговле людьми, состоявшегося в Вене 27-29 января 2010 года',
    zh: '2010年1月27日至29日在维也纳举行的贩运人口问题工作组会议报告',
  },
};

/** English, Arabic and French words for the demo's agenda and documents. */
type Words = { en: string; ar: string; fr: string };
const BACKGROUND_PAPER: Words = {
  en: 'Background paper prepared by the Secretariat',
  ar: 'ورقة معلومات خلفية أعدتها الأمانة',
  fr: 'Document d’information établi par le Secrétariat',
};

/**
 * A ready-made meeting to try Gavel with, after the meeting of the model
 * report (Working Group on Trafficking in Persons, Vienna, January 2010).
 */
export async function seedDemo(meetings: MeetingService): Promise<DemoAccess> {
  const created = await meetings.create(DEMO_MEETING, ADMIN);
  const { meetingId } = created;
  const codes: DemoAccess['codes'] = [];
  const note = (who: string, issued: IssuedCode[]) => issued.forEach((c) => codes.push({ who, code: c.code }));
  const run = (command: Command) => meetings.execute(meetingId, ADMIN, command);

  const states: [string, 'state_party' | 'signatory' | 'observer_state'][] = [
    ['818', 'state_party'],
    ['246', 'state_party'],
    ['250', 'state_party'],
    ['276', 'state_party'],
    ['616', 'state_party'],
    ['840', 'state_party'],
    ['364', 'signatory'],
    ['336', 'observer_state'],
  ];
  await run({ type: 'delegation.registerMany', delegations: states.map(([m49, category]) => ({ category, m49 })) });
  await run({
    type: 'delegation.registerMany',
    delegations: [
      { category: 'reio_party', names: { en: 'European Union', fr: 'Union européenne', es: 'Unión Europea', ru: 'Европейский союз', zh: '欧洲联盟', ar: 'الاتحاد الأوروبي' } },
      { category: 'un_body', names: { en: 'United Nations Children’s Fund', fr: 'Fonds des Nations Unies pour l’enfance', es: 'Fondo de las Naciones Unidas para la Infancia', ru: 'Детский фонд Организации Объединенных Наций', zh: '联合国儿童基金会', ar: 'منظمة الأمم المتحدة للطفولة' } },
    ],
  });
  await run({ type: 'person.register', name: 'Dominika Krois', title: { en: 'Ms.', ar: 'السيدة', fr: 'Mme' }, function: 'chair' });
  await seedAgenda(run);
  note('Chair', (await run({ type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes);
  const state = await meetings.state(meetingId);
  for (const d of Object.values(state!.delegations).filter((d) => d.m49 === '818' || d.m49 === '246')) {
    note(`Delegate of ${d.names.en}`, (await run({ type: 'access.issue', role: 'delegate', delegationId: d.id, label: d.names.en ?? '' })).issuedCodes);
  }
  const roleOf = (codeId: string) =>
    created.events.flatMap((e) => (e.type === 'AccessCodeIssued' && e.payload.code.id === codeId ? [e.payload.code.label] : []))[0];
  codes.unshift(...created.issuedCodes.map((c) => ({ who: roleOf(c.codeId) ?? '', code: c.code })));
  return { meetingId, codes };
}

/** The provisional agenda of the model meeting: item 1 with two sub-items, five substantive items, other matters, the report. */
async function seedAgenda(run: (command: Command) => Promise<{ events: { type: string; payload: unknown }[] }>) {
  const add = async (title: Words, extra: Record<string, unknown> = {}) => {
    const { events } = await run({ type: 'agenda.addItem', title, documents: [], ...extra } as Command);
    return (events[0].payload as { item: { id: string } }).item.id;
  };
  const organizational = await add(
    { en: 'Organizational matters', ar: 'المسائل التنظيمية', fr: 'Questions d’organisation' },
    { plannedDate: '2010-01-27' },
  );
  await add({ en: 'Opening of the meeting', ar: 'افتتاح الاجتماع', fr: 'Ouverture de la réunion' }, { parentId: organizational });
  await add(
    { en: 'Adoption of the agenda and organization of work', ar: 'إقرار جدول الأعمال وتنظيم الأعمال', fr: 'Adoption de l’ordre du jour et organisation des travaux' },
    {
      parentId: organizational,
      documents: [
        {
          symbol: 'CTOC/COP/WG.4/2010/1',
          title: { en: 'Annotated provisional agenda', ar: 'جدول الأعمال المؤقت المشروح', fr: 'Ordre du jour provisoire annoté' },
        },
      ],
    },
  );
  const substantive: [Words, string, string][] = [
    [
      { en: 'Implementation of the Trafficking in Persons Protocol', ar: 'تنفيذ بروتوكول الاتجار بالأشخاص', fr: 'Application du Protocole relatif à la traite des personnes' },
      'CTOC/COP/WG.4/2010/2',
      '2010-01-27',
    ],
    [
      { en: 'Analysis of key concepts of the Protocol', ar: 'تحليل المفاهيم الأساسية الواردة في البروتوكول', fr: 'Analyse des notions clefs du Protocole' },
      'CTOC/COP/WG.4/2010/3',
      '2010-01-27',
    ],
    [
      { en: 'Reducing demand for exploitative services', ar: 'الحد من الطلب على الخدمات الاستغلالية', fr: 'Réduire la demande de services d’exploitation' },
      'CTOC/COP/WG.4/2010/4',
      '2010-01-28',
    ],
    [
      {
        en: 'Non-punishment and non-prosecution of victims of trafficking in persons',
        ar: 'عدم معاقبة ضحايا الاتجار بالأشخاص وعدم مقاضاتهم',
        fr: 'Non-sanction et non-poursuite des victimes de la traite des personnes',
      },
      'CTOC/COP/WG.4/2010/4',
      '2010-01-28',
    ],
    [
      {
        en: 'Case management by front-line law enforcement',
        ar: 'إدارة القضايا من جانب سلطات إنفاذ القانون العاملة على خط المواجهة',
        fr: 'Gestion des affaires par les services de détection et de répression de première ligne',
      },
      'CTOC/COP/WG.4/2010/5',
      '2010-01-29',
    ],
  ];
  for (const [title, symbol, plannedDate] of substantive) {
    await add(title, { plannedDate, documents: [{ symbol, title: BACKGROUND_PAPER }] });
  }
  await add({ en: 'Other matters', ar: 'مسائل أخرى', fr: 'Questions diverses' }, { plannedDate: '2010-01-29' });
  await add({ en: 'Adoption of the report', ar: 'اعتماد التقرير', fr: 'Adoption du rapport' }, { plannedDate: '2010-01-29' });
}
