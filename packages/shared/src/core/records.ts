/**
 * Copies of a record keyed by id (a meeting's speaker entries, its lists)
 * with keys set or one removed, the state staying immutable. A loop over the
 * keys, because V8 copies such objects (many keys, held as dictionaries)
 * 5-10x slower with a spread or a rest pattern: 40-70 µs for 50 entries, on
 * every speaker event. Same keys, same order, same values as the spread
 * (which an own `__proto__` key, never an id Gavel makes, still takes).
 */
const hasProtoKey = (record: object) => Object.hasOwn(record, '__proto__');

export function withKeys<T>(record: Readonly<Record<string, T>>, set: Readonly<Record<string, T>>): Record<string, T> {
  if (hasProtoKey(record) || hasProtoKey(set)) return { ...record, ...set };
  const copy: Record<string, T> = {};
  for (const key of Object.keys(record)) copy[key] = record[key]!;
  for (const key of Object.keys(set)) copy[key] = set[key]!;
  return copy;
}

export function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  if (hasProtoKey(record)) {
    const { [key]: _gone, ...rest } = record;
    return rest;
  }
  const copy: Record<string, T> = {};
  for (const k of Object.keys(record)) if (k !== key) copy[k] = record[k]!;
  return copy;
}
