/**
 * The story of a paragraph, on one page: every version of its words (from the
 * text's stored updates, see the server's drafting/history.ts), every
 * amendment with its sponsor, co-sponsors, supporters and objectors and what
 * the chair decided, every bracket, objection, reservation and explanation
 * of position, every status change with its adoption decision. Pure: from
 * the meeting state and the versions; rendered as Markdown or HTML for export.
 *
 * Words that quote the text (its versions, amendments, brackets, the
 * summaries) are parts (editor/rich.ts `WordPart`), as the report's JSON
 * carries them: a bracket the meeting placed is `{ t: 'bracket' }`, never
 * merged with square brackets typed as words, and the exports set it apart
 * as the report's do (report/inline.ts).
 */
import type { MeetingState } from '../domain/state';
import { paragraphStatus, type ParagraphStatus, type StatusChange } from '../draft/paragraphs';
import { bracketText, pushWords, richParts, type PlainOptions, type RichParagraph, type WordPart } from '../editor/rich';
import { escapeHtml as esc, escapeMarkdown, wordsHtml, wordsMarkdown } from '../report/inline';
import { noteSegments } from '../editor/footnotes';
import { delegationName } from '../participants/names';
import { amendmentParagraph, type Amendment, type AmendmentStatus, type StanceKind } from './model';

/** Words as parts: typed words, placed brackets and footnote markers apart. */
export type StoryWords = WordPart[];

/** A version of the paragraph's words, as history.ts makes them. */
export interface StoryVersion {
  seq: number;
  from: string;
  to: string;
  /** Who wrote in the turns it covers. */
  by: string[];
  /** null: the paragraph was not in the text then. As it reads. */
  text: string | null;
  /** The same as parts (what the story keeps). */
  parts: StoryWords | null;
  number: number | null;
}

/** A version in the story: its words as parts only. */
export type StoryWordsVersion = Omit<StoryVersion, 'text' | 'parts'> & { text: StoryWords | null };

export interface StoryAmendment {
  id: string;
  kind: Amendment['kind'];
  status: AmendmentStatus;
  sponsor: string;
  sponsorId: string;
  cosponsors: string[];
  supporters: string[];
  objectors: { delegation: string; reason?: string }[];
  versions: { version: number; at: string; by: string; base: StoryWords | null; proposed: StoryWords | null; note?: string }[];
  decision: { outcome: string; at: string; by: string; version: number; merged: boolean; note?: string; result: StoryWords | null } | null;
  withdrawn: { at: string; by: string; reason?: string } | null;
}

export type StoryEntry = {
  at: string;
  /** Who did it, as signed in (a delegate, or the secretariat recording for a delegation). */
  by: string;
  kind: 'version' | 'amendment' | 'stance' | 'decision' | 'bracket' | 'objection' | 'position' | 'status';
  /** One line in English, for the exports; clients build their own from the structured parts. */
  summary: StoryWords;
  amendmentId?: string;
  bracketId?: string;
  delegationId?: string;
};

export interface ParagraphStory {
  doc: string;
  paragraphId: string;
  status: ParagraphStatus;
  /** The paragraph's number now (null: unnumbered or gone). */
  number: number | null;
  /** Its words now (null: not in the text). */
  text: StoryWords | null;
  versions: StoryWordsVersion[];
  amendments: StoryAmendment[];
  brackets: { id: string; words: StoryWords; proposedBy: string; holders: string[]; status: 'open' | 'lifted'; lifted?: { at: string; by: string; words: string } }[];
  objections: { delegation: string; reason: string; at: string; by: string; withdrawnAt?: string }[];
  positions: { delegation: string; kind: string; text: string; at: string; by: string }[];
  statusChanges: StatusChange[];
  /** Everything above in the order it happened. */
  entries: StoryEntry[];
}

/** A footnote's words with its references as the text words them ("paragraph 109 below"), "?" when not known. */
function noteText(note: string, plain: PlainOptions): string {
  return noteSegments(note)
    .map((x) => ('text' in x ? x.text : (plain.refWords?.(x.ref) ?? '?')))
    .join('');
}

