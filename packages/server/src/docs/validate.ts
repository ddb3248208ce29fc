/**
 * Checks an untrusted Yjs update before it touches a live document.
 *
 * Yjs trusts its updates: a crafted one can leave the document waiting for
 * structs that never come (pending state that grows), claim another writer's
 * client id, or carry sub-documents. So before `applyUpdate` the server
 * decodes the update (in try/catch, after a size cap) and requires that it
 * applies completely and now:
 *
 * - it decodes;
 * - each client's structs start at or before what the document (or the
 *   update, before them) already has of that client: no gap. Skip structs
 *   (holes, as merged updates have) are allowed over ranges the document
 *   has, as when a client sends back what it received;
 * - every struct it refers to (left and right origin, parent) is in the
 *   document or in the update itself; every range it deletes too;
 * - clocks stay below 2^31 and client ids are 32-bit;
 * - new structs belong to client ids this access code wrote with before, or
 *   to ones nobody has claimed;
 * - no sub-documents, no unknown content or type refs, sane root names.
 *
 * It runs in O(size of the update) with the document's state (the next
 * clock of each client), so it
 * costs about what decoding costs, for every keystroke. A worker thread with a
 * time limit was considered and not used: the update would have to be applied
 * there to a copy of the whole document (which the worker would need to keep
 * in step), and this check already rules out the inputs that make Yjs wait or
 * loop (a struct count must be paid for in bytes, and the size is capped).
 */
import * as Y from 'yjs';

export const MAX_CLOCK = 2 ** 31;
const MAX_CLIENT = 0xffffffff;
const ROOT_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface Inspection {
  /** No structs and no deletions: nothing to apply or store. */
  empty: boolean;
  /** Client ids with structs the document does not have yet (to be claimed by the writer). */
  newClients: number[];
}

export class InvalidUpdate extends Error {
  override readonly name = 'InvalidUpdate';
}

type ID = { client: number; clock: number };

/**
 * Throws InvalidUpdate, with why, if the update must not be applied to a
 * document with this state vector by this writer.
 *
 * @param known the document's next clock of a client (0 for one it has not seen)
 * @param owners which access code wrote with which client id, as far as known
 * @param writer the writer's access code ('server' for the server's own edits)
 */
export function inspectUpdate(update: Uint8Array, known: (client: number) => number, owners: ReadonlyMap<number, string>, writer: string): Inspection {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (e) {
    throw new InvalidUpdate(`the update does not decode: ${(e as Error).message}`);
  }
  const { structs, ds } = decoded;

  // What the update has of each client, as [start, end) segments, and how far
  // the document plus the update reach without a gap.
  const segments = new Map<number, [number, number][]>();
  const reach = new Map<number, number>();
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const s of structs) {
    const { client, clock } = s.id;
    if (!Number.isInteger(client) || client < 0 || client > MAX_CLIENT) throw new InvalidUpdate(`client id ${client} is not a 32-bit id`);
    if (!Number.isInteger(clock) || !Number.isInteger(s.length) || s.length < 1 || clock + s.length > MAX_CLOCK) {
      throw new InvalidUpdate(`struct ${client}:${clock} has length ${s.length}`);
    }
    let list = byClient.get(client);
    if (!list) byClient.set(client, (list = []));
    list.push(s);
  }
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    let far = known(client);
    const segs: [number, number][] = [];
    for (const s of list) {
      if (s instanceof Y.Skip) continue;
      const { clock } = s.id;
      if (clock > far) throw new InvalidUpdate(`struct ${client}:${clock} would leave a gap after ${client}:${far}`);
      far = Math.max(far, clock + s.length);
      const last = segs.at(-1);
      if (last && last[1] === clock) last[1] = clock + s.length;
      else segs.push([clock, clock + s.length]);
    }
    segments.set(client, segs);
    reach.set(client, far);
  }

  const has = (id: ID | null): boolean => {
    if (id === null) return true;
    if (id.clock < known(id.client)) return true;
    return (segments.get(id.client) ?? []).some(([start, end]) => id.clock >= start && id.clock < end);
  };

  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip: placeholders with no references
    if (!has(s.origin)) throw new InvalidUpdate(`struct ${s.id.client}:${s.id.clock} follows a struct the document lacks`);
    if (!has(s.rightOrigin)) throw new InvalidUpdate(`struct ${s.id.client}:${s.id.clock} precedes a struct the document lacks`);
    const parent = s.parent as unknown;
    if (typeof parent === 'string') {
      if (!ROOT_NAME.test(parent)) throw new InvalidUpdate('a root type name is not allowed');
    } else if (parent instanceof Y.ID) {
      if (!has(parent)) throw new InvalidUpdate(`struct ${s.id.client}:${s.id.clock} is in a type the document lacks`);
    } else if (parent !== null) {
      throw new InvalidUpdate('a struct has an unexpected parent');
    }
    const content = s.content as unknown;
    if (content instanceof Y.ContentDoc) throw new InvalidUpdate('sub-documents are not allowed');
    if (content === undefined || content === null) throw new InvalidUpdate('a struct has no content');
  }

  let deletions = 0;
  for (const [client, items] of ds.clients) {
    const upTo = reach.get(client) ?? known(client);
    for (const { clock, len } of items) {
      if (!Number.isInteger(clock) || !Number.isInteger(len) || clock < 0 || len < 0 || clock + len > upTo) {
        throw new InvalidUpdate(`it deletes ${client}:${clock}+${len}, which the document lacks`);
      }
      deletions++;
    }
  }

  const newClients: number[] = [];
  for (const [client, far] of reach) {
    if (far <= known(client)) continue; // all known already: Yjs ignores them
    const owner = owners.get(client);
    if (owner !== undefined && owner !== writer) throw new InvalidUpdate(`client id ${client} belongs to another writer`);
    newClients.push(client);
  }

  const structCount = structs.filter((s) => !(s instanceof Y.Skip)).length;
  return { empty: structCount === 0 && deletions === 0, newClients };
}

/** Which client ids have new structs in a stored update (for rebuilding ownership on load); no checks. */
export function clientsIn(update: Uint8Array): number[] {
  try {
    return [...Y.parseUpdateMeta(update).to.keys()];
  } catch {
    return [];
  }
}
