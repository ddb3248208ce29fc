/**
 * One tabled amendment, for everyone: what it proposes as tracked changes
 * against the paragraph as it reads now, its sponsor and co-sponsors, who
 * supports and who objects (with their reasons); the delegations' buttons
 * (co-sponsor, support, object with a reason, take it back), the sponsor's
 * (revise, withdraw), and the chair's decisions (accept, accept as
 * modified, reject, place in brackets), refusals explained.
 */
import { useId, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '@gavel/shared';
import { sameRich, type RichParagraph } from '@gavel/shared/editor/rich';
import { latestVersion, type Amendment, type StanceKind } from '@gavel/shared/amendments/model';
import type { Place } from '@gavel/shared/amendments/commands';
import { useCommand } from '../../components/useCommand';
import { formatDateTime } from '../../i18n';
import { fromEditable, missingMarks, toEditable } from './editable';
import { anchorOf, changedSince, conflictCount, modifiedStart, stanceOf, stances, trackedParts } from './present';
import { RefusalText } from './RefusalText';
import { RichWords, TrackedText } from './TrackedText';
import type { Negotiation } from './useNegotiation';
import { DelegationSelect } from './DelegationSelect';

export function kindLabel(t: (k: string) => string, a: Pick<Amendment, 'kind'>): string {
  return t(`amendments.kinds.${a.kind ?? 'change'}`);
}

/** "after paragraph 50", "before paragraph 3", "under heading 2". */
export function placeWords(t: (k: string, o?: Record<string, unknown>) => string, n: Negotiation, place: Place): string {
  const num = (id: string) => {
    const x = n.numberOf(id);
    return x === null ? '?' : formatInteger(x, n.docLang);
  };
  if ('after' in place) return t('amendments.placeAfter', { number: num(place.after) });
  if ('before' in place) return t('amendments.placeBefore', { number: num(place.before) });
  return t('amendments.placeHeading', { number: formatInteger(place.afterHeading, n.docLang) });
}

export function AmendmentCard({
  n,
  amendment: a,
  onRevise,
  large = false,
  readOnly = false,
}: {
  n: Negotiation;
  amendment: Amendment;
  /** Opens the sponsor's draft to prepare a revision. */
  onRevise?: (amendmentId: string) => void;
  /** The room screen: no buttons, large type. */
  large?: boolean;
  /** Shown for the record (the story page): no buttons. */
  readOnly?: boolean;
}) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const v = latestVersion(a);
  const id = useId();
  if (!v) return null;
  const sponsor = n.nameOf(a.sponsor);
  const colour = n.colourOf(a.sponsor);
  const pid = anchorOf(a);
  const pending = a.status === 'tabled';
  // Decided and withdrawn amendments are shown against what they were drafted on.
  const current = pending && pid && a.kind !== 'insert' ? n.content(pid) : null;
  const parts = trackedParts(a, v, pending ? current : v.base);
  const conflicts = pending ? conflictCount(parts) : 0;
  const merged = pending && a.kind !== 'insert' && changedSince(v, current, sameRich);
  const by = stances(a);
  const cosponsors = by.cosponsor.map((s) => n.nameOf(s.delegationId));
  const numberCtx = n.numbers(a.kind === 'insert' ? null : pid);
  const where = a.target && 'place' in a.target ? placeWords(t, n, a.target.place) : null;
  const number = pid && a.kind !== 'insert' ? n.numberOf(pid) : null;

  return (
    <article
      className={`amendment-card status-${a.status}${large ? ' large' : ''}`}
      style={{ '--sponsor': colour } as CSSProperties}
      aria-labelledby={`${id}-title`}
      data-testid="amendment-card"
      data-amendment={a.id}
    >
      <header className="amendment-head">
        <span className="sponsor-swatch" aria-hidden="true" />
        <h3 id={`${id}-title`} className="amendment-title">
          <span className="amendment-kind">{kindLabel(t, a)}</span>{' '}
          {number !== null ? <span className="muted">{t('amendments.toParagraph', { number: formatInteger(number, n.docLang) })} </span> : null}
          {where ? <span className="muted">{where} </span> : null}
          <span className="amendment-sponsor">
            {t('amendments.by', { name: sponsor })}
          </span>
          {cosponsors.length ? (
            <span className="muted">
              {' '}
              {t('amendments.withCosponsors', { names: cosponsors.join(t('amendments.listSeparator')) })}
            </span>
          ) : null}
        </h3>
        <span className="amendment-meta muted">
          {v.version > 1 ? `${t('amendments.version', { number: formatInteger(v.version, n.lang) })} · ` : ''}
          {formatDateTime(v.at, n.lang)}
        </span>
        {a.status !== 'tabled' ? <span className={`amendment-status status-${a.status}`}>{t(`amendments.statuses.${a.status}`)}</span> : null}
      </header>

      {merged ? (
        <p className="amendment-note" role={conflicts ? 'alert' : undefined}>
          {conflicts
            ? t('amendments.conflictsNote', { count: conflicts, n: formatInteger(conflicts, n.lang) })
            : t('amendments.mergedNote')}
        </p>
      ) : null}
      {pending && pid && a.kind !== 'insert' && n.loaded && !current ? <p className="amendment-note">{t('amendments.paragraphGone')}</p> : null}

      <p className="amendment-text" lang={n.docLang} dir="auto" data-testid="amendment-text">
        <TrackedText parts={parts} sponsor={sponsor} colour={colour} c={numberCtx} colourOf={n.colourOf} />
      </p>
      {v.note ? (
        <p className="amendment-reason">
          <span className="muted">{t('amendments.sponsorNote')}</span> <bdi>{v.note}</bdi>
        </p>
      ) : null}

      <Stances n={n} amendment={a} />
      {a.decision ? <DecisionLine n={n} amendment={a} /> : null}
      {a.status === 'withdrawn' ? <WithdrawnLine n={n} amendment={a} /> : null}

      {!large && !readOnly && pending ? <DelegationActions n={n} amendment={a} onRevise={onRevise} /> : null}
      {!large && !readOnly && pending && n.officer ? <ChairDecision n={n} amendment={a} current={current} /> : null}
    </article>
  );
}

