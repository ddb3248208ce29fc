import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { COMMAND_SCHEMAS, MeetingInfoSchema, PROTOCOL_VERSION } from '@gavel/shared';
import type { AppContext } from './context';
import { route } from './route';
import { StoreProbe } from './health';
import { PARTICIPANTS_FORMATS, REPORT_FORMATS } from './report';

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** Every command with its JSON Schema, generated from the zod schemas the server validates with. */
export function commandCatalogue() {
  return Object.fromEntries(Object.entries(COMMAND_SCHEMAS).map(([type, schema]) => [type, jsonSchema(schema)]));
}

const ERROR = { $ref: '#/components/schemas/Error' };
const bearerAuth = [{ bearer: [] }];
const meetingId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const docName = { name: 'doc', in: 'path', required: true, schema: { type: 'string' } };
const errors = {
  '400': { description: 'invalid or unknown command', content: { 'application/json': { schema: ERROR } } },
  '401': { description: 'not signed in', content: { 'application/json': { schema: ERROR } } },
  '403': { description: 'not allowed for this role', content: { 'application/json': { schema: ERROR } } },
  '404': { description: 'no such meeting', content: { 'application/json': { schema: ERROR } } },
  '409': { description: 'conflicts with the meeting as it stands', content: { 'application/json': { schema: ERROR } } },
};

