import { delegationName, speakerDelegationName, type Lang, type MeetingState, type SpeakerEntry } from '@gavel/shared';

/**
 * How a speaker is named on screens: the delegation ("Norway"), or a
 * panellist by name with the delegation in brackets ("Venla Roth (Finland)").
 */
export function speakerLabel(state: MeetingState, entry: SpeakerEntry, lang: Lang): string {
  const delegation = speakerDelegationName(state, entry, lang);
  const person = entry.speakerName ?? (entry.personId ? state.persons[entry.personId]?.name : undefined) ?? null;
  if (entry.kind === 'panellist' || !delegation) {
    return [person, delegation ? `(${delegation})` : null].filter(Boolean).join(' ') || '?';
  }
  return delegation;
}

/** The name of a delegation id in a language, or '' when it is gone. */
export function delegationLabel(state: MeetingState, delegationId: string | null | undefined, lang: Lang): string {
  const d = delegationId ? state.delegations[delegationId] : undefined;
  return d ? delegationName(d, lang) : '';
}
