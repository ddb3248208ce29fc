import { describe, expect, it } from 'vitest';
import { agendaLabel, applyAgendaChange, emptyAgenda, type AgendaChange, type AgendaState } from '@gavel/shared';
import { agendaMove, itemEditCommands, labelPath, structuralCommand } from './agendaEdit';

/** An agenda: 1 (a) (b), 2, 3, built with the domain's own code so that numbering is real. */
function agenda(): AgendaState {
  const add = (a: AgendaState, id: string, parentId: string | null = null): AgendaState =>
    applyAgendaChange(a, { op: 'add', item: { id, parentId, title: { en: id }, documents: [], plannedDate: null }, before: null });
  let a = emptyAgenda();
  a = add(a, 'ai_one');
  a = add(a, 'ai_oneA', 'ai_one');
  a = add(a, 'ai_oneB', 'ai_one');
  a = add(a, 'ai_two');
  a = add(a, 'ai_three');
  return a;
}

const labels = (a: AgendaState) =>
  a.order.flatMap((id) => [`${a.items[id].label} ${id}`, ...a.items[id].children.map((c) => `${a.items[c].label} ${c}`)]);

function apply(a: AgendaState, id: string, dir: Parameters<typeof agendaMove>[2]): AgendaState {
  const move = agendaMove(a, id, dir);
  if (!move) throw new Error(`cannot move ${id} ${dir}`);
  return applyAgendaChange(a, { op: 'move', ...move } as AgendaChange);
}

describe('agendaMove', () => {
  it('moves items up and down among their siblings', () => {
    expect(labels(apply(agenda(), 'ai_three', 'up'))).toEqual(['1 ai_one', '1 (a) ai_oneA', '1 (b) ai_oneB', '2 ai_three', '3 ai_two']);
    expect(labels(apply(agenda(), 'ai_one', 'down'))).toEqual(['1 ai_two', '2 ai_one', '2 (a) ai_oneA', '2 (b) ai_oneB', '3 ai_three']);
    expect(labels(apply(agenda(), 'ai_oneA', 'down'))).toEqual(['1 ai_one', '1 (a) ai_oneB', '1 (b) ai_oneA', '2 ai_two', '3 ai_three']);
    expect(labels(apply(agenda(), 'ai_oneB', 'up'))).toEqual(['1 ai_one', '1 (a) ai_oneB', '1 (b) ai_oneA', '2 ai_two', '3 ai_three']);
  });

  it('does not move past either end', () => {
    const a = agenda();
    expect(agendaMove(a, 'ai_one', 'up')).toBeNull();
    expect(agendaMove(a, 'ai_three', 'down')).toBeNull();
    expect(agendaMove(a, 'ai_oneA', 'up')).toBeNull();
    expect(agendaMove(a, 'ai_oneB', 'down')).toBeNull();
    expect(agendaMove(a, 'ai_nothing', 'up')).toBeNull();
  });

  it('makes an item a sub-item of the one above, and a sub-item an item after its parent', () => {
    expect(labels(apply(agenda(), 'ai_two', 'indent'))).toEqual(['1 ai_one', '1 (a) ai_oneA', '1 (b) ai_oneB', '1 (c) ai_two', '2 ai_three']);
    expect(labels(apply(agenda(), 'ai_oneA', 'outdent'))).toEqual(['1 ai_one', '1 (a) ai_oneB', '2 ai_oneA', '3 ai_two', '4 ai_three']);
  });

  it('keeps two levels: no indent for the first item, an item with sub-items, or a sub-item', () => {
    const a = agenda();
    expect(agendaMove(a, 'ai_one', 'indent')).toBeNull();
    expect(agendaMove(apply(a, 'ai_two', 'up'), 'ai_one', 'indent')).toBeNull();
    expect(agendaMove(a, 'ai_oneA', 'indent')).toBeNull();
    expect(agendaMove(a, 'ai_two', 'outdent')).toBeNull();
  });
});

describe('the commands an edit sends', () => {
  it('changes the provisional agenda directly', () => {
    const a = agenda();
    expect(structuralCommand(a, { op: 'add', title: ' Opening ', parentId: 'ai_one' })).toEqual({
      type: 'agenda.addItem',
      title: 'Opening',
      parentId: 'ai_one',
      documents: [],
    });
    expect(structuralCommand(a, { op: 'move', itemId: 'ai_two', parentId: null, before: 'ai_one' })).toEqual({
      type: 'agenda.moveItem',
      itemId: 'ai_two',
      parentId: null,
      before: 'ai_one',
    });
    expect(structuralCommand(a, { op: 'remove', itemId: 'ai_two' }, 'ignored')).toEqual({ type: 'agenda.removeItem', itemId: 'ai_two' });
  });

  it('amends the adopted agenda, with the note', () => {
    const a: AgendaState = { ...agenda(), status: 'adopted' };
    expect(structuralCommand(a, { op: 'remove', itemId: 'ai_two' }, ' at the request of the Group ')).toEqual({
      type: 'agenda.amend',
      change: { op: 'remove', itemId: 'ai_two' },
      note: 'at the request of the Group',
    });
  });

  it('sends one update of what changed while the agenda is provisional', () => {
    const a = agenda();
    const item = a.items.ai_two;
    expect(itemEditCommands(a, item, { title: 'ai_two', documents: [], plannedDate: '' })).toEqual([]);
    expect(
      itemEditCommands(a, item, { title: 'Two', documents: [{ symbol: ' CTOC/COP/WG.4/2010/2 ', title: { en: 'Background paper' } }], plannedDate: '2027-01-27' }),
    ).toEqual([
      {
        type: 'agenda.updateItem',
        itemId: 'ai_two',
        title: { ar: '', zh: '', en: 'Two', fr: '', ru: '', es: '' },
        documents: [{ symbol: 'CTOC/COP/WG.4/2010/2', title: { en: 'Background paper' } }],
        plannedDate: '2027-01-27',
      },
    ]);
  });

  it('once adopted, amends the title and updates documents and date apart', () => {
    const a: AgendaState = { ...agenda(), status: 'adopted' };
    const item = { ...a.items.ai_two, plannedDate: '2027-01-27' };
    expect(itemEditCommands(a, item, { title: 'Two', documents: [], plannedDate: '' }, 'why')).toEqual([
      { type: 'agenda.amend', change: { op: 'update', itemId: 'ai_two', title: { ar: '', zh: '', en: 'Two', fr: '', ru: '', es: '' } }, note: 'why' },
      { type: 'agenda.updateItem', itemId: 'ai_two', plannedDate: null },
    ]);
  });
});

describe('labelPath', () => {
  it('reads the labels the domain writes back into paths', () => {
    expect(labelPath('1')).toEqual([1]);
    expect(labelPath('12 (b)')).toEqual([12, 2]);
    expect(labelPath('3 (aa)')).toEqual([3, 27]);
    expect(labelPath('x')).toBeNull();
  });

  it('round-trips every label of a long agenda', () => {
    for (const path of [[1], [9, 1], [2, 26], [2, 27], [4, 52], [4, 53]]) expect(labelPath(agendaLabel(path))).toEqual(path);
  });
});
