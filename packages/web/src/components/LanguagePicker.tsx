import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, LANGUAGES } from '@gavel/shared';

/** The six languages, each named in itself. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-picker">
      <span className="visually-hidden">{t('app.language')}</span>
      <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)} aria-label={t('app.language')}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_AUTONYMS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
