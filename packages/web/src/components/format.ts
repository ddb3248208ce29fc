import { formatAgendaLabel, formatDuration, formatOffset, INTL_LOCALE, localizedText, venueClock, zoneOffsetMinutes, type AgendaItem, type Lang, type LocalizedInput } from '@gavel/shared';

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

/** The time of day at the venue (its IANA time zone) of an instant: "10:05:12", "١٠:٠٥:١٢". */
export function formatVenueTime(iso: string, zone: string, lang: Lang, seconds = true): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone: zone,
  }).format(Date.parse(iso));
}

/** The venue's time of day of an instant as an <input type="time" step="1"> holds it: "10:05:12". */
export function venueTimeInput(iso: string, zone: string): string {
  return venueClock(Date.parse(iso), zone);
}

/**
 * The venue's zone and its offset now: "Europe/Vienna, UTC+01:00", isolated
 * left-to-right so that it reads whole inside an Arabic sentence.
 */
export function formatZone(zone: string, atMs = Date.now()): string {
  const offset = formatOffset(zoneOffsetMinutes(atMs, zone));
  return `\u2066${zone === 'UTC' ? offset : `${zone}, ${offset}`}\u2069`;
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
