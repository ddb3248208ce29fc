import { timingSafeEqual } from 'node:crypto';
import { DomainError, type AccessCode, type Actor, type SessionInfo } from '@gavel/shared';
import type { MeetingService } from '../meetings/service';
import type { SessionRecord, Store } from '../store/store';
import { hashAccessCode, newToken, sha256 } from './secrets';

export interface Authenticated {
  actor: Actor;
  /** Absent for the admin token, which belongs to no meeting. */
  session?: SessionInfo;
  tokenHash: string;
  /** When the session ends by itself (ISO 8601); absent for the admin token. */
  expiresAt?: string;
}

/** Which sessions just ended: one (signed out), or all of an access code's (revoked). */
/** The session each actor came from (sessions' actors only): what a write forwarded to another node is sent under. */
const sessionOfActor = new WeakMap<Actor, string>();

/** The hash of the token of the session this actor was read from, if any. */
export function sessionHashOf(actor: Actor): string | undefined {
  return sessionOfActor.get(actor);
}

export type SessionsEnded = { tokenHash: string } | { meetingId: string; codeId: string };

/** How many sessions the cache keeps (the oldest read is forgotten first); each is a few hundred bytes. */
const CACHED_SESSIONS = 20_000;

export interface AuthOptions {
  clock?: () => Date;
  /**
   * Keep the sessions read from the store in memory (by their token's hash),
   * instead of reading the store on every request: only where every session
   * that ends ends through this process (SQLite, one process). A cached
   * session is still checked on every use against its expiry and its code's
   * revocation (the meeting's state), and is forgotten when it is signed out
   * or its code's sessions end, here or as relayed from another node.
   */
  cacheSessions?: boolean;
}

/** Access codes in, bearer tokens out; and back from a token to who it is. */
export class Auth {
  constructor(
    private readonly store: Store,
    private readonly meetings: MeetingService,
    adminToken: string,
    private readonly sessionHours: number,
    options: AuthOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.adminHash = Buffer.from(sha256(adminToken));
    this.cache = options.cacheSessions ? new Map() : undefined;
  }

  private readonly clock: () => Date;
  /** The admin token's hash, compared in constant time with a token's. */
  private readonly adminHash: Buffer;
  /** Sessions as the store holds them, by token hash (AuthOptions.cacheSessions). */
  private readonly cache: Map<string, SessionRecord> | undefined;

  private readonly endedListeners: ((ended: SessionsEnded) => void)[] = [];

  /** Told when sessions end here, so that their open sockets close at once. */
  onSessionsEnded(listener: (ended: SessionsEnded) => void): void {
    this.endedListeners.push(listener);
  }

  /** Sessions that ended on another node (cluster/): this node's sockets of them close too. */
  announceEnded(ended: SessionsEnded): void {
    this.ended(ended);
  }

  private ended(ended: SessionsEnded): void {
    this.forget(ended);
    for (const l of this.endedListeners) l(ended);
  }

  /** Drops ended sessions from the cache. */
  private forget(ended: SessionsEnded): void {
    if (!this.cache) return;
    if ('tokenHash' in ended) {
      this.cache.delete(ended.tokenHash);
      return;
    }
    for (const [hash, r] of this.cache) if (r.meetingId === ended.meetingId && r.codeId === ended.codeId) this.cache.delete(hash);
  }

  /** The session's record: from the cache, or read from the store (and cached). */
  private async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const cached = this.cache?.get(tokenHash);
    if (cached) return cached;
    const record = await this.store.findSession(tokenHash);
    if (record && this.cache) {
      if (this.cache.size >= CACHED_SESSIONS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(tokenHash, record);
    }
    return record;
  }

  async signIn(meetingId: string, code: string, name: string): Promise<{ token: string; session: SessionInfo }> {
    const issued = await this.activeCode(meetingId, code);
    if (!issued) throw new DomainError('invalid_code', 'this access code is not valid for this meeting');
    const token = newToken();
    const now = this.clock();
    const record: SessionRecord = {
      tokenHash: sha256(token),
      meetingId,
      codeId: issued.id,
      role: issued.role,
      name,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.sessionHours * 3_600_000).toISOString(),
      ...(issued.delegationId ? { delegationId: issued.delegationId } : {}),
    };
    await this.store.createSession(record);
    return { token, session: toInfo(record) };
  }

  /** The code as issued, if this clear code belongs to the meeting and is not revoked. */
  async activeCode(meetingId: string, code: string): Promise<AccessCode | undefined> {
    // Another node may have issued or revoked the code: ask the store, not this node's copy.
    const state = await this.meetings.freshState(meetingId);
    if (!state) return undefined;
    const credential = await this.store.findCredential(meetingId, hashAccessCode(code));
    const issued = credential && state.codes[credential.codeId];
    return issued && !issued.revokedAt ? issued : undefined;
  }

  /** Who holds this token, if it is still good. */
  async authenticate(token: string | undefined): Promise<Authenticated | undefined> {
    if (!token) return undefined;
    const tokenHash = sha256(token);
    if (timingSafeEqual(Buffer.from(tokenHash), this.adminHash)) return { actor: { role: 'admin', name: 'Administrator' }, tokenHash };
    return this.bySessionHash(tokenHash);
  }

  /** A session by its token's hash, if it is still good (not signed out, not expired, its code not revoked). */
  async bySessionHash(tokenHash: string): Promise<Authenticated | undefined> {
    const record = await this.findSession(tokenHash);
    if (!record || record.expiresAt <= this.clock().toISOString()) return undefined;
    const state = await this.meetings.state(record.meetingId);
    const code = state?.codes[record.codeId];
    if (!code || code.revokedAt) return undefined;
    const session = toInfo(record);
    const actor: Actor = { role: record.role, name: record.name, codeId: record.codeId };
    if (record.delegationId) actor.delegationId = record.delegationId;
    sessionOfActor.set(actor, tokenHash);
    return { actor, session, tokenHash, expiresAt: record.expiresAt };
  }

  async endSessionsOfCode(meetingId: string, codeId: string): Promise<void> {
    const ended = { meetingId, codeId };
    this.ended(ended);
    try {
      await this.store.deleteSessionsOfCode(meetingId, codeId);
    } finally {
      // A request read the row while the delete was on its way (and cached it): forgotten again.
      this.forget(ended);
    }
  }

  async signOut(tokenHash: string): Promise<void> {
    this.ended({ tokenHash });
    try {
      await this.store.deleteSession(tokenHash);
    } finally {
      // A request read the row while the delete was on its way (and cached it): forgotten again.
      this.forget({ tokenHash });
    }
  }
}

function toInfo(r: SessionRecord): SessionInfo {
  const info: SessionInfo = { meetingId: r.meetingId, role: r.role, name: r.name, codeId: r.codeId };
  if (r.delegationId) info.delegationId = r.delegationId;
  return info;
}
