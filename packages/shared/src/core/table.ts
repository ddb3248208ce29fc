import Papa from 'papaparse';
import { removeForbiddenChars } from './schema';

/**
 * Rows of an uploaded table: CSV with a header row, or JSON (an array of
 * objects), each row numbered as the user sees it (a spreadsheet's row, the
 * header being row 1; the array's position from 1 in JSON). Keys are trimmed
 * and lower-cased; blank CSV rows are skipped but keep the numbering.
 */
/** `cells` null: the JSON array held something else than an object there. */
export interface TableRow {
  row: number;
  cells: Record<string, unknown> | null;
}

export type TableRows = { rows: TableRow[] } | { error: 'not_json' | 'not_array'; detail?: string };

export function readTable(content: string, format: 'csv' | 'json'): TableRows {
  let raw: unknown[];
  let firstRow: number;
  if (format === 'json') {
    let data: unknown;
    try {
      // A file's stray control characters are removed, not refused (core/schema.ts).
      data = JSON.parse(content, (_k, v: unknown) => (typeof v === 'string' ? removeForbiddenChars(v) : v));
    } catch (e) {
      return { error: 'not_json', detail: (e as Error).message };
    }
    if (!Array.isArray(data)) return { error: 'not_array' };
    raw = data;
    firstRow = 1;
  } else {
    raw = Papa.parse<Record<string, string>>(removeForbiddenChars(content.replace(/^\uFEFF/, '')), { header: true }).data;
    firstRow = 2;
  }
  const rows: TableRow[] = [];
  raw.forEach((r, i) => {
    const object = typeof r === 'object' && r !== null && !Array.isArray(r);
    const cells = object ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k.trim().toLowerCase(), v])) : null;
    const blank = format === 'csv' && cells !== null && Object.values(cells).every((v) => typeof v !== 'string' || !v.trim());
    if (!blank) rows.push({ row: i + firstRow, cells });
  });
  return { rows };
}
