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
 * A ready-made meeting to try Gavel with, after the meeting of the model
 * report (Working Group on Trafficking in Persons, Vienna, January 2010).
 */
export async function seedDemo(meetings: MeetingService): Promise<DemoAccess> {
  const created = await meetings.create(MODEL_MEETING, ADMIN);
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
  await run({ type: 'person.register', name: 'Dominika Krois', title: 'Ms.', function: 'chair' });
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
  const add = async (title: string, extra: Record<string, unknown> = {}) => {
    const { events } = await run({ type: 'agenda.addItem', title, documents: [], ...extra } as Command);
    return (events[0].payload as { item: { id: string } }).item.id;
  };
  const organizational = await add('Organizational matters', { plannedDate: '2010-01-27' });
  await add('Opening of the meeting', { parentId: organizational });
  await add('Adoption of the agenda and organization of work', {
    parentId: organizational,
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/1', title: 'Annotated provisional agenda' }],
  });
  const substantive: [string, string, string][] = [
    ['Implementation of the Trafficking in Persons Protocol', 'CTOC/COP/WG.4/2010/2', '2010-01-27'],
    ['Analysis of key concepts of the Protocol', 'CTOC/COP/WG.4/2010/3', '2010-01-27'],
    ['Reducing demand for exploitative services', 'CTOC/COP/WG.4/2010/4', '2010-01-28'],
    ['Non-punishment and non-prosecution of victims of trafficking in persons', 'CTOC/COP/WG.4/2010/4', '2010-01-28'],
    ['Case management by front-line law enforcement', 'CTOC/COP/WG.4/2010/5', '2010-01-29'],
  ];
  for (const [title, symbol, plannedDate] of substantive) {
    await add(title, { plannedDate, documents: [{ symbol, title: 'Background paper prepared by the Secretariat' }] });
  }
  await add('Other matters', { plannedDate: '2010-01-29' });
  await add('Adoption of the report', { plannedDate: '2010-01-29' });
}