/** A sentence of fixed words (typed words too: names, reasons) and quoted parts. */
const say = (...pieces: (string | StoryWords)[]): StoryWords =>
  pieces.reduce<StoryWords>((out, p) => (typeof p === 'string' ? pushWords(out, { t: 'text', text: p }) : p.reduce(pushWords, out)), []);

const STANCE_WORDS: Record<StanceKind, string> = { cosponsor: 'co-sponsors', support: 'supports', object: 'objects to' };

/** Assembles the story. `versions` oldest first (history.ts); `plain` words references and footnotes. */
export function paragraphStory(
  state: MeetingState,
  doc: string,
  paragraphId: string,
  versions: readonly StoryVersion[] = [],
  plain: PlainOptions = {},
): ParagraphStory {
  const name = (id: string) => (state.delegations[id] ? delegationName(state.delegations[id]) : id);
  const words = (p: RichParagraph | null) => (p ? richParts(p, plain) : null);
  const placed = (b: Parameters<typeof bracketText>[0]): StoryWords => [{ t: 'bracket', text: bracketText(b) }];
  const n = state.negotiation;
  const entries: StoryEntry[] = [];

  for (const v of versions) {
    entries.push({
      at: v.to,
      by: v.by.join(', '),
      kind: 'version',
      summary: v.parts === null ? say('The paragraph is not in the text.') : say('The text reads: “', v.parts, '”'),
    });
  }

  const amendments = Object.values(n.amendments)
    .filter((a) => a.doc === doc && amendmentParagraph(a) === paragraphId && a.versions.length > 0)
    .sort((x, y) => x.startedAt.localeCompare(y.startedAt));
  const storyAmendments: StoryAmendment[] = amendments.map((a) => {
    const withdrawnStep = a.steps.find((s) => s.what === 'withdrawn');
    for (const s of a.steps) {
      const who = s.delegationId ? name(s.delegationId) : name(a.sponsor);
      const base = { at: s.at, by: s.by, amendmentId: a.id, ...(s.delegationId ? { delegationId: s.delegationId } : {}) };
      switch (s.what) {
        case 'started':
          break; // a draft is private until tabled
        case 'tabled':
          entries.push({ ...base, kind: 'amendment', summary: say(`${name(a.sponsor)} tables an amendment (${a.kind}): “`, words(a.versions[0].proposed) ?? 'delete the paragraph', '”') });
          break;
        case 'revised': {
          const v = a.versions.find((x) => x.version === s.version);
          entries.push({ ...base, kind: 'amendment', summary: say(`${name(a.sponsor)} revises its amendment (version ${s.version}): “`, words(v?.proposed ?? null) ?? 'delete the paragraph', '”') });
          break;
        }
        case 'withdrawn':
          entries.push({ ...base, kind: 'amendment', summary: say(`${name(a.sponsor)} withdraws its amendment${s.detail ? ` (${s.detail})` : ''}`) });
          break;
        case 'cosponsor':
        case 'support':
        case 'object':
          entries.push({ ...base, kind: 'stance', summary: say(`${who} ${STANCE_WORDS[s.what]} the amendment by ${name(a.sponsor)}${s.detail ? ` (${s.detail})` : ''}`) });
          break;
        case 'retracted':
          entries.push({ ...base, kind: 'stance', summary: say(`${who} no longer ${STANCE_WORDS[s.detail as StanceKind] ?? s.detail} the amendment by ${name(a.sponsor)}`) });
          break;
        case 'decided': {
          const d = a.decision!;
          const what = { accept: 'accepts', accept_modified: 'accepts as modified', reject: 'rejects', bracket: 'places in brackets' }[d.outcome];
          entries.push({
            ...base,
            kind: 'decision',
            summary: say(
              `The chair ${what} the amendment by ${name(a.sponsor)}${d.merged ? ' (merged with changes made since it was drafted)' : ''}`,
              ...(d.result ? [': “', words(d.result)!, '”'] : []),
              d.note ? ` (${d.note})` : '',
            ),
          });
          break;
        }
      }
    }
    const d = a.decision;
    return {
      id: a.id,
      kind: a.kind,
      status: a.status,
      sponsor: name(a.sponsor),
      sponsorId: a.sponsor,
      cosponsors: Object.entries(a.stances).filter(([, s]) => s.stance === 'cosponsor').map(([id]) => name(id)),
      supporters: Object.entries(a.stances).filter(([, s]) => s.stance === 'support').map(([id]) => name(id)),
      objectors: Object.entries(a.stances)
        .filter(([, s]) => s.stance === 'object')
        .map(([id, s]) => ({ delegation: name(id), ...(s.reason ? { reason: s.reason } : {}) })),
      versions: a.versions.map((v) => ({ version: v.version, at: v.at, by: v.by, base: words(v.base), proposed: words(v.proposed), ...(v.note ? { note: v.note } : {}) })),
      decision: d
        ? { outcome: d.outcome, at: d.at, by: d.by, version: d.version, merged: d.merged, result: words(d.result), ...(d.note ? { note: d.note } : {}) }
        : null,
      withdrawn: withdrawnStep ? { at: withdrawnStep.at, by: withdrawnStep.by, ...(withdrawnStep.detail ? { reason: withdrawnStep.detail } : {}) } : null,
    };
  });

  const brackets = Object.values(n.brackets)
    .filter((b) => b.doc === doc && b.paragraphId === paragraphId)
    .sort((x, y) => x.placedAt.localeCompare(y.placedAt));
  for (const b of brackets) {
    for (const s of b.steps) {
      const base = { at: s.at, by: s.by, kind: 'bracket' as const, bracketId: b.id, ...(s.delegationId ? { delegationId: s.delegationId } : {}) };
      const text = placed(b);
      if (s.what === 'placed') entries.push({ ...base, summary: say('Bracket placed: ', text) });
      else if (s.what === 'held') entries.push({ ...base, summary: say(`${name(s.delegationId!)} holds the bracket `, text, s.detail ? ` (${s.detail})` : '') });
      else if (s.what === 'released') entries.push({ ...base, summary: say(`${name(s.delegationId!)} releases the bracket `, text) });
      else {
        const l = b.lifted!;
        const how = l.amendmentId ? 'by accepting an amendment' : l.keep === null ? 'the bracketed words go' : `keeping “${l.words}”`;
        entries.push({ ...base, summary: say('The chair lifts the bracket ', text, `: ${how}${s.detail ? ` (${s.detail})` : ''}`) });
      }
    }
  }

  const objections = n.objections[doc]?.[paragraphId] ?? [];
  for (const o of objections) {
    entries.push({ at: o.at, by: o.by, kind: 'objection', delegationId: o.delegationId, summary: say(`${name(o.delegationId)} cannot join consensus: ${o.reason}`) });
    if (o.withdrawnAt) {
      entries.push({ at: o.withdrawnAt, by: o.withdrawnBy ?? '', kind: 'objection', delegationId: o.delegationId, summary: say(`${name(o.delegationId)} withdraws its objection`) });
    }
  }
  const positions = n.positions[doc]?.[paragraphId] ?? [];
  for (const p of positions) {
    entries.push({
      at: p.at,
      by: p.by,
      kind: 'position',
      delegationId: p.delegationId,
      summary: say(`${name(p.delegationId)} records ${p.kind === 'reservation' ? 'a reservation' : 'an explanation of position'}: ${p.text}`),
    });
  }

  const record = state.paragraphs[doc]?.[paragraphId];
  const statusChanges = record?.changes ?? [];
  for (const c of statusChanges) {
    let summary: string;
    if (c.reopened) summary = `The chair reopens the paragraph: ${c.note}`;
    else if (c.decision) {
      const d = c.decision;
      const outcome = { adopted: 'adopted', agreed_ad_ref: 'agreed ad referendum', no_consensus: 'no consensus', deferred: 'deferred' }[d.outcome];
      const disposition = d.disposition === 'drop' ? '; the paragraph is dropped' : d.disposition === 'keep' ? '; the paragraph is kept' : '';
      // The footnote as it reads (its reference in words), never the target's internal id.
      const footnote = d.footnote ? `, with a footnote: “${noteText(d.footnote.note, plain)}”` : '';
      summary = `Read for adoption: ${outcome}${disposition}${footnote}${c.note ? ` (${c.note})` : ''}`;
    } else summary = `Status: ${c.status.replace(/_/g, ' ')}${c.amendmentId ? ' (an amendment accepted)' : ''}${c.note ? ` (${c.note})` : ''}`;
    entries.push({ at: c.at, by: c.by, kind: 'status', summary: say(summary) });
  }

  // Stable: same instant keeps the order above (versions, amendments, brackets, objections, positions, statuses).
  entries.sort((x, y) => x.at.localeCompare(y.at));
  const last = versions.at(-1);
  return {
    doc,
    paragraphId,
    status: paragraphStatus(state, doc, paragraphId),
    number: last?.number ?? null,
    text: last?.parts ?? null,
    versions: versions.map(({ parts, text: _, ...v }) => ({ ...v, text: parts })),
    amendments: storyAmendments,
    brackets: brackets.map((b) => ({
      id: b.id,
      words: placed(b),
      proposedBy: name(b.proposedBy),
      holders: Object.keys(b.holders).map(name),
      status: b.status,
      ...(b.lifted ? { lifted: { at: b.lifted.at, by: b.lifted.by, words: b.lifted.words } } : {}),
    })),
    objections: objections.map((o) => ({ delegation: name(o.delegationId), reason: o.reason, at: o.at, by: o.by, ...(o.withdrawnAt ? { withdrawnAt: o.withdrawnAt } : {}) })),
    positions: positions.map((p) => ({ delegation: name(p.delegationId), kind: p.kind, text: p.text, at: p.at, by: p.by })),
    statusChanges,
    entries,
  };
}

