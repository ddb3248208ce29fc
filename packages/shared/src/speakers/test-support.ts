/**
 * A meeting for the unit tests of the chairing core (agenda, speakers, floor):
 * the domain's TestMeeting with a clock the test moves and shortcuts for
 * setting up items and lists. Not exported from the package.
 */
import type { Actor } from '../core/context';
import { DomainError } from '../core/errors';
import { replay } from '../domain/evolve';
import type { LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import { CHAIR, SECRETARIAT, TestMeeting } from '../domain/test-support';
import type { Category } from '../participants/categories';

export { ADMIN, CHAIR, SECRETARIAT, VIEWER, delegate as delegateOf } from '../domain/test-support';

/** 27 January 2010, 10:00 UTC: the test context's start. */
export const START_MS = Date.parse('2010-01-27T10:00:00.000Z');

export class ChairTestMeeting extends TestMeeting {
  get now(): string {
    return this.ctx.now;
  }

  get nowMs(): number {
    return Date.parse(this.ctx.now);
  }

  /** Moves the clock on. */
  tick(ms: number): this {
    this.ctx.now = new Date(this.nowMs + ms).toISOString();
    return this;
  }

  /** The DomainError a command is refused with (nothing written); fails if it is carried out. */
  refusal(input: Record<string, unknown>, actor: Actor = SECRETARIAT): DomainError {
    const seq = this.state.seq;
    try {
      this.run(input, actor);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (this.state.seq !== seq) throw new Error('a refused command wrote events');
      return e;
    }
    throw new Error(`expected ${String(input.type)} to be refused`);
  }

  /** The whole ledger replayed from scratch, as a reconnecting client rebuilds it. */
  replayed(): MeetingState {
    return replay(this.events);
  }

  /** Registers States from the UN list (by M49) or named entities; returns their ids in the same order. */
  register(...delegations: ([Category, string] | [Category, { en: string }])[]): string[] {
    const events = this.run({
      type: 'delegation.registerMany',
      delegations: delegations.map(([category, who]) => (typeof who === 'string' ? { category, m49: who } : { category, names: who })),
    });
    return events.map((e) => (e.type === 'DelegationRegistered' ? e.payload.delegation.id : ''));
  }

  addItem(title: string, more: Record<string, unknown> = {}): string {
    const [e] = this.run({ type: 'agenda.addItem', title, ...more });
    if (e.type !== 'AgendaItemAdded') throw new Error(`expected AgendaItemAdded, got ${e.type}`);
    return e.payload.item.id;
  }

  /** Opens the meeting and adopts the agenda if not yet done, then takes up the item. */
  openAndTakeUp(itemId: string): this {
    if (!this.state.opening) this.run({ type: 'meeting.open' }, CHAIR);
    if (this.state.agenda.status !== 'adopted') this.run({ type: 'agenda.adopt' }, CHAIR);
    this.run({ type: 'agenda.takeUp', itemId }, CHAIR);
    return this;
  }

  /** Asks for the floor; returns the new entry's id. */
  request(itemId: string, delegationId: string | undefined, more: Record<string, unknown> = {}, actor: Actor = SECRETARIAT): string {
    const [e] = this.run({ type: 'speakers.request', itemId, ...(delegationId ? { delegationId } : {}), ...more }, actor);
    if (e.type !== 'SpeakerInscribed') throw new Error(`expected SpeakerInscribed, got ${e.type}`);
    return e.payload.entry.id;
  }

  /** The waiting requests of an item's list, in order, by name; other kinds than statement are marked. */
  queueNames(itemId: string): string[] {
    return (this.state.speakers.lists[itemId]?.queue ?? []).map((id) => this.nameOf(id));
  }

  nameOf(entryId: string): string {
    const e = this.state.speakers.entries[entryId];
    const d = e.delegationId ? this.state.delegations[e.delegationId] : undefined;
    const base = d ? (d.names.en ?? '?') : (e.speakerName ?? '?');
    return e.kind === 'statement' ? base : `${base} [${e.kind}]`;
  }

  floorEntry(): string | null {
    return this.state.floor?.entryId ?? null;
  }

  /** "Next speaker", as the chair's console sends it: with the entry it shows on the floor. */
  next(itemId: string, actor: Actor = CHAIR): LedgerEvent[] {
    return this.run({ type: 'speakers.next', itemId, expectedCurrent: this.floorEntry() }, actor);
  }
}
