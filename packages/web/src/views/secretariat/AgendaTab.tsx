import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatAgendaLabel,
  formatDate,
  formatInteger,
  hasLanguage,
  localizedText,
  toLocalized,
  venueDate,
  type AgendaAmendment,
  type AgendaDocument,
  type AgendaItem,
  type AgendaLine,
  type Lang,
  type Localized,
  type MeetingState,
} from '@gavel/shared';
import { LocalizedField, MissingLanguages, Words } from '../../components/Words';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { formatVenueTime, itemHeading, itemNumber } from '../../components/format';
import { useCommand } from '../../components/useCommand';
import { useDialogs } from '../../components/Dialogs';
import { DateField } from '../../components/DateTimeFields';
import {
  agendaMove,
  amendmentKind,
  itemEditCommands,
  labelPath,
  structuralCommand,
  type MoveDirection,
} from './agendaEdit';

/** What the add and edit forms hold: the item's fields, a document being typed, and an amendment's reason. */
interface ItemDraft {
  title: Localized;
  plannedDate: string;
  documents: AgendaDocument[];
  docSymbol: string;
  docTitle: string;
  /** How the report describes the document ("a background paper prepared by the Secretariat on …"); optional. */
  docDescription: string;
  note: string;
}

const emptyDraft = (): ItemDraft => ({ title: {}, plannedDate: '', documents: [], docSymbol: '', docTitle: '', docDescription: '', note: '' });

/** The documents of a draft, with the one still being typed (its title in the meeting's language) if it has a symbol. */
function draftDocuments(d: ItemDraft, meetingLang: Lang): AgendaDocument[] {
  if (!d.docSymbol.trim()) return d.documents;
  const description = d.docDescription.trim();
  return [...d.documents, { symbol: d.docSymbol.trim(), title: toLocalized(d.docTitle, meetingLang), ...(description ? { description: toLocalized(description, meetingLang) } : {}) }];
}

/** Moves the keyboard focus to an element once React has drawn the change. */
function focusSoon(id: string, fallback?: string) {
  setTimeout(() => {
    const el = document.getElementById(id) as HTMLButtonElement | null;
    const target = el && !el.disabled ? el : fallback ? document.getElementById(fallback) : null;
    target?.focus();
  }, 0);
}

/**
 * The provisional agenda, as the secretariat drafts it: items and sub-items,
 * numbered by the state; documents and planned dates; once adopted, every
 * change to titles and structure is an amendment with its reason, recorded.
 */
