import { storageFailure } from './errors';

/**
 * Whether writes are failing: set by the first write the store refuses (disk
 * full, read-only, I/O error), cleared by the next write that succeeds. Reads
 * keep working meanwhile; /health says degraded, and why.
 */
export class StorageHealth {
  private failing?: { reason: string; since: string; count: number };

  observe(error: unknown): void {
    const f = storageFailure(error);
    if (!f) return;
    if (this.failing) this.failing.count++;
    else this.failing = { reason: `${f.code}: ${f.message}`.slice(0, 300), since: new Date().toISOString(), count: 1 };
  }

  writeSucceeded(): void {
    this.failing = undefined;
  }

  get status(): { ok: true; status: 'ok' } | { ok: false; status: 'degraded'; reason: string; since: string; failedWrites: number } {
    const f = this.failing;
    return f ? { ok: false, status: 'degraded', reason: `writes are failing (${f.reason})`, since: f.since, failedWrites: f.count } : { ok: true, status: 'ok' };
  }
}

/**
 * Whether the store answers, for /health: one probe at a time (the load
 * balancer's checks and anyone else's share it), given `timeoutMs` to
 * answer. PostgreSQL's probe has its own connections, so a node busy with
 * hundreds of writes still answers at once; a store that does not answer
 * makes /health say degraded (the node is alive, and refuses writes with a
 * clear code meanwhile), never wait.
 */
export class StoreProbe {
  private inFlight?: Promise<void>;

  constructor(
    private readonly ping: () => Promise<void>,
    private readonly timeoutMs = 1000,
  ) {}

  /** Undefined when the store answered; otherwise why not. */
  async check(): Promise<string | undefined> {
    this.inFlight ??= this.ping().finally(() => (this.inFlight = undefined));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([this.inFlight, late]);
      return undefined;
    } catch (e) {
      return `the database is not answering (${e instanceof Error ? e.message : String(e)})`.slice(0, 300);
    } finally {
      clearTimeout(timer);
    }
  }
}
