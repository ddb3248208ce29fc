/**
 * Everything negotiated on one paragraph, for everyone, beside the text:
 * its open brackets and who holds them, objections to it as a whole (who,
 * when, why), the amendments tabled to it as tracked changes, the
 * reservations and explanations of position recorded on it; the buttons of
 * a delegation (propose an amendment, hold a bracket, object, record a
 * reservation) and of the chair (lift a bracket, decide, read for adoption).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '@gavel/shared';
import type { AmendmentKind, PositionKind } from '@gavel/shared/amendments/commands';
import { openBrackets, positionsOn, type Bracket } from '@gavel/shared/amendments/model';
import { useCommand } from '../../components/useCommand';
import { formatDateTime } from '../../i18n';
import { AdoptionPanel } from './AdoptionPanel';
import { AmendmentCard } from './AmendmentCard';
import { rememberTarget } from './DraftWorkspace';
import { amendmentsAt } from './present';
import { RefusalText } from './RefusalText';
import { openStory } from './storyRoute';
import { BracketWords } from './TrackedText';
import type { Negotiation } from './useNegotiation';
import { DelegationSelect } from './DelegationSelect';

export function ParagraphNegotiation({
  n,
  paragraphId,
  onOpenDraft,
}: {
  n: Negotiation;
  paragraphId: string;
  /** Opens a draft of the user's delegation (just started, or to revise). */
  onOpenDraft?: (amendmentId: string) => void;
}) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const id = useId();
  const number = n.numberOf(paragraphId);
  const label = number === null ? t('amendments.paragraphUnnumbered') : t('amendments.paragraphNumber', { number: formatInteger(number, n.docLang) });
  const pending = amendmentsAt(n.state.negotiation, n.doc, paragraphId, true);
  const earlier = amendmentsAt(n.state.negotiation, n.doc, paragraphId).filter((a) => a.status !== 'tabled');
  return (
    <section className="panel paragraph-negotiation" aria-labelledby={`${id}-title`} data-testid="paragraph-negotiation">
      <h2 id={`${id}-title`}>{t('amendments.negotiationOn', { paragraph: label })}</h2>
      <BracketList n={n} paragraphId={paragraphId} />
      <ObjectionList n={n} paragraphId={paragraphId} />

      <h3>{t('amendments.title')}</h3>
      {pending.length === 0 ? <p className="muted">{t('amendments.noneTabled')}</p> : null}
      <div className="amendment-list">
        {pending.map((a) => (
          <AmendmentCard key={a.id} n={n} amendment={a} onRevise={onOpenDraft} />
        ))}
      </div>
      {earlier.length ? (
        <details className="earlier">
          <summary>{t('amendments.earlier', { count: earlier.length, n: formatInteger(earlier.length, n.lang) })}</summary>
          <div className="amendment-list">
            {earlier.map((a) => (
              <AmendmentCard key={a.id} n={n} amendment={a} />
            ))}
          </div>
        </details>
      ) : null}
      {n.mine ? <ProposeAmendment n={n} paragraphId={paragraphId} onOpenDraft={onOpenDraft} /> : null}

      <PositionList n={n} paragraphId={paragraphId} />
      {n.officer ? <AdoptionPanel n={n} paragraphId={paragraphId} /> : null}
      <p>
        <a
          href={`/story/${encodeURIComponent(n.doc)}/${encodeURIComponent(paragraphId)}`}
          onClick={(e) => {
            e.preventDefault();
            openStory(n.doc, paragraphId);
          }}
          data-testid="story-link"
        >
          {t('story.open', { paragraph: label })}
        </a>
      </p>
    </section>
  );
}

