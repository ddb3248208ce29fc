/**
 * Deciding the negotiation commands. Who may run each is the policy's
 * (access/policy.ts → `amendmentDenial`); here: which delegation acts, the
 * categories the meeting allows, the state of the amendment, bracket or
 * paragraph, and what the texts say (`ctx.facts`, read by the server).
 */
import type { Actor, DecideContext } from '../core/context';
import { fail } from '../core/errors';
import type { DomainEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import { paragraphStatus, type ParagraphEvent } from '../draft/paragraphs';
import { numberToken, refToken } from '../editor/footnotes';
import { typedReportReference } from '../editor/import';
import { generatedParagraphIds } from '../report/skeleton';
import { mergeRich } from '../editor/merge';
import {
  asRich,
  normalizeRich,
  richBrackets,
  richText,
  sameRich,
  type BracketInline,
  type Inline,
  type ParagraphTextInput,
  type RichParagraph,
} from '../editor/rich';
import type { Category } from '../participants/categories';
import { delegationName } from '../participants/names';
import type { AmendmentCommand, FootnoteTarget } from './commands';
import { blockersMessage, consensusBlockers } from './consensus';
import type { AmendmentEvent, TabledVersion } from './events';
import type { CommandFacts, DraftFacts, TextFacts } from './facts';
import { CATEGORY_NAMES, CATEGORY_PLURALS, footnoteSentence } from './labels';
import { latestVersion, type AdoptionDecision, type Amendment, type AmendmentTarget, type Bracket, type StanceKind } from './model';
import { placeInBrackets, wholeInBracket } from './placing';

type Cmd<T extends AmendmentCommand['type']> = Extract<AmendmentCommand, { type: T }>;

export function decideAmendments(state: MeetingState, command: AmendmentCommand, actor: Actor, ctx: DecideContext): DomainEvent[] {
  const facts = ctx.facts ?? {};
  switch (command.type) {
    case 'amendments.configure': {
      const payload: Extract<AmendmentEvent, { type: 'AmendmentsConfigured' }>['payload'] = {};
      if (command.amendCategories) payload.amendCategories = [...new Set(command.amendCategories)];
      if (command.objectCategories) payload.objectCategories = [...new Set(command.objectCategories)];
      return [{ type: 'AmendmentsConfigured', payload }];
    }
    case 'amendment.start':
      return start(state, command, actor, ctx, needText(facts));
    case 'amendment.table':
    case 'amendment.revise':
      return table(state, command, needDraft(facts, command.amendmentId));
    case 'amendment.withdraw': {
      const a = requireAmendment(state, command.amendmentId);
      if (a.status !== 'drafting' && a.status !== 'tabled') fail('invalid_state', `this amendment is ${a.status}: it can no longer be withdrawn`);
      return [{ type: 'AmendmentWithdrawn', payload: { amendmentId: a.id, wasTabled: a.status === 'tabled', ...(command.reason ? { reason: command.reason } : {}) } }];
    }
    case 'amendment.cosponsor':
    case 'amendment.support':
    case 'amendment.object':
      return takeStance(state, command, actor);
    case 'amendment.retract': {
      const a = requireAmendment(state, command.amendmentId);
      const delegationId = actingDelegation(state, actor, command.delegationId);
      const stance = a.stances[delegationId];
      if (!stance) fail('invalid_state', `${nameOf(state, delegationId)} has not co-sponsored, supported or objected to this amendment`);
      if (a.status !== 'tabled') fail('invalid_state', `this amendment is ${a.status}: positions on it are closed`);
      return [{ type: 'AmendmentStanceRetracted', payload: { amendmentId: a.id, delegationId, stance: stance.stance } }];
    }
    case 'amendment.decide':
      return decideOnAmendment(state, command, ctx, needText(facts));
    case 'bracket.hold': {
      const b = requireOpenBracket(state, command.bracketId);
      const delegationId = actingDelegation(state, actor, command.delegationId);
      mayObject(state, delegationId, 'hold a bracket');
      if (b.holders[delegationId]) return [];
      return [{ type: 'BracketHeld', payload: { bracketId: b.id, delegationId, ...(command.reason ? { reason: command.reason } : {}) } }];
    }
    case 'bracket.release': {
      const b = requireOpenBracket(state, command.bracketId);
      const delegationId = actingDelegation(state, actor, command.delegationId);
      if (!b.holders[delegationId]) fail('invalid_state', `${nameOf(state, delegationId)} does not hold this bracket`);
      return [{ type: 'BracketReleased', payload: { bracketId: b.id, delegationId } }];
    }
    case 'bracket.lift':
      return lift(state, command, needText(facts));
    case 'objection.raise': {
      const delegationId = actingDelegation(state, actor, command.delegationId);
      mayObject(state, delegationId, 'object to a paragraph');
      const text = needText(facts);
      requireParagraph(text, command.paragraphId);
      notFrozen(state, command.doc, command.paragraphId, text, 'objected to');
      const standing = (state.negotiation.objections[command.doc]?.[command.paragraphId] ?? []).find((o) => o.delegationId === delegationId && !o.withdrawnAt);
      if (standing) fail('already_exists', `${nameOf(state, delegationId)} already objects to this paragraph (since ${standing.at})`);
      return [{ type: 'ObjectionRaised', payload: { doc: command.doc, paragraphId: command.paragraphId, delegationId, reason: command.reason } }];
    }
    case 'objection.withdraw': {
      const delegationId = actingDelegation(state, actor, command.delegationId);
      const standing = (state.negotiation.objections[command.doc]?.[command.paragraphId] ?? []).find((o) => o.delegationId === delegationId && !o.withdrawnAt);
      if (!standing) fail('invalid_state', `${nameOf(state, delegationId)} has no objection to this paragraph to withdraw`);
      return [{ type: 'ObjectionWithdrawn', payload: { doc: command.doc, paragraphId: command.paragraphId, delegationId } }];
    }
    case 'position.record': {
      const delegationId = actingDelegation(state, actor, command.delegationId);
      if (command.kind === 'reservation') mayObject(state, delegationId, 'record a reservation');
      requireParagraph(needText(facts), command.paragraphId);
      return [
        { type: 'PositionRecorded', payload: { doc: command.doc, paragraphId: command.paragraphId, delegationId, kind: command.kind, text: command.text } },
      ];
    }
    case 'adoption.decide':
      return adopt(state, command, needText(facts), facts.target);
  }
}

// ---------------------------------------------------------------------------
// Who acts

function nameOf(state: MeetingState, delegationId: string): string {
  const d = state.delegations[delegationId];
  return d ? delegationName(d) : delegationId;
}

/**
 * The delegation a command is for: a delegate's own (the policy has refused
 * any other already); for the chair and the secretariat, the one they name.
 */
export function actingDelegation(state: MeetingState, actor: Actor, named: string | undefined): string {
  const id = actor.role === 'delegate' ? actor.delegationId : named;
  if (!id) fail('invalid_command', 'name the delegation you record this for (delegationId)');
  if (!state.delegations[id]) fail('not_found', `no delegation ${id}`);
  return id;
}

const categoryList = (cs: readonly Category[]) => cs.map((c) => CATEGORY_PLURALS[c]).join(', ');

function mayAmend(state: MeetingState, delegationId: string, what: string): void {
  const d = state.delegations[delegationId];
  const allowed = state.negotiation.settings.amendCategories;
  if (!allowed.includes(d.category)) {
    fail('forbidden', `${nameOf(state, delegationId)} (${CATEGORY_NAMES[d.category]}) may not ${what}: in this meeting only ${categoryList(allowed)} may`, {
      category: d.category,
      allowed,
    });
  }
}

function mayObject(state: MeetingState, delegationId: string, what: string): void {
  const d = state.delegations[delegationId];
  const allowed = state.negotiation.settings.objectCategories;
  if (!allowed.includes(d.category)) {
    fail(
      'forbidden',
      `${nameOf(state, delegationId)} takes part as ${CATEGORY_NAMES[d.category]} and may not ${what}: in this meeting only ${categoryList(allowed)} may; it may speak and record an explanation of position`,
      { category: d.category, allowed },
    );
  }
}

// ---------------------------------------------------------------------------
// Reading state and facts

function needText(facts: CommandFacts): TextFacts {
  return facts.text ?? fail('internal', 'the server did not read the text for this command');
}

function needDraft(facts: CommandFacts, amendmentId: string): DraftFacts {
  const d = facts.draft;
  if (!d || d.amendmentId !== amendmentId) fail('internal', 'the server did not read the draft for this command');
  return d;
}

export function requireAmendment(state: MeetingState, id: string): Amendment {
  return state.negotiation.amendments[id] ?? fail('not_found', `no amendment ${id}`);
}

function requireOpenBracket(state: MeetingState, id: string): Bracket {
  const b = state.negotiation.brackets[id] ?? fail('not_found', `no bracket ${id}`);
  if (b.status !== 'open') fail('invalid_state', `this bracket was lifted on ${b.lifted?.at}`);
  return b;
}

function requireParagraph(text: TextFacts, paragraphId: string): void {
  if (!text.paragraphIds.includes(paragraphId)) fail('not_found', `no paragraph ${paragraphId} in ${text.doc}`);
}

const label = (text: TextFacts, paragraphId: string) => {
  const n = text.numbers[paragraphId];
  return n ? `paragraph ${n}` : 'this paragraph';
};

/** Adopted paragraphs are frozen; deleted ones are out of the text. */
function notFrozen(state: MeetingState, doc: string, paragraphId: string, text: TextFacts, what: string): void {
  const status = paragraphStatus(state, doc, paragraphId);
  if (status === 'adopted') fail('invalid_state', `${label(text, paragraphId)} is adopted and cannot be ${what} until the chair reopens it`);
  if (status === 'deleted') fail('invalid_state', `${label(text, paragraphId)} is deleted`);
}

function checkPlace(text: TextFacts, place: NonNullable<Cmd<'amendment.start'>['place']>): void {
  if ('afterHeading' in place) {
    if (place.afterHeading > text.headings) fail('not_found', `the text has ${text.headings} headings, not ${place.afterHeading}`);
  } else requireParagraph(text, 'after' in place ? place.after : place.before);
}

// ---------------------------------------------------------------------------
// Drafting and tabling

function start(state: MeetingState, command: Cmd<'amendment.start'>, actor: Actor, ctx: DecideContext, text: TextFacts): DomainEvent[] {
  const delegationId = actingDelegation(state, actor, command.delegationId);
  mayAmend(state, delegationId, 'table amendments');
  if (text.doc !== command.doc) fail('internal', 'the server read another text');
  if (command.paragraphId) {
    requireParagraph(text, command.paragraphId);
    notFrozen(state, command.doc, command.paragraphId, text, 'amended');
  }
  if (command.place) checkPlace(text, command.place);
  if (command.text !== undefined && richBrackets(asRich(command.text)).length > 0) {
    fail('invalid_command', 'brackets are placed by the chair’s decisions, not in a draft');
  }
  return [
    {
      type: 'AmendmentDraftStarted',
      payload: { amendmentId: ctx.newId('a'), doc: command.doc, delegationId, origin: actor.role === 'delegate' ? 'delegation' : 'floor' },
    },
  ];
}

function hasWords(p: RichParagraph): boolean {
  return richText(p).trim().length > 0 || richBrackets(p).length > 0;
}

/**
 * Brackets in a draft must be ones the paragraph had (the sponsor's editor
 * carries them along); their alternatives are taken from the base, whatever
 * the draft's copy says.
 */
function keepBaseBrackets(proposed: RichParagraph, base: RichParagraph | null): RichParagraph {
  const known = new Map((base ? richBrackets(base) : []).map((b) => [b.id, b]));
  const fix = (inlines: Inline[]): Inline[] =>
    inlines.map((i) => {
      if (!('bracket' in i)) return i;
      const b = known.get(i.bracket.id);
      if (!b) fail('invalid_state', 'a draft cannot make brackets: the chair places them');
      return { bracket: b };
    });
  return { inlines: fix(proposed.inlines), ...(proposed.items ? { items: proposed.items.map((it) => ({ depth: it.depth, inlines: fix(it.inlines) })) } : {}) };
}

function table(state: MeetingState, command: Cmd<'amendment.table'> | Cmd<'amendment.revise'>, draft: DraftFacts): DomainEvent[] {
  const a = requireAmendment(state, command.amendmentId);
  const revising = command.type === 'amendment.revise';
  if (revising ? a.status !== 'tabled' : a.status !== 'drafting') {
    fail('invalid_state', revising ? `only a tabled amendment is revised; this one is ${a.status}` : `this amendment is ${a.status}, not a draft`);
  }
  const meta = draft.meta ?? fail('invalid_state', 'the draft was never made: withdraw it and start again');
  if (draft.problem) fail('invalid_state', draft.problem);
  let proposed: RichParagraph | null = null;
  if (meta.kind !== 'delete') {
    const content = draft.content ?? fail('invalid_state', 'the draft has no paragraph');
    if (!hasWords(content)) fail('invalid_state', 'the draft is empty');
    proposed = normalizeRich(keepBaseBrackets(content, meta.base));
    if (meta.base && sameRich(proposed, meta.base)) fail('invalid_state', 'the draft reads exactly as the paragraph: change it before tabling');
  }
  const previous = latestVersion(a);
  const note = command.note || undefined;
  if (revising && previous && JSON.stringify(previous.proposed) === JSON.stringify(proposed) && previous.note === note) {
    fail('invalid_state', `the draft reads as version ${previous.version}: change it (or the note) before tabling a revision`);
  }
  const version: TabledVersion = { version: (previous?.version ?? 0) + 1, base: meta.base ? normalizeRich(meta.base) : null, proposed, ...(note ? { note } : {}) };
  if (revising) return [{ type: 'AmendmentRevised', payload: { amendmentId: a.id, version } }];
  const target: AmendmentTarget = meta.kind === 'insert' ? { place: meta.place! } : { paragraphId: meta.paragraphId! };
  return [{ type: 'AmendmentTabled', payload: { amendmentId: a.id, kind: meta.kind, target, version } }];
}

function takeStance(state: MeetingState, command: Cmd<'amendment.cosponsor' | 'amendment.support' | 'amendment.object'>, actor: Actor): DomainEvent[] {
  const a = requireAmendment(state, command.amendmentId);
  const delegationId = actingDelegation(state, actor, command.delegationId);
  // A draft is private: to anyone but its sponsor it does not exist.
  if (a.status === 'drafting') fail('not_found', `no amendment ${a.id}`);
  if (a.status !== 'tabled') fail('invalid_state', `this amendment is ${a.status}: positions on it are closed`);
  if (delegationId === a.sponsor) fail('invalid_state', `${nameOf(state, delegationId)} is the sponsor`);
  const stance: StanceKind = command.type === 'amendment.cosponsor' ? 'cosponsor' : command.type === 'amendment.support' ? 'support' : 'object';
  if (stance === 'cosponsor') mayAmend(state, delegationId, 'co-sponsor amendments');
  if (stance === 'object') mayObject(state, delegationId, 'object to an amendment');
  const reason = command.type === 'amendment.object' && command.reason ? command.reason : undefined;
  const before = a.stances[delegationId];
  if (before && before.stance === stance && before.reason === reason) return [];
  return [
    {
      type: 'AmendmentStanceTaken',
      payload: {
        amendmentId: a.id,
        delegationId,
        stance,
        version: latestVersion(a)!.version,
        ...(reason ? { reason } : {}),
        ...(before && before.stance !== stance ? { from: before.stance } : {}),
      },
    },
  ];
}

// ---------------------------------------------------------------------------
// The chair's decisions

function proposerOf(state: MeetingState, delegationId: string) {
  const d = state.delegations[delegationId];
  return { delegationId, label: d ? delegationName(d, state.info.language) : delegationId };
}

/**
 * The chair's own words (accept as modified): brackets in them must be open
 * brackets of the paragraph, and are taken as the ledger knows them.
 */
function chairText(state: MeetingState, input: ParagraphTextInput, doc: string, paragraphId: string | null): RichParagraph {
  const rich = asRich(input);
  const open = new Map(
    Object.values(state.negotiation.brackets)
      .filter((b) => b.status === 'open' && b.doc === doc && b.paragraphId === paragraphId)
      .map((b) => [b.id, b]),
  );
  const fix = (inlines: Inline[]): Inline[] =>
    inlines.map((i) => {
      if (!('bracket' in i)) return i;
      const b = open.get(i.bracket.id) ?? fail('invalid_command', `bracket ${i.bracket.id} is not open in this paragraph: brackets are placed by decisions`);
      return { bracket: { id: b.id, alternatives: b.alternatives, by: b.proposedBy, label: b.label } };
    });
  const fixed = { inlines: fix(rich.inlines), ...(rich.items ? { items: rich.items.map((it) => ({ depth: it.depth, inlines: fix(it.inlines) })) } : {}) };
  return normalizeRich(fixed);
}

/** Open brackets of the paragraph the new words no longer carry: lifted by this decision. */
function liftedBy(state: MeetingState, a: Amendment, paragraphId: string, result: RichParagraph | null): DomainEvent[] {
  const kept = new Set((result ? richBrackets(result) : []).map((b) => b.id));
  const open = Object.values(state.negotiation.brackets).filter((b) => b.status === 'open' && b.doc === a.doc && b.paragraphId === paragraphId);
  for (const id of kept) {
    if (!open.some((b) => b.id === id)) fail('conflict', `the result would bring back bracket ${id}, which is no longer open: accept the amendment as modified`);
  }
  return open
    .filter((b) => !kept.has(b.id))
    .map((b): DomainEvent => ({ type: 'BracketLifted', payload: { bracketId: b.id, doc: b.doc, paragraphId, keep: null, words: '', amendmentId: a.id } }));
}

function decideOnAmendment(state: MeetingState, command: Cmd<'amendment.decide'>, ctx: DecideContext, text: TextFacts): DomainEvent[] {
  const a = requireAmendment(state, command.amendmentId);
  if (a.status === 'drafting') fail('not_found', `no amendment ${a.id}`);
  if (a.status !== 'tabled') {
    const d = a.decision;
    fail('invalid_state', d ? `this amendment was already decided: ${d.outcome} by ${d.by} at ${d.at}` : `this amendment is ${a.status}`, {
      status: a.status,
      decision: d,
    });
  }
  const v = latestVersion(a)!;
  if (command.expectedVersion !== v.version) {
    fail('conflict', `version ${v.version} of this amendment was tabled after the version ${command.expectedVersion} you decided on: look at it first`, {
      latestVersion: v.version,
    });
  }
  if (text.doc !== a.doc) fail('internal', 'the server read another text');
  const kind = a.kind!;
  const note = command.note || undefined;
  const decided = (paragraphId: string | null, result: RichParagraph | null, extra: { merged?: boolean; brackets?: string[]; place?: AmendmentTarget } = {}): DomainEvent => ({
    type: 'AmendmentDecided',
    payload: {
      amendmentId: a.id,
      outcome: command.outcome,
      version: v.version,
      doc: a.doc,
      paragraphId,
      ...(extra.place && 'place' in extra.place ? { place: extra.place.place } : {}),
      result,
      merged: extra.merged ?? false,
      brackets: extra.brackets ?? [],
      ...(note ? { note } : {}),
    },
  });
  if (command.outcome === 'reject') return [decided(null, null)];

  const proposer = proposerOf(state, a.sponsor);
  const newBracketId = () => ctx.newId('b');
  const placed = (brackets: BracketInline[], paragraphId: string): DomainEvent[] =>
    brackets.map((b) => ({
      type: 'BracketPlaced',
      payload: { bracketId: b.id, doc: a.doc, paragraphId, alternatives: b.alternatives, proposedBy: a.sponsor, label: b.label, amendmentId: a.id },
    }));

  if (kind === 'insert') {
    const place = (a.target as { place: NonNullable<Cmd<'amendment.start'>['place']> }).place;
    checkPlace(text, place);
    const paragraphId = ctx.newId('p');
    if (command.outcome === 'bracket') {
      const p = wholeInBracket(v.proposed!, 'insert', proposer, newBracketId);
      if (!p.ok) fail('invalid_state', `${p.why}: accept the new paragraph, accept it as modified, or reject it`);
      return [decided(paragraphId, p.result, { brackets: p.brackets.map((b) => b.id), place: a.target! }), ...placed(p.brackets, paragraphId)];
    }
    const words = command.outcome === 'accept_modified' ? chairText(state, command.text!, a.doc, null) : v.proposed!;
    if (richBrackets(words).length) fail('invalid_state', 'a new paragraph cannot carry brackets from elsewhere');
    return [decided(paragraphId, words, { place: a.target! })];
  }

  const paragraphId = (a.target as { paragraphId: string }).paragraphId;
  requireParagraph(text, paragraphId);
  notFrozen(state, a.doc, paragraphId, text, 'amended');
  const current = text.content[paragraphId] ?? fail('internal', 'the server did not read the paragraph');

  if (kind === 'delete') {
    if (command.outcome === 'accept_modified') fail('invalid_command', 'a deletion is accepted, rejected or bracketed; to change the words, table a change');
    if (command.outcome === 'bracket') {
      const p = wholeInBracket(current, 'delete', proposer, newBracketId);
      if (!p.ok) fail('invalid_state', `${p.why}: accept or reject the deletion`);
      return [decided(paragraphId, p.result, { brackets: p.brackets.map((b) => b.id) }), ...placed(p.brackets, paragraphId)];
    }
    const status: Extract<ParagraphEvent, { type: 'ParagraphStatusSet' }> = {
      type: 'ParagraphStatusSet',
      payload: { doc: a.doc, paragraphId, status: 'deleted', from: paragraphStatus(state, a.doc, paragraphId), amendmentId: a.id },
    };
    return [decided(paragraphId, null), status];
  }

  // change, alternative
  let words: RichParagraph;
  let merged = false;
  if (command.outcome === 'accept_modified') {
    words = chairText(state, command.text!, a.doc, paragraphId);
  } else {
    const base = v.base!;
    if (sameRich(base, current)) words = v.proposed!;
    else {
      const m = mergeRich(base, current, v.proposed!);
      if (!m.clean) {
        fail(
          'conflict',
          `${label(text, paragraphId)} changed since the amendment was drafted, and the changes meet: ${m.conflicts
            .map((c) => `the text now says "${c.current}" where the amendment says "${c.proposed}" (both changed "${c.base}")`)
            .join('; ')}. Accept it as modified, bracket it later, or reject it.`,
          { conflicts: m.conflicts },
        );
      }
      words = m.result;
      merged = true;
    }
  }
  if (command.outcome === 'bracket') {
    const p = placeInBrackets(current, words, kind === 'alternative' ? 'span' : 'runs', proposer, newBracketId);
    if (!p.ok) fail('invalid_state', `${p.why}: accept the amendment, accept it as modified, or reject it`);
    return [decided(paragraphId, p.result, { merged, brackets: p.brackets.map((b) => b.id) }), ...placed(p.brackets, paragraphId)];
  }
  return [decided(paragraphId, words, { merged }), ...liftedBy(state, a, paragraphId, words)];
}

function lift(state: MeetingState, command: Cmd<'bracket.lift'>, text: TextFacts): DomainEvent[] {
  const b = requireOpenBracket(state, command.bracketId);
  if (command.keep !== null && command.keep >= b.alternatives.length) {
    fail('invalid_command', `this bracket has ${b.alternatives.length} alternatives: keep 0 to ${b.alternatives.length - 1}, or null`);
  }
  const content = text.content[b.paragraphId];
  if (!content || !richBrackets(content).some((x) => x.id === b.id)) {
    fail('invalid_state', 'the bracket is not in the text where the ledger says it is; ask the secretariat to check the text');
  }
  if (paragraphStatus(state, b.doc, b.paragraphId) === 'adopted') fail('invalid_state', `${label(text, b.paragraphId)} is adopted: reopen it first`);
  return [
    {
      type: 'BracketLifted',
      payload: {
        bracketId: b.id,
        doc: b.doc,
        paragraphId: b.paragraphId,
        keep: command.keep,
        words: command.keep === null ? '' : b.alternatives[command.keep],
        ...(command.note ? { note: command.note } : {}),
      },
    },
  ];
}

// ---------------------------------------------------------------------------
// Adoption

const STATUS_OF = { adopted: 'adopted', agreed_ad_ref: 'agreed_ad_ref', deferred: 'under_consideration' } as const;

function footnoteFor(
  state: MeetingState,
  doc: string,
  footnote: NonNullable<Cmd<'adoption.decide'>['footnote']>,
  text: TextFacts,
  other: TextFacts | undefined,
): NonNullable<AdoptionDecision['footnote']> {
  const t: FootnoteTarget = footnote.target;
  const sentence = footnote.text ?? footnoteSentence(state.info.language);
  refuseTypedNumber(sentence);
  if ('text' in t) {
    refuseTypedNumber(t.text);
    return { target: { text: t.text }, note: placeReference(sentence, t.text, t.text, true) };
  }
  let pointed: string;
  let target: FootnoteTarget & { doc?: string };
  if ('generated' in t) {
    if (!generatedParagraphIds(state).has(t.generated)) fail('not_found', 'the report does not generate that paragraph (any more): choose one of its paragraphs again');
    pointed = t.generated;
    target = { generated: t.generated };
  } else {
    const targetDoc = t.doc ?? doc;
    const where = targetDoc === doc ? text : other;
    if (!where || where.doc !== targetDoc) fail('internal', 'the server did not read the text the footnote points into');
    requireParagraph(where, t.paragraphId);
    pointed = t.paragraphId;
    target = { paragraphId: t.paragraphId, doc: targetDoc };
  }
  // A reference by id: numbered as the text (and the report, in every language) numbers it.
  return { target, note: placeReference(sentence, refToken(pointed), numberToken(pointed), false) };
}

/**
 * Words that number a paragraph of the report by hand ("see paragraph 109
 * of the report") would print that number whatever the report's numbering
 * becomes: refused, with the way to say it so that it follows.
 */
function refuseTypedNumber(words: string): void {
  const typed = typedReportReference(words);
  if (typed) {
    fail(
      'invalid_command',
      `the footnote types "${typed}": a number typed by hand is printed as typed and goes wrong when paragraphs are added or moved; choose the paragraph from the report's list instead, and in your own words write {n} (or {ref}) where its number goes`,
      { typed },
    );
  }
}

/**
 * The footnote's words with the reference put in: `{ref}` takes the words
 * ("paragraph 109 below"), `{n}` the number alone ("see paragraph {n} of
 * the report"), both kept as the numbering changes. Words pointing at a
 * paragraph must say where it goes: a number typed in them would be printed
 * as typed, wrong once the paragraphs are numbered again.
 */
function placeReference(sentence: string, ref: string, number: string, freeWords: boolean): string {
  if (!sentence.includes('{ref}') && !sentence.includes('{n}')) {
    if (freeWords) return sentence;
    fail(
      'invalid_command',
      /[0-9\u0660-\u0669]/.test(sentence)
        ? 'the footnote types a paragraph number: write {n} where the number goes (or {ref} for the whole reference), so that it follows the numbering'
        : 'the footnote does not say where the reference goes: write {ref} (or {n} for the number alone)',
    );
  }
  return sentence.replaceAll('{ref}', ref).replaceAll('{n}', number);
}

function adopt(state: MeetingState, command: Cmd<'adoption.decide'>, text: TextFacts, other: TextFacts | undefined): DomainEvent[] {
  if (text.doc !== command.doc) fail('internal', 'the server read another text');
  const ids = [...new Set(command.paragraphIds)];
  const missing = ids.filter((id) => !text.paragraphIds.includes(id));
  if (missing.length) fail('not_found', `${missing.length > 1 ? 'these paragraphs are' : 'this paragraph is'} not in ${command.doc}`, { paragraphIds: missing });
  const adopted = ids.filter((id) => paragraphStatus(state, command.doc, id) === 'adopted');
  if (command.outcome !== 'adopted' && adopted.length) {
    fail('invalid_state', `${adopted.map((id) => label(text, id)).join(', ')}: adopted, and frozen until the chair reopens ${adopted.length > 1 ? 'them' : 'it'}`, {
      paragraphIds: adopted,
    });
  }
  const todo = ids.filter((id) => !(command.outcome === 'adopted' && adopted.includes(id)));
  if (command.outcome === 'adopted' || command.outcome === 'agreed_ad_ref') {
    const blockers = consensusBlockers(state, command.doc, todo, text.numbers);
    if (blockers.length) {
      fail('invalid_state', blockersMessage(blockers, command.outcome === 'adopted' ? 'adopted by consensus' : 'agreed ad referendum'), { blockers });
    }
  }
  const decision: AdoptionDecision = { outcome: command.outcome };
  if (command.disposition) decision.disposition = command.disposition;
  if (command.footnote) decision.footnote = footnoteFor(state, command.doc, command.footnote, text, other);
  const status =
    command.outcome === 'no_consensus' ? (command.disposition === 'drop' ? 'deleted' : 'no_consensus') : STATUS_OF[command.outcome];
  return todo.map((paragraphId): DomainEvent => ({
    type: 'ParagraphStatusSet',
    payload: {
      doc: command.doc,
      paragraphId,
      status,
      from: paragraphStatus(state, command.doc, paragraphId),
      decision,
      ...(command.note ? { note: command.note } : {}),
    },
  }));
}
