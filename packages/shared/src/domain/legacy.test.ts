import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from './events';
import { replay } from './evolve';
import { upcastState } from './legacy';
import type { MeetingState } from './state';
import { defaultRules } from '../speakers/rules';

/** An event as a ledger written before issue 13 holds it (typed words as plain strings). */
function recorded(seq: number, type: string, payload: unknown): LedgerEvent {
  return {
    type,
    payload,
    meetingId: 'm_legacy0001',
    seq,
    at: `2010-01-27T0${seq}:00:00.000Z`,
    actor: { role: 'secretariat', name: 'Secretariat' },
    prevHash: '',
    hash: '',
  } as unknown as LedgerEvent;
}

describe('ledgers recorded before typed words had six languages', () => {
  it('replay, their strings read as the meeting\'s language at the time', () => {
    const events = [
      recorded(1, 'MeetingCreated', {
        meetingId: 'm_legacy0001',
        info: {
          body: 'الفريق العامل',
          parentBody: '',
          title: 'تقرير',
          venue: 'فيينا',
          startDate: '2010-01-27',
          endDate: '2010-01-29',
          symbol: '',
          language: 'ar',
          chair: { name: '' },
        },
      }),
      recorded(2, 'AgendaItemAdded', {
        item: { id: 'ai_one000001', parentId: null, title: 'مسائل تنظيمية', documents: [{ symbol: 'A/1', title: 'مذكرة' }], plannedDate: null },
        before: null,
      }),
      recorded(3, 'PersonRegistered', { person: { id: 'p_one0000001', name: 'Ms. Chair', title: 'Ms.', function: 'chair' } }),
      // The language changed and the body retyped in English in the same event.
      recorded(4, 'MeetingDetailsChanged', { changes: { language: 'en', body: 'Working Group' } }),
      recorded(5, 'AgendaItemUpdated', { itemId: 'ai_one000001', title: 'Organizational matters' }),
      recorded(6, 'AgendaAdopted', { agenda: [{ itemId: 'ai_one000001', label: '1', title: 'Organizational matters' }] }),
      recorded(7, 'PersonUpdated', { personId: 'p_one0000001', title: 'H.E. Ms.' }),
    ];
    const state = replay(events);
    expect(state.info).toMatchObject({ body: { en: 'Working Group' }, title: { ar: 'تقرير' }, venue: { ar: 'فيينا' }, parentBody: {} });
    // A string replaces the whole field, as it did when it was recorded.
    expect(state.agenda.items.ai_one000001.title).toEqual({ en: 'Organizational matters' });
    expect(state.agenda.items.ai_one000001.documents).toEqual([{ symbol: 'A/1', title: { ar: 'مذكرة' } }]);
    expect(state.agenda.adoption?.agenda[0].title).toEqual({ en: 'Organizational matters' });
    expect(state.persons.p_one0000001.title).toEqual({ en: 'H.E. Ms.' });
  });

  it('read a venue\'s fixed offset from UTC as a time zone, in events and in a state checkpoint', () => {
    const created = recorded(1, 'MeetingCreated', {
      meetingId: 'm_legacy0001',
      info: { body: 'WG', parentBody: '', title: 'R', venue: 'Vienna', startDate: '2010-01-27', endDate: '2010-01-29', symbol: '', language: 'en', chair: { name: '' } },
    });
    const rules = { ...defaultRules(), programme: { dayEndsAt: '18:00', utcOffsetMinutes: 60 } };
    const state = replay([created, recorded(2, 'RulesChanged', { rules })]);
    expect(state.rules.programme).toEqual({ dayEndsAt: '18:00', timeZone: 'Etc/GMT-1' });
    const checkpoint = { ...state, rules } as unknown as MeetingState;
    expect(upcastState(checkpoint).rules.programme).toEqual({ dayEndsAt: '18:00', timeZone: 'Etc/GMT-1' });
    expect(upcastState(state)).toBe(state);
  });
});
