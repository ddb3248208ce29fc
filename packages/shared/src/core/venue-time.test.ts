import { describe, expect, it } from 'vitest';
import { isTimeZone, venueClock, venueDate, venueInstant, zoneForOffset, zoneOffsetMinutes } from './venue-time';

describe('venue time in an IANA zone', () => {
  it('knows the zones Intl knows, and nothing else', () => {
    expect(isTimeZone('Europe/Vienna')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('+01:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it.each([
    { at: '2010-01-27T23:30:00Z', zone: 'Europe/Vienna', date: '2010-01-28', clock: '00:30:00' },
    { at: '2010-01-27T03:00:00Z', zone: 'America/New_York', date: '2010-01-26', clock: '22:00:00' },
    { at: '2010-07-27T22:30:00Z', zone: 'Europe/Vienna', date: '2010-07-28', clock: '00:30:00' },
    { at: '2010-01-27T12:00:00Z', zone: 'UTC', date: '2010-01-27', clock: '12:00:00' },
    { at: '2010-01-27T20:00:00Z', zone: 'Asia/Kathmandu', date: '2010-01-28', clock: '01:45:00' },
  ])('$at is $date $clock in $zone', ({ at, zone, date, clock }) => {
    expect(venueDate(Date.parse(at), zone)).toBe(date);
    expect(venueClock(Date.parse(at), zone)).toBe(clock);
    expect(venueInstant(date, clock, zone)).toBe(new Date(at).toISOString());
  });

  it('follows summer time, which a fixed offset did not', () => {
    expect(zoneOffsetMinutes(Date.parse('2027-01-15T12:00:00Z'), 'Europe/Vienna')).toBe(60);
    expect(zoneOffsetMinutes(Date.parse('2027-07-15T12:00:00Z'), 'Europe/Vienna')).toBe(120);
    // The night the clocks go forward (28 March 2027 in Vienna): 10:00 is UTC+2.
    expect(venueInstant('2027-03-28', '10:00', 'Europe/Vienna')).toBe('2027-03-28T08:00:00.000Z');
    expect(venueInstant('2027-03-27', '10:00', 'Europe/Vienna')).toBe('2027-03-27T09:00:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(venueInstant('2027-02-30', '10:00', 'UTC')).toBeNull();
    expect(venueInstant('2027-01-27', '24:00', 'UTC')).toBeNull();
    expect(venueInstant('27/01/2027', '10:00', 'UTC')).toBeNull();
  });

  it('reads a fixed offset of an old ledger as a zone that keeps it all year', () => {
    expect(zoneForOffset(0)).toBe('UTC');
    expect(zoneForOffset(60)).toBe('Etc/GMT-1');
    expect(zoneForOffset(-300)).toBe('Etc/GMT+5');
    const z = zoneForOffset(330);
    expect([Date.UTC(2027, 0, 1), Date.UTC(2027, 6, 1)].map((ms) => zoneOffsetMinutes(ms, z))).toEqual([330, 330]);
  });
});
