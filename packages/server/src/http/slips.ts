/**
 * POST /api/meetings/{id}/slips: access-code slips to print (issue 15).
 *
 * Codes exist in clear only in the answer to the command that issued them
 * (the store keeps their hashes), so the slips are made from that answer:
 * the secretariat's page sends back the codes it was just given, and gets a
 * PDF (or the HTML behind it) with one card per code. Nothing of the request
 * is kept or logged. Each code must be an active code of this meeting, and
 * what a card says about it (role, delegation) comes from the ledger, never
 * from the request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canPrintCodeSlips, DomainError, lang as langSchema, MAX_CODES_AT_ONCE, parseOrFail } from '@gavel/shared';
import { renderPdf, findChromium } from '../export/pdf';
import type { Slip } from '../export/slips';
import { originAllowed } from '../realtime/gateway';
import { requireMember, type AppContext } from './context';

const SlipsParams = z.object({ id: z.string().max(64) }).strict();
const SlipsBody = z
  .object({
    codes: z.array(z.string().min(1).max(64)).min(1).max(MAX_CODES_AT_ONCE),
    /** The slips' language; the meeting's by default. */
    lang: langSchema.optional(),
    format: z.enum(['pdf', 'html']).default('pdf'),
  })
  .strict();

/** Where the slips' links point: the page that asked (this server, as its users reach it). */
function siteOf(request: FastifyRequest, allowed: string[]): string {
  const origin = request.headers.origin;
  if (origin) {
    if (!originAllowed(request.raw, allowed)) throw new DomainError('forbidden', 'slips are made for Gavel’s own pages');
    return origin;
  }
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

export function slipRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post(
    '/api/meetings/:id/slips',
    { config: { rateLimit: { max: 30, timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => r.headers.authorization ?? r.ip } } },
    async (request, reply) => {
      const { id } = parseOrFail(SlipsParams, request.params, 'path');
      const body = parseOrFail(SlipsBody, request.body, 'slips');
      const who = await requireMember(ctx, request, id);
      const state = await ctx.meetings.state(id);
      if (!state) throw new DomainError('not_found', `no meeting ${id}`);
      if (!canPrintCodeSlips(who.actor, state)) throw new DomainError('forbidden', 'only the secretariat prints access-code slips');
      const site = siteOf(request, ctx.config.allowedOrigins);

      const slips: Slip[] = [];
      const unknown: { index: number; message: string }[] = [];
      const seen = new Set<string>();
      for (const [index, code] of body.codes.entries()) {
        const issued = await ctx.auth.activeCode(id, code);
        if (!issued) unknown.push({ index, message: 'not an active access code of this meeting' });
        else if (!seen.has(issued.id)) {
          seen.add(issued.id);
          slips.push({ code, issued });
        }
      }
      if (unknown.length > 0) throw new DomainError('invalid_code', `${unknown.length} of the codes are not active codes of this meeting`, unknown);

      const lang = body.lang ?? state.info.language;
      // The slips (a QR code library, the UI's words in six languages) are loaded with the first asked for, not at start.
      const { renderSlipsHtml } = await import('../export/slips');
      const html = await renderSlipsHtml(state, slips, lang, site);
      reply.header('Cache-Control', 'no-store');
      reply.header('Content-Language', lang);
      if (body.format === 'html') return reply.type('text/html; charset=utf-8').send(html);
      const pdf = await renderPdf(html, findChromium(ctx.config.chromium));
      reply.header('Content-Disposition', `attachment; filename="access-codes.${lang}.pdf"`);
      return reply.type('application/pdf').send(pdf);
    },
  );
}
