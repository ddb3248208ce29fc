import type { FastifyRequest } from 'fastify';
import { DomainError } from '@gavel/shared';
import type { Auth, Authenticated } from '../auth/sessions';
import type { Config } from '../config';
import type { MeetingService } from '../meetings/service';
import type { DocService } from '../docs/service';
import type { Trust } from '../net/address';
import type { StorageHealth } from './health';
import type { Exports } from '../export/limits';
import type { RecordService } from '../record/service';
import type { Cluster } from '../cluster/node';
import type { Store } from '../store/store';

export interface AppContext {
  config: Config;
  meetings: MeetingService;
  auth: Auth;
  /** The collaborative texts (Yjs documents) of every meeting. */
  docs: DocService;
  /** Whether writes are failing (GET /health). */
  health: StorageHealth;
  /** Which proxies to believe about the client's address. */
  trust: Trust;
  /** Export rate per session, the PDF pool and the queue of heavy exports. */
  exports: Exports;
  record: RecordService;
  /** The store itself: only for /health's probe; everything else goes through the services. */
  store: Pick<Store, 'ping'>;
  /** Set when this is one node of several. */
  cluster?: Cluster;
}

export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/**
 * The caller, who must be signed in to this meeting. The admin token may read
 * any meeting's record (administration: state, events, ledger, reports) but
 * never acts in one (`act`): a signed-in role does (README).
 */
export async function requireMember(ctx: AppContext, request: FastifyRequest, meetingId: string, options: { act?: boolean } = {}): Promise<Authenticated> {
  const who = await ctx.auth.authenticate(bearer(request));
  if (!who) throw new DomainError('unauthenticated', 'sign in first: Authorization: Bearer <token>');
  if (who.actor.role === 'admin' && options.act) {
    throw new DomainError('forbidden', 'the admin token creates meetings and reads their record; sign in with an access code to act in a meeting');
  }
  if (who.actor.role !== 'admin' && who.session?.meetingId !== meetingId) {
    throw new DomainError('forbidden', 'this session belongs to another meeting');
  }
  if (!(await ctx.meetings.state(meetingId))) throw new DomainError('not_found', `no meeting ${meetingId}`);
  return who;
}
