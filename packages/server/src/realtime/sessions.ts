/**
 * The open sockets of each session, so that a session that ends (signed out,
 * expired, its code revoked) ends its sockets at once, not at their next
 * request: HTTP refuses the token from then on, and so does every socket.
 */
import { WS } from '@gavel/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Auth, SessionsEnded } from '../auth/sessions';
import type { GavelSocket } from './gateway';

/** setTimeout's longest delay; a later expiry is re-armed from there. */
const MAX_DELAY = 2 ** 31 - 1;
/** Another server on the same store may end a session: every open one is checked this often. */
const RECHECK_MS = 60_000;

export class SocketSessions {
  private readonly byToken = new Map<string, Set<GavelSocket>>();
  private readonly recheck: NodeJS.Timeout;

  constructor(
    private readonly auth: Auth,
    private readonly log: FastifyBaseLogger,
  ) {
    auth.onSessionsEnded((ended) => this.end(ended));
    this.recheck = setInterval(() => void this.checkAll(), RECHECK_MS).unref();
  }

  add(socket: GavelSocket): void {
    const { tokenHash, expiresAt } = socket.data;
    let set = this.byToken.get(tokenHash);
    if (!set) this.byToken.set(tokenHash, (set = new Set()));
    set.add(socket);
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const left = Date.parse(expiresAt ?? '') - Date.now();
      if (!(left > 0)) return this.close(socket, 'expired');
      timer = setTimeout(() => (left > MAX_DELAY ? arm() : this.close(socket, 'expired')), Math.min(left, MAX_DELAY));
      timer.unref();
    };
    arm();
    socket.once('disconnect', () => {
      if (timer) clearTimeout(timer);
      set.delete(socket);
      if (set.size === 0 && this.byToken.get(tokenHash) === set) this.byToken.delete(tokenHash);
    });
  }

  private end(ended: SessionsEnded): void {
    if ('tokenHash' in ended) {
      for (const socket of [...(this.byToken.get(ended.tokenHash) ?? [])]) this.close(socket, 'signed out');
      return;
    }
    for (const set of this.byToken.values()) {
      for (const socket of [...set]) {
        const s = socket.data.session;
        if (s.meetingId === ended.meetingId && s.codeId === ended.codeId) this.close(socket, 'revoked');
      }
    }
  }

  private async checkAll(): Promise<void> {
    for (const [tokenHash, set] of [...this.byToken]) {
      try {
        if (await this.auth.bySessionHash(tokenHash)) continue;
        for (const socket of [...set]) this.close(socket, 'ended elsewhere');
      } catch (err) {
        this.log.warn({ err }, 'checking an open session failed');
      }
    }
  }

  private close(socket: GavelSocket, why: string): void {
    this.log.info({ socketId: socket.id, meetingId: socket.data.session?.meetingId, why }, 'session ended: closing its socket');
    socket.emit(WS.revoked);
    socket.disconnect(true);
  }

  stop(): void {
    clearInterval(this.recheck);
  }
}
