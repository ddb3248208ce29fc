import { describe, expect, it } from 'vitest';
import type { Delegation, MeetingState } from '@gavel/shared';
import { groupByCategory } from './ParticipantList';

const delegation = (id: string, category: Delegation['category'], en: string, fr: string): Delegation => ({
  id,
  category,
  names: { en, fr },
  registeredAt: '2027-01-27T09:00:00Z',
});

const state = {
  delegations: {
    d_1: delegation('d_1', 'ngo', 'Amnesty International', 'Amnesty International'),
    d_2: delegation('d_2', 'state_party', 'Norway', 'Norvège'),
    d_3: delegation('d_3', 'state_party', 'Egypt', 'Égypte'),
    d_4: delegation('d_4', 'signatory', 'Iran (Islamic Republic of)', 'Iran (République islamique d’)'),
    d_5: delegation('d_5', 'state_party', 'Germany', 'Allemagne'),
  },
} as unknown as MeetingState;

describe('groupByCategory', () => {
  it('lists categories in the order of the report and leaves out empty ones', () => {
    expect(groupByCategory(state, 'en').map((g) => g.category)).toEqual(['state_party', 'signatory', 'ngo']);
  });

  it('sorts each category by the names in the language shown', () => {
    const names = (lang: 'en' | 'fr') => groupByCategory(state, lang)[0].delegations.map((d) => d.names[lang]);
    expect(names('en')).toEqual(['Egypt', 'Germany', 'Norway']);
    expect(names('fr')).toEqual(['Allemagne', 'Égypte', 'Norvège']);
  });
});
