import * as Y from 'yjs';
import type { Config } from '../config';

type SendRelay = (room: string, docName: string, update: Uint8Array, senders: ReadonlySet<string>) => void;

/** A room whose relays were seen to stall the loop. */
interface Room {
  /** The CPU its last three relays took (ms), the latest last. */
  took: number[];
  /** While set, what arrives waits (in `pending`) for it to fire, at `until` (performance.now()). */
  timer?: NodeJS.Timeout;
  until: number;
  pending?: { docName: string; updates: Uint8Array[]; senders: Set<string> };
}

/**
 * The CPU a relay took (ms), not the time it took: on a busy machine the
 * scheduler stretches a cheap relay (another process runs meanwhile), and a
 * stretched relay is no reason to hold the next. The process's CPU, so the
 * store's thread counts too while it runs beside it: a little more, never less.
 */
const cpuMs = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1000;

/** The middle of the last three (0 for those not seen): one relay slowed by a GC is not a costly room. */
const typical = (took: number[]) => [...took, 0, 0].slice(0, 3).sort((a, b) => a - b)[1];

/**
 * Relays a text's updates to its room at once, unless its relays hold the
 * event loop (a frame written to each of its sockets) for `stallMs` of CPU or
 * more, as the middle of the last three: then what arrives for the room until the
 * last relay's cost has been repaid `1 / share` times over is merged (Yjs
 * merges losslessly) into one relay sent then. With a tenth, a text read by
 * 1,200 sockets (13 ms a relay on these machines) gets at most one relay in
 * 130 ms, whatever the typing, and one text's audience, however large,
 * takes at most a tenth of the loop; a room of a few hundred (2-3 ms) is
 * never held. What is held back is already in the live text: a socket that
 * joins meanwhile gets it with its sync, then again (harmlessly) with the
 * relay.
 */
export class RelayPacer {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly send: SendRelay,
    private readonly pacing: Config['relayPacing'],
  ) {}

  relay(room: string, docName: string, update: Uint8Array, senders: ReadonlySet<string>): void {
    const paced = this.rooms.get(room);
    if (!paced?.timer) return this.sendNow(room, docName, update, senders);
    const pending = (paced.pending ??= { docName, updates: [], senders: new Set() });
    pending.updates.push(update);
    for (const s of senders) pending.senders.add(s);
  }

  /** How long (ms) what arrives for the room now waits: 0 unless it is paced. */
  heldFor(room: string): number {
    const paced = this.rooms.get(room);
    return paced?.timer ? Math.max(0, paced.until - performance.now()) : 0;
  }

  private sendNow(room: string, docName: string, update: Uint8Array, senders: ReadonlySet<string>): void {
    const started = performance.now();
    const cpu = process.cpuUsage();
    this.send(room, docName, update, senders);
    const took = cpuMs(process.cpuUsage(cpu));
    const { stallMs, share } = this.pacing;
    let paced = this.rooms.get(room);
    if (!paced) {
      if (took < stallMs || share >= 1) return;
      this.rooms.set(room, (paced = { took: [], until: 0 }));
    }
    paced.took = [...paced.took.slice(-2), took];
    const cost = typical(paced.took);
    if (paced.took.every((t) => t < stallMs)) {
      this.rooms.delete(room);
    } else if (cost >= stallMs) {
      paced.until = started + took / share;
      // Unref'd: what waits is in the live text already; it does not hold a closing process.
      paced.timer = setTimeout(() => this.due(room), Math.max(0, paced.until - performance.now())).unref();
    }
  }

  private due(room: string): void {
    const paced = this.rooms.get(room)!;
    const pending = paced.pending;
    paced.timer = undefined;
    paced.pending = undefined;
    if (!pending) return;
    const update = pending.updates.length === 1 ? pending.updates[0] : Y.mergeUpdates(pending.updates);
    this.sendNow(room, pending.docName, update, pending.senders);
  }
}
