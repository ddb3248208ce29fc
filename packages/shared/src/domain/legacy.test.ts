import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from './events';
import { replay } from './evolve';

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
});
