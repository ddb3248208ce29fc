import { describe, expect, it } from 'vitest';
import { CHAIR, delegate, domainError, TestMeeting } from '../domain/test-support';

describe('the room screen switch', () => {
  it('starts on the speakers and switches to a paragraph of the text and back', () => {
    const m = new TestMeeting();
    expect(m.state.screen).toEqual({ mode: 'speakers', paragraphId: null });
    m.run({ type: 'screen.show', mode: 'text', paragraphId: 'p_abcdef000050' }, CHAIR);
    expect(m.state.screen).toEqual({ mode: 'text', paragraphId: 'p_abcdef000050' });
    m.run({ type: 'screen.show', mode: 'speakers', paragraphId: 'p_abcdef000050' }, CHAIR);
    expect(m.state.screen).toEqual({ mode: 'speakers', paragraphId: null });
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
