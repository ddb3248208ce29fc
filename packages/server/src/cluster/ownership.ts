/**
 * One owner per meeting: the node holding its lease in PostgreSQL decides its
 * commands and writes its texts. A node takes a meeting when it is asked to
 * write to it and nobody holds it (or the holder's lease has expired), renews
 * what it holds every third of the lease, and lets it go at shutdown.
 *
 * Believing it owns a meeting is only a routing decision: PostgreSQL checks
 * the lease's fencing token in every write's transaction, so a node that lost
 * its lease without knowing (paused, cut off) cannot write.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { MeetingLease, PostgresStore } from '../store/postgres';

export interface Holder {
  owner: string;
  url: string;
}

interface Held {
  lease: MeetingLease;
  /** Until when (this process's clock) this node may act as the owner: the lease's length from before it was asked, less a margin. */
  until: number;
}

export interface OwnershipOptions {
  ttlMs?: number;
  /** How long a node believes another holds a meeting before asking PostgreSQL again. */
  holderCacheMs?: number;
}

export class Ownership {
  private readonly held = new Map<string, Held>();
  private readonly claims = new Map<string, Promise<boolean>>();
  private readonly holders = new Map<string, { holder: Holder; until: number }>();
  private readonly changed = new Set<(meetingId: string, owned: boolean) => void>();
  private readonly renewer: NodeJS.Timeout;
  private readonly ttlMs: number;
  private readonly holderCacheMs: number;
  private closed = false;
  /** Where this node answers other nodes (set once it listens). */
  url = '';

  constructor(
    private readonly store: PostgresStore,
    private readonly log: FastifyBaseLogger,
    options: OwnershipOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 3000;
    this.holderCacheMs = options.holderCacheMs ?? 1000;
    this.renewer = setInterval(() => void this.renewAll(), Math.floor(this.ttlMs / 3));
    this.renewer.unref();
  }

  get nodeId(): string {
    return this.store.nodeId;
  }

  /** Told when this node takes a meeting (true) or loses it (false). */
  onChange(listener: (meetingId: string, owned: boolean) => void): void {
    this.changed.add(listener);
  }

  owns(meetingId: string): boolean {
    const held = this.held.get(meetingId);
    return held !== undefined && performance.now() < held.until;
  }

  /** The meetings this node holds. */
  owned(): string[] {
    return [...this.held.keys()].filter((m) => this.owns(m));
  }

  /** True when this node owns the meeting, taking it if nobody holds it; false when another node does. */
  claim(meetingId: string): Promise<boolean> {
    if (this.owns(meetingId)) return Promise.resolve(true);
    const cached = this.holders.get(meetingId);
    if (cached && performance.now() < cached.until) return Promise.resolve(false);
    let claim = this.claims.get(meetingId);
    if (!claim) {
      claim = this.take(meetingId).finally(() => this.claims.delete(meetingId));
      this.claims.set(meetingId, claim);
    }
    return claim;
  }

  /** The node that holds the meeting, if another does (asking PostgreSQL when not known). */
  async holder(meetingId: string): Promise<Holder | undefined> {
    if (await this.claim(meetingId)) return undefined;
    return this.holders.get(meetingId)?.holder;
  }

  /** The holder did not answer (or said it no longer holds it): ask PostgreSQL again next time. */
  forgetHolder(meetingId: string): void {
    this.holders.delete(meetingId);
  }

  /** The store refused a write under this node's token: another node holds the meeting now. */
  lost(meetingId: string): void {
    if (!this.held.delete(meetingId)) return;
    this.log.warn({ meetingId }, 'lost the lease of a meeting: another node owns it now');
    this.tell(meetingId, false);
  }

  private async take(meetingId: string): Promise<boolean> {
    if (this.closed) return false;
    const asked = performance.now();
    const lease = await this.store.acquireLease(meetingId, this.ttlMs, this.url);
    if (lease) {
      this.held.set(meetingId, { lease, until: asked + this.ttlMs * 0.8 });
      this.holders.delete(meetingId);
      this.log.info({ meetingId, token: lease.token }, 'took the lease of a meeting');
      this.tell(meetingId, true);
      return true;
    }
    const holder = await this.store.leaseHolder(meetingId);
    // Expired between the two questions: try once more.
    if (!holder) return this.take(meetingId);
    this.holders.set(meetingId, { holder: { owner: holder.owner, url: holder.url }, until: performance.now() + Math.min(this.holderCacheMs, holder.expiresInMs) });
    return false;
  }

  private renewing = false;

  /** Every lease held, renewed in one statement; a renewal still on its way is not doubled. */
  private async renewAll(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    const asked = performance.now();
    const held = [...this.held];
    try {
      const renewed = await this.store.renewLeases(
        held.map(([, h]) => h.lease),
        this.ttlMs,
      );
      held.forEach(([meetingId, h], i) => {
        if (this.held.get(meetingId) !== h) return;
        const lease = renewed[i];
        if (lease) this.held.set(meetingId, { lease, until: asked + this.ttlMs * 0.8 });
        else this.lost(meetingId);
      });
    } catch (err) {
      // PostgreSQL away (or too slow to answer in time): the leases run out by themselves; writes are refused meanwhile anyway.
      this.log.warn({ err }, 'renewing the leases failed');
    } finally {
      this.renewing = false;
    }
  }

  private tell(meetingId: string, owned: boolean): void {
    for (const l of this.changed) l(meetingId, owned);
  }

  /** Lets every meeting go at once, so that other nodes take them without waiting for the leases to run out. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.renewer);
    const held = [...this.held.values()];
    this.held.clear();
    await Promise.allSettled(held.map((h) => this.store.releaseLease(h.lease)));
  }
}