// ---------------------------------------------------------------------------
// Exports

/** Numbered as the draft numbers it (the report may number it otherwise): never by its internal id. */
const title = (s: ParagraphStory) => `The story of ${s.number !== null ? `paragraph ${s.number} of the draft` : 'a paragraph without number'}`;

/** StoryWords quoted in Markdown (typed words escaped, placed brackets bold: report/inline.ts). */
const mdQuote = (w: StoryWords | null, otherwise: string) => (w === null ? otherwise : `“${wordsMarkdown(w)}”`);

export function storyMarkdown(s: ParagraphStory): string {
  const m = escapeMarkdown;
  const lines = [`# ${title(s)}`, '', `Status: **${s.status.replace(/_/g, ' ')}**`, ''];
  if (s.text !== null) lines.push('> ' + wordsMarkdown(s.text).split('\n').join('  \n> '), '');
  if (s.amendments.length) {
    lines.push('## Amendments', '');
    for (const a of s.amendments) {
      lines.push(`### ${m(a.sponsor)}: ${a.kind} (${a.status.replace(/_/g, ' ')})`, '');
      if (a.cosponsors.length) lines.push(`- Co-sponsors: ${m(a.cosponsors.join(', '))}`);
      if (a.supporters.length) lines.push(`- Supported by: ${m(a.supporters.join(', '))}`);
      if (a.objectors.length) lines.push(`- Objected to by: ${m(a.objectors.map((o) => (o.reason ? `${o.delegation} (${o.reason})` : o.delegation)).join(', '))}`);
      for (const v of a.versions) lines.push(`- Version ${v.version} (${v.at}, ${m(v.by)}): ${mdQuote(v.proposed, 'delete the paragraph')}${v.note ? ` (${m(v.note)})` : ''}`.replace(/\n/g, ' '));
      if (a.decision) lines.push(`- Decision: ${a.decision.outcome.replace(/_/g, ' ')} (${a.decision.at}, ${m(a.decision.by)})${a.decision.result ? `: ${mdQuote(a.decision.result, '')}` : ''}`.replace(/\n/g, ' '));
      lines.push('');
    }
  }
  if (s.objections.length) {
    lines.push('## Objections', '');
    for (const o of s.objections) lines.push(`- ${m(o.delegation)} (${o.at}): ${m(o.reason)}${o.withdrawnAt ? ` (withdrawn ${o.withdrawnAt})` : ''}`.replace(/\n/g, ' '));
    lines.push('');
  }
  if (s.positions.length) {
    lines.push('## Reservations and explanations of position', '');
    for (const p of s.positions) lines.push(`- ${m(p.delegation)}, ${p.kind} (${p.at}): ${m(p.text)}`.replace(/\n/g, ' '));
    lines.push('');
  }
  // escapeMarkdown escapes "|" too: a cell cannot end early.
  lines.push('## What happened', '', '| when | who | what |', '| --- | --- | --- |');
  for (const e of s.entries) lines.push(`| ${e.at} | ${m(e.by)} | ${wordsMarkdown(e.summary)} |`.replace(/\n/g, ' '));
  return lines.join('\n') + '\n';
}