export function openApi() {
  const commands = commandCatalogue();
  return {
    openapi: '3.1.0',
    info: { title: 'Gavel', version: String(PROTOCOL_VERSION) },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
              required: ['code', 'message'],
            },
          },
        },
        MeetingInfo: jsonSchema(MeetingInfoSchema),
        Command: { oneOf: Object.values(commands) },
      },
    },
    paths: {
      '/health': { get: { summary: 'Liveness (answers at once) and whether whole: degraded, and why, while writes fail, the store does not answer or a record failed its check', responses: { '200': { description: 'up: { ok, status, reason? }' } } } },
      '/api/commands': { get: { summary: 'Every command type with its JSON Schema', responses: { '200': { description: 'catalogue' } } } },
      '/api/meetings': {
        get: { summary: 'List meetings (public)', responses: { '200': { description: 'meetings' } } },
        post: {
          summary: 'Create a meeting (admin token); returns its id and first secretariat access code',
          security: bearerAuth,
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/MeetingInfo' } } } },
          responses: { '201': { description: 'created' }, ...errors },
        },
      },
      '/api/session': {
        post: {
          summary: 'Sign in with a meeting id, an access code and your name; returns a bearer token',
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { meetingId: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' } },
                  required: ['meetingId', 'code', 'name'],
                },
              },
            },
          },
          responses: { '200': { description: 'signed in' }, '401': errors['401'], '429': { description: 'too many attempts' } },
        },
        get: { summary: 'Who this token is', security: bearerAuth, responses: { '200': { description: 'session' } } },
        delete: { summary: 'Sign out', security: bearerAuth, responses: { '204': { description: 'signed out' } } },
      },
      '/api/meetings/{id}/commands': {
        post: {
          summary: 'Run a command: { "type": ..., ...payload }',
          security: bearerAuth,
          parameters: [meetingId],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Command' } } } },
          responses: { '200': { description: 'the events recorded' }, ...errors },
        },
      },
      '/api/meetings/{id}/state': {
        get: { summary: "The meeting's state now", security: bearerAuth, parameters: [meetingId], responses: { '200': { description: 'state' }, ...errors } },
      },
      '/api/meetings/{id}/events': {
        get: {
          summary: 'Ledger events after a sequence number',
          security: bearerAuth,
          parameters: [meetingId, { name: 'after', in: 'query', schema: { type: 'integer', minimum: 0 } }],
          responses: { '200': { description: 'events' }, ...errors },
        },
      },
      '/api/meetings/{id}/ledger': {
        get: {
          summary: 'The whole ledger as JSON lines, with the hash chain',
          security: bearerAuth,
          parameters: [meetingId, { name: 'format', in: 'query', schema: { enum: ['jsonl'] } }],
          responses: { '200': { description: 'application/x-ndjson' }, ...errors },
        },
      },
      '/api/meetings/{id}/ledger/verify': {
        get: {
          summary: 'Check the whole hash chain; names the first broken event',
          security: bearerAuth,
          parameters: [meetingId],
          responses: { '200': { description: '{ ok, events, head } or { ok: false, brokenAt, reason }' }, ...errors },
        },
      },
      '/api/meetings/{id}/participants/import': {
        post: {
          summary: 'Register delegations from a CSV or JSON file (secretariat)',
          security: bearerAuth,
          parameters: [meetingId, { name: 'format', in: 'query', schema: { enum: ['csv', 'json'] } }],
          requestBody: { content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'array' } } } },
          responses: { '200': { description: 'registered and skipped counts' }, ...errors },
        },
      },
      '/api/meetings/{id}/slips': {
        post: {
          summary:
            'Access-code slips to print (secretariat): one card per code with the meeting, whom it is for, the code and a QR code to the sign-in (code in the fragment). Send the codes from the answer to access.issue / access.issueMany: they exist in clear nowhere else',
          security: bearerAuth,
          parameters: [meetingId],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['codes'],
                  additionalProperties: false,
                  properties: {
                    codes: { type: 'array', items: { type: 'string' }, minItems: 1 },
                    lang: { enum: ['ar', 'zh', 'en', 'fr', 'ru', 'es'] },
                    format: { enum: ['pdf', 'html'] },
                  },
                },
              },
            },
          },
          responses: { '200': { description: 'application/pdf (or text/html)' }, ...errors },
        },
      },
      // The negotiated texts (http/drafting.ts): `doc` is a document name such as "recommendations".
      '/api/meetings/{id}/drafts/{doc}': {
        get: {
          summary: 'A text as it reads now: paragraphs with numbers and statuses, footnotes, HTML and plain text',
          security: bearerAuth,
          parameters: [meetingId, docName, { name: 'lang', in: 'query', schema: { type: 'string' } }],
          responses: {
            '200': {
              description:
                "the text: { docName, lang, paragraphs: [{ id, number, label, status, text, parts }], footnotes, brokenReferences, html, text }. Plain text (the whole `text` and each paragraph's) escapes square brackets typed as words, \\[must\\], so that unescaped ones are brackets the meeting placed or footnote markers; `parts` gives a paragraph's words as { t: 'text', text }, { t: 'bracket', text } (placed, as negotiators write it) and { t: 'mark', text } (a footnote marker)",
            },
            ...errors,
          },
        },
      },
      '/api/meetings/{id}/drafts/{doc}/start': {
        post: {
          summary: 'Give an empty text its first paragraph (idempotent)',
          security: bearerAuth,
          parameters: [meetingId, docName],
          responses: { '200': { description: 'started' }, ...errors },
        },
      },
      '/api/meetings/{id}/drafts/{doc}/import': {
        post: {
          summary: 'Replace a text with a draft: DOCX, or plain text with numbered paragraphs (secretariat)',
          security: bearerAuth,
          parameters: [meetingId, docName, { name: 'format', in: 'query', schema: { enum: ['docx', 'text'] } }],
          requestBody: {
            content: {
              'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
              'text/plain': { schema: { type: 'string' } },
            },
          },
          responses: { '200': { description: 'how many paragraphs were imported' }, ...errors },
        },
      },
      '/api/meetings/{id}/drafts/{doc}/paragraphs/{pid}/history': {
        get: {
          summary: "A paragraph's earlier versions, who wrote them, and its status changes",
          security: bearerAuth,
          parameters: [meetingId, docName, { name: 'pid', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'versions, oldest first' }, ...errors },
        },
      },
      // The report (http/report.ts): compiled now, in the language asked.
      '/api/meetings/{id}/report': {
        get: {
          summary:
            'The report as it stands now (masthead, I-V with the written parts in their slots, paragraphs and footnotes numbered continuously through the whole report, references to paragraphs resolved) as HTML, Markdown, PDF (headless Chromium), DOCX (Word: real footnotes, heading styles, right-to-left paragraphs in Arabic), JSON (the assembled report, for the report view) or XML (format=xml: Akoma Ntoso 3.0, OASIS LegalDocML, valid against its schema: doc name="report", chapters, sections, numbered paragraphs, footnotes as authorialNote)',
          description:
            "JSON: { lang, dir, masthead: { symbol, distribution, date, original, body, parentBody, title }, items, footnotes: [{ n, label, text }] }. Items in reading order: heading { level 1-3, label, inlines }; paragraph { n, label, inlines, subparagraphs: [{ label, depth, inlines }], generated, adopted? (II), sourceId, source }; list (the adopted agenda); written { doc, count } (where a written part of the report goes: its `count` paragraphs follow); placeholder { text }. Inlines are { t: 'text', text }, { t: 'bracket', text } (a bracket the meeting placed, as negotiators write it, [should][shall] (Norway); square brackets typed as words stay in text) or { t: 'fn', index } (footnote number in the report). `source` is the generated paragraph's record (opening, agenda_adoption, registry, agenda_item, statements) or { kind: 'text', doc, paragraphId }. Written parts are in the language they were written in; generated text, labels and references in `lang`. The socket event `texts:changed` ({ doc }) tells when to read it again, once the socket has asked for it (`texts:follow` with true); or follow the report itself with `report:watch`.",
          security: bearerAuth,
          parameters: [
            meetingId,
            { name: 'format', in: 'query', schema: { enum: [...REPORT_FORMATS], default: 'html' } },
            { name: 'lang', in: 'query', schema: { enum: ['ar', 'zh', 'en', 'fr', 'ru', 'es'] }, description: "default: the meeting's language" },
          ],
          responses: {
            '200': {
              description: 'the report',
              content: {
                'text/html': { schema: { type: 'string' } },
                'text/markdown': { schema: { type: 'string' } },
                'application/json': { schema: { type: 'object', required: ['lang', 'dir', 'masthead', 'items', 'footnotes'] } },
                'application/akn+xml': { schema: { type: 'string' } },
                'application/pdf': { schema: { type: 'string', format: 'binary' } },
                'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
              },
            },
            ...errors,
          },
        },
      },
      '/api/meetings/{id}/participants': {
        get: {
          summary:
            'The list of participants (the "INF" document, symbol …/INF/1) from the registry: delegations by category in the order of the report\'s attendance lists, each with its persons (form of address, name, function), then the bureau, panellists and secretariat, as HTML, PDF or DOCX (chair and secretariat)',
          security: bearerAuth,
          parameters: [
            meetingId,
            { name: 'format', in: 'query', schema: { enum: [...PARTICIPANTS_FORMATS], default: 'html' } },
            { name: 'lang', in: 'query', schema: { enum: ['ar', 'zh', 'en', 'fr', 'ru', 'es'] }, description: "default: the meeting's language" },
            { name: 'edition', in: 'query', schema: { enum: ['draft', 'final'], default: 'draft' } },
          ],
          responses: {
            '200': {
              description: 'the list of participants',
              content: {
                'text/html': { schema: { type: 'string' } },
                'application/pdf': { schema: { type: 'string', format: 'binary' } },
                'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
              },
            },
            ...errors,
          },
        },
      },
      // The negotiation (http/negotiation.ts); changes are commands.
      '/api/meetings/{id}/paragraphs/{pid}/story': {
        get: {
          summary: "A paragraph's whole story: versions, amendments with sponsors, supporters and objectors, decisions, brackets, objections, positions",
          security: bearerAuth,
          parameters: [
            meetingId,
            { name: 'pid', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'doc', in: 'query', schema: { type: 'string', default: 'recommendations' } },
            { name: 'format', in: 'query', schema: { enum: ['json', 'html', 'md'] } },
            { name: 'lang', in: 'query', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description:
                "the story (JSON, or an HTML page, or Markdown). In the JSON, words that quote the text (text, versions[].text, amendments' base, proposed and result, brackets[].words, entries[].summary) are parts: { t: 'text', text }, { t: 'bracket', text } (a bracket the meeting placed) and { t: 'mark', text } (a footnote marker); the HTML sets a placed bracket in bold (<span class=\"bracket\">), the Markdown in bold with typed square brackets escaped",
            },
            ...errors,
          },
        },
      },
      '/api/meetings/{id}/amendments/{aid}': {
        get: {
          summary: 'A tabled amendment, with its tracked changes against the paragraph as it reads now (conflicts marked)',
          security: bearerAuth,
          parameters: [meetingId, { name: 'aid', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: '{ amendment, current, number, tracked }' }, ...errors },
        },
      },
      '/api/meetings/{id}/amendments/{aid}/draft': {
        get: {
          summary: "An amendment's private draft, for whoever may see it: what it amends, its words now, the changes it would make",
          security: bearerAuth,
          parameters: [meetingId, { name: 'aid', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: '{ meta, content, problem, current, tracked }' }, ...errors },
        },
      },
    },
  };
}

