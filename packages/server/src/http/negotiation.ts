/**
 * The negotiation over HTTP, for reading (every change is a command, sent to
 * /api/meetings/{id}/commands or over the socket like any other):
 *
 * - GET /api/meetings/{id}/paragraphs/{pid}/story?doc=&format=json|html|md
 *   the whole story of a paragraph (versions, amendments with sponsors,
 *   supporters and objectors, decisions, brackets, objections, positions);
 * - GET /api/meetings/{id}/amendments/{aid}
 *   a tabled amendment with its tracked changes against the paragraph NOW
 *   (conflicts marked), as every screen shows it;
 * - GET /api/meetings/{id}/amendments/{aid}/draft
 *   for whoever may see the draft: what it amends, its words now, and the
 *   tracked changes it would make (a preview before tabling).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  canReadDoc,
  DomainError,
  DOC_NAME,
  direction,
  isLang,
  latestVersion,
  PARAGRAPH_ID,
  paragraphStory,
  removeForbiddenCharsDeep,
  storyHtml,
  storyMarkdown,
  trackChanges,
  unnumberedParagraphs,
  type MeetingState,
  type RichParagraph,
  type TextFacts,
} from '@gavel/shared';
import type { DraftingService } from '../drafting/service';
import { paragraphHistory } from '../drafting/history';
import type { NegotiationService } from '../negotiation/service';
import { requireMember, type AppContext } from './context';
import { route } from './route';

const StoryParams = z.object({ id: z.string().max(64), pid: z.string().regex(PARAGRAPH_ID, 'not a paragraph id') }).strict();
const StoryQuery = z
  .object({
    doc: z.string().max(64).regex(DOC_NAME, 'not a document of this meeting').default('recommendations'),
    format: z.enum(['json', 'html', 'md']).default('json'),
    lang: z.string().refine(isLang, 'not one of the six languages').optional(),
  })
  .strict();
const AmendmentParams = z.object({ id: z.string().max(64), aid: z.string().regex(/^a_[A-Za-z0-9]{6,32}$/, 'not an amendment id') }).strict();

/** How references read in plain words where the text's numbering is known. */
const plainWith = (text: TextFacts | undefined) => ({
  // A paragraph of another text (the discussion in chapter IV, say) has its number only in the compiled report.
  refWords: (target: string) => `paragraph ${text?.numbers[target] ?? '[its number in the report]'}`,
});

export function negotiationRoutes(app: FastifyInstance, ctx: AppContext, drafting: DraftingService, negotiation: NegotiationService): void {
  const member = async (request: Parameters<typeof requireMember>[1], id: string) => {
    const who = await requireMember(ctx, request, id);
    const state = (await ctx.meetings.state(id)) as MeetingState;
    return { who, state };
  };

  route(app, { method: 'GET', url: '/api/meetings/:id/paragraphs/:pid/story', auth: 'member', params: StoryParams, query: StoryQuery }, async ({ params, query, request, reply }) => {
    const { id, pid } = params;
    const { doc, format, lang: asked } = query;
    const { who, state } = await member(request, id);
    if (!canReadDoc(who.actor, state, doc) || doc.startsWith('amendment:')) throw new DomainError('forbidden', `you may not read ${doc}`);
    const lang = asked && isLang(asked) ? asked : state.info.language;
    // The words at the end of each writing turn, and after each decision on the paragraph (history.ts).
    const decisions = [
      ...(state.paragraphs[doc]?.[pid]?.changes.map((c) => c.at) ?? []),
      ...Object.values(state.negotiation.amendments).flatMap((a) => (a.doc === doc && a.decision?.paragraphId === pid ? [a.decision.at] : [])),
      ...Object.values(state.negotiation.brackets).flatMap((b) => (b.doc === doc && b.paragraphId === pid && b.lifted ? [b.lifted.at] : [])),
    ];
    const versions = paragraphHistory(await ctx.docs.updates(id, doc), pid, { lang, omit: unnumberedParagraphs(state, doc), boundaries: decisions });
    const text = await negotiation.readText(id, doc, [], state, lang);
    const story = paragraphStory(state, doc, pid, versions, plainWith(text));
    if (!text.paragraphIds.includes(pid) && versions.length === 0 && story.entries.length === 0) {
      throw new DomainError('not_found', `no paragraph ${pid} in ${doc}`);
    }
    story.number = text.numbers[pid] ?? null;
    const clean = removeForbiddenCharsDeep(story);
    if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(storyMarkdown(clean));
    if (format === 'html') {
      return reply.type('text/html; charset=utf-8').send(`<!doctype html>\n<meta charset="utf-8">\n${storyHtml(clean, lang, direction(lang))}\n`);
    }
    return clean;
  });

  route(app, { method: 'GET', url: '/api/meetings/:id/amendments/:aid', auth: 'member', params: AmendmentParams }, async ({ params: { id, aid }, request }) => {
    const { who, state } = await member(request, id);
    const a = state.negotiation.amendments[aid];
    // A draft does not exist for anyone but those who may see it.
    if (!a || (a.status === 'drafting' && !canReadDoc(who.actor, state, `amendment:${aid}`))) throw new DomainError('not_found', `no amendment ${aid}`);
    const v = latestVersion(a);
    const pid = a.target && 'paragraphId' in a.target ? a.target.paragraphId : null;
    const text = await negotiation.readText(id, a.doc, pid ? [pid] : [], state, state.info.language);
    const current: RichParagraph | null = pid ? (text.content[pid] ?? null) : null;
    const tracked =
      v && a.status === 'tabled'
        ? trackChanges(v.base ?? { inlines: [] }, current ?? v.base ?? { inlines: [] }, v.proposed ?? { inlines: [] }, plainWith(text))
        : null;
    return { amendment: a, current, number: pid ? (text.numbers[pid] ?? null) : null, tracked };
  });

  route(app, { method: 'GET', url: '/api/meetings/:id/amendments/:aid/draft', auth: 'member', params: AmendmentParams }, async ({ params: { id, aid }, request }) => {
    const { who, state } = await member(request, id);
    const a = state.negotiation.amendments[aid];
    if (!a || !canReadDoc(who.actor, state, `amendment:${aid}`)) throw new DomainError('not_found', `no amendment ${aid}`);
    const draft = await negotiation.readDraft(id, aid);
    const pid = draft.meta?.paragraphId;
    const text = await negotiation.readText(id, a.doc, pid ? [pid] : [], state, state.info.language);
    const current = pid ? (text.content[pid] ?? null) : null;
    const base = draft.meta?.base ?? { inlines: [] };
    const tracked =
      draft.meta && draft.meta.kind !== 'delete' && draft.content ? trackChanges(base, current ?? base, draft.content, plainWith(text)) : null;
    return { amendmentId: aid, meta: draft.meta, content: draft.content, problem: draft.problem, current, tracked };
  });
}
