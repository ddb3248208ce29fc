/**
 * The recovery of decisions a text lacks reads the ledger once per meeting,
 * then only what was recorded since (issue 14): a text loaded late in a
 * meeting does not read thousands of events to find a handful of decisions.
 */
import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '@gavel/shared';
import type { MeetingService } from '../meetings/service';
import { RecordService } from './service';

const actor = { role: 'chair' as const, name: 'Chair' };
let seq = 0;
const lifted = (doc: string, bracketId: string) =>
  ({ seq: ++seq, actor, type: 'BracketLifted', payload: { bracketId, doc, paragraphId: 'p_1', keep: null, words: 'shall' } }) as unknown as LedgerEvent;
const other = () => ({ seq: ++seq, actor, type: 'MeetingOpened', payload: {} }) as unknown as LedgerEvent;

describe('the decisions a text lacks', () => {
  it('are found from the events recorded since the last ask, not by reading the whole ledger again', async () => {
    const ledger: LedgerEvent[] = [other(), lifted('recommendations', 'b1'), lifted('introduction', 'b2'), other()];
    const asked: number[] = [];
    const meetings = {
      readEvents: async (_meetingId: string, afterSeq = 0) => {
        asked.push(afterSeq);
        return ledger.filter((e) => e.seq > afterSeq);
      },
    } as unknown as MeetingService;
    const record = new RecordService(undefined as never, meetings, undefined as never, undefined as never);

    const first = await record.missingDecisions('m1', 'recommendations', new Set());
    expect(first.map((d) => d.cause)).toEqual([2]);
    expect(first[0].edits).toEqual([{ op: 'lift', doc: 'recommendations', paragraphId: 'p_1', bracketId: 'b1', words: 'shall' }]);

    ledger.push(other(), lifted('recommendations', 'b3'));
    const second = await record.missingDecisions('m1', 'recommendations', new Set([2]));
    expect(second.map((d) => d.cause)).toEqual([6]);
    expect((await record.missingDecisions('m1', 'introduction', new Set())).map((d) => d.cause)).toEqual([3]);
    // The whole ledger once, then only the tail each time.
    expect(asked).toEqual([0, 4, 6]);
  });
});
