/**
 * For the room screen, under the paragraph shown: the amendments before the
 * group as tracked changes in each sponsor's colour and name, the open
 * brackets with who holds them, and who objects to the paragraph. Large,
 * high contrast, no controls, in the meeting's language.
 *
 *   <NegotiationOnScreen state={state} paragraphId={state.screen.paragraphId} lang={lang} />
 *
 * Renders nothing when nothing is before the group on the paragraph.
 */
import { useTranslation } from 'react-i18next';
import { direction, formatInteger, type Lang, type MeetingState } from '@gavel/shared';
import { latestVersion, openBrackets, standingObjections } from '@gavel/shared/amendments/model';
import { AmendmentCard } from './AmendmentCard';
import { amendmentsAt } from './present';
import { BracketWords } from './TrackedText';
import { useNegotiation } from './useNegotiation';

export function NegotiationOnScreen({ state, paragraphId, lang }: { state: MeetingState; paragraphId: string; lang: Lang }) {
  const { t } = useTranslation(undefined, { lng: lang });
  const n = useNegotiation(state, null, undefined, lang);
  const pending = amendmentsAt(state.negotiation, n.doc, paragraphId, true).filter((a) => latestVersion(a));
  const brackets = openBrackets(state, n.doc, paragraphId);
  const objections = standingObjections(state, n.doc, paragraphId);
  if (!pending.length && !brackets.length && !objections.length) return null;
  const list = (names: string[]) => names.join(t('amendments.listSeparator'));
  return (
    <section className="negotiation-on-screen" lang={lang} dir={direction(lang)} aria-label={t('amendments.title')} data-testid="negotiation-on-screen">
      {pending.map((a) => (
        <AmendmentCard key={a.id} n={n} amendment={a} large />
      ))}
      {brackets.length ? (
        <ul className="screen-brackets">
          {brackets.map((b) => {
            const holders = Object.keys(b.holders).map(n.nameOf);
            return (
              <li key={b.id}>
                <span lang={n.docLang} dir="auto">
                  <BracketWords bracket={b} colour={n.colourOf(b.proposedBy)} lang={n.docLang} />
                </span>
                {holders.length ? <span className="room-caption"> — {t('adoption.heldBy', { names: list(holders) })}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {objections.length ? (
        <p className="screen-objections" data-testid="screen-objections">
          <span className="objection-flag" aria-hidden="true">
            ✋
          </span>{' '}
          {t('objections.onScreen', { count: objections.length, n: formatInteger(objections.length, n.lang), names: list(objections.map((o) => n.nameOf(o.delegationId))) })}
        </p>
      ) : null}
    </section>
  );
}
