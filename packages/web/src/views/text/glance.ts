/**
 * Status at a glance: which paragraphs stand where, for the side panel that
 * lets a negotiator see and jump to them. Pure, so it is tested without a
 * browser.
 */
import { PARAGRAPH_STATUSES, type DocItem, type ParagraphStatus } from '@gavel/shared';

export interface GlanceParagraph {
  id: string;
  number: number | null;
  status: ParagraphStatus;
}

export interface StatusGroup {
  status: ParagraphStatus;
  paragraphs: GlanceParagraph[];
}

/** Every status, in the order a text moves through them, with its paragraphs in text order. */
export function groupByStatus(paragraphs: readonly GlanceParagraph[]): StatusGroup[] {
  return PARAGRAPH_STATUSES.map((status) => ({ status, paragraphs: paragraphs.filter((p) => p.status === status) }));
}

/** The next paragraph with a status after the one selected (wrapping round), to step through them. */
export function nextWithStatus(paragraphs: readonly GlanceParagraph[], status: ParagraphStatus, afterId: string | null): GlanceParagraph | null {
  const matching = paragraphs.filter((p) => p.status === status);
  if (matching.length === 0) return null;
  const at = afterId ? paragraphs.findIndex((p) => p.id === afterId) : -1;
  return matching.find((p) => paragraphs.indexOf(p) > at) ?? matching[0];
}

export type Scope = 'paragraph' | 'subsection' | 'section';

/**
 * The paragraphs a status change applies to: the one selected, or every
 * paragraph of its subsection or section (a text is often adopted section
 * by section).
 */
export function paragraphsInScope(items: readonly DocItem[], paragraphId: string, scope: Scope): string[] {
  if (scope === 'paragraph') return [paragraphId];
  const at = items.findIndex((i) => i.kind === 'paragraph' && i.id === paragraphId);
  if (at < 0) return [paragraphId];
  const stops: DocItem['kind'][] = scope === 'section' ? ['section'] : ['section', 'subsection'];
  let start = at;
  while (start > 0 && !stops.includes(items[start - 1].kind)) start--;
  let end = at;
  while (end + 1 < items.length && !stops.includes(items[end + 1].kind)) end++;
  return items.slice(start, end + 1).flatMap((i) => (i.kind === 'paragraph' ? [i.id] : []));
}
