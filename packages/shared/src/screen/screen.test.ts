import { describe, expect, it } from 'vitest';
import { CHAIR, delegate, domainError, TestMeeting } from '../domain/test-support';
import { replay } from '../domain/evolve';
import { parseCommand } from '../domain/parse';
import { formatClockTime, screenMessageText, screenNames, screenOf, type ScreenMessage } from './screen';

describe('the room screen switch', () => {
  it('starts on the speakers and switches to a paragraph of the text and back', () => {
    const m = new TestMeeting();
    expect(m.state.screen).toEqual({ mode: 'speakers', paragraphId: null, message: null });
    m.run({ type: 'screen.show', mode: 'text', paragraphId: 'p_abcdef000050' }, CHAIR);
    expect(m.state.screen).toEqual({ mode: 'text', paragraphId: 'p_abcdef000050', message: null });
    m.run({ type: 'screen.show', mode: 'speakers', paragraphId: 'p_abcdef000050' }, CHAIR);
    expect(m.state.screen).toEqual({ mode: 'speakers', paragraphId: null, message: null });
  });

  it('records nothing when the screen already shows that', () => {
    const m = new TestMeeting();
    expect(m.run({ type: 'screen.show', mode: 'speakers' }, CHAIR)).toEqual([]);
  });

  it('is the chair’s and the secretariat’s to switch, not a delegation’s', () => {
    const m = new TestMeeting();
    const norway = m.registerState('578');
    domainError(() => m.run({ type: 'screen.show', mode: 'text' }, delegate(norway)), 'forbidden');
  });
});

describe('several screens and their messages', () => {
  it('each screen shows its own thing; a new screen exists once the chair sets it', () => {
    const m = new TestMeeting();
    m.run({ type: 'screen.show', screen: '2', mode: 'speakers' }, CHAIR);
    m.run({ type: 'screen.show', screen: 'lobby', mode: 'message' }, CHAIR);
    m.run({ type: 'screen.show', mode: 'text', paragraphId: 'p_abcdef000050' }, CHAIR);
    expect(screenNames(m.state)).toEqual(['1', '2', 'lobby']);
    expect(screenOf(m.state, '1')).toMatchObject({ mode: 'text', paragraphId: 'p_abcdef000050' });
    expect(screenOf(m.state, '2')).toMatchObject({ mode: 'speakers', paragraphId: null });
    expect(screenOf(m.state, 'lobby')).toMatchObject({ mode: 'message' });
    expect(screenOf(m.state, '3')).toEqual({ mode: 'speakers', paragraphId: null, message: null });
    // The same again on a known screen records nothing.
    expect(m.run({ type: 'screen.show', screen: '2', mode: 'speakers' }, CHAIR)).toEqual([]);
  });

  it('a message goes on one screen, stays when the screen switches, and comes off', () => {
    const m = new TestMeeting();
    const suspended: ScreenMessage = { kind: 'suspended_until', time: '15:00' };
    m.run({ type: 'screen.message', screen: '2', message: suspended }, CHAIR);
    expect(screenOf(m.state, '2').message).toEqual(suspended);
    expect(m.state.screen.message).toBeNull();
    m.run({ type: 'screen.show', screen: '2', mode: 'message' }, CHAIR);
    expect(screenOf(m.state, '2')).toEqual({ mode: 'message', paragraphId: null, message: suspended });
    expect(m.run({ type: 'screen.message', screen: '2', message: suspended }, CHAIR)).toEqual([]);
    m.run({ type: 'screen.message', screen: '2', message: null }, CHAIR);
    expect(screenOf(m.state, '2').message).toBeNull();
    expect(replay(m.events)).toEqual(m.state);
  });

  it('refuses a message with no words, a time that is not one, a screen name that cannot be an address; delegations may not', () => {
    const bad = [
      { type: 'screen.message', message: { kind: 'text', text: {} } },
      { type: 'screen.message', message: { kind: 'suspended_until', time: '25:00' } },
      { type: 'screen.message', message: { kind: 'suspended_until', time: '3 pm' } },
      { type: 'screen.show', screen: 'Room C', mode: 'speakers' },
      { type: 'screen.message', message: { kind: 'text', text: { de: 'Pause' } } },
    ];
    for (const input of bad) expect(() => parseCommand(input), JSON.stringify(input)).toThrow();
    const m = new TestMeeting();
    const norway = m.registerState('578');
    domainError(() => m.run({ type: 'screen.message', message: { kind: 'adjourned' } }, delegate(norway)), 'forbidden');
  });

  it('says a message in each language, the usual ones by Gavel, a typed one as written', () => {
    const say = (key: string, values: Record<string, string>) => `${key}(${Object.values(values).join()})`;
    expect(screenMessageText({ kind: 'suspended_until', time: '15:00' }, 'ar', say, null)).toBe('suspendedUntil(١٥:٠٠)');
    expect(formatClockTime('09:05', 'en')).toBe('09:05');
    const typed: ScreenMessage = { kind: 'text', text: { fr: 'Reprise à 15 heures', es: 'Se reanuda a las 15.00' } };
    expect(screenMessageText(typed, 'es', say, 'en')).toBe('Se reanuda a las 15.00');
    expect(screenMessageText(typed, 'en', say, 'fr')).toBe('Reprise à 15 heures');
    expect(screenMessageText(typed, 'en', say, null)).toBeNull();
  });
});
