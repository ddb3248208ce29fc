import { fail } from '../core/errors';
import type { AgendaChange, AgendaItem, AgendaLine, AgendaState } from './model';

/** (a), (b), … (z), (aa), (ab) … as UN documents letter sub-items. */
export function subItemLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

/** "1", "1 (b)": the English-style label of a path. */
export function agendaLabel(path: readonly number[]): string {
  return path.length === 1 ? String(path[0]) : `${path[0]} (${subItemLetter(path[1])})`;
}

/** Recomputes every item's path and label from the order: numbers are never typed. */
export function renumber(agenda: AgendaState): AgendaState {
  const items: Record<string, AgendaItem> = {};
  agenda.order.forEach((topId, i) => {
    const top = agenda.items[topId];
    const path = [i + 1];
    items[topId] = { ...top, path, label: agendaLabel(path) };
    top.children.forEach((childId, j) => {
      const childPath = [i + 1, j + 1];
      items[childId] = { ...agenda.items[childId], path: childPath, label: agendaLabel(childPath) };
    });
  });
  return { ...agenda, items };
}

/** Every item, items and their sub-items, in agenda order. */
export function agendaInOrder(agenda: AgendaState): AgendaItem[] {
  return agenda.order.flatMap((topId) => [agenda.items[topId], ...agenda.items[topId].children.map((c) => agenda.items[c])]);
}

export function agendaLines(agenda: AgendaState): AgendaLine[] {
  return agendaInOrder(agenda).map((i) => ({ itemId: i.id, label: i.label, title: i.title }));
}

function siblings(agenda: AgendaState, parentId: string | null): string[] {
  return parentId === null ? agenda.order : agenda.items[parentId].children;
}

function withSiblings(agenda: AgendaState, parentId: string | null, next: string[]): AgendaState {
  if (parentId === null) return { ...agenda, order: next };
  const parent = agenda.items[parentId];
  return { ...agenda, items: { ...agenda.items, [parentId]: { ...parent, children: next } } };
}

function insert(list: string[], itemId: string, before: string | null): string[] {
  const at = before === null ? -1 : list.indexOf(before);
  return at < 0 ? [...list, itemId] : [...list.slice(0, at), itemId, ...list.slice(at)];
}

/**
 * Applies one structural change. The same code serves drafting and
 * amendments, so an amended agenda reads exactly like a drafted one. The
 * change was checked by `decide`; this only applies it.
 */
export function applyAgendaChange(agenda: AgendaState, change: AgendaChange): AgendaState {
  switch (change.op) {
    case 'add': {
      const { item, before } = change;
      const added: AgendaItem = {
        ...item,
        children: [],
        path: [],
        label: '',
        status: 'pending',
        periods: [],
      };
      const next = { ...agenda, items: { ...agenda.items, [item.id]: added } };
      return renumber(withSiblings(next, item.parentId, insert(siblings(next, item.parentId), item.id, before)));
    }
    case 'update': {
      const { itemId, ...fields } = change;
      const item = { ...agenda.items[itemId] };
      if (fields.title !== undefined) item.title = fields.title;
      if (fields.documents !== undefined) item.documents = fields.documents;
      if (fields.plannedDate !== undefined) item.plannedDate = fields.plannedDate;
      return { ...agenda, items: { ...agenda.items, [itemId]: item } };
    }
    case 'move': {
      const item = agenda.items[change.itemId];
      let next = withSiblings(agenda, item.parentId, siblings(agenda, item.parentId).filter((x) => x !== item.id));
      next = { ...next, items: { ...next.items, [item.id]: { ...next.items[item.id], parentId: change.parentId } } };
      next = withSiblings(next, change.parentId, insert(siblings(next, change.parentId), item.id, change.before));
      return renumber(next);
    }
    case 'remove': {
      const item = agenda.items[change.itemId];
      const next = withSiblings(agenda, item.parentId, siblings(agenda, item.parentId).filter((x) => x !== item.id));
      const items = { ...next.items };
      for (const gone of [item.id, ...item.children]) delete items[gone];
      return renumber({ ...next, items });
    }
  }
}

export function requireItem(agenda: AgendaState, itemId: string): AgendaItem {
  return agenda.items[itemId] ?? fail('not_found', `no agenda item ${itemId}`);
}
