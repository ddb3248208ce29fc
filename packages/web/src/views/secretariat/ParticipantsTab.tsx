import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATEGORIES,
  delegationName,
  formatInteger,
  LANGUAGE_AUTONYMS,
  LANGUAGES,
  parseDelegationList,
  STATE_CATEGORIES,
  stateByM49,
  type Category,
  type Delegation,
  type ImportResult,
  type Lang,
  type MeetingState,
} from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { ParticipantList } from '../../components/ParticipantList';
import { StatePicker } from '../../components/StatePicker';
import { useCommand } from '../../components/useCommand';
import { useDialogs } from '../../components/Dialogs';

export function ParticipantsTab({ state }: { state: MeetingState }) {
  return (
    <div className="two-columns">
      <div className="stack">
        <RegisterState state={state} />
        <RegisterEntity />
        <ImportDelegations />
      </div>
      <ParticipantList state={state} actions={(d) => <DelegationActions delegation={d} />} />
    </div>
  );
}

function CategorySelect({
  value,
  onChange,
  options,
  label,
}: {
  value: Category;
  onChange: (c: Category) => void;
  options: readonly Category[];
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as Category)}>
          {options.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RegisterState({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const [category, setCategory] = useState<(typeof STATE_CATEGORIES)[number]>('state_party');
  const [m49, setM49] = useState<string | undefined>();
  const [done, setDone] = useState('');
  const registered = Object.values(state.delegations).flatMap((d) => (d.m49 ? [d.m49] : []));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!m49) return;
    const ok = await run({ type: 'delegation.register', delegation: { category, m49 } });
    if (ok) {
      setDone(t('participants.registered', { name: stateByM49(m49)?.names[i18n.language as Lang] }));
      setM49(undefined);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="register-state">
      <h2 id="register-state">{t('participants.addState')}</h2>
      <StatePicker label={t('participants.state')} value={m49} onChange={setM49} exclude={registered} />
      <CategorySelect
        label={t('participants.category')}
        value={category}
        onChange={(c) => setCategory(c as typeof category)}
        options={STATE_CATEGORIES}
      />
      <button type="submit" className="primary" disabled={!m49 || busy}>
        {t('participants.register')}
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

function RegisterEntity() {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [category, setCategory] = useState<Category>('igo');
  const [names, setNames] = useState<Partial<Record<Lang, string>>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run({ type: 'delegation.register', delegation: { category, names } })) setNames({});
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="register-entity">
      <h2 id="register-entity">{t('participants.addEntity')}</h2>
      <CategorySelect label={t('participants.category')} value={category} onChange={setCategory} options={CATEGORIES} />
      {LANGUAGES.map((l) => (
        <Field key={l} label={t('participants.nameIn', { language: LANGUAGE_AUTONYMS[l] })}>
          {(props) => (
            <input
              {...props}
              lang={l}
              dir={l === 'ar' ? 'rtl' : 'ltr'}
              value={names[l] ?? ''}
              onChange={(e) => setNames({ ...names, [l]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <button type="submit" className="primary" disabled={busy || !Object.values(names).some((n) => n?.trim())}>
        {t('participants.register')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}

function ImportDelegations() {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const [read, setRead] = useState<ImportResult | null>(null);
  const [outcome, setOutcome] = useState('');

  const load = async (file: File | undefined) => {
    setOutcome('');
    if (!file) return setRead(null);
    const text = await file.text();
    const format = file.name.toLowerCase().endsWith('.json') || file.type.includes('json') ? 'json' : 'csv';
    setRead(parseDelegationList(text, format));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!read || read.delegations.length === 0) return;
    const result = await run({ type: 'delegation.registerMany', delegations: read.delegations });
    if (result) {
      const registered = result.events.filter((ev) => ev.type === 'DelegationRegistered').length;
      setOutcome(t('participants.importDone', {
        registered: formatInteger(registered, i18n.language as Lang),
        skipped: formatInteger(read.delegations.length - registered, i18n.language as Lang),
      }));
      setRead(null);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="import-heading">
      <h2 id="import-heading">{t('participants.import')}</h2>
      <Field label={t('participants.importFile')} hint={t('participants.importHint')}>
        {(props) => (
          <input {...props} type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void load(e.target.files?.[0])} />
        )}
      </Field>
      {read ? (
        <div role="status">
          <p>{t('participants.importReady', { count: formatInteger(read.delegations.length, i18n.language as Lang) })}</p>
          {read.errors.length > 0 ? (
            <div className="error">
              <p>{t('participants.importErrors', { count: formatInteger(read.errors.length, i18n.language as Lang) })}</p>
              <ul>
                {read.errors.slice(0, 20).map((er) => (
                  <li key={er.row} dir="auto">
                    {t('participants.importRow', { row: formatInteger(er.row, i18n.language as Lang), message: er.message })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
      <button type="submit" className="primary" disabled={busy || !read || read.delegations.length === 0}>
        {t('participants.importRun')}
      </button>
      <ErrorText error={error} />
      {outcome ? (
        <p className="success" role="status">
          {outcome}
        </p>
      ) : null}
    </form>
  );
}

function DelegationActions({ delegation }: { delegation: Delegation }) {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const dialogs = useDialogs();
  const name = delegationName(delegation, i18n.language as Lang);
  const options: readonly Category[] = delegation.m49 ? STATE_CATEGORIES : CATEGORIES;
  return (
    <>
      <select
        aria-label={t('participants.changeCategory', { name })}
        value={delegation.category}
        disabled={busy}
        onChange={(e) =>
          void run({ type: 'delegation.update', delegationId: delegation.id, category: e.target.value as Category })
        }
      >
        {options.map((c) => (
          <option key={c} value={c}>
            {t(`category.${c}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="danger"
        disabled={busy}
        aria-label={`${t('participants.remove')}: ${name}`}
        onClick={async () => {
          const go = await dialogs.confirm({
            title: `${t('participants.remove')}: ${name}`,
            message: t('participants.confirmRemove', { name }),
            confirm: t('participants.remove'),
            danger: true,
          });
          if (go) void run({ type: 'delegation.remove', delegationId: delegation.id });
        }}
      >
        {t('participants.remove')}
      </button>
      <ErrorText error={error} />
    </>
  );
}
