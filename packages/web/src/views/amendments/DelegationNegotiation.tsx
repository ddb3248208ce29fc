/**
 * The negotiation in a delegation's own view (a phone as much as a laptop):
 * its drafts and tabled amendments, and the paragraphs where something is
 * before the group (amendments, brackets, objections), each opening in
 * place with its tracked changes and the delegation's buttons.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger, type MeetingState, type SessionInfo } from '@gavel/shared';
import { MyAmendments, OpenDraft } from './MyAmendments';
import { ParagraphNegotiation } from './ParagraphNegotiation';
import { negotiationAgenda } from './present';
import { useNegotiation } from './useNegotiation';

export function DelegationNegotiation({ state, session }: { state: MeetingState; session: SessionInfo }) {
  const n = useNegotiation(state, session);
  const { t } = useTranslation(undefined, { lng: n.lang });
  const [draft, setDraft] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const id = useId();
  const agenda = negotiationAgenda(state.negotiation, n.doc, n.order);
  const label = (pid: string) => {
    const x = n.numberOf(pid);
    return x === null ? t('amendments.paragraphUnnumberedLabel') : t('amendments.paragraphLabel', { number: formatInteger(x, n.docLang) });
  };
  // The delegation's own amendments first when it has any; else what is before the group comes first.
  const own = Object.values(state.negotiation.amendments).some((a) => a.sponsor === n.mine);
  const mine = (
    <>
      <MyAmendments n={n} open={draft} onOpen={setDraft} />
      <OpenDraft n={n} open={draft} onClose={() => setDraft(null)} />
    </>
  );
  return (
    <>
      {own ? mine : null}
      <section className="card under-negotiation" aria-labelledby={`${id}-title`} data-testid="under-negotiation">
        <h2 id={`${id}-title`}>{t('amendments.beforeTheGroup')}</h2>
        {agenda.length === 0 ? <p className="muted">{t('amendments.nothingPending')}</p> : null}
        <ul className="agenda-paragraphs">
          {agenda.map((p) => (
            <li key={p.paragraphId}>
              <button type="button" className="agenda-paragraph" aria-expanded={open === p.paragraphId} onClick={() => setOpen(open === p.paragraphId ? null : p.paragraphId)}>
                <strong>{label(p.paragraphId)}</strong>
                <span className="agenda-counts">
                  {p.amendments.length ? <span className="count-chip amendments">{t('amendments.countAmendments', { count: p.amendments.length, n: formatInteger(p.amendments.length, n.lang) })}</span> : null}
                  {p.brackets ? <span className="count-chip brackets">{t('amendments.countBrackets', { count: p.brackets, n: formatInteger(p.brackets, n.lang) })}</span> : null}
                  {p.objections ? <span className="count-chip objections">{t('amendments.countObjections', { count: p.objections, n: formatInteger(p.objections, n.lang) })}</span> : null}
                </span>
              </button>
              {open === p.paragraphId ? <ParagraphNegotiation n={n} paragraphId={p.paragraphId} onOpenDraft={setDraft} /> : null}
            </li>
          ))}
        </ul>
        <p className="hint">{t('amendments.proposeFromText')}</p>
      </section>
      {own ? null : mine}
    </>
  );
}
