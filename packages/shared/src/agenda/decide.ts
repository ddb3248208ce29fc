import type { Actor, DecideContext } from '../core/context';
import { fail } from '../core/errors';
import { hasLanguage, mergeLocalized, toLocalized, type Localized, type LocalizedInput } from '../core/localized';
import type { Lang } from '../languages';
import type { DomainEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import { withdrawPending } from '../speakers/decide';
import { MAX_AGENDA_ITEMS, type AgendaChangeInput, type AgendaCommand } from './commands';
import type { AgendaChange, AgendaItem, AgendaLine, AgendaState } from './model';
import { agendaInOrder, applyAgendaChange, requireItem } from './numbering';

/** Decides the agenda commands: drafting, opening, adoption, amendments, running the items. */
export function decideAgenda(state: MeetingState, command: AgendaCommand, _actor: Actor, ctx: DecideContext): DomainEvent[] {
  const { agenda } = state;
  switch (command.type) {
    case 'meeting.open':
      if (state.opening) fail('invalid_state', `the meeting was opened at ${state.opening.at}`);
      return [{ type: 'MeetingOpened', payload: {} }];

    case 'agenda.correctTime': {
      const now = command.moment === 'opening' ? state.opening?.at : agenda.adoption?.at;
      if (!now) fail('invalid_state', command.moment === 'opening' ? 'the meeting has not been opened' : 'the agenda has not been adopted');
      if (Date.parse(now) === Date.parse(command.at)) fail('invalid_command', 'the correction changes nothing');
      const at = new Date(command.at).toISOString();
      return [{ type: 'AgendaTimeCorrected', payload: { correctionId: ctx.newId('tc'), moment: command.moment, at, note: command.note } }];
    }

    case 'agenda.addItem': {
      requireProvisional(agenda);
      const { type: _t, ...input } = command;
      const change = checkChange(state, { op: 'add', ...input }, ctx);
      if (change.op !== 'add') throw new Error('unreachable');
      return [{ type: 'AgendaItemAdded', payload: { item: change.item, before: change.before } }];
    }
    case 'agenda.updateItem': {
      if (agenda.status === 'adopted' && command.title !== undefined) {
        // Translations into the other languages may still be added: the adopted words are those of the meeting's language.
        const lang = state.info.language;
        const item = requireItem(agenda, command.itemId);
        if (mergeLocalized(item.title, command.title, lang)[lang] !== item.title[lang]) {
          fail('invalid_state', 'the agenda has been adopted: its titles change only by an amendment (agenda.amend)');
        }
      }
      const { type: _t, ...input } = command;
      const change = checkChange(state, { op: 'update', ...input }, ctx);
      if (change.op !== 'update') throw new Error('unreachable');
      const { op: _op, ...payload } = change;
      return Object.keys(payload).length > 1 ? [{ type: 'AgendaItemUpdated', payload }] : [];
    }
    case 'agenda.moveItem': {
      requireProvisional(agenda);
      const { type: _t, ...input } = command;
      const change = checkChange(state, { op: 'move', ...input }, ctx);
      if (change.op !== 'move') throw new Error('unreachable');
      const { op: _op, ...payload } = change;
      return [{ type: 'AgendaItemMoved', payload }];
    }
    case 'agenda.removeItem': {
      requireProvisional(agenda);
      checkChange(state, { op: 'remove', itemId: command.itemId }, ctx);
      return [{ type: 'AgendaItemRemoved', payload: { itemId: command.itemId } }];
    }

    case 'agenda.adopt': {
      if (!state.opening) fail('invalid_state', 'open the meeting before adopting its agenda');
      if (agenda.status === 'adopted') fail('invalid_state', `the agenda was adopted at ${agenda.adoption?.at}`);
      if (agenda.order.length === 0) fail('invalid_state', 'the provisional agenda has no items');
      return [{ type: 'AgendaAdopted', payload: { agenda: agendaInOrder(agenda).map(line) } }];
    }
    case 'agenda.amend': {
      if (agenda.status !== 'adopted') fail('invalid_state', 'the agenda is still provisional: change it directly, it needs no amendment');
      const change = checkChange(state, command.change, ctx);
      if (change.op === 'update' && Object.keys(change).length <= 2) fail('invalid_command', 'the amendment changes nothing');
      const beforeItem = change.op === 'add' ? undefined : agenda.items[change.itemId];
      const amended = applyAgendaChange(agenda, change);
      const afterItem = change.op === 'remove' ? undefined : amended.items[change.op === 'add' ? change.item.id : change.itemId];
      return [
        {
          type: 'AgendaAmended',
          payload: {
            amendmentId: ctx.newId('am'),
            change,
            before: beforeItem ? line(beforeItem) : null,
            after: afterItem ? line(afterItem) : null,
            note: command.note,
          },
        },
      ];
    }

    case 'agenda.takeUp': {
      if (!state.opening) fail('invalid_state', 'open the meeting before taking up an item');
      const item = requireItem(agenda, command.itemId);
      if (item.status !== 'pending') {
        fail('invalid_state', `item ${item.label} has already been taken up (${item.status}); ${item.status === 'current' ? 'it is under consideration' : 'resume it instead'}`);
      }
      requireFloorFree(state);
      return [...suspendCurrent(agenda, item.id), { type: 'AgendaItemTakenUp', payload: { itemId: item.id } }];
    }
    case 'agenda.suspend': {
      const item = requireItem(agenda, command.itemId);
      if (item.status !== 'current') fail('invalid_state', `item ${item.label} is not under consideration`);
      requireFloorFree(state);
      return [{ type: 'AgendaItemSuspended', payload: { itemId: item.id } }];
    }
    case 'agenda.resume': {
      const item = requireItem(agenda, command.itemId);
      if (item.status !== 'suspended' && item.status !== 'closed') {
        fail('invalid_state', item.status === 'current' ? `item ${item.label} is under consideration` : `item ${item.label} has not been taken up`);
      }
      requireFloorFree(state);
      return [...suspendCurrent(agenda, item.id), { type: 'AgendaItemResumed', payload: { itemId: item.id } }];
    }
    case 'agenda.close': {
      const item = requireItem(agenda, command.itemId);
      if (item.status === 'pending') fail('invalid_state', `item ${item.label} has not been taken up`);
      if (item.status === 'closed') fail('invalid_state', `item ${item.label} is already closed`);
      if (state.floor?.itemId === item.id) fail('invalid_state', 'someone has the floor on this item; end the statement first');
      // Speakers not reached lapse, visibly: the record says they were not heard.
      return [...withdrawPending(state, (e) => e.itemId === item.id, 'item_closed'), { type: 'AgendaItemClosed', payload: { itemId: item.id } }];
    }
  }
}

function line(item: AgendaItem): AgendaLine {
  return { itemId: item.id, label: item.label, title: item.title };
}

/** An item's title exists at least in the meeting's language; the others may follow. */
function requireLanguage(title: Localized, lang: Lang): Localized {
  if (!hasLanguage(title, lang)) fail('invalid_command', `give the item's title in the meeting's language (${lang})`);
  return title;
}

function requireProvisional(agenda: AgendaState): void {
  if (agenda.status === 'adopted') fail('invalid_state', 'the agenda has been adopted: change it by an amendment (agenda.amend)');
}

function requireFloorFree(state: MeetingState): void {
  if (state.floor) fail('invalid_state', 'someone has the floor; end the statement first');
}

/** Taking up another item suspends the one under consideration, recorded as such. */
function suspendCurrent(agenda: AgendaState, nextId: string): DomainEvent[] {
  const current = agenda.currentItemId;
  return current && current !== nextId ? [{ type: 'AgendaItemSuspended', payload: { itemId: current } }] : [];
}

/** Checks a structural change against the agenda as it is; returns it complete (with the new item's id). */
function checkChange(state: MeetingState, input: AgendaChangeInput, ctx: DecideContext): AgendaChange {
  const { agenda } = state;
  const checkParent = (parentId: string | null, movingId?: string) => {
    if (parentId === null) return;
    const parent = requireItem(agenda, parentId);
    if (parent.parentId !== null) fail('invalid_command', `item ${parent.label} is a sub-item: sub-items have no sub-items`);
    if (parentId === movingId) fail('invalid_command', 'an item cannot be its own sub-item');
  };
  const checkBefore = (parentId: string | null, before: string | null, movingId?: string) => {
    if (before === null) return;
    if (before === movingId) fail('invalid_command', 'an item cannot go before itself');
    const sibling = requireItem(agenda, before);
    if (sibling.parentId !== parentId) fail('invalid_command', `item ${sibling.label} is not at that level of the agenda`);
  };
  const lang = state.info.language;
  const documents = (list: readonly { symbol: string; title: LocalizedInput; description?: LocalizedInput }[] | undefined) =>
    list?.map((d) => ({ symbol: d.symbol, title: toLocalized(d.title, lang), ...(d.description ? { description: toLocalized(d.description, lang) } : {}) }));
  switch (input.op) {
    case 'add': {
      if (Object.keys(agenda.items).length >= MAX_AGENDA_ITEMS) fail('invalid_state', `an agenda has at most ${MAX_AGENDA_ITEMS} items`);
      const parentId = input.parentId ?? null;
      const before = input.before ?? null;
      checkParent(parentId);
      checkBefore(parentId, before);
      return {
        op: 'add',
        item: {
          id: ctx.newId('ai'),
          parentId,
          title: requireLanguage(toLocalized(input.title, lang), lang),
          documents: documents(input.documents) ?? [],
          plannedDate: input.plannedDate ?? null,
        },
        before,
      };
    }
    case 'update': {
      const item = requireItem(agenda, input.itemId);
      const change: Extract<AgendaChange, { op: 'update' }> = { op: 'update', itemId: item.id };
      if (input.title !== undefined) {
        const title = requireLanguage(mergeLocalized(item.title, input.title, lang), lang);
        if (JSON.stringify(title) !== JSON.stringify(item.title)) change.title = title;
      }
      const docs = documents(input.documents);
      if (docs !== undefined && JSON.stringify(docs) !== JSON.stringify(item.documents)) change.documents = docs;
      if (input.plannedDate !== undefined && input.plannedDate !== item.plannedDate) change.plannedDate = input.plannedDate;
      return change;
    }
    case 'move': {
      const item = requireItem(agenda, input.itemId);
      checkParent(input.parentId, item.id);
      if (input.parentId !== null && item.children.length > 0) {
        fail('invalid_command', `item ${item.label} has sub-items and cannot become a sub-item`);
      }
      checkBefore(input.parentId, input.before, item.id);
      return { op: 'move', itemId: item.id, parentId: input.parentId, before: input.before };
    }
    case 'remove': {
      const item = requireItem(agenda, input.itemId);
      for (const gone of [item, ...item.children.map((c) => agenda.items[c])]) {
        if (gone.status !== 'pending' || state.statements.some((st) => st.itemId === gone.id)) {
          fail('invalid_state', `item ${gone.label} has been taken up; it stays in the record`);
        }
        const pending = Object.values(state.speakers.entries).filter((e) => e.itemId === gone.id && e.status === 'pending');
        if (pending.length > 0) {
          fail('invalid_state', `${pending.length} requests for the floor wait on item ${gone.label}; remove them first`);
        }
      }
      return { op: 'remove', itemId: item.id };
    }
  }
}