/** `focusItemId`: an item to show first (a link from the report to the item a paragraph comes from). */
export function AgendaTab({ state, focusItemId }: { state: MeetingState; focusItemId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { agenda } = state;
  const adopted = agenda.status === 'adopted';
  const zone = state.rules.programme.timeZone;
  const count = Object.keys(agenda.items).length;

  return (
    <div className="stack draft-agenda">
      <section className="card draft-agenda-state" aria-labelledby="agenda-heading">
        <div className="draft-agenda-head">
          <h2 id="agenda-heading">{t('agenda.title')}</h2>
          <p className="draft-agenda-badge" data-testid="agenda-state">
            {adopted && agenda.adoption
              ? t('agenda.adoptedOn', {
                  date: formatDate(venueDate(Date.parse(agenda.adoption.at), zone), lang),
                  time: formatVenueTime(agenda.adoption.at, zone, lang, false),
                })
              : t('agenda.provisional')}
          </p>
        </div>
        <p className="muted">{adopted ? t('agenda.adoptedExplain') : t('agenda.provisionalExplain')}</p>
      </section>
      <div className="two-columns">
        <AddItem state={state} />
        <section className="card" aria-labelledby="agenda-items-heading">
          <h2 id="agenda-items-heading" tabIndex={-1}>
            {t('agenda.items')} <span className="count">({formatInteger(count, lang)})</span>
          </h2>
          {agenda.order.length === 0 ? (
            <p className="muted">{t('agenda.empty')}</p>
          ) : (
            <ol className="draft-agenda-list" data-testid="agenda-list">
              {agenda.order.map((id) => (
                <ItemRow key={id} state={state} item={agenda.items[id]} focused={id === focusItemId} />
              ))}
            </ol>
          )}
        </section>
      </div>
      {adopted ? <Amendments state={state} /> : null}
    </div>
  );
}

function AddItem({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const [draft, setDraft] = useState<ItemDraft>(emptyDraft);
  const [parentId, setParentId] = useState('');
  const [done, setDone] = useState('');
  const adopted = state.agenda.status === 'adopted';
  const parents = state.agenda.order.map((id) => state.agenda.items[id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!hasLanguage(draft.title, state.info.language)) return;
    const command = structuralCommand(
      state.agenda,
      {
        op: 'add',
        title: toLocalized(draft.title, state.info.language),
        documents: draftDocuments(draft, state.info.language),
        ...(parentId && state.agenda.items[parentId] ? { parentId } : {}),
        ...(draft.plannedDate ? { plannedDate: draft.plannedDate } : {}),
      },
      draft.note,
    );
    if (await run(command)) {
      setDone(t('agenda.added', { title: draft.title[state.info.language]?.trim() ?? '' }));
      setDraft(emptyDraft());
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="agenda-add-heading" data-testid="agenda-add">
      <h2 id="agenda-add-heading">{t('agenda.addItem')}</h2>
      <Field label={t('agenda.place')}>
        {(p) => (
          <select {...p} data-testid="item-place" value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{t('agenda.topLevel')}</option>
            {parents.map((i) => (
              <option key={i.id} value={i.id}>
                {t('agenda.subItemOf', { label: formatAgendaLabel(i.path, lang), title: localizedText(i.title, lang, state.info.language) })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ItemFields state={state} draft={draft} onChange={setDraft} amend={adopted} />
      <button type="submit" className="primary" disabled={busy || !hasLanguage(draft.title, state.info.language)}>
        {adopted ? t('agenda.addAmend') : t('agenda.add')}
      </button>
      <ErrorText error={error} />
      {done && !error ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
    </form>
  );
}

/** Title, planned date, documents (and, after adoption, the amendment's reason): shared by adding and editing. */
function ItemFields({
  state,
  draft,
  onChange,
  amend,
  titleChanged = true,
}: {
  state: MeetingState;
  draft: ItemDraft;
  onChange: (d: ItemDraft) => void;
  /** After adoption: ask for the reason of the amendment. */
  amend: boolean;
  /** Editing: the reason matters only if the title changed. */
  titleChanged?: boolean;
}) {
  const { t } = useTranslation();
  const meetingLang = state.info.language;
  const set = (patch: Partial<ItemDraft>) => onChange({ ...draft, ...patch });
  const docsId = useId();
  const addDocument = () => {
    if (!draft.docSymbol.trim()) return;
    set({ documents: draftDocuments(draft, meetingLang), docSymbol: '', docTitle: '', docDescription: '' });
    setTimeout(() => document.getElementById(`${docsId}-symbol`)?.focus(), 0);
  };
  /** Enter in any of the document's fields adds it, as the button does. */
  const addOnEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addDocument();
    }
  };
  return (
    <>
      <LocalizedField
        label={t('agenda.itemTitle')}
        value={draft.title}
        onChange={(title) => set({ title })}
        meetingLang={meetingLang}
        multiline
        maxLength={500}
        testId="item-title"
      />
      <Field label={t('agenda.plannedDate')} hint={t('agenda.plannedDateHint')}>
        {(p) => (
          <DateField id={p.id} describedBy={p['aria-describedby']} testId="item-date" value={draft.plannedDate} onChange={(v) => set({ plannedDate: v })} />
        )}
      </Field>
      <fieldset className="documents-editor" aria-describedby={`${docsId}-hint`}>
        <legend>{t('agenda.documents')}</legend>
        {draft.documents.length > 0 ? (
          <ul className="document-list">
            {draft.documents.map((d, i) => (
              <li key={`${d.symbol}-${i}`}>
                <span className="doc-symbol" dir="ltr">
                  {d.symbol}
                </span>
                <span dir="auto">
                  <Words value={d.title} original={meetingLang} />
                </span>
                {d.description ? (
                  <span dir="auto" className="muted doc-description">
                    <Words value={d.description} original={meetingLang} />
                  </span>
                ) : null}
                <button
                  type="button"
                  className="danger small"
                  aria-label={t('agenda.removeDocument', { symbol: d.symbol })}
                  onClick={() => set({ documents: draft.documents.filter((_, k) => k !== i) })}
                >
                  {t('agenda.remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted" id={`${docsId}-hint`}>
            {t('agenda.noDocuments')}
          </p>
        )}
        <div className="row">
          <div className="field doc-symbol-field">
            <label htmlFor={`${docsId}-symbol`}>{t('agenda.symbol')}</label>
            <input
              id={`${docsId}-symbol`}
              data-testid="doc-symbol"
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              placeholder="CTOC/COP/WG.4/2010/2"
              maxLength={100}
              value={draft.docSymbol}
              onChange={(e) => set({ docSymbol: e.target.value })}
              onKeyDown={addOnEnter}
            />
          </div>
          <div className="field">
            <label htmlFor={`${docsId}-title`}>{t('agenda.docTitle')}</label>
            <input
              id={`${docsId}-title`}
              data-testid="doc-title"
              dir="auto"
              lang={meetingLang}
              maxLength={500}
              value={draft.docTitle}
              onChange={(e) => set({ docTitle: e.target.value })}
              onKeyDown={addOnEnter}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${docsId}-description`}>
            {t('agenda.docDescription')} <span className="muted">({t('actions.optional')})</span>
          </label>
          <input
            id={`${docsId}-description`}
            data-testid="doc-description"
            dir="auto"
            lang={meetingLang}
            maxLength={500}
            value={draft.docDescription}
            aria-describedby={`${docsId}-description-hint`}
            onChange={(e) => set({ docDescription: e.target.value })}
            onKeyDown={addOnEnter}
          />
          <small id={`${docsId}-description-hint`} className="hint">
            {t('agenda.docDescriptionHint')}
          </small>
        </div>
        <button type="button" data-testid="doc-add" onClick={addDocument} disabled={!draft.docSymbol.trim()}>
          {t('agenda.addDocument')}
        </button>
      </fieldset>
      {amend && titleChanged ? (
        <Field label={t('agenda.note')} hint={t('agenda.noteHint')}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              dir="auto"
              maxLength={1000}
              data-testid="amend-note"
              value={draft.note}
              onChange={(e) => set({ note: e.target.value })}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}

function ItemRow({ state, item, focused = false }: { state: MeetingState; item: AgendaItem; focused?: boolean }) {
  const { t, i18n } = useTranslation();
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) row.current?.scrollIntoView({ block: 'center' });
  }, [focused]);
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const dialogs = useDialogs();
  const [editing, setEditing] = useState(false);
  const { agenda } = state;
  const adopted = agenda.status === 'adopted';
  const label = formatAgendaLabel(item.path, lang);
  const meetingLang = state.info.language;
  const idOf = (action: string) => `agenda-${item.id}-${action}`;

  const move = async (direction: MoveDirection) => {
    const target = agendaMove(agenda, item.id, direction);
    if (!target) return;
    let note = '';
    if (adopted) {
      const answer = await dialogs.prompt({
        title: t('dialog.amendTitle'),
        message: t('dialog.moveAmends', { label }),
        label: t('dialog.reason'),
        confirm: t('dialog.move'),
      });
      if (answer === null) return;
      note = answer;
    }
    if (await run(structuralCommand(agenda, { op: 'move', ...target }, note))) {
      focusSoon(idOf(direction === 'indent' || direction === 'outdent' ? 'edit' : direction), idOf('edit'));
    }
  };

  const remove = async () => {
    let note = '';
    if (adopted) {
      const answer = await dialogs.prompt({
        title: t('dialog.amendTitle'),
        message: t('dialog.removeAmends', { label, title: `\u2068${localizedText(item.title, lang, meetingLang)}\u2069` }),
        label: t('dialog.reason'),
        confirm: t('agenda.remove'),
        danger: true,
      });
      if (answer === null) return;
      note = answer;
    } else {
      const go = await dialogs.confirm({
        title: t('agenda.remove'),
        message: t('agenda.confirmRemove', { label, title: `\u2068${localizedText(item.title, lang, meetingLang)}\u2069` }),
        confirm: t('agenda.remove'),
        danger: true,
      });
      if (!go) return;
    }
    // The keyboard goes on to the item after (or before) the one removed, else to the list's heading.
    const siblings = item.parentId === null ? agenda.order : agenda.items[item.parentId].children;
    const i = siblings.indexOf(item.id);
    const neighbour = siblings[i + 1] ?? siblings[i - 1] ?? item.parentId;
    if (await run(structuralCommand(agenda, { op: 'remove', itemId: item.id }, note))) {
      focusSoon(neighbour ? `agenda-${neighbour}-edit` : 'agenda-items-heading', 'agenda-items-heading');
    }
  };

  const moves: MoveDirection[] = ['up', 'down', item.parentId === null ? 'indent' : 'outdent'];
  const moveLabel: Record<MoveDirection, string> = {
    up: t('agenda.moveUp', { label }),
    down: t('agenda.moveDown', { label }),
    indent: t('agenda.indent', { label }),
    outdent: t('agenda.outdent', { label }),
  };
  const moveText: Record<MoveDirection, string> = {
    up: '↑',
    down: '↓',
    indent: t('agenda.indentShort'),
    outdent: t('agenda.outdentShort'),
  };

  return (
    <li
      ref={row}
      className={`draft-item${item.parentId ? ' draft-sub-item' : ''} status-${item.status}${focused ? ' focused' : ''}`}
      data-testid="agenda-item"
      data-label={item.label}
      aria-current={focused ? 'true' : undefined}
    >
      <div className="draft-item-line">
        <span className="draft-item-label" aria-hidden="true">
          {item.parentId ? label.replace(/^\S+\s/, '') : itemNumber(item.path, lang)}
        </span>
        <div className="draft-item-body">
          <p className="draft-item-title" id={idOf('title')}>
            <span className="visually-hidden">{t('agenda.itemNumber', { label })} </span>
            <span dir="auto">
              <Words value={item.title} original={meetingLang} />
            </span>
            <MissingLanguages value={item.title} original={meetingLang} />
          </p>
          <p className="draft-item-meta muted">
            {item.plannedDate ? t('agenda.plannedFor', { date: formatDate(item.plannedDate, lang) }) : t('agenda.notPlanned')}
            {item.status !== 'pending' ? <span className="badge">{t(`agenda.status_${item.status}`)}</span> : null}
          </p>
          {item.documents.length > 0 ? (
            <ul className="document-list" aria-label={t('agenda.documentsOf', { label })}>
              {item.documents.map((d, i) => (
                <li key={`${d.symbol}-${i}`} data-testid="agenda-document">
                  <span className="doc-symbol" dir="ltr">
                    {d.symbol}
                  </span>
                  {d.title ? (
                    <span dir="auto">
                      <Words value={d.title} original={meetingLang} />
                    </span>
                  ) : null}
                  {d.description ? (
                    <span dir="auto" className="muted doc-description">
                      <Words value={d.description} original={meetingLang} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="row-actions draft-item-actions" role="group" aria-label={t('agenda.actionsOn', { label })}>
          <button
            type="button"
            id={idOf('edit')}
            aria-expanded={editing}
            aria-label={t('agenda.editItem', { label })}
            onClick={() => setEditing(!editing)}
          >
            {t('agenda.edit')}
          </button>
          {moves.map((d) => (
            <button
              key={d}
              type="button"
              id={idOf(d)}
              className={`move move-${d}`}
              disabled={busy || !agendaMove(agenda, item.id, d)}
              aria-label={moveLabel[d]}
              title={moveLabel[d]}
              onClick={() => void move(d)}
            >
              {moveText[d]}
            </button>
          ))}
          <button
            type="button"
            className="danger"
            disabled={busy}
            aria-label={t('agenda.removeItem', { label })}
            onClick={() => void remove()}
          >
            {t('agenda.remove')}
          </button>
        </div>
      </div>
      <ErrorText error={error} />
      {editing ? (
        <EditItem
          state={state}
          item={item}
          onDone={() => {
            setEditing(false);
            focusSoon(idOf('edit'));
          }}
        />
      ) : null}
      {item.children.length > 0 ? (
        <ol className="draft-agenda-list draft-sub-list">
          {item.children.map((id) => (
            <ItemRow key={id} state={state} item={agenda.items[id]} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function EditItem({ state, item, onDone }: { state: MeetingState; item: AgendaItem; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const headingId = useId();
  const [draft, setDraft] = useState<ItemDraft>({
    ...emptyDraft(),
    title: item.title,
    plannedDate: item.plannedDate ?? '',
    documents: item.documents,
  });
  const adopted = state.agenda.status === 'adopted';
  const titleChanged = JSON.stringify(toLocalized(draft.title, state.info.language)) !== JSON.stringify(item.title);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const commands = itemEditCommands(
      state.agenda,
      item,
      { title: draft.title, plannedDate: draft.plannedDate, documents: draftDocuments(draft, state.info.language) },
      draft.note,
      state.info.language,
    );
    for (const command of commands) {
      if (!(await run(command))) return;
    }
    onDone();
  };

  return (
    <form
      className="item-editor"
      onSubmit={submit}
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <h3 id={headingId}>{t('agenda.editItem', { label: formatAgendaLabel(item.path, lang) })}</h3>
      {adopted ? <p className="notice">{t('agenda.editAdopted')}</p> : null}
      <ItemFields state={state} draft={draft} onChange={setDraft} amend={adopted} titleChanged={titleChanged} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !hasLanguage(draft.title, state.info.language)}>
          {adopted && titleChanged ? t('agenda.saveAmend') : t('agenda.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('actions.cancel')}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

/** The amendments to the adopted agenda, as recorded: when, who, what, why. */
function Amendments({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const zone = state.rules.programme.timeZone;
  const amendments = state.agenda.amendments;
  const line = (l: AgendaLine | null) => {
    if (!l) return '—';
    const path = labelPath(l.label);
    return path ? itemHeading({ path, title: l.title }, lang, state.info.language) : `${l.label} ${localizedText(l.title, lang, state.info.language)}`;
  };
  const what = (a: AgendaAmendment) => t(`agenda.amendment_${amendmentKind(a)}`);
  return (
    <section className="card" aria-labelledby="amendments-heading">
      <h2 id="amendments-heading">
        {t('agenda.amendments')} <span className="count">({formatInteger(amendments.length, lang)})</span>
      </h2>
      {amendments.length === 0 ? (
        <p className="muted">{t('agenda.noAmendments')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table amendments-table" data-testid="amendments">
            <thead>
              <tr>
                <th scope="col">{t('agenda.amendedAt')}</th>
                <th scope="col">{t('agenda.amendment')}</th>
                <th scope="col">{t('agenda.before')}</th>
                <th scope="col">{t('agenda.after')}</th>
                <th scope="col">{t('agenda.note')}</th>
                <th scope="col">{t('agenda.amendedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {amendments.map((a) => (
                <tr key={a.id}>
                  <td>
                    {formatDate(venueDate(Date.parse(a.at), zone), lang)}{' '}
                    <span dir="ltr">{formatVenueTime(a.at, zone, lang, false)}</span>
                  </td>
                  <th scope="row">{what(a)}</th>
                  <td dir="auto">
                    {a.before ? <del>{line(a.before)}</del> : '—'}
                  </td>
                  <td dir="auto">
                    {a.after ? <ins>{line(a.after)}</ins> : '—'}
                  </td>
                  <td dir="auto">{a.note || <span className="muted">{t('agenda.noNote')}</span>}</td>
                  <td dir="auto">{a.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
