/**
 * Export work runs below the meeting's (GAVEL_EXPORT_NICE above 0): at that
 * niceness and, on Linux where util-linux's `chrt` is, in the idle
 * scheduling class (SCHED_IDLE), which gets a core only when no task of the
 * normal class wants it and gives it up at once when one wakes. A niceness
 * alone is not enough: Chromium run as root sets its own processes'
 * niceness back, and a niced task still takes turns with the server. The
 * class is kept across fork and exec, and Chromium's setpriority calls
 * change the niceness, not the class.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

const find = (name: string) => [`/usr/bin/${name}`, `/bin/${name}`].find((p) => existsSync(p));

let idleClass: string | undefined | null = null;
/** `chrt` if it can start a program in the idle class here (tried once: Chromium must start whatever), else undefined. */
function chrt(): string | undefined {
  if (idleClass === null) {
    const bin = find('chrt');
    idleClass = bin && spawnSync(bin, ['--idle', '0', 'true'], { stdio: 'ignore' }).status === 0 ? bin : undefined;
  }
  return idleClass;
}

/** The command that runs a program below the meeting's priority (`chrt --idle 0 nice -n N …`, what of it is here); empty for 0. */
export function lowPriorityCommand(nice: number): string[] {
  if (nice <= 0) return [];
  const idle = chrt();
  const niceBin = find('nice');
  return [...(idle ? [idle, '--idle', '0'] : []), ...(niceBin ? [niceBin, '-n', String(nice)] : [])];
}

/** Puts the calling thread below the meeting's priority (Linux: each thread has its own, set by its id); elsewhere it keeps the server's. */
export function lowerThreadPriority(nice: number): void {
  if (nice <= 0) return;
  try {
    const tid = readlinkSync('/proc/thread-self').split('/').pop()!;
    setPriority(Number(tid), nice);
    const bin = find('chrt');
    // Without --all, chrt --pid changes this one thread, not the server's others; where it cannot, the niceness stays.
    if (bin) spawnSync(bin, ['--idle', '--pid', '0', tid], { stdio: 'ignore' });
  } catch {
    // Not Linux, or not allowed: the work is still off the event loop.
  }
}
