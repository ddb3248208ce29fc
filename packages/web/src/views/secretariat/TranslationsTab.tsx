import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  direction,
  LANGUAGE_AUTONYMS,
  LANGUAGES,
  missingPerLanguage,
  translationStatus,
  type Lang,
  type MeetingState,
  type TranslationEntry,
} from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { useCommand } from '../../components/useCommand';
import { Words } from '../../components/Words';

/**
 * The translation status: every typed word the report or a shared screen
 * shows, with the languages it lacks, and a field to give each one. The
 * report in a language shows what is missing in another language, marked.
 */
export function TranslationsTab({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const entries = translationStatus(state);
  const counts = missingPerLanguage(entries);
  const [lang, setLang] = useState<Lang | 'all'>('all');
  const shown = lang === 'all' ? entries : entries.filter((e) => e.missing.includes(lang));
  return (
    <section className="card" aria-labelledby="translations-heading">
      <h2 id="translations-heading">{t('translations.title')}</h2>
      <p className="muted">{t('translations.explain')}</p>
      <div className="row" role="group" aria-label={t('translations.filter')}>
        <button type="button" className={lang === 'all' ? 'active' : undefined} aria-pressed={lang === 'all'} onClick={() => setLang('all')}>
          {t('translations.all', { count: entries.length })}
        </button>
        {LANGUAGES.filter((l) => l !== state.info.language).map((l) => (
          <button key={l} type="button" className={lang === l ? 'active' : undefined} aria-pressed={lang === l} onClick={() => setLang(l)} data-testid={`missing-${l}`}>
            {t('translations.missingCount', { language: LANGUAGE_AUTONYMS[l], count: counts[l] })}
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p role="status">{t('translations.complete')}</p>
      ) : (
        <ul className="translation-list" data-testid="translation-status">
          {shown.map((e) => (
            <Entry key={`${e.key}-${lang}`} entry={e} state={state} only={lang === 'all' ? null : lang} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Entry({ entry, state, only }: { entry: TranslationEntry; state: MeetingState; only: Lang | null }) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const langs = only ? [only] : entry.missing;
  const [text, setText] = useState<Partial<Record<Lang, string>>>({});
  const submit = async (e: FormEvent, l: Lang) => {
    e.preventDefault();
    const value = text[l]?.trim();
    if (value) await run(entry.translate(l, value));
  };
  return (
    <li className="translation-entry">
      <p>
        <span className="badge">{t(`translations.kind_${entry.kind}`)}</span>{' '}
        <span dir="auto">
          {entry.kind === 'meeting' ? t(`meeting.${entry.context}`) : entry.kind === 'organization' ? t(`categories.${entry.context}`) : entry.context}
        </span>
        {': '}
        <Words value={entry.words} original={state.info.language} />
      </p>
      {langs.map((l) => (
        <form key={l} className="row" onSubmit={(e) => void submit(e, l)}>
          <label htmlFor={`${entry.key}-${l}`}>{LANGUAGE_AUTONYMS[l]}</label>
          <input id={`${entry.key}-${l}`} lang={l} dir={direction(l)} value={text[l] ?? ''} onChange={(e) => setText({ ...text, [l]: e.target.value })} />
          <button type="submit" disabled={busy || !text[l]?.trim()}>
            {t('translations.save')}
          </button>
        </form>
      ))}
      <ErrorText error={error} />
    </li>
  );
}
