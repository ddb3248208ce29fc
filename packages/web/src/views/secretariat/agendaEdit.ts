import { LANGUAGES, toLocalized } from '@gavel/shared';
import type { AgendaAmendment, AgendaChangeInput, AgendaDocument, AgendaItem, AgendaState, Command, Lang, Localized, LocalizedInput } from '@gavel/shared';

/** A structural move of the agenda: where an item goes (the body of agenda.moveItem and of an amendment's move). */
export interface AgendaMove {
  itemId: string;
  parentId: string | null;
  before: string | null;
}

export type MoveDirection = 'up' | 'down' | 'indent' | 'outdent';

function siblingsOf(agenda: AgendaState, item: AgendaItem): string[] {
  return item.parentId === null ? agenda.order : (agenda.items[item.parentId]?.children ?? []);
}

/**
 * The move that takes an item one place up or down among its siblings, makes
 * it a sub-item of the item above (indent), or an item of its own right after
 * its parent (outdent); null when it cannot go that way.
 */
export function agendaMove(agenda: AgendaState, itemId: string, direction: MoveDirection): AgendaMove | null {
  const item = agenda.items[itemId];
  if (!item) return null;
  const siblings = siblingsOf(agenda, item);
  const i = siblings.indexOf(itemId);
  switch (direction) {
    case 'up':
      return i > 0 ? { itemId, parentId: item.parentId, before: siblings[i - 1] } : null;
    case 'down':
      return i >= 0 && i < siblings.length - 1 ? { itemId, parentId: item.parentId, before: siblings[i + 2] ?? null } : null;
    case 'indent':
      // Two levels only: an item with sub-items stays an item.
      return item.parentId === null && i > 0 && item.children.length === 0
        ? { itemId, parentId: siblings[i - 1], before: null }
        : null;
    case 'outdent': {
      if (item.parentId === null) return null;
      const p = agenda.order.indexOf(item.parentId);
      return { itemId, parentId: null, before: agenda.order[p + 1] ?? null };
    }
  }
}

/**
 * The command for a structural change: direct while the agenda is
 * provisional, a recorded amendment (with its note) once adopted.
 */
export type StructuralChange =
  | { op: 'add'; title: LocalizedInput; parentId?: string; documents?: AgendaDocument[]; plannedDate?: string }
  | ({ op: 'move' } & AgendaMove)
  | { op: 'remove'; itemId: string }
  | { op: 'update'; itemId: string; title: LocalizedInput };

export function structuralCommand(agenda: AgendaState, change: StructuralChange, note = ''): Command {
  const input: AgendaChangeInput =
    change.op === 'add' ? { ...change, title: typeof change.title === 'string' ? change.title.trim() : change.title, documents: change.documents ?? [] } : change;
  if (agenda.status === 'adopted') return { type: 'agenda.amend', change: input, note: note.trim() };
  switch (input.op) {
    case 'add': {
      const { op: _op, ...body } = input;
      return { type: 'agenda.addItem', ...body };
    }
    case 'move': {
      const { op: _op, ...body } = input;
      return { type: 'agenda.moveItem', ...body };
    }
    case 'remove':
      return { type: 'agenda.removeItem', itemId: input.itemId };
    case 'update': {
      const { op: _op, ...body } = input;
      return { type: 'agenda.updateItem', ...body };
    }
  }
}

/** What an edit of one item sends: the title (an amendment once adopted), then the documents and planned date. */
export function itemEditCommands(
  agenda: AgendaState,
  item: AgendaItem,
  draft: { title: LocalizedInput; documents: AgendaDocument[]; plannedDate: string },
  note = '',
  meetingLang: Lang = 'en',
): Command[] {
  const commands: Command[] = [];
  const words = toLocalized(draft.title, meetingLang);
  const titleChanged = JSON.stringify(words) !== JSON.stringify(toLocalized(item.title, meetingLang));
  // Every language named, so that one the user emptied is removed (titles are merged per language).
  const title = Object.fromEntries(LANGUAGES.map((l) => [l, words[l] ?? ''])) as Localized;
  const plannedDate = draft.plannedDate || null;
  const documents = draft.documents.map((d) => ({ symbol: d.symbol.trim(), title: toLocalized(d.title, meetingLang) }));
  const docsChanged = JSON.stringify(documents) !== JSON.stringify(item.documents);
  const dateChanged = plannedDate !== item.plannedDate;
  if (agenda.status === 'adopted') {
    if (titleChanged) commands.push(structuralCommand(agenda, { op: 'update', itemId: item.id, title }, note));
    if (docsChanged || dateChanged) {
      commands.push({
        type: 'agenda.updateItem',
        itemId: item.id,
        ...(docsChanged ? { documents } : {}),
        ...(dateChanged ? { plannedDate } : {}),
      });
    }
  } else if (titleChanged || docsChanged || dateChanged) {
    commands.push({
      type: 'agenda.updateItem',
      itemId: item.id,
      ...(titleChanged ? { title } : {}),
      ...(docsChanged ? { documents } : {}),
      ...(dateChanged ? { plannedDate } : {}),
    });
  }
  return commands;
}

/** How an amendment reads in the list: what kind, and the item's line before and after. */
export type AmendmentKind = 'added' | 'removed' | 'moved' | 'retitled' | 'changed';

export function amendmentKind(a: AgendaAmendment): AmendmentKind {
  switch (a.change.op) {
    case 'add':
      return 'added';
    case 'remove':
      return 'removed';
    case 'move':
      return 'moved';
    case 'update':
      return a.change.title !== undefined ? 'retitled' : 'changed';
  }
}

/**
 * The path of an English-style label as the record freezes it ("1 (b)" → [1, 2]),
 * so that an amendment's lines read in the UI's language; null if it is not one.
 */
export function labelPath(label: string): number[] | null {
  const m = /^(\d+)(?: \(([a-z]+)\))?$/.exec(label.trim());
  if (!m) return null;
  if (!m[2]) return [Number(m[1])];
  const letters = [...m[2]].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 96), 0);
  return [Number(m[1]), letters];
}
