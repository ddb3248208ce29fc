import type { FastifyRequest } from 'fastify';
import { DomainError } from '@gavel/shared';
import type { Auth, Authenticated } from '../auth/sessions';
import type { Config } from '../config';
import type { MeetingService } from '../meetings/service';
import type { DocService } from '../docs/service';

export interface AppContext {
  config: Config;
  meetings: MeetingService;
  auth: Auth;
  /** The collaborative texts (Yjs documents) of every meeting. */
  docs: DocService;
}

export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** The caller, who must be signed in to this meeting (or hold the admin token). */
export async function requireMember(ctx: AppContext, request: FastifyRequest, meetingId: string): Promise<Authenticated> {
  const who = await ctx.auth.authenticate(bearer(request));
  if (!who) throw new DomainError('unauthenticated', 'sign in first: Authorization: Bearer <token>');
  if (who.actor.role !== 'admin' && who.session?.meetingId !== meetingId) {
    throw new DomainError('forbidden', 'this session belongs to another meeting');
  }
  if (!(await ctx.meetings.state(meetingId))) throw new DomainError('not_found', `no meeting ${meetingId}`);
  return who;
}
