/**
 * CPU profiles of one process's phases, for the benchmarks (`--profile DIR`):
 * the V8 sampling profiler through node:inspector, started and stopped
 * around what is measured, written as .cpuprofile files (Chrome DevTools
 * opens them) and summarised by function: self time and inclusive time (a
 * function counted once per sample however deep it recurses).
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export class Profiler {
  private readonly session = new Session();
  private started = false;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async start(): Promise<void> {
    if (!this.started) {
      this.session.connect();
      await this.session.post('Profiler.enable');
      await this.session.post('Profiler.setSamplingInterval', { interval: 200 });
      this.started = true;
    }
    await this.session.post('Profiler.start');
  }

  /** Stops, writes `<name>.cpuprofile`, and returns the profile. */
  async stop(name: string): Promise<Profile> {
    const { profile } = (await this.session.post('Profiler.stop')) as unknown as { profile: Profile };
    writeFileSync(join(this.dir, `${name}.cpuprofile`), JSON.stringify(profile));
    return profile;
  }
}

export interface FunctionTime {
  name: string;
  selfMs: number;
  totalMs: number;
}

/** Self and inclusive ms by function (name and place), the heaviest (inclusive) first. */
export function summarise(profile: Profile, root = process.cwd()): FunctionTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: Node) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const where = url ? `${relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'} ${where}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    let node = byId.get(id);
    if (!node) return;
    const leaf = label(node);
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    const seen = new Set<string>();
    while (node) {
      const l = label(node);
      if (!seen.has(l)) {
        seen.add(l);
        total.set(l, (total.get(l) ?? 0) + ms);
      }
      const p = parent.get(node.id);
      node = p === undefined ? undefined : byId.get(p);
    }
  });
  return [...total]
    .filter(([name]) => !/^\((root|program|idle)\)/.test(name))
    .map(([name, totalMs]) => ({ name, selfMs: self.get(name) ?? 0, totalMs }))
    .sort((a, b) => b.totalMs - a.totalMs);
}

/** Adds `more` into `into` (profiles of several rounds of one phase). */
export function addTimes(into: Map<string, FunctionTime>, more: FunctionTime[]): void {
  for (const f of more) {
    const t = into.get(f.name) ?? { name: f.name, selfMs: 0, totalMs: 0 };
    t.selfMs += f.selfMs;
    t.totalMs += f.totalMs;
    into.set(f.name, t);
  }
}

/** The heaviest functions by self and by inclusive time, per `per` (a keystroke, say), as lines to print. */
export function timesTable(times: Iterable<FunctionTime>, per: number, top = 15): string[] {
  const all = [...times];
  const row = (f: FunctionTime) => `${(f.selfMs / per).toFixed(3).padStart(8)} ${(f.totalMs / per).toFixed(3).padStart(8)}  ${f.name}`;
  return [
    '    self    incl.  (ms each; heaviest by self time)',
    ...all.sort((a, b) => b.selfMs - a.selfMs).slice(0, top).map(row),
    '    self    incl.  (heaviest by inclusive time)',
    ...all.sort((a, b) => b.totalMs - a.totalMs).slice(0, top * 2).map(row),
  ];
}
