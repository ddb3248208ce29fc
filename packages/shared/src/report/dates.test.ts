import { describe, expect, it } from 'vitest';
import { domainError } from '../domain/test-support';
import { ChairTestMeeting, CHAIR } from '../speakers/test-support';
import type { GeneratedParagraph, ReportSkeleton, Sentence } from './model';
import { buildReportSkeleton } from './skeleton';

const sentences = (s: ReportSkeleton): Sentence[] =>
  s.chapters
    .flatMap((c) => [...c.sections.flatMap((x) => x.blocks), ...c.blocks])
    .filter((b): b is GeneratedParagraph => b.kind === 'paragraph')
    .flatMap((p) => p.sentences);

const sentence = <K extends Sentence['kind']>(s: ReportSkeleton, kind: K) =>
  sentences(s).filter((x): x is Extract<Sentence, { kind: K }> => x.kind === kind);

/**
 * A meeting in Vienna (27-29 January 2010) that the secretariat records a
 * week later from its notes: the server's clock says 5 February; the report
 * must say what happened when, at the venue.
 */
function recordedAfterTheFact() {
  const m = new ChairTestMeeting();
  m.ctx.now = '2010-02-05T15:00:00.000Z';
  m.run({ type: 'rules.update', changes: { programme: { timeZone: 'Europe/Vienna' } } });
  const norway = m.registerState('578');
  const egypt = m.registerState('818');
  const organizational = m.addItem('Organizational matters');
  const concepts = m.addItem('Analysis of key concepts');
  m.run({ type: 'meeting.open' }, CHAIR);
  m.run({ type: 'agenda.adopt' }, CHAIR);
  return { m, norway, egypt, organizational, concepts };
}

describe('the record\'s dates (issue 13)', () => {
  it('dates an item by the days its statements were made at the venue, not by the server\'s clock', () => {
    const { m, norway, egypt, concepts } = recordedAfterTheFact();
    m.run({
      type: 'statements.enter',
      note: 'from the secretariat’s notes of the meetings',
      statements: [
        // 27 January at 23:30 UTC is already 28 January in Vienna.
        { itemId: concepts, capacity: 'statement', delegationId: norway, speakerName: null, onBehalfOf: null, startedAt: '2010-01-27T23:30:00Z', endedAt: '2010-01-27T23:35:00Z' },
        { itemId: concepts, capacity: 'statement', delegationId: egypt, speakerName: null, onBehalfOf: null, startedAt: '2010-01-27T10:00:00+01:00', endedAt: '2010-01-27T10:04:30+01:00' },
      ],
    });
    expect(m.state.statements.map((s) => [s.startedAt, s.durationMs, s.entered?.note])).toEqual([
      ['2010-01-27T09:00:00.000Z', 270_000, 'from the secretariat’s notes of the meetings'],
      ['2010-01-27T23:30:00.000Z', 300_000, 'from the secretariat’s notes of the meetings'],
    ]);
    const [considered] = sentence(buildReportSkeleton(m.state, 'en'), 'item_considered');
    expect(considered.dates).toEqual(['2010-01-27', '2010-01-28']);
  });

  it('moves an item\'s dates with a correction of a statement\'s time', () => {
    const { m, norway, concepts } = recordedAfterTheFact();
    m.run({
      type: 'statements.enter',
      note: 'notes',
      statements: [{ itemId: concepts, capacity: 'statement', delegationId: norway, speakerName: null, onBehalfOf: null, startedAt: '2010-01-28T09:00:00Z', endedAt: '2010-01-28T09:03:00Z' }],
    });
    const [st] = m.state.statements;
    m.run({ type: 'statements.correct', statementId: st.id, changes: { startedAt: '2010-01-29T09:00:00Z', endedAt: '2010-01-29T09:03:00Z' }, note: 'it was the third day' });
    expect(sentence(buildReportSkeleton(m.state, 'en'), 'item_considered')[0].dates).toEqual(['2010-01-29']);
  });

  it('dates the opening and the agenda\'s adoption as corrected, and keeps who corrected them, when and why', () => {
    const { m } = recordedAfterTheFact();
    expect(sentence(buildReportSkeleton(m.state, 'en'), 'agenda_adopted')[0].date).toBe('2010-02-05');
    m.run({ type: 'agenda.correctTime', moment: 'adoption', at: '2010-01-27T10:20:00+01:00', note: 'adopted at the first meeting; recorded from notes' });
    m.run({ type: 'agenda.correctTime', moment: 'opening', at: '2010-01-27T10:05:00+01:00', note: 'opened at the first meeting' });
    const s = buildReportSkeleton(m.state, 'en');
    expect(sentence(s, 'agenda_adopted')[0].date).toBe('2010-01-27');
    expect(sentence(s, 'meeting_opened')[0].date).toBe('2010-01-27');
    expect(m.state.agenda.adoption?.corrections).toEqual([
      { id: expect.any(String), at: '2010-02-05T15:00:00.000Z', by: 'Secretariat officer', from: '2010-02-05T15:00:00.000Z', to: '2010-01-27T09:20:00.000Z', note: 'adopted at the first meeting; recorded from notes' },
    ]);
    expect(m.state.opening?.at).toBe('2010-01-27T09:05:00.000Z');
  });

  it('refuses what cannot be corrected or entered, naming the statement', () => {
    const { m, norway, concepts } = recordedAfterTheFact();
    const fresh = new ChairTestMeeting();
    domainError(() => fresh.run({ type: 'agenda.correctTime', moment: 'opening', at: '2010-01-27T09:00:00Z', note: 'x' }), 'invalid_state');
    domainError(() => m.run({ type: 'agenda.correctTime', moment: 'opening', at: m.state.opening!.at, note: 'x' }), 'invalid_command');
    const good = { itemId: concepts, capacity: 'statement', delegationId: norway, speakerName: null, onBehalfOf: null, startedAt: '2010-01-28T09:00:00Z', endedAt: '2010-01-28T09:03:00Z' };
    const e = domainError(
      () => m.run({ type: 'statements.enter', note: 'n', statements: [good, { ...good, endedAt: '2010-01-28T08:00:00Z' }] }),
      'invalid_command',
    );
    expect(e.message).toBe('statement 2: it ends before it starts');
    expect(m.state.statements).toEqual([]);
    domainError(() => m.run({ type: 'statements.enter', note: 'n', statements: [{ ...good, delegationId: null }] }), 'invalid_command');
    // Only the secretariat enters statements or corrects times.
    domainError(() => m.run({ type: 'statements.enter', note: 'n', statements: [good] }, CHAIR), 'forbidden');
    domainError(() => m.run({ type: 'agenda.correctTime', moment: 'opening', at: '2010-01-27T09:00:00Z', note: 'x' }, CHAIR), 'forbidden');
  });
});
