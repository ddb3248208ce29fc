import type { LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import type { AmendmentEvent } from './events';
import type { Amendment, AmendmentStatus, AmendmentStep, Bracket, BracketStep, NegotiationState } from './model';

const STATUS_AFTER: Record<string, AmendmentStatus> = {
  accept: 'accepted',
  accept_modified: 'accepted_modified',
  reject: 'rejected',
  bracket: 'bracketed',
};

export function evolveAmendments(s: MeetingState, e: LedgerEvent<AmendmentEvent>): MeetingState {
  return { ...s, negotiation: apply(s.negotiation, e) };
}

function apply(n: NegotiationState, e: LedgerEvent<AmendmentEvent>): NegotiationState {
  const by = e.actor.name;
  const at = e.at;
  const amendment = (id: string, change: (a: Amendment) => Amendment, step?: Omit<AmendmentStep, 'at' | 'by'>): NegotiationState => {
    const a = n.amendments[id];
    if (!a) return n;
    const next = change(a);
    return { ...n, amendments: { ...n.amendments, [id]: step ? { ...next, steps: [...next.steps, { ...step, at, by }] } : next } };
  };
  const bracket = (id: string, change: (b: Bracket) => Bracket, step: Omit<BracketStep, 'at' | 'by'>): NegotiationState => {
    const b = n.brackets[id];
    if (!b) return n;
    const next = change(b);
    return { ...n, brackets: { ...n.brackets, [id]: { ...next, steps: [...next.steps, { ...step, at, by }] } } };
  };
  switch (e.type) {
    case 'AmendmentsConfigured':
      return { ...n, settings: { ...n.settings, ...e.payload } };
    case 'AmendmentDraftStarted': {
      const p = e.payload;
      const a: Amendment = {
        id: p.amendmentId,
        doc: p.doc,
        sponsor: p.delegationId,
        origin: p.origin,
        status: 'drafting',
        startedAt: at,
        kind: null,
        target: null,
        versions: [],
        stances: {},
        steps: [{ what: 'started', at, by, delegationId: p.delegationId }],
        decision: null,
      };
      return { ...n, amendments: { ...n.amendments, [a.id]: a } };
    }
    case 'AmendmentTabled': {
      const p = e.payload;
      return amendment(
        p.amendmentId,
        (a) => ({ ...a, status: 'tabled', kind: p.kind, target: p.target, versions: [{ ...p.version, at, by }] }),
        { what: 'tabled', version: p.version.version, ...(p.version.note ? { detail: p.version.note } : {}) },
      );
    }
    case 'AmendmentRevised': {
      const p = e.payload;
      return amendment(p.amendmentId, (a) => ({ ...a, versions: [...a.versions, { ...p.version, at, by }] }), {
        what: 'revised',
        version: p.version.version,
        ...(p.version.note ? { detail: p.version.note } : {}),
      });
    }
    case 'AmendmentWithdrawn':
      return amendment(e.payload.amendmentId, (a) => ({ ...a, status: 'withdrawn' }), {
        what: 'withdrawn',
        ...(e.payload.reason ? { detail: e.payload.reason } : {}),
      });
    case 'AmendmentStanceTaken': {
      const p = e.payload;
      return amendment(
        p.amendmentId,
        (a) => ({
          ...a,
          stances: { ...a.stances, [p.delegationId]: { stance: p.stance, at, by, version: p.version, ...(p.reason ? { reason: p.reason } : {}) } },
        }),
        { what: p.stance, delegationId: p.delegationId, version: p.version, ...(p.reason ? { detail: p.reason } : {}) },
      );
    }
    case 'AmendmentStanceRetracted': {
      const p = e.payload;
      return amendment(
        p.amendmentId,
        (a) => {
          const { [p.delegationId]: _gone, ...stances } = a.stances;
          return { ...a, stances };
        },
        { what: 'retracted', delegationId: p.delegationId, detail: p.stance },
      );
    }
    case 'AmendmentDecided': {
      const p = e.payload;
      return amendment(
        p.amendmentId,
        (a) => ({
          ...a,
          status: STATUS_AFTER[p.outcome],
          decision: {
            outcome: p.outcome,
            version: p.version,
            at,
            by,
            paragraphId: p.paragraphId,
            result: p.result,
            merged: p.merged,
            brackets: p.brackets,
            ...(p.note ? { note: p.note } : {}),
          },
        }),
        { what: 'decided', version: p.version, detail: p.outcome },
      );
    }
    case 'BracketPlaced': {
      const p = e.payload;
      const b: Bracket = {
        id: p.bracketId,
        doc: p.doc,
        paragraphId: p.paragraphId,
        alternatives: p.alternatives,
        proposedBy: p.proposedBy,
        label: p.label,
        ...(p.amendmentId ? { amendmentId: p.amendmentId } : {}),
        status: 'open',
        placedAt: at,
        holders: { [p.proposedBy]: { since: at } },
        steps: [{ what: 'placed', at, by, delegationId: p.proposedBy }],
      };
      return { ...n, brackets: { ...n.brackets, [b.id]: b } };
    }
    case 'BracketHeld': {
      const p = e.payload;
      return bracket(
        p.bracketId,
        (b) => ({ ...b, holders: { ...b.holders, [p.delegationId]: { since: at, ...(p.reason ? { reason: p.reason } : {}) } } }),
        { what: 'held', delegationId: p.delegationId, ...(p.reason ? { detail: p.reason } : {}) },
      );
    }
    case 'BracketReleased': {
      const p = e.payload;
      return bracket(
        p.bracketId,
        (b) => {
          const { [p.delegationId]: _gone, ...holders } = b.holders;
          return { ...b, holders };
        },
        { what: 'released', delegationId: p.delegationId },
      );
    }
    case 'BracketLifted': {
      const p = e.payload;
      return bracket(
        p.bracketId,
        (b) => ({
          ...b,
          status: 'lifted',
          lifted: {
            at,
            by,
            keep: p.keep,
            words: p.words,
            ...(p.note ? { note: p.note } : {}),
            ...(p.amendmentId ? { amendmentId: p.amendmentId } : {}),
          },
        }),
        { what: 'lifted', ...(p.note ? { detail: p.note } : {}) },
      );
    }
    case 'ObjectionRaised': {
      const p = e.payload;
      const list = n.objections[p.doc]?.[p.paragraphId] ?? [];
      return {
        ...n,
        objections: {
          ...n.objections,
          [p.doc]: { ...n.objections[p.doc], [p.paragraphId]: [...list, { delegationId: p.delegationId, reason: p.reason, at, by }] },
        },
      };
    }
    case 'ObjectionWithdrawn': {
      const p = e.payload;
      const list = (n.objections[p.doc]?.[p.paragraphId] ?? []).map((o) =>
        o.delegationId === p.delegationId && !o.withdrawnAt ? { ...o, withdrawnAt: at, withdrawnBy: by } : o,
      );
      return { ...n, objections: { ...n.objections, [p.doc]: { ...n.objections[p.doc], [p.paragraphId]: list } } };
    }
    case 'PositionRecorded': {
      const p = e.payload;
      const list = n.positions[p.doc]?.[p.paragraphId] ?? [];
      return {
        ...n,
        positions: {
          ...n.positions,
          [p.doc]: { ...n.positions[p.doc], [p.paragraphId]: [...list, { delegationId: p.delegationId, kind: p.kind, text: p.text, at, by }] },
        },
      };
    }
  }
}
