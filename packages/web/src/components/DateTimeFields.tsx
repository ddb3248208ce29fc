/**
 * Date and time fields in the user's language, on a 24-hour clock (issue 15).
 * The browser's own <input type="date|time"> follows the browser's locale
 * ("12/05/2026", "3:00 PM") whatever the app's language; these follow the
 * app's: day, month by name and year in the order and digits of the
 * language ("٥ كانون الأول/ديسمبر ٢٠٢٦", "2026年12月5日"), and a time typed
 * as hh:mm in the language's digits. Values stay ISO ("2026-12-05", "15:00").
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARABIC_MONTHS, formatInteger, INTL_LOCALE, type Lang } from '@gavel/shared';

const pad = (n: number) => String(n).padStart(2, '0');

function dateParts(value: string): { y: number; m: number; d: number } {
  const [y, m, d] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)?.slice(1).map(Number) ?? [0, 0, 0];
  return { y, m, d };
}

function monthName(month: number, lang: Lang): string {
  if (lang === 'ar') return ARABIC_MONTHS[month - 1];
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}

export function DateField({
  id,
  value,
  onChange,
  required = false,
  testId,
  describedBy,
}: {
  id: string;
  /** "YYYY-MM-DD", or '' for none. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  testId?: string;
  describedBy?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  // The parts chosen so far: a date is given out only once all three are, so a half-chosen one lives here.
  const [chosen, setChosen] = useState(() => dateParts(value));
  const given = useRef(value);
  if (value !== given.current) {
    given.current = value;
    setChosen(dateParts(value));
  }
  const { y, m, d } = chosen;
  const thisYear = new Date().getFullYear();
  const years: number[] = [];
  for (let year = Math.min(y || thisYear, thisYear - 1); year <= Math.max(y || thisYear, thisYear + 5); year++) years.push(year);
  const set = (part: 'y' | 'm' | 'd', n: number) => {
    const next = { ...chosen, [part]: n };
    if (next.y && next.m && next.d) next.d = Math.min(next.d, new Date(Date.UTC(next.y, next.m, 0)).getUTCDate());
    setChosen(next);
    given.current = next.y && next.m && next.d ? `${next.y}-${pad(next.m)}-${pad(next.d)}` : '';
    onChange(given.current);
  };
  const select = (part: 'y' | 'm' | 'd', current: number, options: number[], label: (n: number) => string, first: boolean) => (
    <select
      key={part}
      id={first ? id : undefined}
      className={`date-${part}`}
      aria-label={t(`dateField.${part === 'y' ? 'year' : part === 'm' ? 'month' : 'day'}`)}
      aria-describedby={describedBy}
      value={current || ''}
      required={required}
      onChange={(e) => set(part, Number(e.target.value))}
    >
      {required && current ? null : <option value="" />}
      {options.map((n) => (
        <option key={n} value={n}>
          {label(n)}
        </option>
      ))}
    </select>
  );
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const parts = lang === 'zh' ? (['y', 'm', 'd'] as const) : (['d', 'm', 'y'] as const);
  return (
    <span className="date-field" role="group" data-testid={testId}>
      {parts.map((part, i) =>
        part === 'd'
          ? select('d', d, range(1, 31), (n) => formatInteger(n, lang), i === 0)
          : part === 'm'
            ? select('m', m, range(1, 12), (n) => monthName(n, lang), i === 0)
            : select('y', y, years, (n) => formatInteger(n, lang), i === 0),
      )}
    </span>
  );
}

const LATIN = '0123456789';
/** Digits as the language writes them (Arabic-Indic in Arabic), and back. */
function toLangDigits(s: string, lang: Lang): string {
  const digits = formatInteger(1234567890, lang);
  const map = [digits[9], ...digits.slice(0, 9)];
  return s.replace(/[0-9]/g, (c) => map[Number(c)]);
}
function toLatinDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => LATIN[(c.charCodeAt(0) & 0xf) % 10]);
}

/** A time of day on a 24-hour clock, hh:mm (or hh:mm:ss with seconds), in the language's digits. */
export function TimeField({
  id,
  value,
  onChange,
  seconds = false,
  required = false,
  testId,
  describedBy,
}: {
  id: string;
  /** "HH:MM" or "HH:MM:SS" (Latin digits), or ''. */
  value: string;
  onChange: (value: string) => void;
  seconds?: boolean;
  required?: boolean;
  testId?: string;
  describedBy?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const shape = seconds ? /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/ : /^([01]?\d|2[0-3]):[0-5]\d$/;
  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      dir="ltr"
      className="time-field"
      autoComplete="off"
      data-testid={testId}
      aria-describedby={describedBy}
      placeholder={seconds ? t('dateField.hhmmss') : t('dateField.hhmm')}
      required={required}
      value={toLangDigits(value, lang)}
      onChange={(e) => {
        // Nothing dropped: "7:30 PM" must read as wrong, not as 07:30.
        const typed = toLatinDigits(e.target.value).trim();
        e.target.setCustomValidity(typed === '' || shape.test(typed) ? '' : t('dateField.badTime'));
        onChange(typed);
      }}
      onBlur={() => {
        if (shape.test(value) && value.indexOf(':') === 1) onChange(`0${value}`);
      }}
    />
  );
}
