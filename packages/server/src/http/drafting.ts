/**
 * The drafted texts over HTTP: read a text with its numbers, import the
 * secretariat's draft, and a paragraph's history. Thin: the work is in
 * drafting/.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canImportText, canReadDoc, canWriteDoc, DOC_NAME, DomainError, isLang, PARAGRAPH_ID } from '@gavel/shared';
import { MAX_IMPORT_BYTES, readDraftUpload, type ImportFormat } from '../drafting/import';
import type { DraftingService } from '../drafting/service';
import { requireMember, type AppContext } from './context';
import { route } from './route';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const DocParams = z.object({ id: z.string().max(64), doc: z.string().max(64).regex(DOC_NAME, 'not a document of this meeting') }).strict();
const ParagraphParams = DocParams.extend({ pid: z.string().regex(PARAGRAPH_ID, 'not a paragraph id') }).strict();
const LangQuery = z.object({ lang: z.string().refine(isLang, 'not one of the six languages').optional() }).strict();
const ImportQuery = z.object({ format: z.enum(['docx', 'text']).optional() }).strict();

/** Imports replace a whole text: a few a minute is plenty. */
const importRateLimit = {
  rateLimit: {
    max: 20,
    timeWindow: 60_000,
    keyGenerator: (request: { headers: { authorization?: string }; ip: string }) => request.headers.authorization ?? request.ip,
  },
};

export function draftingRoutes(app: FastifyInstance, ctx: AppContext, drafting: DraftingService): void {
  // A DOCX arrives as bytes; text/plain is already read as a string by app.ts.
  for (const type of [DOCX, 'application/octet-stream']) {
    if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  }

  const readable = async (request: Parameters<typeof requireMember>[1], id: string, doc: string, act = false) => {
    const who = await requireMember(ctx, request, id, { act });
    const state = await ctx.meetings.state(id);
    if (!state || !canReadDoc(who.actor, state, doc)) throw new DomainError('forbidden', `you may not read ${doc}`);
    return { who, state };
  };

  /** The text as it reads now: paragraphs with numbers and statuses, footnotes, HTML and plain text. */
  route(app, { method: 'GET', url: '/api/meetings/:id/drafts/:doc', auth: 'member', params: DocParams, query: LangQuery }, async ({ params: { id, doc }, query: { lang }, request }) => {
    await readable(request, id, doc);
    return drafting.readText(id, doc, lang && isLang(lang) ? lang : undefined);
  });

  /**
   * Gives an empty text its first paragraph (idempotent). A meeting's starting
   * text (the recommendations) gets it from the server without asking (when
   * the meeting is created, at the latest when the text is loaded); the other
   * texts (the report's written parts), opened empty by someone who may write
   * them, ask for it here, so that it is made once, by the server.
   */
  route(app, { method: 'POST', url: '/api/meetings/:id/drafts/:doc/start', auth: 'member', params: DocParams }, async ({ params: { id, doc }, request }) => {
    const { who, state } = await readable(request, id, doc, true);
    // Starting a text writes to it: only someone who may write it (a viewer may only read).
    if (!canWriteDoc(who.actor, state, doc)) throw new DomainError('forbidden', `you may not write ${doc}`);
    await drafting.ensureStarted(id, doc);
    return { ok: true };
  });

  /** How one paragraph read at earlier points, and who wrote it. */
  route(app, { method: 'GET', url: '/api/meetings/:id/drafts/:doc/paragraphs/:pid/history', auth: 'member', params: ParagraphParams, query: LangQuery }, async ({ params: { id, doc, pid }, query: { lang }, request }) => {
    await readable(request, id, doc);
    return drafting.history(id, doc, pid, lang && isLang(lang) ? lang : undefined);
  });

  /**
   * Starts a text from the secretariat's draft: DOCX, or plain text with
   * numbered paragraphs ("1. …"), headings ("A. …") and subparagraphs ("(a) …").
   */
  route(
    app,
    {
      method: 'POST',
      url: '/api/meetings/:id/drafts/:doc/import',
      auth: 'member',
      params: DocParams,
      query: ImportQuery,
      body: 'raw',
      options: { bodyLimit: MAX_IMPORT_BYTES, config: importRateLimit },
    },
    async ({ params: { id, doc }, query: { format: asked }, request }) => {
      const { who, state } = await readable(request, id, doc, true);
      if (!canImportText(who.actor, state, doc)) throw new DomainError('forbidden', 'only the secretariat imports a draft');
      const body = request.body;
      if (!(typeof body === 'string' || Buffer.isBuffer(body)) || body.length === 0) {
        throw new DomainError('invalid_command', `send the draft as ${DOCX} or text/plain`);
      }
      const format: ImportFormat = asked ?? (typeof body === 'string' ? 'text' : 'docx');
      const reading = await readDraftUpload(format, body);
      const { paragraphs } = await drafting.importDraft(id, doc, who.actor, reading);
      // What the import guessed, by line, for the secretariat to check.
      return { ok: true, paragraphs, blocks: reading.blocks.length, notes: reading.notes };
    },
  );
}
