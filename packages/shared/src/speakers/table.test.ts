import { describe, expect, it } from 'vitest';
import { ChairTestMeeting } from './test-support';
import { parseStatementTable } from './table';

function meeting() {
  const m = new ChairTestMeeting();
  m.run({ type: 'rules.update', changes: { programme: { timeZone: 'Europe/Vienna' } } });
  const norway = m.registerState('578');
  const egypt = m.registerState('818');
  const organizational = m.addItem('Organizational matters');
  const opening = m.addItem('Opening of the meeting', { parentId: organizational });
  const concepts = m.addItem('Analysis of key concepts');
  return { m, norway, egypt, opening, concepts };
}

describe('statements from notes, as a table', () => {
  it('reads a CSV in venue time, finding items by number and delegations by name in any language or by code', () => {
    const { m, norway, egypt, opening, concepts } = meeting();
    const csv = [
      'item,date,start,end,delegation,capacity,speaker,on_behalf_of',
      '2,2010-01-27,10:05,10:09:30,Norway,,,',
      '',
      '2,2010-01-27,10:10,10:15,مصر,,,Group of African States',
      '1 (a),2010-01-28,23:58,00:03,,panellist,Ms. Venla Roth,',
      '2,2010-01-28,09:00,09:03,EGY,right of reply,,',
    ].join('\n');
    const { statements, errors } = parseStatementTable(m.state, csv, 'csv');
    expect(errors).toEqual([]);
    expect(statements).toEqual([
      { itemId: concepts, capacity: 'statement', delegationId: norway, speakerName: null, onBehalfOf: null, startedAt: '2010-01-27T09:05:00.000Z', endedAt: '2010-01-27T09:09:30.000Z' },
      { itemId: concepts, capacity: 'statement', delegationId: egypt, speakerName: null, onBehalfOf: 'Group of African States', startedAt: '2010-01-27T09:10:00.000Z', endedAt: '2010-01-27T09:15:00.000Z' },
      { itemId: opening, capacity: 'panellist', delegationId: null, speakerName: 'Ms. Venla Roth', onBehalfOf: null, startedAt: '2010-01-28T22:58:00.000Z', endedAt: '2010-01-28T23:03:00.000Z' },
      { itemId: concepts, capacity: 'right_of_reply', delegationId: egypt, speakerName: null, onBehalfOf: null, startedAt: '2010-01-28T08:00:00.000Z', endedAt: '2010-01-28T08:03:00.000Z' },
    ]);
    // What it read is what the command takes.
    m.run({ type: 'statements.enter', statements, note: 'notes of 27 and 28 January' });
    expect(m.state.statements).toHaveLength(4);
  });

  it('names every wrong row, as the spreadsheet numbers it, and what was wrong', () => {
    const { m } = meeting();
    const csv = [
      'item,date,start,end,delegation,capacity,speaker',
      '9,2010-01-27,10:05,10:09,Norway,,', // row 2
      '2,27/01/2010,10:05,10:09,Norway,,', // row 3
      '2,2010-01-27,10h05,10:09,Norway,,', // row 4
      '2,2010-01-27,10:05,10:09,Atlantis,,', // row 5
      '2,2010-01-27,10:05,10:09,,,', // row 6
      '2,2010-01-27,10:05,10:09,,panellist,', // row 7
      '2,2010-01-27,10:05,10:09,Norway,speech,', // row 8
      '2,2010-01-27,10:05,10:09,Norway,,', // row 9: fine
    ].join('\n');
    const { statements, errors } = parseStatementTable(m.state, csv, 'csv');
    expect(statements).toHaveLength(1);
    expect(errors).toEqual([
      { row: 2, problem: 'unknown_item', value: '9' },
      { row: 3, problem: 'bad_date', value: '27/01/2010' },
      { row: 4, problem: 'bad_time', value: '10h05' },
      { row: 5, problem: 'unknown_delegation', value: 'Atlantis' },
      { row: 6, problem: 'no_delegation' },
      { row: 7, problem: 'no_speaker' },
      { row: 8, problem: 'bad_capacity', value: 'speech' },
    ]);
  });

  it('reads JSON, numbering its rows from 1, and refuses what is not a list', () => {
    const { m, norway } = meeting();
    const json = JSON.stringify([{ item: '2', date: '2010-01-27', start: '10:05', end: '10:06', delegation: 'NOR' }, 'Norway']);
    const { statements, errors } = parseStatementTable(m.state, json, 'json');
    expect(statements.map((s) => s.delegationId)).toEqual([norway]);
    expect(errors).toEqual([{ row: 2, problem: 'not_object' }]);
    expect(parseStatementTable(m.state, '{"item": "2"}', 'json').errors).toEqual([{ row: 0, problem: 'not_array' }]);
    expect(parseStatementTable(m.state, '[', 'json').errors[0]).toMatchObject({ row: 0, problem: 'not_json' });
    expect(parseStatementTable(m.state, 'item,date\n', 'csv').errors).toEqual([{ row: 0, problem: 'none' }]);
  });
});
