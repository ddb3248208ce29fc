import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  delegationName,
  formatInteger,
  LANGUAGE_AUTONYMS,
  LANGUAGES,
  ROLES,
  type AccessCode,
  type IssuedCode,
  type Lang,
  type MeetingState,
  type Role,
} from '@gavel/shared';
import { useConnection } from '../../api/MeetingContext';
import { ApiError, authorizedFetch } from '../../api/http';
import { save } from '../report/exports';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { useCommand } from '../../components/useCommand';
import { useDialogs } from '../../components/Dialogs';
import { formatDateTime } from '../../i18n';

interface Shown extends IssuedCode {
  who: string;
}

export function CodesTab({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [shown, setShown] = useState<Shown[]>([]);
  const [showRevoked, setShowRevoked] = useState(false);
  const slips = useSlips(state.id, state.info.language);
  const codes = Object.values(state.codes).filter((c) => showRevoked || !c.revokedAt);
  /** For whom a code is: its delegation, or the label given when it was issued. */
  const who = (c: Pick<AccessCode, 'role' | 'delegationId' | 'label'>) => {
    const d = c.delegationId ? state.delegations[c.delegationId] : undefined;
    if (!d) return c.label || t(`roles.${c.role}`);
    const name = delegationName(d, lang);
    return c.label && c.label !== d.names.en ? `${name} · ${c.label}` : name;
  };
  const reveal = (issued: IssuedCode[], s: MeetingState) =>
    setShown((prev) => [...issued.map((c) => ({ ...c, who: who(s.codes[c.codeId] ?? { role: 'viewer', label: '' }) })), ...prev]);

  return (
    <div className="stack">
      <p className="muted">{t('codes.intro')}</p>
      {shown.length > 0 ? <NewCodes codes={shown} slips={slips} onDismiss={() => setShown([])} /> : null}
      <IssueForEveryone
        state={state}
        slips={slips}
        onIssued={(issued, s) => {
          reveal(issued, s);
          void slips.make(issued.map((c) => c.code));
        }}
      />
      <div className="two-columns">
        <IssueCode state={state} onIssued={reveal} />
        <section className="card" aria-labelledby="codes-heading">
          <h2 id="codes-heading">{t('codes.title')}</h2>
          <label className="inline">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />{' '}
            {t('codes.showRevoked')}
          </label>
          {codes.length === 0 ? <p className="muted">{t('codes.none')}</p> : null}
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('codes.role')}</th>
                <th scope="col">{t('codes.label')}</th>
                <th scope="col">{t('codes.issuedAt')}</th>
                <th scope="col">{t('codes.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('codes.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {codes.map((c) => (
                <CodeRow key={c.id} code={c} who={who(c)} onIssued={reveal} />
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

function CodeRow({
  code,
  who,
  onIssued,
}: {
  code: AccessCode;
  who: string;
  onIssued: (issued: IssuedCode[], s: MeetingState) => void;
}) {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const dialogs = useDialogs();
  const stateAfter = useStateAfter();
  return (
    <tr data-testid="code-row" className={code.revokedAt ? 'revoked' : undefined}>
      <td>{t(`roles.${code.role}`)}</td>
      <td dir="auto">{who}</td>
      <td>{formatDateTime(code.issuedAt, i18n.language as Lang)}</td>
      <td>{code.revokedAt ? t('codes.revoked') : t('codes.active')}</td>
      <td className="row-actions">
        {code.revokedAt ? null : (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={async () => {
                const r = await run({ type: 'access.reissue', codeId: code.id });
                if (r) onIssued(r.issuedCodes, stateAfter());
              }}
            >
              {t('codes.reissue')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={async () => {
                const go = await dialogs.confirm({ title: t('codes.revoke'), message: t('codes.confirmRevoke'), confirm: t('codes.revoke'), danger: true });
                if (go) void run({ type: 'access.revoke', codeId: code.id });
              }}
            >
              {t('codes.revoke')}
            </button>
          </>
        )}
        <ErrorText error={error} />
      </td>
    </tr>
  );
}


/** Reads the state after a command was applied (the closure's state is the one before). */
function useStateAfter(): () => MeetingState {
  const connection = useConnection();
  return () => connection.getSnapshot().state!;
}

function IssueCode({ state, onIssued }: { state: MeetingState; onIssued: (issued: IssuedCode[], s: MeetingState) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const stateAfter = useStateAfter();
  const [role, setRole] = useState<Role>('delegate');
  const [delegationId, setDelegationId] = useState('');
  const [label, setLabel] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run({ type: 'access.issue', role, label, ...(role === 'delegate' ? { delegationId } : {}) });
    if (r) {
      onIssued(r.issuedCodes, stateAfter());
      setLabel('');
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="issue-heading">
      <h2 id="issue-heading">{t('codes.issue')}</h2>
      <Field label={t('codes.role')}>
        {(p) => (
          <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === 'delegate' ? (
        <Field label={t('codes.delegation')}>
          {(p) => (
            <select {...p} value={delegationId} onChange={(e) => setDelegationId(e.target.value)} required>
              <option value="" />
              {Object.values(state.delegations).map((d) => (
                <option key={d.id} value={d.id}>
                  {delegationName(d, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field label={t('codes.label')} hint={t('codes.labelHint')}>
        {(p) => <input {...p} value={label} onChange={(e) => setLabel(e.target.value)} />}
      </Field>
      <button type="submit" className="primary" disabled={busy || (role === 'delegate' && !delegationId)}>
        {t('codes.issueButton')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}

function NewCodes({ codes, slips, onDismiss }: { codes: Shown[]; slips: Slips; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <section className="card notice" role="alert" aria-labelledby="new-codes">
      <h2 id="new-codes">{t('codes.writeDown')}</h2>
      <ul className="new-codes">
        {codes.map((c) => (
          <li key={c.codeId}>
            <span dir="auto">{t('codes.newCode', { who: c.who })}</span>
            <code className="access-code" dir="ltr" data-testid="new-code">
              {c.code}
            </code>
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(c.code);
                setCopied(c.codeId);
              }}
            >
              {copied === c.codeId ? t('codes.copied') : t('codes.copy')}
            </button>
          </li>
        ))}
      </ul>
      <div className="row-actions">
        <SlipLanguage slips={slips} />
        <button type="button" disabled={slips.busy} onClick={() => void slips.make(codes.map((c) => c.code))} data-testid="print-slips">
          {t('slips.print')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('codes.dismiss')}
        </button>
      </div>
      <SlipsOutcome slips={slips} />
    </section>
  );
}

interface Slips {
  lang: Lang;
  setLang: (l: Lang) => void;
  make: (codes: string[]) => Promise<void>;
  busy: boolean;
  file: string | null;
  error: ApiError | null;
}

/**
 * Slips are made from the codes this page was just given (they exist in
 * clear nowhere else): the server checks each one and returns the PDF.
 */
function useSlips(meetingId: string, meetingLang: Lang): Slips {
  const [lang, setLang] = useState<Lang>(meetingLang);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const make = async (codes: string[]) => {
    if (codes.length === 0) return;
    setBusy(true);
    setError(null);
    setFile(null);
    try {
      const res = await authorizedFetch(`/api/meetings/${encodeURIComponent(meetingId)}/slips`, { method: 'POST', body: { codes, lang } });
      setFile(await save(res, `access-codes.${lang}.pdf`));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('internal', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return { lang, setLang, make, busy, file, error };
}

function SlipLanguage({ slips }: { slips: Slips }) {
  const { t } = useTranslation();
  return (
    <label className="inline">
      {t('slips.language')}{' '}
      <select value={slips.lang} onChange={(e) => slips.setLang(e.target.value as Lang)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_AUTONYMS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

function SlipsOutcome({ slips }: { slips: Slips }) {
  const { t } = useTranslation();
  return (
    <>
      {slips.file ? (
        <p className="success" role="status" data-testid="slips-made">
          {t('slips.printed', { file: slips.file })}
        </p>
      ) : null}
      <ErrorText error={slips.error} />
    </>
  );
}

/** Codes for every delegation without one and, if ticked, the chair, the secretariat and the public: one command, one answer, one PDF. */
function IssueForEveryone({
  state,
  slips,
  onIssued,
}: {
  state: MeetingState;
  slips: Slips;
  onIssued: (issued: IssuedCode[], s: MeetingState) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const stateAfter = useStateAfter();
  const active = Object.values(state.codes).filter((c) => !c.revokedAt);
  const withCode = new Set(active.flatMap((c) => (c.delegationId ? [c.delegationId] : [])));
  const without = Object.values(state.delegations).filter((d) => !withCode.has(d.id));
  const others = ['chair', 'secretariat', 'viewer'] as const;
  // Ticked at first: whoever has no code yet.
  const [ticked, setTicked] = useState<Record<string, boolean>>(() => ({
    delegations: true,
    ...Object.fromEntries(others.map((r) => [r, !active.some((c) => c.role === r)])),
  }));
  const wanted = [
    ...(ticked.delegations ? without.map((d) => ({ role: 'delegate' as const, delegationId: d.id, label: delegationName(d, 'en') })) : []),
    ...others.filter((r) => ticked[r]).map((r) => ({ role: r, label: '' })),
  ];
  const box = (key: string, label: string) => (
    <label className="inline" key={key}>
      <input type="checkbox" checked={ticked[key] ?? false} onChange={(e) => setTicked({ ...ticked, [key]: e.target.checked })} /> {label}
    </label>
  );
  return (
    <section className="card" aria-labelledby="everyone-heading" data-testid="codes-for-everyone">
      <h2 id="everyone-heading">{t('slips.everyone')}</h2>
      <p className="muted">{t('slips.everyoneIntro')}</p>
      <fieldset className="checks">
        <legend className="visually-hidden">{t('slips.everyone')}</legend>
        {box('delegations', t('slips.forDelegations', { count: formatInteger(without.length, lang) }))}
        {box('chair', t('slips.forChair'))}
        {box('secretariat', t('slips.forSecretariat'))}
        {box('viewer', t('slips.forViewer'))}
      </fieldset>
      <div className="row-actions">
        <SlipLanguage slips={slips} />
        <button
          type="button"
          className="primary"
          disabled={busy || slips.busy || wanted.length === 0}
          onClick={async () => {
            const r = await run({ type: 'access.issueMany', codes: wanted });
            if (!r) return;
            setTicked({ delegations: true });
            onIssued(r.issuedCodes, stateAfter());
          }}
        >
          {t('slips.issueAndPrint')}
        </button>
      </div>
      <ErrorText error={error} />
    </section>
  );
}
