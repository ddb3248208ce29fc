import { useTranslation } from 'react-i18next';
import { agendaInOrder, formatAgendaLabel, type AgendaItem, type Lang, type MeetingState } from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { useDialogs } from '../../components/Dialogs';
import { useCommand } from '../../components/useCommand';
import { formatDateTime } from '../../i18n';
import { Words } from '../../components/Words';

/** Opening, adoption of the agenda, and the items: take up, suspend, resume, close. */
export function AgendaPanel({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const dialogs = useDialogs();
  const items = agendaInOrder(state.agenda);
  const adopted = state.agenda.status === 'adopted';

  return (
    <section className="card agenda-panel" aria-labelledby="agenda-panel-heading">
      <h2 id="agenda-panel-heading">{adopted ? t('console.agendaAdopted') : t('console.agendaProvisional')}</h2>
      {state.opening ? (
        <p className="muted">{t('console.openedAt', { time: formatDateTime(state.opening.at, lang) })}</p>
      ) : (
        <div className="stack-s">
          <p className="muted">{t('console.notOpened')}</p>
          <button type="button" className="primary big" disabled={busy} onClick={() => void run({ type: 'meeting.open' })}>
            {t('console.openMeeting')}
          </button>
        </div>
      )}
      {state.opening && !adopted && items.length > 0 ? (
        <button
          type="button"
          className="primary big"
          disabled={busy}
          onClick={async () => {
            const go = await dialogs.confirm({ title: t('console.adoptAgenda'), message: t('console.adoptConfirm'), confirm: t('console.adoptAgenda') });
            if (go) void run({ type: 'agenda.adopt' });
          }}
        >
          {t('console.adoptAgenda')}
        </button>
      ) : null}
      {items.length === 0 ? <p className="muted">{t('console.noAgenda')}</p> : null}
      <ol className="agenda-items">
        {items.map((item) => (
          <AgendaRow key={item.id} item={item} state={state} busy={busy} run={run} />
        ))}
      </ol>
      <ErrorText error={error} />
    </section>
  );
}

function AgendaRow({
  item,
  state,
  busy,
  run,
}: {
  item: AgendaItem;
  state: MeetingState;
  busy: boolean;
  run: ReturnType<typeof useCommand>['run'];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const dialogs = useDialogs();
  const label = formatAgendaLabel(item.path, lang);
  // Taking up an item before the agenda is adopted is allowed (the adoption of the agenda is itself an item) but rarely meant.
  const takeUp = async () => {
    if (state.agenda.status !== 'adopted') {
      const go = await dialogs.confirm({
        title: t('dialog.takeUpTitle'),
        // The title isolated, so that a left-to-right title keeps its brackets in a right-to-left sentence.
        message: t('dialog.takeUpMessage', { label, title: `\u2068${item.title}\u2069` }),
        confirm: t('dialog.takeUpAnyway'),
      });
      if (!go) return;
    }
    void run({ type: 'agenda.takeUp', itemId: item.id });
  };
  // Item 1 (b), "Adoption of the agenda", is taken up before the agenda is adopted.
  const canRun = state.opening !== null;
  const isParentOfSubItems = item.children.length > 0;
  return (
    <li className={`agenda-item status-${item.status}${item.parentId ? ' sub-item' : ''}`} aria-current={item.status === 'current' ? 'true' : undefined}>
      <span className="agenda-label">{label}</span>
      <span className="agenda-title" dir="auto">
        <Words value={item.title} />
      </span>
      <span className="agenda-status">{t(`console.status_${item.status}`)}</span>
      {canRun && !isParentOfSubItems ? (
        <span className="row-actions">
          {item.status === 'pending' ? (
            <button type="button" disabled={busy} onClick={() => void takeUp()}>
              {t('console.takeUp')}
            </button>
          ) : null}
          {item.status === 'current' ? (
            <>
              <button type="button" disabled={busy} onClick={() => void run({ type: 'agenda.suspend', itemId: item.id })}>
                {t('console.suspend')}
              </button>
              <button type="button" disabled={busy} onClick={() => void run({ type: 'agenda.close', itemId: item.id })}>
                {t('console.closeItem')}
              </button>
            </>
          ) : null}
          {item.status === 'suspended' || item.status === 'closed' ? (
            <button type="button" disabled={busy} onClick={() => void run({ type: 'agenda.resume', itemId: item.id })}>
              {t('console.resume')}
            </button>
          ) : null}
        </span>
      ) : null}
    </li>
  );
}
