import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError, parseOrFail, text } from '@gavel/shared';
import { bearer, type AppContext } from './context';

const SignInSchema = z
  .object({
    meetingId: z.string().min(1).max(64),
    code: z.string().min(1).max(64),
    /** The person's name, as others will see it. */
    name: text(200),
  })
  .strict();

export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/api/session',
    {
      config: {
        rateLimit: {
          max: ctx.config.signinPerMinute,
          timeWindow: 60_000,
          // Per address and meeting: one room behind one NAT still signs in.
          keyGenerator: (request) => `${request.ip}|${(request.body as { meetingId?: unknown })?.meetingId ?? ''}`,
        },
      },
    },
    async (request) => {
      const { meetingId, code, name } = parseOrFail(SignInSchema, request.body, 'sign-in');
      return ctx.auth.signIn(meetingId, code, name);
    },
  );

  app.get('/api/session', async (request) => {
    const who = await ctx.auth.authenticate(bearer(request));
    if (!who) throw new DomainError('unauthenticated', 'not signed in');
    return { session: who.session ?? null, actor: who.actor };
  });

  app.delete('/api/session', async (request, reply) => {
    const who = await ctx.auth.authenticate(bearer(request));
    if (who?.session) await ctx.auth.signOut(who.tokenHash);
    return reply.status(204).send();
  });
}
