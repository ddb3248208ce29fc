import { useState, type FormEvent, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currentSpeaker,
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
  const drag = useDragToMove(lines, runner);

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
          <QueueRow
            key={line.entry.id}
            line={line}
            state={state}
            runner={runner}
            previous={lines[i - 1]}
            nextLine={lines[i + 1]}
            drag={drag}
          />
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
  drag,
}: {
  line: QueueLine;
  state: MeetingState;
  runner: CommandRunner;
  previous?: QueueLine;
  nextLine?: QueueLine;
  drag: DragToMove;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy } = runner;
  const { entry } = line;
  const name = speakerLabel(state, entry, lang);
  const samePart = (other?: QueueLine) => other !== undefined && other.group === line.group;
  // A statement in progress can wait (paused) while someone else speaks; a point of order cannot.
  const current = currentSpeaker(state);
  const holding = current && current.entry.kind !== 'point_of_order' ? current : null;
  const classLabel =
    entry.kind === 'panellist'
      ? t('speakers.panellistClass')
      : line.category
        ? t(`category.${line.category}`)
        : '';
  return (
    <li
      className={`queue-row kind-${entry.kind}${drag.over === entry.id ? ' drop-target' : ''}${drag.dragged === entry.id ? ' dragged' : ''}`}
      data-testid="queue-row"
      data-entry={entry.id}
      {...drag.rowProps(line)}
    >
      <span className="queue-position">
        <span className="drag-handle" aria-hidden="true">
          ⠿
        </span>
        {formatInteger(line.position, lang)}
      </span>
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
        {holding && entry.kind !== 'point_of_order' ? (
          <button
            type="button"
            disabled={busy}
            data-testid="give-holding"
            onClick={() => void run({ type: 'floor.give', entryId: entry.id, expectedCurrent: holding.entry.id, hold: true })}
            aria-label={t('day.giveHoldingTo', { name, held: speakerLabel(state, holding.entry, lang) })}
          >
            {t('day.giveHolding', { name: speakerLabel(state, holding.entry, lang) })}
          </button>
        ) : null}
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

interface DragToMove {
  dragged: string | null;
  over: string | null;
  rowProps: (line: QueueLine) => Partial<HTMLAttributes<HTMLLIElement>>;
}

/**
 * Reordering by drag and drop, as the ↑ and ↓ buttons do from the keyboard:
 * a row moves within its own part of the list (points of order, the list,
 * rights of reply), dropped where the row under it stood.
 */
function useDragToMove(lines: QueueLine[], runner: CommandRunner): DragToMove {
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const from = lines.find((l) => l.entry.id === dragged);
  const accepts = (target: QueueLine) => from !== undefined && target.group === from.group && target.entry.id !== from.entry.id;
  const end = () => {
    setDragged(null);
    setOver(null);
  };
  return {
    dragged,
    over,
    rowProps: (line) => ({
      draggable: !runner.busy,
      onDragStart: (e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', line.entry.id);
        setDragged(line.entry.id);
      },
      onDragEnd: end,
      onDragOver: (e) => {
        if (!accepts(line)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(line.entry.id);
      },
      onDragLeave: () => setOver((o) => (o === line.entry.id ? null : o)),
      onDrop: (e) => {
        e.preventDefault();
        if (from && accepts(line)) {
          // Moving down, it lands after the target row: before the row that follows it in the same part, or at the part's end.
          const after = lines[lines.indexOf(line) + 1];
          const before = from.position > line.position ? line.entry.id : after && after.group === line.group ? after.entry.id : null;
          void runner.run({ type: 'speakers.move', entryId: from.entry.id, before });
        }
        end();
      },
    }),
  };
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