function Stances({ n, amendment: a }: { n: Negotiation; amendment: Amendment }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const by = stances(a);
  if (!by.support.length && !by.object.length) return null;
  return (
    <dl className="stances">
      {by.support.length ? (
        <div>
          <dt>{t('amendments.supportedBy')}</dt>
          <dd data-testid="supporters">
            {by.support.map((s) => n.nameOf(s.delegationId)).join(t('amendments.listSeparator'))}
          </dd>
        </div>
      ) : null}
      {by.object.length ? (
        <div>
          <dt>{t('amendments.objectedBy')}</dt>
          <dd>
            <ul className="objectors" data-testid="objectors">
              {by.object.map((s) => (
                <li key={s.delegationId}>
                  <strong>{n.nameOf(s.delegationId)}</strong>
                  {s.reason ? (
                    <>
                      : <bdi>{s.reason}</bdi>
                    </>
                  ) : null}{' '}
                  <span className="muted">({formatDateTime(s.at, n.lang)})</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function DecisionLine({ n, amendment: a }: { n: Negotiation; amendment: Amendment }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const d = a.decision!;
  return (
    <div className="decision-line">
      <p>
        <strong>{t(`amendments.outcomes.${d.outcome}`)}</strong>{' '}
        <span className="muted">{t('amendments.decidedBy', { name: d.by, time: formatDateTime(d.at, n.lang) })}</span>
        {d.merged ? <span className="muted"> · {t('amendments.decidedMerged')}</span> : null}
      </p>
      {d.note ? <p dir="auto">{d.note}</p> : null}
      {d.result && d.outcome === 'accept_modified' ? (
        <p className="decision-result" lang={n.docLang} dir="auto">
          <RichWords paragraph={d.result} c={n.numbers(d.paragraphId)} colourOf={n.colourOf} />
        </p>
      ) : null}
    </div>
  );
}

function WithdrawnLine({ n, amendment: a }: { n: Negotiation; amendment: Amendment }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const step = [...a.steps].reverse().find((s) => s.what === 'withdrawn');
  if (!step) return null;
  return (
    <p className="muted">
      {t('amendments.withdrawnBy', { name: step.by, time: formatDateTime(step.at, n.lang) })}
      {step.detail ? ` — ${step.detail}` : ''}
    </p>
  );
}

/** The buttons of a delegation looking at another's amendment, and the sponsor's own. */
function DelegationActions({ n, amendment: a, onRevise }: { n: Negotiation; amendment: Amendment; onRevise?: (id: string) => void }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const [objecting, setObjecting] = useState(false);
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const id = useId();
  const mine = n.mine;
  if (!mine) return null;
  const myCategory = n.state.delegations[mine]?.category;
  const settings = n.state.negotiation.settings;
  const mayAmend = myCategory !== undefined && settings.amendCategories.includes(myCategory);
  const mayObject = myCategory !== undefined && settings.objectCategories.includes(myCategory);

  if (a.sponsor === mine) {
    return (
      <div className="amendment-actions" role="group" aria-label={t('amendments.sponsorActions')}>
        {onRevise ? (
          <button type="button" onClick={() => onRevise(a.id)} data-testid="amendment-revise">
            {t('amendments.revise')}
          </button>
        ) : null}
        {withdrawing ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void runner.run({ type: 'amendment.withdraw', amendmentId: a.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
            }}
          >
            <label htmlFor={`${id}-why`}>{t('amendments.withdrawReason')}</label>
            <input id={`${id}-why`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} dir="auto" />
            <button type="submit" className="danger" disabled={runner.busy} data-testid="amendment-withdraw-confirm">
              {t('amendments.withdraw')}
            </button>
            <button type="button" onClick={() => setWithdrawing(false)}>
              {t('actions.cancel')}
            </button>
          </form>
        ) : (
          <button type="button" className="danger" onClick={() => setWithdrawing(true)} data-testid="amendment-withdraw">
            {t('amendments.withdraw')}
          </button>
        )}
        <RefusalText error={runner.error} n={n} />
      </div>
    );
  }

  const stance = stanceOf(a, mine);
  const take = (type: 'amendment.cosponsor' | 'amendment.support') => void runner.run({ type, amendmentId: a.id });
  return (
    <div className="amendment-actions" role="group" aria-label={t('amendments.yourPosition')}>
      {stance ? (
        <p className="your-stance">
          {t(`amendments.youStance.${stance}`)}{' '}
          <button type="button" className="link-button" disabled={runner.busy} onClick={() => void runner.run({ type: 'amendment.retract', amendmentId: a.id })} data-testid="amendment-retract">
            {t('amendments.retract')}
          </button>
        </p>
      ) : null}
      {stance !== 'cosponsor' && mayAmend ? (
        <button type="button" disabled={runner.busy} onClick={() => take('amendment.cosponsor')} data-testid="amendment-cosponsor">
          {t('amendments.cosponsor')}
        </button>
      ) : null}
      {stance !== 'support' ? (
        <button type="button" disabled={runner.busy} onClick={() => take('amendment.support')} data-testid="amendment-support">
          {t('amendments.support')}
        </button>
      ) : null}
      {stance !== 'object' && mayObject && !objecting ? (
        <button type="button" className="danger" disabled={runner.busy} onClick={() => setObjecting(true)} data-testid="amendment-object">
          {t('amendments.object')}
        </button>
      ) : null}
      {objecting ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void runner
              .run({ type: 'amendment.object', amendmentId: a.id, ...(reason.trim() ? { reason: reason.trim() } : {}) })
              .then((r) => {
                if (r) {
                  setObjecting(false);
                  setReason('');
                }
              });
          }}
        >
          <label htmlFor={`${id}-reason`}>
            {t('amendments.objectReason')} <span className="muted">({t('actions.optional')})</span>
          </label>
          <input id={`${id}-reason`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} dir="auto" autoFocus data-testid="amendment-object-reason" />
          <button type="submit" className="danger" disabled={runner.busy} data-testid="amendment-object-confirm">
            {t('amendments.objectConfirm')}
          </button>
          <button type="button" onClick={() => setObjecting(false)}>
            {t('actions.cancel')}
          </button>
        </form>
      ) : null}
      {!mayObject ? <p className="hint">{t('amendments.mayNotObject')}</p> : null}
      <RefusalText error={runner.error} n={n} />
    </div>
  );
}

type Outcome = 'accept' | 'accept_modified' | 'reject' | 'bracket';

/** The chair's decision on a tabled amendment, and what the chair records from the floor for a delegation. */
function ChairDecision({ n, amendment: a, current }: { n: Negotiation; amendment: Amendment; current: RichParagraph | null }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const v = latestVersion(a)!;
  const [modifying, setModifying] = useState<{ text: string; atoms: ReturnType<typeof toEditable>['atoms'] } | null>(null);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState<Outcome | null>(null);
  const id = useId();
  const decide = (outcome: Outcome, text?: RichParagraph) =>
    void runner
      .run({
        type: 'amendment.decide',
        amendmentId: a.id,
        outcome,
        expectedVersion: v.version,
        ...(text ? { text } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      .then((r) => {
        // Done; or refused: the buttons come back with the reason below them (a modified text stays open to correct).
        if (r) setModifying(null);
        setConfirming(null);
      });

  // The box starts from the words the amendment would leave: merged with the paragraph's own changes when that is clean.
  const startModifying = () => {
    runner.clearError();
    setModifying(toEditable(a.kind === 'insert' ? (v.proposed ?? { inlines: [] }) : modifiedStart(v.base, current, v.proposed)));
  };

  const missing = modifying ? missingMarks(modifying.text, modifying.atoms) : [];
  return (
    <div className="chair-decision" role="group" aria-label={t('amendments.chairDecides')} data-testid="chair-decision">
      {modifying ? (
        <form
          className="stack-s"
          onSubmit={(e) => {
            e.preventDefault();
            const { paragraph } = fromEditable(modifying.text, modifying.atoms);
            decide('accept_modified', paragraph);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('amendments.modifiedText')}</label>
            <textarea
              id={`${id}-text`}
              rows={5}
              value={modifying.text}
              lang={n.docLang}
              dir="auto"
              required
              aria-describedby={modifying.atoms.length ? `${id}-marks` : undefined}
              onChange={(e) => setModifying({ ...modifying, text: e.target.value })}
              data-testid="modified-text"
            />
            {modifying.atoms.length ? (
              <small id={`${id}-marks`} className="hint">
                {t('amendments.marksHint')}
              </small>
            ) : null}
            {missing.length ? (
              <small className="error">{t('amendments.marksMissing', { marks: missing.map((m) => `⟦${m}⟧`).join(' ') })}</small>
            ) : null}
          </div>
          <NoteField id={id} note={note} setNote={setNote} />
          <div className="actions">
            <button type="submit" className="primary" disabled={runner.busy || !modifying.text.trim()} data-testid="modified-accept">
              {t('amendments.acceptModifiedConfirm')}
            </button>
            <button type="button" onClick={() => setModifying(null)}>
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      ) : confirming ? (
        <form
          className="stack-s"
          onSubmit={(e) => {
            e.preventDefault();
            decide(confirming);
          }}
        >
          <p>
            <strong>{t(`amendments.confirm.${confirming}`)}</strong>
          </p>
          <NoteField id={id} note={note} setNote={setNote} />
          <div className="actions">
            <button type="submit" className={confirming === 'reject' ? 'danger' : 'primary'} disabled={runner.busy} data-testid="decision-confirm">
              {t(`amendments.decisions.${confirming}`)}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('actions.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="decision-buttons">
          <button type="button" className="primary" disabled={runner.busy} onClick={() => setConfirming('accept')} data-testid="decide-accept">
            {t('amendments.decisions.accept')}
          </button>
          {a.kind !== 'delete' ? (
            <button type="button" disabled={runner.busy} onClick={startModifying} data-testid="decide-accept-modified">
              {t('amendments.decisions.accept_modified')}
            </button>
          ) : null}
          <button type="button" disabled={runner.busy} onClick={() => setConfirming('bracket')} data-testid="decide-bracket">
            {t('amendments.decisions.bracket')}
          </button>
          <button type="button" className="danger" disabled={runner.busy} onClick={() => setConfirming('reject')} data-testid="decide-reject">
            {t('amendments.decisions.reject')}
          </button>
        </div>
      )}
      <RefusalText error={runner.error} n={n} />
      <RecordFromFloor n={n} amendment={a} />
    </div>
  );
}

function NoteField({ id, note, setNote }: { id: string; note: string; setNote: (s: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`${id}-note`}>
        {t('amendments.decisionNote')} <span className="muted">({t('actions.optional')})</span>
      </label>
      <input id={`${id}-note`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} dir="auto" />
    </div>
  );
}

/** "Egypt cannot accept": the chair or the secretariat records what a delegation said from the floor. */
function RecordFromFloor({ n, amendment: a }: { n: Negotiation; amendment: Amendment }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const [delegationId, setDelegationId] = useState('');
  const [stance, setStance] = useState<StanceKind>('support');
  const [reason, setReason] = useState('');
  const id = useId();
  return (
    <details className="record-floor">
      <summary>{t('amendments.recordFloor')}</summary>
      <form
        className="stack-s"
        onSubmit={(e) => {
          e.preventDefault();
          if (!delegationId) return;
          const type = stance === 'cosponsor' ? 'amendment.cosponsor' : stance === 'support' ? 'amendment.support' : 'amendment.object';
          void runner
            .run(type === 'amendment.object' ? { type, amendmentId: a.id, delegationId, ...(reason.trim() ? { reason: reason.trim() } : {}) } : { type, amendmentId: a.id, delegationId })
            .then((r) => r && setReason(''));
        }}
      >
        <div className="row">
          <DelegationSelect id={`${id}-d`} n={n} value={delegationId} onChange={setDelegationId} exclude={a.sponsor} />
          <div className="field">
            <label htmlFor={`${id}-s`}>{t('amendments.says')}</label>
            <select id={`${id}-s`} value={stance} onChange={(e) => setStance(e.target.value as StanceKind)}>
              <option value="support">{t('amendments.support')}</option>
              <option value="cosponsor">{t('amendments.cosponsor')}</option>
              <option value="object">{t('amendments.object')}</option>
            </select>
          </div>
        </div>
        {stance === 'object' ? (
          <div className="field">
            <label htmlFor={`${id}-r`}>
              {t('amendments.objectReason')} <span className="muted">({t('actions.optional')})</span>
            </label>
            <input id={`${id}-r`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} dir="auto" />
          </div>
        ) : null}
        <button type="submit" disabled={runner.busy || !delegationId}>
          {t('amendments.record')}
        </button>
        <RefusalText error={runner.error} n={n} />
      </form>
    </details>
  );
}