/** A delegation starts an amendment to this paragraph (or a new paragraph after it). */
function ProposeAmendment({ n, paragraphId, onOpenDraft }: { n: Negotiation; paragraphId: string; onOpenDraft?: (id: string) => void }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const [kind, setKind] = useState<AmendmentKind>('change');
  const id = useId();
  const category = n.mine ? n.state.delegations[n.mine]?.category : undefined;
  const may = category !== undefined && n.state.negotiation.settings.amendCategories.includes(category);
  if (!may) return <p className="hint">{t('amendments.mayNotAmend')}</p>;
  return (
    <form
      className="propose stack-s"
      onSubmit={(e) => {
        e.preventDefault();
        const target = kind === 'insert' ? { kind, place: { after: paragraphId } } : { kind, paragraphId };
        void runner.run({ type: 'amendment.start', doc: n.doc, ...target }).then((r) => {
          const started = r?.events.find((ev) => ev.type === 'AmendmentDraftStarted');
          if (!started) return;
          const amendmentId = (started.payload as { amendmentId: string }).amendmentId;
          rememberTarget(amendmentId, target);
          onOpenDraft?.(amendmentId);
        });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('amendments.propose')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as AmendmentKind)} data-testid="propose-kind">
          <option value="change">{t('amendments.startKinds.change')}</option>
          <option value="alternative">{t('amendments.startKinds.alternative')}</option>
          <option value="insert">{t('amendments.startKinds.insert')}</option>
          <option value="delete">{t('amendments.startKinds.delete')}</option>
        </select>
      </div>
      <button type="submit" className="primary" disabled={runner.busy} data-testid="propose-start">
        {t('amendments.startDraft')}
      </button>
      <p className="hint">{t('amendments.nothingPublic')}</p>
      <RefusalText error={runner.error} n={n} />
    </form>
  );
}

function BracketList({ n, paragraphId }: { n: Negotiation; paragraphId: string }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const brackets = openBrackets(n.state, n.doc, paragraphId);
  if (brackets.length === 0) return null;
  return (
    <>
      <h3>{t('amendments.brackets')}</h3>
      <ul className="bracket-list" data-testid="bracket-list">
        {brackets.map((b) => (
          <BracketItem key={b.id} n={n} bracket={b} />
        ))}
      </ul>
    </>
  );
}

