import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  delegationName,
  formatAgendaLabel,
  formatDuration,
  formatInteger,
  SPEAKER_KINDS,
  speakersQueue,
  type Lang,
  type MeetingState,
  type QueueLine,
  type SpeakerKind,
} from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { speakerLabel } from '../../components/speakerLabel';
import { useCommand, type CommandRunner } from '../../components/useCommand';

/** The current item's speakers' list, as the chair (or the conference officer) keeps it. */
export function QueuePanel({ state, itemId, now, runner }: { state: MeetingState; itemId: string; now: number; runner: CommandRunner }) {
  const { t, i18n } = useTranslation();
  const { run, busy } = runner;
  const list = state.speakers.lists[itemId];
  const lines = speakersQueue(state, itemId, now);
  const item = state.agenda.items[itemId];

  return (
    <section className="card queue-panel" aria-labelledby="queue-heading">
      <div className="panel-head">
        <h2 id="queue-heading">{t('speakers.listFor', { item: item ? formatAgendaLabel(item.path, i18n.language as Lang) : '' })}</h2>
        {list?.closed ? (
          <button type="button" disabled={busy} onClick={() => void run({ type: 'speakers.reopen', itemId })}>
            {t('speakers.reopen')}
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => void run({ type: 'speakers.close', itemId })}>
            {t('speakers.close')}
          </button>
        )}
      </div>
      {list?.closed ? <p className="notice">{t('speakers.closed')}</p> : null}
      {lines.length === 0 ? <p className="muted">{t('speakers.empty')}</p> : null}
      <ol className="queue" data-testid="queue">
        {lines.map((line, i) => (
          <QueueRow key={line.entry.id} line={line} state={state} runner={runner} previous={lines[i - 1]} nextLine={lines[i + 1]} />
        ))}
      </ol>
      <Inscribe state={state} itemId={itemId} />
    </section>
  );
}

function QueueRow({
  line,
  state,
  runner,
  previous,
  nextLine,
}: {
  line: QueueLine;
  state: MeetingState;
  runner: CommandRunner;
  previous?: QueueLine;
  nextLine?: QueueLine;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy } = runner;
  const { entry } = line;
  const name = speakerLabel(state, entry, lang);
  const samePart = (other?: QueueLine) => other !== undefined && other.group === line.group;
  const classLabel =
    entry.kind === 'panellist'
      ? t('speakers.panellistClass')
      : line.category
        ? t(`category.${line.category}`)
        : '';
  return (
    <li className={`queue-row kind-${entry.kind}`} data-testid="queue-row">
      <span className="queue-position">{formatInteger(line.position, lang)}</span>
      <span className="queue-who">
        <strong dir="auto">{name}</strong>
        {entry.kind !== 'statement' ? <span className={`kind-badge kind-${entry.kind}`}>{t(`kinds.${entry.kind}`)}</span> : null}
        {entry.onBehalfOf ? (
          <span className="muted" dir="auto">
            {' '}
            {t('speakers.groupBadge', { group: entry.onBehalfOf })}
          </span>
        ) : null}
        <span className="muted queue-class">{classLabel}</span>
      </span>
      <label className="queue-time">
        <span className="visually-hidden">{t('speakers.setTime', { name })}</span>
        <select
          value={Math.round(line.allowedMs / 30_000) * 30_000}
          disabled={busy}
          onChange={(e) => void run({ type: 'speakers.setTime', entryId: entry.id, allowedMs: Number(e.target.value) })}
        >
          {timeChoices(line.allowedMs).map((ms) => (
            <option key={ms} value={ms}>
              {formatDuration(ms, lang)}
            </option>
          ))}
        </select>
      </label>
      <span className="row-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => void run({ type: 'floor.give', entryId: entry.id, expectedCurrent: state.floor?.entryId ?? null })}
          aria-label={t('floor.giveTo', { name })}
        >
          {t('floor.give')}
        </button>
        <button
          type="button"
          disabled={busy || !samePart(previous)}
          aria-label={`${t('speakers.moveUp')}: ${name}`}
          onClick={() => previous && void run({ type: 'speakers.move', entryId: entry.id, before: previous.entry.id })}
        >
          ↑
        </button>
        <button
          type="button"
          disabled={busy || !samePart(nextLine)}
          aria-label={`${t('speakers.moveDown')}: ${name}`}
          onClick={() =>
            nextLine &&
            void run({ type: 'speakers.move', entryId: nextLine.entry.id, before: entry.id })
          }
        >
          ↓
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          aria-label={`${t('speakers.remove')}: ${name}`}
          onClick={() => void run({ type: 'speakers.remove', entryId: entry.id })}
        >
          ×
        </button>
      </span>
    </li>
  );
}

/** Speaking times the chair can give, in half minutes around the default. */
function timeChoices(current: number): number[] {
  const choices = new Set<number>([Math.round(current / 30_000) * 30_000]);
  for (let ms = 30_000; ms <= 15 * 60_000; ms += ms < 5 * 60_000 ? 30_000 : 60_000) choices.add(ms);
  return [...choices].sort((a, b) => a - b);
}

/** The chair or the secretariat puts anyone on the list. */
function Inscribe({ state, itemId }: { state: MeetingState; itemId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const [delegationId, setDelegationId] = useState('');
  const [kind, setKind] = useState<SpeakerKind>('statement');
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const [speakerName, setSpeakerName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await run({
      type: 'speakers.request',
      itemId,
      kind,
      ...(delegationId ? { delegationId } : {}),
      ...(onBehalfOf.trim() ? { onBehalfOf: onBehalfOf.trim() } : {}),
      ...(speakerName.trim() ? { speakerName: speakerName.trim() } : {}),
    });
    if (done) {
      setOnBehalfOf('');
      setSpeakerName('');
    }
  };
  const delegations = Object.values(state.delegations).sort((a, b) =>
    delegationName(a, lang).localeCompare(delegationName(b, lang), lang),
  );
  return (
    <details className="inscribe">
      <summary>{t('speakers.inscribe')}</summary>
      <form onSubmit={submit} className="row">
        <Field label={t('speakers.inscribeWho')}>
          {(p) => (
            <select {...p} value={delegationId} onChange={(e) => setDelegationId(e.target.value)} data-testid="inscribe-delegation">
              <option value="" />
              {delegations.map((d) => (
                <option key={d.id} value={d.id}>
                  {delegationName(d, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('speakers.kind')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as SpeakerKind)}>
              {SPEAKER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'panellist' ? (
          <Field label={t('speakers.speakerName')}>
            {(p) => <input {...p} value={speakerName} onChange={(e) => setSpeakerName(e.target.value)} />}
          </Field>
        ) : (
          <Field label={t('speakers.onBehalfOf')} hint={t('speakers.onBehalfHint')}>
            {(p) => <input {...p} value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)} />}
          </Field>
        )}
        <button type="submit" className="primary" disabled={busy || (!delegationId && !(kind === 'panellist' && speakerName.trim()))}>
          {t('speakers.inscribe')}
        </button>
      </form>
      <ErrorText error={error} />
    </details>
  );
}
