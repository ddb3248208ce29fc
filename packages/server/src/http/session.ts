import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError, text } from '@gavel/shared';
import { WindowCounter } from '../auth/limits';
import { hashAccessCode } from '../auth/secrets';
import { bearer, type AppContext } from './context';
import { route } from './route';

const SignInSchema = z
  .object({
    meetingId: z.string().min(1).max(64),
    code: z.string().min(1).max(64),
    /** The person's name, as others will see it. */
    name: text(200),
  })
  .strict();

const tooMany = (what: string, retryAfter: number) =>
  new DomainError('rate_limited', `${what}; try again in ${retryAfter} s`, { retryAfter });

export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const windowMs = ctx.config.signinWindowMinutes * 60_000;
  // On several nodes the counts are shared (Redis), so that a guesser gains nothing by spreading over them.
  const counter = (name: string, max: number) => ctx.cluster?.counter(name, max, windowMs) ?? new WindowCounter(max, windowMs);
  const failures = counter('signin-failures', ctx.config.signinFailures);
  const perCode = counter('signin-per-code', ctx.config.signinPerCode);

  route(app, { method: 'POST', url: '/api/session', auth: 'none', body: SignInSchema }, async ({ body, request }) => {
    const { meetingId, code, name } = body;
    // Behind GAVEL_TRUST_PROXY, request.ip is the client's own address.
    const address = request.ip;
    const wait = await failures.retryAfter(address);
    if (wait) throw tooMany('too many wrong codes from this address', wait);
    const codeKey = `${meetingId}|${hashAccessCode(code)}`;
    const codeWait = await perCode.retryAfter(codeKey);
    if (codeWait) throw tooMany('too many sign-ins with this access code', codeWait);
    try {
      const signedIn = await ctx.auth.signIn(meetingId, code, name);
      await perCode.add(codeKey);
      return signedIn;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'invalid_code') await failures.add(address);
      throw e;
    }
  });

  route(app, { method: 'GET', url: '/api/session', auth: 'none' }, async ({ request }) => {
    const who = await ctx.auth.authenticate(bearer(request));
    if (!who) throw new DomainError('unauthenticated', 'not signed in');
    return { session: who.session ?? null, actor: who.actor };
  });

  route(app, { method: 'DELETE', url: '/api/session', auth: 'none' }, async ({ request, reply }) => {
    const who = await ctx.auth.authenticate(bearer(request));
    if (who?.session) await ctx.auth.signOut(who.tokenHash);
    return reply.status(204).send();
  });
}
