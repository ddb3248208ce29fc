import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  DomainError,
  MeetingInfoSchema,
  parseCommand,
  parseDelegationList,
  type CommandResult,
} from '@gavel/shared';
import { bearer, requireMember, type AppContext } from './context';
import { route } from './route';

const MeetingParams = z.object({ id: z.string().max(64) }).strict();
/** A command is read by parseCommand, which answers unknown_command or invalid_command (the socket does the same). */
const CommandBody = z.unknown();
const EventsQuery = z.object({ after: z.coerce.number().int().min(0).default(0) }).strict();
/** Scripts may send many commands, but not without limit: per token (or address), per minute. */
const commandRateLimit = {
  config: {
    rateLimit: {
      max: 600,
      timeWindow: 60_000,
      keyGenerator: (request: { headers: { authorization?: string }; ip: string }) =>
        request.headers.authorization ?? request.ip,
    },
  },
};
const ImportQuery = z.object({ format: z.enum(['csv', 'json']).optional() }).strict();

export function meetingRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** Public: what a sign-in page lists. */
  route(app, { method: 'GET', url: '/api/meetings', auth: 'none' }, async () => {
    const ids = await ctx.meetings.meetingIds();
    const meetings = [];
    for (const id of ids) {
      const s = await ctx.meetings.state(id);
      if (s) {
        const { body, title, venue, startDate, endDate, language, symbol } = s.info;
        meetings.push({ id, body, title, venue, startDate, endDate, language, symbol });
      }
    }
    return { meetings };
  });

  route(app, { method: 'POST', url: '/api/meetings', auth: 'admin', body: MeetingInfoSchema }, async ({ body: info, request, reply }) => {
    const who = await ctx.auth.authenticate(bearer(request));
    if (who?.actor.role !== 'admin') throw new DomainError('unauthenticated', 'creating a meeting needs the admin token');
    const created = await ctx.meetings.create(info, who.actor);
    const roles = new Map(
      created.events.flatMap((e) => (e.type === 'AccessCodeIssued' ? [[e.payload.code.id, e.payload.code.role]] : [])),
    );
    const codeFor = (role: string) => created.issuedCodes.find((c) => roles.get(c.codeId) === role)?.code;
    return reply.status(201).send({
      meetingId: created.meetingId,
      secretariatCode: codeFor('secretariat'),
      viewerCode: codeFor('viewer'),
    });
  });

  route(app, { method: 'GET', url: '/api/meetings/:id/state', auth: 'member', params: MeetingParams }, async ({ params: { id }, request }) => {
    await requireMember(ctx, request, id);
    return { state: await ctx.meetings.state(id) };
  });

  route(app, { method: 'GET', url: '/api/meetings/:id/events', auth: 'member', params: MeetingParams, query: EventsQuery }, async ({ params: { id }, query: { after }, request }) => {
    await requireMember(ctx, request, id);
    return { events: await ctx.meetings.readEvents(id, after) };
  });

  route(
    app,
    { method: 'POST', url: '/api/meetings/:id/commands', auth: 'member', params: MeetingParams, body: CommandBody, options: commandRateLimit },
    async ({ params: { id }, body, request }): Promise<CommandResult> => {
    const who = await requireMember(ctx, request, id, { act: true });
    const command = parseCommand(body);
    const { events, issuedCodes } = await ctx.meetings.execute(id, who.actor, command);
    return issuedCodes.length ? { ok: true, events, issuedCodes } : { ok: true, events };
  },
  );

  /** Bulk registration from a nominations file: CSV (text/csv) or JSON. */
  route(
    app,
    { method: 'POST', url: '/api/meetings/:id/participants/import', auth: 'member', params: MeetingParams, query: ImportQuery, body: 'raw', options: commandRateLimit },
    async ({ params: { id }, query: { format: asked }, request }) => {
    const who = await requireMember(ctx, request, id, { act: true });
    const isJson = asked === 'json' || (!asked && String(request.headers['content-type']).includes('json'));
    const content = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
    const read = parseDelegationList(content, isJson ? 'json' : 'csv');
    if (read.errors.length > 0) {
      throw new DomainError('invalid_command', `${read.errors.length} rows could not be read`, read.errors);
    }
    if (read.delegations.length === 0) throw new DomainError('invalid_command', 'the file lists no delegations');
    const command = parseCommand({ type: 'delegation.registerMany', delegations: read.delegations });
    const { events } = await ctx.meetings.execute(id, who.actor, command);
    return { ok: true, registered: events.length, skipped: read.delegations.length - events.length, events };
  },
  );
}
