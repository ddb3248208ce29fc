/**
 * A copy of a live Y.Doc that an update guard applies a client's update to,
 * to see the text as it would be, without touching the live document.
 *
 * The copy is kept level with the live document by following it: every
 * update the live document takes (a client's, accepted by all the guards,
 * or an edit of the server) is queued and applied to the copy before the
 * next check, so a keystroke costs what it changes, not the document. The
 * copy was a step ahead after the last check (the update just checked);
 * that step must be the live document's next change. If it is not (another
 * guard refused the update, or anything else happened that the copy cannot
 * account for), the copy is rebuilt from the live document: never trusted
 * when in doubt. The state vectors are compared after each catch-up as a
 * last safety net (cheap: one entry per writer).
 */
import * as Y from 'yjs';

/** Queued live changes beyond this many (no check for a long while): rebuild rather than replay. */
const MAX_QUEUED = 5_000;

function sameMap(a: Map<number, number>, b: Map<number, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** Whether two updates make the same change to the same state: the same structs and the same deletions. */
function sameChange(a: Uint8Array, b: Uint8Array): boolean {
  const ma = Y.parseUpdateMeta(a);
  const mb = Y.parseUpdateMeta(b);
  return sameMap(ma.from, mb.from) && sameMap(ma.to, mb.to) && Y.equalDeleteSets(Y.decodeUpdate(a).ds, Y.decodeUpdate(b).ds);
}

export class LiveMirror {
  /** Holds an update the live document refused, or lost track of it: rebuild before the next use. */
  tainted = false;
  /** How many changes of the live document the copy took from it (not those it made itself first): a version, for caches. */
  followed = 0;
  private queued: Uint8Array[] = [];
  /** The change the last accepted update made to the copy, which the live document must make next. */
  private ahead: Uint8Array | null = null;
  private readonly follow = (update: Uint8Array) => {
    if (this.tainted) return;
    if (this.queued.length < MAX_QUEUED) this.queued.push(update);
    else {
      this.tainted = true;
      this.queued = [];
    }
  };

  /** `copy` must hold exactly what `live` holds now. */
  constructor(
    readonly live: Y.Doc,
    readonly copy: Y.Doc,
  ) {
    live.on('update', this.follow);
  }

  /**
   * Brings the copy level with `live`, applying what the live document took
   * since the last check. False if it cannot be trusted to be level: rebuild.
   */
  catchUp(live: Y.Doc): boolean {
    if (live !== this.live || this.tainted) return false;
    const queued = this.queued;
    this.queued = [];
    let from = 0;
    if (this.ahead) {
      if (queued.length === 0 || !sameChange(queued[0], this.ahead)) return false;
      from = 1;
      this.ahead = null;
    }
    // In one transaction: the reader bound to the copy catches up once, however many changes waited.
    if (queued.length - from === 1) Y.applyUpdate(this.copy, queued[from]);
    else if (queued.length > from) Y.applyUpdate(this.copy, Y.mergeUpdates(queued.slice(from)));
    this.followed += queued.length - from;
    return sameMap(Y.decodeStateVector(Y.encodeStateVector(this.copy)), Y.decodeStateVector(Y.encodeStateVector(live)));
  }

  /** Applies a client's update to the copy (throws if it does not apply; the copy is then tainted). */
  apply(update: Uint8Array): void {
    let change: Uint8Array | null = null;
    const seen = (u: Uint8Array) => {
      change = u;
    };
    this.copy.on('update', seen);
    try {
      Y.applyUpdate(this.copy, update);
    } catch (e) {
      this.tainted = true;
      throw e;
    } finally {
      this.copy.off('update', seen);
    }
    // An update that changed nothing here changes nothing in the live document either: nothing to wait for.
    this.ahead = change;
  }

  stop(): void {
    this.live.off('update', this.follow);
    this.queued = [];
  }
}
