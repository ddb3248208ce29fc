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
