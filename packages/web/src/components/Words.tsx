import { useContext, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, LANGUAGES, direction, missingLanguages, officialNameOf, officialNamesIn, pickLocalized, type Lang, type Localized, type LocalizedInput } from '@gavel/shared';
import { MeetingContext } from '../api/MeetingContext';

/** The meeting's language, when inside a meeting; it changes too rarely to subscribe for. */
function useMeetingLang(): Lang {
  return useContext(MeetingContext)?.getSnapshot().state?.info.language ?? 'en';
}

/**
 * Typed words (a body, an agenda item, a document title) in the language
 * shown, else in the meeting's language, tagged with the language they are
 * really in (so a screen reader reads them right) and marked, quietly, when a
 * translation is missing.
 */
export function Words({ value, lang, original }: { value: LocalizedInput | null | undefined; lang?: Lang; original?: Lang }) {
  const { t, i18n } = useTranslation();
  const meetingLang = useMeetingLang();
  const want = lang ?? (i18n.language as Lang);
  const picked = pickLocalized(value, want, original ?? meetingLang);
  if (!picked.lang) return null;
  if (!picked.fallback) return <span lang={picked.lang}>{picked.text}</span>;
  return (
    <span
      lang={picked.lang}
      dir={direction(picked.lang)}
      className="words-fallback"
      title={t('words.fallback', { language: LANGUAGE_AUTONYMS[want], shown: LANGUAGE_AUTONYMS[picked.lang] })}
    >
      {picked.text}
    </span>
  );
}

/** The same as plain text, for attributes and places that take a string. */
export function useWordsText(): (value: LocalizedInput | null | undefined, lang?: Lang) => string {
  const { i18n } = useTranslation();
  const meetingLang = useMeetingLang();
  return (value, lang) => pickLocalized(value, lang ?? (i18n.language as Lang), meetingLang).text;
}

/**
 * Typed words in six languages: the meeting's language first and required,
 * the others optional, each empty one marked as missing. `suggestions` offers
 * official names per language (the UN's names of States, bodies and
 * organizations) as the user types.
 */
export function LocalizedField({
  label,
  value,
  onChange,
  meetingLang,
  required = true,
  multiline = false,
  official = false,
  maxLength,
  testId,
}: {
  label: string;
  value: Localized;
  onChange: (next: Localized) => void;
  meetingLang: Lang;
  required?: boolean;
  multiline?: boolean;
  /** Offer the UN's names of bodies and organizations, and fill in the other languages from them. */
  official?: boolean;
  maxLength?: number;
  /** Given to the meeting language's input; the others get `${testId}-${lang}`. */
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const others = LANGUAGES.filter((l) => l !== meetingLang);
  const known = official ? officialNameOf(value) : undefined;
  const fillable = known ? LANGUAGES.filter((l) => !value[l]?.trim()) : [];
  const row = (l: Lang) => {
    const inputId = `${id}-${l}`;
    const listId = official ? `${inputId}-list` : undefined;
    const text = value[l] ?? '';
    const isRequired = required && l === meetingLang;
    const missing = !text.trim();
    const props = {
      id: inputId,
      lang: l,
      dir: direction(l),
      value: text,
      maxLength,
      'data-testid': testId ? (l === meetingLang ? testId : `${testId}-${l}`) : undefined,
      required: isRequired,
      'aria-invalid': isRequired && missing ? true : undefined,
      'aria-describedby': missing ? `${inputId}-missing` : undefined,
      onChange: (e: { target: { value: string } }) => onChange({ ...value, [l]: e.target.value }),
    };
    return (
      <div className={`localized-row${missing ? ' is-missing' : ''}`} key={l}>
        <label htmlFor={inputId}>
          {LANGUAGE_AUTONYMS[l]}
          {l === meetingLang ? <span className="badge">{t('words.meetingLanguage')}</span> : null}
        </label>
        {multiline ? <textarea {...props} rows={2} /> : <input {...props} list={listId} />}
        {listId ? (
          <datalist id={listId}>
            {officialNamesIn(l).map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        ) : null}
        {missing ? (
          <small id={`${inputId}-missing`} className={isRequired ? 'hint' : 'missing-mark'}>
            {isRequired ? t('words.required') : t('words.missing')}
          </small>
        ) : null}
      </div>
    );
  };
  return (
    <fieldset className="localized-field">
      <legend>{label}</legend>
      {row(meetingLang)}
      <details className="other-languages" open={others.some((l) => Boolean(value[l]?.trim()))}>
        <summary>{t('words.otherLanguages', { missing: others.filter((l) => !value[l]?.trim()).length })}</summary>
        {others.map(row)}
      </details>
      {known && fillable.length > 0 ? (
        <button type="button" className="small" onClick={() => onChange({ ...known.names, ...Object.fromEntries(LANGUAGES.filter((l) => value[l]?.trim()).map((l) => [l, value[l]])) })}>
          {t('words.fillOfficial', { languages: fillable.map((l) => LANGUAGE_AUTONYMS[l]).join(', ') })}
        </button>
      ) : null}
    </fieldset>
  );
}

/** A quiet mark listing the languages typed words still lack ("missing: 中文, Français"); nothing when complete. */
export function MissingLanguages({ value, original }: { value: LocalizedInput | null | undefined; original: Lang }) {
  const { t } = useTranslation();
  const missing = missingLanguages(value, original);
  if (missing.length === 0) return null;
  return (
    <small className="missing-mark" data-testid="missing-languages">
      <span title={missing.map((l) => LANGUAGE_AUTONYMS[l]).join(', ')}>{t('words.missingIn', { languages: missing.join(' ') })}</span>
    </small>
  );
}
