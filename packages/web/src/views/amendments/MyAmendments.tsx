/**
 * A delegation's own amendments: its private drafts ("Nothing is public
 * until you table it") and what it has tabled, each opened in the drafting
 * workspace; and the workspace itself when one is open.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '@gavel/shared';
import { latestVersion, type Amendment } from '@gavel/shared/amendments/model';
import { formatDateTime } from '../../i18n';
import { kindLabel } from './AmendmentCard';
import { DraftWorkspace, useDraftTarget } from './DraftWorkspace';
import type { Negotiation } from './useNegotiation';

export function ownAmendments(n: Negotiation): { drafts: Amendment[]; tabled: Amendment[]; done: Amendment[] } {
  const mine = Object.values(n.state.negotiation.amendments).filter((a) => a.sponsor === n.mine);
  return {
    drafts: mine.filter((a) => a.status === 'drafting'),
    tabled: mine.filter((a) => a.status === 'tabled'),
    done: mine.filter((a) => a.status !== 'drafting' && a.status !== 'tabled' && a.versions.length > 0),
  };
}

export function MyAmendments({ n, open, onOpen }: { n: Negotiation; open: string | null; onOpen: (amendmentId: string | null) => void }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const id = useId();
  if (!n.mine) return null;
  const { drafts, tabled, done } = ownAmendments(n);
  const row = (a: Amendment, status: string) => (
    <li key={a.id} className={a.id === open ? 'current' : undefined} data-testid="my-amendment">
      <span>
        <strong>
          <AmendmentWhat n={n} amendment={a} />
        </strong>{' '}
        <span className="muted">· {status}</span>
      </span>
      <button type="button" aria-expanded={a.id === open} onClick={() => onOpen(a.id === open ? null : a.id)} data-testid="my-amendment-open">
        {a.id === open ? t('actions.close') : t('amendments.open')}
      </button>
    </li>
  );
  return (
    <section className="panel my-amendments" aria-labelledby={`${id}-title`} data-testid="my-amendments">
      <h2 id={`${id}-title`}>{t('amendments.mine')}</h2>
      <p className="private-notice">{t('amendments.nothingPublic')}</p>
      {drafts.length + tabled.length + done.length === 0 ? <p className="muted">{t('amendments.noneMine')}</p> : null}
      <ul className="my-amendment-list">
        {drafts.map((a) => row(a, t('amendments.privateDraft', { time: formatDateTime(a.startedAt, n.lang) })))}
        {tabled.map((a) => row(a, t('amendments.tabledVersion', { number: formatInteger(latestVersion(a)?.version ?? 1, n.lang) })))}
        {done.map((a) => (
          <li key={a.id}>
            <span>
              <strong>
                <AmendmentWhat n={n} amendment={a} />
              </strong>{' '}
              <span className="muted">· {t(`amendments.statuses.${a.status}`)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The workspace of the draft `open`, if it is the delegation's and still a draft or tabled. */
export function OpenDraft({ n, open, onClose }: { n: Negotiation; open: string | null; onClose: () => void }) {
  const a = open ? n.state.negotiation.amendments[open] : undefined;
  if (!a || a.sponsor !== n.mine || (a.status !== 'drafting' && a.status !== 'tabled')) return null;
  return <DraftWorkspace key={a.id} n={n} amendment={a} onClose={onClose} />;
}

/** "Change — paragraph 50", "New paragraph — after paragraph 50". */
function AmendmentWhat({ n, amendment: a }: { n: Negotiation; amendment: Amendment }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const target = useDraftTarget(n.state.id, a);
  if (!target) return <>{t('amendments.yourDraft')}</>;
  const anchor = target.paragraphId ?? (target.place && 'after' in target.place ? target.place.after : null);
  const number = anchor ? n.numberOf(anchor) : null;
  if (number === null) return <>{kindLabel(t, target)}</>;
  const where = target.kind === 'insert' ? t('amendments.placeAfter', { number: formatInteger(number, n.docLang) }) : t('amendments.toParagraph', { number: formatInteger(number, n.docLang) });
  return (
    <>
      {kindLabel(t, target)} — {where}
    </>
  );
}
