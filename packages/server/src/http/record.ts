/**
 * The record of a meeting: its export (the ledger and the texts' chains, with
 * the signed head), its check, and the signed head now.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SignedHeadSchema } from '@gavel/shared';
import { requireMember, type AppContext } from './context';
import { route } from './route';

const MeetingParams = z.object({ id: z.string().max(64) });
const LedgerQuery = z.object({ format: z.literal('jsonl').default('jsonl') }).strict();
const ClaimBody = z.object({ signedHead: SignedHeadSchema }).strict();

export function recordRoutes(app: FastifyInstance, ctx: AppContext): void {
  /**
   * The whole record as JSON lines: a header with the signing key, every
   * event with its hash chain, every update of the meeting's texts with its
   * chain, and the signed head last. `scripts/verify-record.mjs` checks it
   * offline.
   */
  route(app, { method: 'GET', url: '/api/meetings/:id/ledger', auth: 'member', params: MeetingParams, query: LedgerQuery }, async ({ params: { id }, request, reply }) => {
    await requireMember(ctx, request, id);
    reply.header('Content-Disposition', `attachment; filename="${id}.ledger.jsonl"`);
    const lines = ctx.record.exportLines(id);
    const stream = Readable.from(
      (async function* () {
        for await (const line of lines) yield `${line}\n`;
      })(),
    );
    return reply.type('application/x-ndjson; charset=utf-8').send(stream);
  });

  /**
   * Checks the whole record: every event and every text update chained, the
   * ledger's anchors found in the texts, the checkpoints signed, each
   * decision's edit present once. A problem fails the meeting closed.
   */
  route(app, { method: 'GET', url: '/api/meetings/:id/ledger/verify', auth: 'member', params: MeetingParams }, async ({ params: { id }, request }) => {
    await requireMember(ctx, request, id);
    return verifyAndReport(ctx, id);
  });

  /**
   * The same, given the signed head of an earlier export (or one a client
   * kept): the record must still contain it. A tail cut since is found here.
   */
  route(
    app,
    { method: 'POST', url: '/api/meetings/:id/ledger/verify', auth: 'member', params: MeetingParams, body: ClaimBody },
    async ({ params: { id }, body: { signedHead }, request }) => {
      await requireMember(ctx, request, id);
      const claim = await ctx.record.checkClaim(id, signedHead);
      const check = await verifyAndReport(ctx, id);
      return claim.ok ? { ...check, extendsGivenHead: true } : { ...check, ok: false, extendsGivenHead: false, problem: claim.problem };
    },
  );

  /** The record's head now, signed, and what broke if it did. */
  route(app, { method: 'GET', url: '/api/meetings/:id/record', auth: 'member', params: MeetingParams }, async ({ params: { id }, request }) => {
    await requireMember(ctx, request, id);
    const problem = ctx.record.integrity.problem(id);
    return { signedHead: await ctx.record.signedHead(id), ...(problem ? { problem } : {}) };
  });
}

async function verifyAndReport(ctx: AppContext, meetingId: string) {
  const check = await ctx.record.integrity.verifyRecord(meetingId);
  if (check.problem) ctx.record.integrity.fail(meetingId, check.problem);
  const problem = check.problem ?? ctx.record.integrity.problem(meetingId);
  return {
    ok: !problem,
    events: check.ledger.events,
    head: check.ledger.head,
    ...(problem ? { brokenAt: problem.seq, reason: problem.reason, problem } : {}),
    texts: check.texts,
    pendingDecisions: check.pendingDecisions,
  };
}
