import { LANGUAGES, type Lang } from '../languages';
import { foldForSearch, stateByM49, UN_STATES } from '../names/states';
import { CATEGORIES, STATE_CATEGORIES, type Category } from './categories';
import { DelegationInputSchema, MAX_BULK_DELEGATIONS, type DelegationInput } from './commands';
import { readTable } from '../core/table';

export interface ImportResult {
  delegations: DelegationInput[];
  /** Rows that could not be read, numbered from 1 as a spreadsheet shows them (the header is row 1 in CSV). */
  errors: { row: number; message: string }[];
}

/** English labels the nomination spreadsheets use, folded, for each category. */
const CATEGORY_LABELS: Record<string, Category> = {
  'state party': 'state_party',
  'states parties': 'state_party',
  party: 'state_party',
  'regional economic integration organization': 'reio_party',
  'regional economic integration organization party': 'reio_party',
  reio: 'reio_party',
  signatory: 'signatory',
  'signatory state': 'signatory',
  'signatory states': 'signatory',
  'observer state': 'observer_state',
  'non-signatory observer state': 'observer_state',
  'observer states': 'observer_state',
  'observer entity': 'observer_entity',
  'united nations body': 'un_body',
  'un body': 'un_body',
  'intergovernmental organization with permanent observer status': 'igo_observer',
  'permanent observer organization': 'igo_observer',
  'intergovernmental organization': 'igo',
  igo: 'igo',
  'other entity': 'other_entity',
  'non-governmental organization': 'ngo',
  ngo: 'ngo',
};

function readCategory(value: unknown): Category | undefined {
  if (typeof value !== 'string') return undefined;
  const v = foldForSearch(value.trim()).replace(/_/g, ' ');
  return (CATEGORIES as readonly string[]).includes(value.trim())
    ? (value.trim() as Category)
    : CATEGORY_LABELS[v];
}

function findState(row: Record<string, unknown>): string | undefined {
  const m49 = String(row.m49 ?? '').trim();
  if (m49) return stateByM49(m49.padStart(3, '0'))?.m49;
  const iso3 = String(row.iso3 ?? '').trim().toUpperCase();
  if (iso3) return UN_STATES.find((s) => s.iso3 === iso3)?.m49;
  const name = foldForSearch(String(row.state ?? '').trim());
  if (name) return UN_STATES.find((s) => Object.values(s.names).some((n) => foldForSearch(n) === name))?.m49;
  return undefined;
}

function readRow(row: Record<string, unknown> | null): DelegationInput | string {
  if (row === null) return 'expected an object';
  const category = readCategory(row.category);
  if (!category) return `unknown category "${String(row.category ?? '')}"`;
  const namesGiven = typeof row.names === 'object' && row.names !== null ? (row.names as Record<string, unknown>) : row;
  const names: Partial<Record<Lang, string>> = {};
  for (const l of LANGUAGES) {
    const v = namesGiven[`name_${l}`] ?? namesGiven[l];
    if (typeof v === 'string' && v.trim()) names[l] = v.trim();
  }
  const wantsState = row.m49 || row.iso3 || row.state;
  if (wantsState) {
    const m49 = findState(row);
    // Empty CSV cells are '', not undefined: name the column that was filled in.
    if (!m49) return `not a UN Member State or observer State: "${String(row.state || row.iso3 || row.m49)}"`;
    if (!(STATE_CATEGORIES as readonly string[]).includes(category)) return `a State cannot be registered as ${category}`;
    return { category: category as (typeof STATE_CATEGORIES)[number], m49 };
  }
  const parsed = DelegationInputSchema.safeParse({ category, names });
  return parsed.success ? parsed.data : 'give a State (m49, iso3 or state) or a name in at least one language';
}

/**
 * Reads a list of delegations from CSV (a header row; columns category and
 * m49, iso3 or state for States, name_en … name_ar for other entities) or
 * JSON (an array of such objects).
 */
export function parseDelegationList(content: string, format: 'csv' | 'json'): ImportResult {
  const table = readTable(content, format);
  if ('error' in table) {
    const message = table.error === 'not_json' ? `not valid JSON: ${table.detail}` : 'expected a JSON array';
    return { delegations: [], errors: [{ row: 0, message }] };
  }
  const result: ImportResult = { delegations: [], errors: [] };
  if (table.rows.length > MAX_BULK_DELEGATIONS) {
    result.errors.push({ row: 0, message: `at most ${MAX_BULK_DELEGATIONS} delegations at once` });
    return result;
  }
  for (const { row, cells } of table.rows) {
    const read = readRow(cells);
    if (typeof read === 'string') result.errors.push({ row, message: read });
    else result.delegations.push(read);
  }
  return result;
}
