import type { TFunction } from 'i18next';
import { delegationName, type Lang, type MeetingState, type PenHolder } from '@gavel/shared';

/**
 * The pen-holder's name in the reader's language. The ledger names a holder
 * by its code's label, or else by its delegation's English name or its role
 * in English: those two are shown in the reader's language instead.
 */
export function penHolderName(state: MeetingState, holder: PenHolder, lang: Lang, t: TFunction): string {
  const delegation = holder.delegationId ? state.delegations[holder.delegationId] : undefined;
  if (delegation && holder.name === delegationName(delegation)) return delegationName(delegation, lang);
  const roleInEnglish: Record<string, string> = { chair: 'Chair', secretariat: 'Secretariat', delegate: 'Delegate' };
  if (holder.name === roleInEnglish[holder.role]) return t(`roles.${holder.role}`);
  return holder.name;
}
