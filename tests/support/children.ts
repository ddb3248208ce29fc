/**
 * The processes the tests start (servers, Redis, HAProxy, PostgreSQL), each
 * written down in tests/artifacts/children/RUN/ while it runs. A test that times
 * out goes on in the background after its afterAll, and a test process may be
 * ended by a signal, so neither can be trusted to stop what it started: the
 * run's global teardown (global-teardown.ts) kills whatever is still written
 * down and still the process that was started (its command line compared, so
 * that a number the system gave to another process since is left alone).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One folder per run: a test file runs in a worker that vitest forked (its parent is the run), the teardown
 * in the run itself. Two runs side by side (scripts/gavel.sh test) each kill only what their own tests left.
 */
const RUN = process.send ? process.ppid : process.pid;
const DIR = resolve(import.meta.dirname, '../artifacts/children', String(RUN));

const commandLine = (pid: number): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
};

/** Still running, started by this process: killed too when it exits normally. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Writes `child` down until it exits. */
export function track(child: ChildProcess): ChildProcess {
  const pid = child.pid;
  if (pid === undefined) return child;
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, String(pid));
  writeFileSync(file, commandLine(pid) ?? '');
  live.add(child);
  child.once('exit', () => {
    live.delete(child);
    rmSync(file, { force: true });
  });
  return child;
}

/** Kills every process still written down that is still the one started; returns how many. */
export function killLeftovers(): number {
  let killed = 0;
  let files: string[] = [];
  try {
    files = readdirSync(DIR);
  } catch {
    return 0;
  }
  for (const name of files) {
    const pid = Number(name);
    const file = join(DIR, name);
    const written = readFileSync(file, 'utf8');
    if (Number.isInteger(pid) && written && commandLine(pid) === written) {
      try {
        process.kill(pid, 'SIGKILL');
        killed++;
      } catch {
        // Gone meanwhile.
      }
    }
    rmSync(file, { force: true });
  }
  rmSync(DIR, { recursive: true, force: true });
  return killed;
}