/** `.bracket` as the report's stylesheet sets it (export/html.ts): a placed bracket in bold. */
const STORY_STYLE = '<style>.bracket { font-weight: bold; } .fnref { font-size: 0.7em; vertical-align: super; line-height: 0; }</style>';

export function storyHtml(s: ParagraphStory, lang = 'en', dir: 'ltr' | 'rtl' = 'ltr'): string {
  const q = (w: StoryWords | null, otherwise: string) => (w === null ? otherwise : `<q>${wordsHtml(w)}</q>`);
  const parts = [STORY_STYLE, `<article class="paragraph-story" lang="${esc(lang)}" dir="${dir}">`, `<h1>${esc(title(s))}</h1>`, `<p class="status">${esc(s.status.replace(/_/g, ' '))}</p>`];
  if (s.text !== null) parts.push(`<blockquote>${wordsHtml(s.text)}</blockquote>`);
  if (s.amendments.length) {
    parts.push('<section class="amendments"><h2>Amendments</h2>');
    for (const a of s.amendments) {
      parts.push(`<section class="amendment"><h3>${esc(a.sponsor)}: ${esc(a.kind ?? '')} (${esc(a.status.replace(/_/g, ' '))})</h3><ul>`);
      if (a.cosponsors.length) parts.push(`<li>Co-sponsors: ${esc(a.cosponsors.join(', '))}</li>`);
      if (a.supporters.length) parts.push(`<li>Supported by: ${esc(a.supporters.join(', '))}</li>`);
      if (a.objectors.length) parts.push(`<li>Objected to by: ${esc(a.objectors.map((o) => (o.reason ? `${o.delegation} (${o.reason})` : o.delegation)).join(', '))}</li>`);
      for (const v of a.versions) parts.push(`<li>Version ${v.version} (<time>${esc(v.at)}</time>, ${esc(v.by)}): ${q(v.proposed, 'delete the paragraph')}</li>`);
      if (a.decision) parts.push(`<li>Decision: ${esc(a.decision.outcome.replace(/_/g, ' '))} (<time>${esc(a.decision.at)}</time>, ${esc(a.decision.by)})${a.decision.result ? `: ${q(a.decision.result, '')}` : ''}</li>`);
      parts.push('</ul></section>');
    }
    parts.push('</section>');
  }
  parts.push('<section class="timeline"><h2>What happened</h2><table><thead><tr><th>when</th><th>who</th><th>what</th></tr></thead><tbody>');
  for (const e of s.entries) parts.push(`<tr class="${e.kind}"><td><time>${esc(e.at)}</time></td><td>${esc(e.by)}</td><td>${wordsHtml(e.summary)}</td></tr>`);
  parts.push('</tbody></table></section></article>');
  return parts.join('\n');
}
