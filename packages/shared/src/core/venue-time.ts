/**
 * Venue time in an IANA time zone ("Europe/Vienna", "America/New_York").
 * A meeting that spans a change to or from summer time keeps the venue's
 * clock right on both sides, which a fixed offset from UTC did not. Intl's
 * time zone data does the work; nothing here knows a rule of its own.
 */

/** A time zone Intl knows ("Europe/Vienna", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The venue's wall clock at an instant, as numbers. */
function wallClock(ms: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = partsFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute, s: p.second };
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const c = wallClock(ms, zone);
  const asUtc = Date.UTC(c.y, c.mo - 1, c.d, c.h, c.mi, c.s);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The venue's calendar date at an instant: "2010-01-25". */
export function venueDate(ms: number, zone: string): string {
  const c = wallClock(ms, zone);
  return `${c.y}-${pad(c.mo)}-${pad(c.d)}`;
}

/** The venue's time of day at an instant, as an <input type="time" step="1"> holds it: "10:05:12". */
export function venueClock(ms: number, zone: string): string {
  const c = wallClock(ms, zone);
  return `${pad(c.h)}:${pad(c.mi)}:${pad(c.s)}`;
}

/**
 * The instant of a venue date ("2027-01-27") and time ("10:05" or
 * "10:05:12"), as ISO in UTC; null if either is not valid. A time that the
 * clocks skip (spring forward) is read with the offset before the change.
 */
export function venueInstant(date: string, time: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(time);
  if (!m || !t) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +t[1], +t[2], t[3] ? +t[3] : 0);
  if (!new Date(wall).toISOString().startsWith(date)) return null;
  // The offset at the wall time read as UTC is right except within hours of a change; a second look settles it.
  let ms = wall - zoneOffsetMinutes(wall, zone) * 60_000;
  ms = wall - zoneOffsetMinutes(ms, zone) * 60_000;
  return new Date(ms).toISOString();
}

/** "UTC+01:00", "UTC−05:30", "UTC": the zone's offset at an instant. */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * A zone for a fixed offset from UTC, for ledgers recorded before meetings
 * had a zone: "Etc/GMT-1" for +60 (the Etc names count the other way), and
 * for an offset of part of an hour the first zone that keeps it all year.
 */
export function zoneForOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  if (minutes % 60 === 0) return `Etc/GMT${minutes > 0 ? '-' : '+'}${Math.abs(minutes / 60)}`;
  // A fixed year, so that a replay and a checkpoint pick the same zone whenever they run.
  const keeps = (z: string) => [Date.UTC(2020, 0, 1), Date.UTC(2020, 6, 1)].every((ms) => zoneOffsetMinutes(ms, z) === minutes);
  return Intl.supportedValuesOf('timeZone').find(keeps) ?? `Etc/GMT${minutes > 0 ? '-' : '+'}${Math.round(Math.abs(minutes) / 60)}`;
}
