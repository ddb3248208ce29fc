/**
 * Why the server refused a negotiation command, in the user's language,
 * from the error's details: what stands in the way of consensus and whose it
 * is (objections, brackets and who holds them, amendments still pending),
 * where an amendment conflicts with the paragraph's own changes, which
 * categories may act. Anything else reads as the app's other errors do.
 */
import { useTranslation } from 'react-i18next';
import { formatInteger } from '@gavel/shared';
import type { ApiError } from '../../api/http';
import { ErrorText } from '../../components/ErrorText';
import { formatDateTime } from '../../i18n';
import type { ConsensusBlocker } from '@gavel/shared/amendments/consensus';
import { refusalDetails } from './present';
import { BracketWords } from './TrackedText';
import type { Negotiation } from './useNegotiation';

/** What stands in the way of consensus on each paragraph, and whose it is. */
export function BlockerList({ n, blockers }: { n: Negotiation; blockers: readonly ConsensusBlocker[] }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const list = (names: string[]) => names.join(t('amendments.listSeparator'));
  const paragraph = (id: string, number: number | null) => {
    const now = n.numberOf(id) ?? number;
    return now === null ? t('amendments.paragraphUnnumberedLabel') : t('amendments.paragraphLabel', { number: formatInteger(now, n.docLang) });
  };
  return (
    <ul className="blockers">
      {blockers.map((b) => (
        <li key={b.paragraphId} data-testid="blocker">
          <strong>{paragraph(b.paragraphId, b.number)}</strong>
          <ul>
            {b.objections.map((o) => (
              <li key={o.delegationId}>
                {t('adoption.blockedObjection', { name: n.nameOf(o.delegationId), time: formatDateTime(o.since, n.lang) })}
                {o.reason ? (
                  <>
                    {' '}
                    <q>
                      <bdi>{o.reason}</bdi>
                    </q>
                  </>
                ) : null}
              </li>
            ))}
            {b.brackets.map((k) => {
              const bracket = n.state.negotiation.brackets[k.bracketId];
              return (
                <li key={k.bracketId}>
                  {t('adoption.blockedBracket')}{' '}
                  <span lang={n.docLang}>{bracket ? <BracketWords bracket={bracket} lang={n.docLang} /> : k.words}</span>
                  {k.holders.length ? ` — ${t('adoption.heldBy', { names: list(k.holders.map((h) => n.nameOf(h.delegationId))) })}` : ''}
                </li>
              );
            })}
            {b.amendments.length ? (
              <li>{t('adoption.blockedAmendments', { count: b.amendments.length, n: formatInteger(b.amendments.length, n.lang), names: list(b.amendments.map((a) => n.nameOf(a.sponsor))) })}</li>
            ) : null}
          </ul>
        </li>
      ))}
    </ul>
  );
}

export function RefusalText({ error, n }: { error: ApiError | null; n: Negotiation }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  if (!error) return null;
  const details = refusalDetails(error.details);
  if (!details) return <ErrorText error={error} />;
  const list = (names: string[]) => names.join(t('amendments.listSeparator'));
  return (
    <div className="error refusal" role="alert" data-testid="refusal">
      {details.kind === 'blockers' ? (
        <>
          <p>{t('adoption.refused')}</p>
          <BlockerList n={n} blockers={details.blockers} />
        </>
      ) : details.kind === 'conflicts' ? (
        <>
          <p>{t('amendments.refusedConflicts')}</p>
          <ul>
            {details.conflicts.map((c, i) => (
              <li key={i} lang={n.docLang} dir="auto">
                {t('amendments.conflictLine', { current: c.current || '—', proposed: c.proposed || '—', base: c.base || '—' })}
              </li>
            ))}
          </ul>
        </>
      ) : details.kind === 'category' ? (
        <p>
          {t('amendments.refusedCategory', {
            category: t(`category.${details.category}`),
            allowed: list(details.allowed.map((c) => t(`categories.${c}`))),
          })}
        </p>
      ) : details.kind === 'version' ? (
        <p>{t('amendments.refusedVersion', { number: formatInteger(details.latestVersion, n.lang) })}</p>
      ) : (
        <p>
          {t(`error.${error.code}`)} <span className="error-detail">{error.message}</span>
        </p>
      )}
    </div>
  );
}