function BracketItem({ n, bracket: b }: { n: Negotiation; bracket: Bracket }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const [reason, setReason] = useState('');
  const [holding, setHolding] = useState(false);
  const [lifting, setLifting] = useState(false);
  const [keep, setKeep] = useState<string>('1');
  const [note, setNote] = useState('');
  const id = useId();
  const holders = Object.entries(b.holders);
  const mineHolds = n.mine ? b.holders[n.mine] !== undefined : false;
  const category = n.mine ? n.state.delegations[n.mine]?.category : undefined;
  const mayHold = category !== undefined && n.state.negotiation.settings.objectCategories.includes(category);
  return (
    <li className="bracket-item" data-testid="bracket-item">
      <p lang={n.docLang} dir="auto" className="bracket-line">
        <BracketWords bracket={b} colour={n.colourOf(b.proposedBy)} lang={n.docLang} />
      </p>
      <p className="muted">
        {t('amendments.bracketPlaced', { name: n.nameOf(b.proposedBy), time: formatDateTime(b.placedAt, n.lang) })}
      </p>
      {holders.length ? (
        <ul className="holders">
          {holders.map(([d, h]) => (
            <li key={d}>
              {t('amendments.heldBySince', { name: n.nameOf(d), time: formatDateTime(h.since, n.lang) })}
              {h.reason ? (
                <>
                  : <bdi>{h.reason}</bdi>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {n.mine && mayHold ? (
        mineHolds ? (
          <button type="button" disabled={runner.busy} onClick={() => void runner.run({ type: 'bracket.release', bracketId: b.id })}>
            {t('amendments.release')}
          </button>
        ) : holding ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void runner.run({ type: 'bracket.hold', bracketId: b.id, ...(reason.trim() ? { reason: reason.trim() } : {}) }).then((r) => r && setHolding(false));
            }}
          >
            <label htmlFor={`${id}-r`}>
              {t('amendments.holdReason')} <span className="muted">({t('actions.optional')})</span>
            </label>
            <input id={`${id}-r`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} dir="auto" placeholder={t('amendments.holdPlaceholder')} />
            <button type="submit" disabled={runner.busy}>
              {t('amendments.hold')}
            </button>
            <button type="button" onClick={() => setHolding(false)}>
              {t('actions.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setHolding(true)}>
            {t('amendments.hold')}
          </button>
        )
      ) : null}
      {n.officer ? (
        lifting ? (
          <form
            className="stack-s lift-form"
            onSubmit={(e) => {
              e.preventDefault();
              void runner
                .run({ type: 'bracket.lift', bracketId: b.id, keep: keep === 'none' ? null : Number(keep), ...(note.trim() ? { note: note.trim() } : {}) })
                .then((r) => r && setLifting(false));
            }}
          >
            <fieldset>
              <legend>{t('amendments.liftKeep')}</legend>
              {b.alternatives.map((alt, i) => (
                <label key={i} className="inline">
                  <input type="radio" name={`${id}-keep`} value={String(i)} checked={keep === String(i)} onChange={() => setKeep(String(i))} />
                  <span lang={n.docLang} dir="auto">
                    {alt ? `“${alt}”` : t('amendments.liftNothing')}
                  </span>
                </label>
              ))}
              <label className="inline">
                <input type="radio" name={`${id}-keep`} value="none" checked={keep === 'none'} onChange={() => setKeep('none')} />
                <span>{t('amendments.liftNone')}</span>
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-n`}>
                {t('amendments.decisionNote')} <span className="muted">({t('actions.optional')})</span>
              </label>
              <input id={`${id}-n`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} dir="auto" />
            </div>
            <div className="actions">
              <button type="submit" className="primary" disabled={runner.busy} data-testid="bracket-lift-confirm">
                {t('amendments.lift')}
              </button>
              <button type="button" onClick={() => setLifting(false)}>
                {t('actions.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" onClick={() => setLifting(true)} data-testid="bracket-lift">
            {t('amendments.lift')}
          </button>
        )
      ) : null}
      <RefusalText error={runner.error} n={n} />
    </li>
  );
}

function ObjectionList({ n, paragraphId }: { n: Negotiation; paragraphId: string }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const [forDelegation, setForDelegation] = useState('');
  const id = useId();
  const all = n.state.negotiation.objections[n.doc]?.[paragraphId] ?? [];
  const standing = all.filter((o) => !o.withdrawnAt);
  const mineStands = n.mine ? standing.some((o) => o.delegationId === n.mine) : false;
  const category = n.mine ? n.state.delegations[n.mine]?.category : undefined;
  const mayObject = category !== undefined && n.state.negotiation.settings.objectCategories.includes(category);
  return (
    <>
      <h3>{t('objections.title')}</h3>
      {all.length === 0 ? <p className="muted">{t('objections.none')}</p> : null}
      {all.length ? (
        <ul className="objection-list" data-testid="objection-list">
          {all.map((o, i) => (
            <li key={`${o.delegationId}-${i}`} className={o.withdrawnAt ? 'withdrawn' : undefined}>
              <strong>{n.nameOf(o.delegationId)}</strong>:{' '}
              <q>
                <bdi>{o.reason}</bdi>
              </q>{' '}
              <span className="muted">
                {t('objections.since', { time: formatDateTime(o.at, n.lang), by: o.by })}
                {o.withdrawnAt ? ` · ${t('objections.withdrawnAt', { time: formatDateTime(o.withdrawnAt, n.lang) })}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {n.mine && mineStands ? (
        <button type="button" disabled={runner.busy} onClick={() => void runner.run({ type: 'objection.withdraw', doc: n.doc, paragraphId })} data-testid="objection-withdraw">
          {t('objections.withdraw')}
        </button>
      ) : null}
      {(n.mine && mayObject && !mineStands) || n.officer ? (
        open ? (
          <form
            className="stack-s"
            onSubmit={(e) => {
              e.preventDefault();
              const delegationId = n.officer ? forDelegation : undefined;
              if (n.officer && !delegationId) return;
              void runner
                .run({ type: 'objection.raise', doc: n.doc, paragraphId, reason: reason.trim(), ...(delegationId ? { delegationId } : {}) })
                .then((r) => {
                  if (r) {
                    setReason('');
                    setOpen(false);
                  }
                });
            }}
          >
            {n.officer ? <DelegationSelect id={`${id}-d`} n={n} value={forDelegation} onChange={setForDelegation} /> : null}
            <div className="field">
              <label htmlFor={`${id}-r`}>{t('objections.reason')}</label>
              <input id={`${id}-r`} value={reason} required maxLength={2000} onChange={(e) => setReason(e.target.value)} dir="auto" placeholder={t('objections.placeholder')} data-testid="objection-reason" />
            </div>
            <div className="actions">
              <button type="submit" className="danger" disabled={runner.busy || !reason.trim()} data-testid="objection-raise">
                {n.officer ? t('objections.record') : t('objections.raise')}
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                {t('actions.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className={n.officer ? undefined : 'danger'} onClick={() => setOpen(true)} data-testid="objection-open">
            {n.officer ? t('objections.recordOpen') : t('objections.raise')}
          </button>
        )
      ) : null}
      {n.mine && !mayObject ? <p className="hint">{t('objections.mayNot')}</p> : null}
      <RefusalText error={runner.error} n={n} />
    </>
  );
}

function PositionList({ n, paragraphId }: { n: Negotiation; paragraphId: string }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const [kind, setKind] = useState<PositionKind>('reservation');
  const [text, setText] = useState('');
  const [forDelegation, setForDelegation] = useState('');
  const id = useId();
  const positions = positionsOn(n.state, n.doc, paragraphId);
  const mayRecord = !!n.mine || n.officer;
  return (
    <>
      <h3>{t('adoption.positions')}</h3>
      {positions.length === 0 ? <p className="muted">{t('adoption.noPositions')}</p> : null}
      {positions.length ? (
        <ul className="position-list" data-testid="position-list">
          {positions.map((p, i) => (
            <li key={i}>
              <span className="position-kind">{t(`adoption.positionKinds.${p.kind}`)}</span> <strong>{n.nameOf(p.delegationId)}</strong>: <bdi>{p.text}</bdi>{' '}
              <span className="muted">({formatDateTime(p.at, n.lang)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {mayRecord ? (
        <details className="record-position">
          <summary>{n.officer ? t('adoption.recordPositionFor') : t('adoption.askPosition')}</summary>
          <form
            className="stack-s"
            onSubmit={(e) => {
              e.preventDefault();
              const delegationId = n.officer ? forDelegation : undefined;
              if (n.officer && !delegationId) return;
              void runner
                .run({ type: 'position.record', doc: n.doc, paragraphId, kind, text: text.trim(), ...(delegationId ? { delegationId } : {}) })
                .then((r) => r && setText(''));
            }}
          >
            {n.officer ? <DelegationSelect id={`${id}-d`} n={n} value={forDelegation} onChange={setForDelegation} /> : null}
            <fieldset>
              <legend>{t('adoption.positionKind')}</legend>
              {(['reservation', 'explanation'] as const).map((k) => (
                <label key={k} className="inline">
                  <input type="radio" name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} />
                  <span>{t(`adoption.positionKinds.${k}`)}</span>
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-t`}>{t('adoption.positionText')}</label>
              <textarea id={`${id}-t`} rows={3} value={text} required maxLength={4000} onChange={(e) => setText(e.target.value)} dir="auto" />
            </div>
            <button type="submit" disabled={runner.busy || !text.trim()}>
              {t('adoption.recordPosition')}
            </button>
            <RefusalText error={runner.error} n={n} />
          </form>
        </details>
      ) : null}
    </>
  );
}
