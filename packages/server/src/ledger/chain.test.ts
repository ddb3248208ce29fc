import { describe, expect, it } from 'vitest';
import type { Actor, DomainEvent, LedgerEvent } from '@gavel/shared';
import { GENESIS_HASH, hashEvent, sealEvents, verifyChain } from './chain';

const ACTOR: Actor = { role: 'secretariat', name: 'Officer', codeId: 'c_code000001' };
const AT = '2027-01-27T09:00:00.000Z';

const registered = (id: string, en: string): DomainEvent => ({
  type: 'DelegationRegistered',
  payload: { delegation: { id, category: 'state_party', m49: '578', names: { en, ar: 'النرويج' } } },
});

function ledger(n = 5): LedgerEvent[] {
  const decided = Array.from({ length: n }, (_, i) => registered(`d_aaaaa${i}00`, `Delegation ${i + 1}`));
  return sealEvents('m_meeting001', { seq: 0, hash: GENESIS_HASH }, decided, ACTOR, AT);
}

describe('sealEvents', () => {
  it('numbers events after the given seq, stamps actor and time, and chains each to the one before', () => {
    const events = ledger(3);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[2].prevHash).toBe(events[1].hash);
    for (const e of events) {
      expect(e).toMatchObject({ meetingId: 'm_meeting001', actor: ACTOR, at: AT });
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hashEvent(e)).toBe(e.hash);
    }
    expect(new Set(events.map((e) => e.hash)).size).toBe(3);
  });

  it('continues a ledger where it stands', () => {
    const first = ledger(2);
    const next = sealEvents('m_meeting001', { seq: 2, hash: first[1].hash }, [registered('d_bbbbbb00', 'B')], ACTOR, AT);
    expect(next[0]).toMatchObject({ seq: 3, prevHash: first[1].hash });
    expect(verifyChain([...first, ...next])).toEqual({ ok: true, events: 3, head: next[0].hash });
  });

  it('hashes the same event the same way whatever the order of its keys', () => {
    const [e] = ledger(1);
    const reordered = JSON.parse(JSON.stringify({ hash: e.hash, prevHash: e.prevHash, at: e.at, actor: e.actor, payload: e.payload, type: e.type, seq: e.seq, meetingId: e.meetingId }));
    expect(hashEvent(reordered)).toBe(e.hash);
  });

  it('covers every field of the event in its hash', () => {
    const [e] = ledger(1);
    const changes: Partial<LedgerEvent>[] = [
      { meetingId: 'm_meeting002' },
      { seq: 2 },
      { type: 'DelegationRemoved' } as Partial<LedgerEvent>,
      { at: '2027-01-27T09:00:00.001Z' },
      { actor: { ...ACTOR, role: 'chair' } },
      { prevHash: 'f'.repeat(64) },
    ];
    for (const change of changes) expect(hashEvent({ ...e, ...change } as LedgerEvent)).not.toBe(e.hash);
  });
});

describe('a sealed event as stored', () => {
  it('keeps its JSON (the keys in their order) and its hash as recorded ledgers have them, anchored or not', () => {
    const adopted = { type: 'ParagraphStatusSet', payload: { docName: 'draft', paragraphId: 'p_1', status: 'adopted' } } as unknown as DomainEvent;
    const events = sealEvents('m_meeting001', { seq: 0, hash: GENESIS_HASH }, [registered('d_aaaaa000', 'Norway'), adopted], ACTOR, AT, {
      draft: { seq: 4, hash: 'a'.repeat(64) },
    });
    // Made by the sealing of a82b8b8 (a spread of the event): the stored rows, the ledger export and the hashes are unchanged.
    const actor = '"actor":{"role":"secretariat","name":"Officer","codeId":"c_code000001"},"at":"2027-01-27T09:00:00.000Z"';
    const first = '0276b97d3e3e36e5dab7a7ba08cdc0bc0f9e03baeadd7e973cbced86a87a74ac';
    expect(events.map((e) => JSON.stringify(e))).toEqual([
      `{"type":"DelegationRegistered","payload":{"delegation":{"id":"d_aaaaa000","category":"state_party","m49":"578","names":{"en":"Norway","ar":"النرويج"}}},"meetingId":"m_meeting001","seq":1,${actor},"prevHash":"${GENESIS_HASH}","hash":"${first}"}`,
      `{"type":"ParagraphStatusSet","payload":{"docName":"draft","paragraphId":"p_1","status":"adopted"},"meetingId":"m_meeting001","seq":2,${actor},"prevHash":"${first}","anchors":{"draft":{"seq":4,"hash":"${'a'.repeat(64)}"}},"hash":"8a0a59abb2f11663d6490203bc55f2b0aa2dc4e869c2666c725b710e62ec3553"}`,
    ]);
  });
});

describe('verifyChain', () => {
  it('accepts an intact ledger and names its head', () => {
    const events = ledger();
    expect(verifyChain(events)).toEqual({ ok: true, events: 5, head: events[4].hash });
  });

  it('accepts an empty ledger', () => {
    expect(verifyChain([])).toEqual({ ok: true, events: 0, head: GENESIS_HASH });
  });

  it('names the first event whose content was changed', () => {
    const events = structuredClone(ledger());
    (events[2].payload as { delegation: { names: { en: string } } }).delegation.names.en = 'Narnia';
    (events[3].payload as { delegation: { names: { en: string } } }).delegation.names.en = 'Atlantis';
    expect(verifyChain(events)).toMatchObject({ ok: false, events: 5, brokenAt: 3, reason: expect.stringMatching(/hash/) });
  });

  it('notices a changed actor or time, not only a changed payload', () => {
    const byActor = structuredClone(ledger());
    byActor[1].actor = { role: 'chair', name: 'Officer', codeId: 'c_code000001' };
    expect(verifyChain(byActor)).toMatchObject({ ok: false, brokenAt: 2 });
    const byTime = structuredClone(ledger());
    byTime[4].at = '2027-01-26T09:00:00.000Z';
    expect(verifyChain(byTime)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('names the next event when a changed event was given a matching hash', () => {
    const events = structuredClone(ledger());
    (events[1].payload as { delegation: { names: { en: string } } }).delegation.names.en = 'Narnia';
    events[1].hash = hashEvent(events[1]);
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringMatching(/chain/) });
  });

  it('names the place of a removed, repeated or reordered event', () => {
    const events = ledger();
    expect(verifyChain([events[0], events[1], events[3], events[4]])).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/expected event 3/) });
    expect(verifyChain([events[0], events[1], events[1], events[2]])).toMatchObject({ ok: false, brokenAt: 2 });
    expect(verifyChain([events[0], events[2], events[1]])).toMatchObject({ ok: false, brokenAt: 3 });
    expect(verifyChain(events.slice(1))).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('refuses a ledger that does not start from the genesis hash', () => {
    const moved = sealEvents('m_meeting001', { seq: 0, hash: 'a'.repeat(64) }, [registered('d_aaaaaa00', 'A')], ACTOR, AT);
    expect(verifyChain(moved)).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringMatching(/chain/) });
  });
});
