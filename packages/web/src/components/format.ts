import { formatAgendaLabel, formatDuration, INTL_LOCALE, localizedText, type AgendaItem, type Lang, type LocalizedInput } from '@gavel/shared';

/**
 * Formatting and reading of times, durations and agenda numbers in the UI
 * language. Pure: no clock, no DOM.
 */

/**
 * A duration rounded to the second, with a minus sign when negative (an
 * overrun, a day over its time): "3:05", "−0:30", "−١:٠٢:٠٣".
 */
export function formatSignedDuration(ms: number, lang: Lang): string {
  const rounded = Math.round(Math.abs(ms) / 1000) * 1000;
  return (ms < 0 && rounded > 0 ? '−' : '') + formatDuration(rounded, lang);
}

/** Western digits for the Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) ones a user may type. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - (d >= '\u06F0' ? 0x06f0 : 0x0660)));
}

/**
 * Reads a duration typed as "3", "3:30" or "1:05:00" (minutes, minutes:seconds,
 * hours:minutes:seconds), in any digits; null if it is not one.
 */
export function parseDuration(text: string): number | null {
  const parts = toAsciiDigits(text)
    .trim()
    .split(/\s*[:.,٫]\s*/);
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => !/^\d{1,4}$/.test(p))) return null;
  const n = parts.map(Number);
  if (parts.length >= 2 && (n[n.length - 1] > 59 || parts[parts.length - 1].length !== 2)) return null;
  if (parts.length === 3 && n[1] > 59) return null;
  const [h, m, s] = parts.length === 3 ? n : parts.length === 2 ? [0, n[0], n[1]] : [0, n[0], 0];
  return ((h * 60 + m) * 60 + s) * 1000;
}

/** The time of day at the venue (fixed offset from UTC) of an instant: "10:05:12", "١٠:٠٥:١٢". */
export function formatVenueTime(iso: string, utcOffsetMinutes: number, lang: Lang, seconds = true): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(Date.parse(iso) + utcOffsetMinutes * 60_000);
}

/** The venue's time of day of an instant as an <input type="time" step="1"> holds it: "10:05:12". */
export function venueTimeInput(iso: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(11, 19);
}

/** The instant of a venue date ("2027-01-27") and time ("10:05" or "10:05:12"); null if not valid. */
export function venueInstant(date: string, time: string, utcOffsetMinutes: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(time);
  if (!m || !t) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +t[1], +t[2], t[3] ? +t[3] : 0) - utcOffsetMinutes * 60_000;
  return new Date(ms).toISOString();
}

/** "UTC+01:00", "UTC−05:30", "UTC". */
export function formatUtcOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * An item's number as it heads its title: "1." and "1 (a)" in English, "١-"
 * and "١ (أ)" in Arabic (the model report's "١- المسائل التنظيمية").
 */
export function itemNumber(path: readonly number[], lang: Lang): string {
  const label = formatAgendaLabel(path, lang);
  if (path.length !== 1) return label;
  return lang === 'ar' ? `${label}-` : `${label}.`;
}

/** "1. Organizational matters", "1 (a) Opening of the meeting": an item in a list or a menu. */
export function itemHeading(item: Pick<AgendaItem, 'path'> & { title: LocalizedInput }, lang: Lang, original: Lang = lang): string {
  return `${itemNumber(item.path, lang)} ${localizedText(item.title, lang, original)}`;
}
