import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BUREAU_FUNCTIONS,
  delegationName,
  DELEGATION_FUNCTIONS,
  PERSON_FUNCTIONS,
  type Lang,
  type MeetingState,
  type Person,
  type PersonFunction,
} from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { useCommand } from '../../components/useCommand';
import { Words } from '../../components/Words';

export function PersonsTab({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const persons = Object.values(state.persons);
  const groups: { title: string; members: Person[] }[] = [
    { title: t('persons.bureau'), members: persons.filter((p) => BUREAU_FUNCTIONS.includes(p.function)) },
    { title: t('persons.secretariat'), members: persons.filter((p) => p.function === 'secretariat') },
    ...Object.values(state.delegations).map((d) => ({
      title: delegationName(d, lang),
      members: persons.filter((p) => p.delegationId === d.id && !BUREAU_FUNCTIONS.includes(p.function)),
    })),
    {
      title: t('functions.panellist'),
      members: persons.filter((p) => p.function === 'panellist' && !p.delegationId),
    },
  ].filter((g) => g.members.length > 0);

  return (
    <div className="two-columns">
      <RegisterPerson state={state} />
      <section className="card" aria-labelledby="persons-heading">
        <h2 id="persons-heading">{t('persons.title')}</h2>
        {persons.length === 0 ? <p className="muted">{t('persons.none')}</p> : null}
        {groups.map((g) => (
          <div key={g.title} className="category-group">
            <h3 dir="auto">{g.title}</h3>
            <ul className="delegation-list">
              {g.members.map((p) => (
                <PersonRow key={p.id} person={p} state={state} />
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}

function PersonRow({ person, state }: { person: Person; state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const delegation = person.delegationId ? state.delegations[person.delegationId] : undefined;
  return (
    <li data-testid="person">
      <span dir="auto">
        {Object.keys(person.title).length > 0 ? (
          <>
            <Words value={person.title} original={state.info.language} />{' '}
          </>
        ) : null}
        {person.name}
      </span>
      <span className="muted">
        {t(`functions.${person.function}`)}
        {delegation && BUREAU_FUNCTIONS.includes(person.function) ? ` (${delegationName(delegation, i18n.language as Lang)})` : ''}
      </span>
      <span className="row-actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          aria-label={`${t('persons.remove')}: ${person.name}`}
          onClick={() => void run({ type: 'person.remove', personId: person.id })}
        >
          {t('persons.remove')}
        </button>
      </span>
      <ErrorText error={error} />
    </li>
  );
}

function RegisterPerson({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [fn, setFn] = useState<PersonFunction>('representative');
  const [delegationId, setDelegationId] = useState('');
  const needsDelegation = DELEGATION_FUNCTIONS.includes(fn);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run({
      type: 'person.register',
      name,
      title,
      function: fn,
      ...(delegationId && fn !== 'secretariat' ? { delegationId } : {}),
    });
    if (ok) {
      setName('');
      setTitle('');
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="register-person">
      <h2 id="register-person">{t('persons.add')}</h2>
      <Field label={t('persons.name')}>{(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required />}</Field>
      <Field label={t('persons.titleField')} hint={t('persons.titleHint')}>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t('persons.function')}>
        {(p) => (
          <select {...p} value={fn} onChange={(e) => setFn(e.target.value as PersonFunction)}>
            {PERSON_FUNCTIONS.map((f) => (
              <option key={f} value={f}>
                {t(`functions.${f}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {fn !== 'secretariat' ? (
        <Field label={t('persons.delegation')}>
          {(p) => (
            <select {...p} value={delegationId} onChange={(e) => setDelegationId(e.target.value)} required={needsDelegation}>
              <option value="">{t('persons.noDelegation')}</option>
              {Object.values(state.delegations).map((d) => (
                <option key={d.id} value={d.id}>
                  {delegationName(d, i18n.language as Lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <button type="submit" className="primary" disabled={busy || !name.trim() || (needsDelegation && !delegationId)}>
        {t('persons.register')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}