export function metaRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Alive (it answers, at once: the load balancer's check) and whether whole: degraded, and why, while writes
  // fail, the store does not answer, or a meeting's record failed its check. 200 either way: a degraded node
  // still serves reads and refuses writes with a clear code, which a load balancer taking it out would hide.
  const probe = new StoreProbe(() => ctx.store.ping());
  route(app, { method: 'GET', url: '/health', auth: 'none' }, async () => {
    const unreachable = await probe.check();
    // On several nodes: this node's name, the meetings it owns, and whether Redis is there.
    const cluster = ctx.cluster?.status();
    // A meeting whose record failed its check refuses writes: the service is up, but not whole.
    const broken = ctx.record.integrity.brokenMeetings();
    const record = { ok: broken.length === 0, broken };
    const storage = ctx.health.status;
    const degraded = !storage.ok
      ? storage
      : unreachable
        ? { ok: false, status: 'degraded', reason: unreachable }
        : !record.ok
          ? { ok: false, status: 'degraded', reason: 'the record of a meeting failed its check' }
          : storage;
    return { ...degraded, protocol: PROTOCOL_VERSION, record, ...(cluster ? { cluster } : {}) };
  });
  route(app, { method: 'GET', url: '/api/commands', auth: 'none' }, async () => ({ protocol: PROTOCOL_VERSION, commands: commandCatalogue() }));
  route(app, { method: 'GET', url: '/api/openapi.json', auth: 'none' }, async () => openApi());
}
