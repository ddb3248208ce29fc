/**
 * Helpers for unit tests of the pure core: a deterministic context and an
 * in-memory ledger that runs commands the way the server does (parse, decide,
 * number, evolve) without hashing or storage. Not exported from the package.
 */
import type { Actor, DecideContext } from '../core/context';
import type { CommandFacts } from '../amendments/facts';
import { DomainError, type ErrorCode } from '../core/errors';
import type { MeetingInfoInput } from '../meeting/info';
import { createMeeting, decide } from './decide';
import type { DomainEvent, LedgerEvent } from './events';
import { evolve, replay } from './evolve';
import { parseCommand } from './parse';
import type { MeetingState } from './state';

export const TEST_MEETING_ID = 'm_test000000';

export const TEST_INFO: MeetingInfoInput = {
  body: 'Working Group on Trafficking in Persons',
  parentBody: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime',
  title: 'Report on the meeting of the Working Group on Trafficking in Persons',
  venue: 'Vienna',
  startDate: '2010-01-27',
  endDate: '2010-01-29',
  symbol: 'CTOC/COP/WG.4/2010/6',
  language: 'en',
  chair: { name: 'Dominika Krois', m49: '616' },
};

export const ADMIN: Actor = { role: 'admin', name: 'Administrator' };
export const SECRETARIAT: Actor = { role: 'secretariat', name: 'Secretariat officer', codeId: 'c_secr000001' };
export const CHAIR: Actor = { role: 'chair', name: 'Chair', codeId: 'c_chair00001' };
export const VIEWER: Actor = { role: 'viewer', name: 'Public', codeId: 'c_view000001' };
export function delegate(delegationId: string, name = 'Delegate'): Actor {
  return { role: 'delegate', name, delegationId, codeId: 'c_dele000001' };
}

/** Ids like d_test000001, in the order they are made; time that moves only when told. */
export function testContext(now = '2010-01-27T10:00:00.000Z'): DecideContext & { now: string } {
  let n = 0;
  return { now, newId: (prefix: string) => `${prefix}_test${String(++n).padStart(6, '0')}` };
}

function stamp(events: DomainEvent[], after: number, actor: Actor, at: string): LedgerEvent[] {
  return events.map(
    (e, i) => ({ ...e, meetingId: TEST_MEETING_ID, seq: after + i + 1, at, actor, prevHash: '', hash: '' }) as LedgerEvent,
  );
}

/** A meeting in memory: commands in, events and state out. */
export class TestMeeting {
  readonly ctx = testContext();
  readonly events: LedgerEvent[];
  state: MeetingState;

  constructor(info: MeetingInfoInput = TEST_INFO) {
    this.events = stamp(createMeeting(TEST_MEETING_ID, info, this.ctx), 0, ADMIN, this.ctx.now);
    this.state = replay(this.events);
  }

  /** Parses untrusted input as the server does, decides, and applies what was decided. `facts`: what the server would read of the texts. */
  run(input: Record<string, unknown>, actor: Actor = SECRETARIAT, facts?: CommandFacts): LedgerEvent[] {
    const decided = decide(this.state, parseCommand(input), actor, facts ? { ...this.ctx, facts } : this.ctx);
    const sealed = stamp(decided, this.state.seq, actor, this.ctx.now);
    this.state = sealed.reduce(evolve, this.state);
    this.events.push(...sealed);
    return sealed;
  }

  /** Registers a State from the UN list and returns its delegation id. */
  registerState(m49: string, category = 'state_party'): string {
    const [e] = this.run({ type: 'delegation.register', delegation: { category, m49 } });
    if (e.type !== 'DelegationRegistered') throw new Error(`expected DelegationRegistered, got ${e.type}`);
    return e.payload.delegation.id;
  }

  registerPerson(name: string, fn: string, delegationId?: string): string {
    const [e] = this.run({ type: 'person.register', name, function: fn, ...(delegationId ? { delegationId } : {}) });
    if (e.type !== 'PersonRegistered') throw new Error(`expected PersonRegistered, got ${e.type}`);
    return e.payload.person.id;
  }

  issueCode(role: string, delegationId?: string): string {
    const [e] = this.run({ type: 'access.issue', role, ...(delegationId ? { delegationId } : {}) });
    if (e.type !== 'AccessCodeIssued') throw new Error(`expected AccessCodeIssued, got ${e.type}`);
    return e.payload.code.id;
  }
}

/** The DomainError `run` throws, checked to carry `code`. */
export function domainError(run: () => unknown, code: ErrorCode): DomainError {
  try {
    run();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code}: ${e.message}`);
    return e;
  }
  throw new Error(`expected a DomainError ${code}, but nothing was thrown`);
}
