/**
 * The PGlite data-folder lock: held for as long as its owner process lives, whatever it is doing
 * (paused, or its event loop blocked), and taken over only when the owner is gone. No time-out and
 * no modification-time staleness: a process that is stopped for a minute still owns its folder.
 *
 * How: every process that wants the folder creates its own claim file in `<folder>/.waypoint-owner/`
 * with an exclusive create, named for its host, process id and process start time (Linux:
 * /proc/<pid>/stat field 22, so a reused process id is not mistaken for the owner). Then it lists
 * the folder: claims of processes that are gone are removed; if any other claim is alive, it
 * withdraws its own and is refused. Two processes can never both win: whichever created its claim
 * later sees the earlier one when it lists. (Two racing at once may both withdraw; each retries a
 * few times before giving up.) A claim from another host cannot be checked, so it always counts as
 * alive.
 *
 * The owner re-checks its claim (`stillHeld`, also on a timer): if the claim file was removed
 * (by hand, or by a process that wrongly judged it gone), the lock is lost and the owner must stop
 * writing at once.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const OWNER_FOLDER = '.waypoint-owner';

export interface Claim {
  readonly host: string;
  readonly pid: number;
  /** Process start time in clock ticks after boot (Linux), or null where it cannot be read. */
  readonly startTime: string | null;
}

export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: Claim | null = null,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Waypoint process` +
        (owner ? ` (process ${owner.pid} on ${owner.host})` : '') +
        '. Stop it first, or send this command to the running server.',
    );
    this.name = 'DataFolderLockedError';
  }
}

/** The start time of a process (Linux /proc/<pid>/stat field 22), or null; `state` Z or X is a process already gone. */
export function processStat(pid: number): { startTime: string; state: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) is in parentheses and may hold spaces: count from the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0];
    const startTime = rest[19]; // field 22 = index 22 - 3 after the name
    return state && startTime ? { startTime, state } : null;
  } catch {
    return null;
  }
}

const procAvailable = () => existsSync('/proc/self/stat');

export function ownClaim(): Claim {
  return { host: os.hostname(), pid: process.pid, startTime: processStat(process.pid)?.startTime ?? null };
}

/** The file name of a claim: `<pid>.<start time or ->.<host>` (a host name may hold dots; it comes last). */
export const claimName = (c: Claim) => `${c.pid}.${c.startTime ?? '-'}.${c.host}`;

export function parseClaimName(name: string): Claim | null {
  const match = /^(\d+)\.(\d+|-)\.(.+)$/.exec(name);
  if (!match) return null;
  return { pid: Number(match[1]), startTime: match[2] === '-' ? null : match[2]!, host: match[3]! };
}

/** Whether the process that made a claim still lives. Unknown (another host, no /proc) counts as alive. */
export function claimAlive(claim: Claim): boolean {
  if (claim.host !== os.hostname()) return true;
  try {
    process.kill(claim.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (!procAvailable()) return true;
  const stat = processStat(claim.pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return claim.startTime === null || stat.startTime === claim.startTime;
}

export interface FolderLock {
  /** Whether this process's claim is still in place (a cheap synchronous check: call it before writing). */
  stillHeld(): boolean;
  release(): void;
}

export interface LockOptions {
  /** Called once when the claim is found gone (by `stillHeld` or the timer). */
  readonly onLost?: () => void;
  /** How often the owner re-checks its claim, in milliseconds (default 1000; WAYPOINT_LOCK_CHECK_MS). */
  readonly checkEveryMs?: number;
  /** Attempts when two processes race for a free folder (default 5). */
  readonly attempts?: number;
}

/** Takes the data-folder lock or throws DataFolderLockedError naming the live owner. */
export async function lockDataFolder(dataDir: string, options: LockOptions = {}): Promise<FolderLock> {
  const folder = path.join(dataDir, OWNER_FOLDER);
  mkdirSync(folder, { recursive: true });
  const mine = ownClaim();
  const file = path.join(folder, claimName(mine));
  const attempts = options.attempts ?? 5;
  let owner: Claim | null = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify({ ...mine, since: new Date().toISOString() })}\n`, { flag: 'wx' });
    } catch (error) {
      // This very process already holds the folder (a second open in one process).
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DataFolderLockedError(dataDir, mine);
      throw error;
    }
    owner = liveOtherClaim(folder, claimName(mine));
    if (!owner) return holdLock(file, options);
    unlinkSync(file);
    if (attempt + 1 < attempts) await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
  }
  throw new DataFolderLockedError(dataDir, owner);
}

/** The first live claim other than `mine`; claims of processes that are gone are removed on the way. */
function liveOtherClaim(folder: string, mine: string): Claim | null {
  for (const name of readdirSync(folder)) {
    if (name === mine) continue;
    const claim = parseClaimName(name);
    if (!claim) continue;
    if (claimAlive(claim)) return claim;
    try {
      unlinkSync(path.join(folder, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return null;
}

function holdLock(file: string, options: LockOptions): FolderLock {
  let lost = false;
  let released = false;
  const stillHeld = () => {
    if (released) return false;
    if (lost) return false;
    if (existsSync(file)) return true;
    lost = true;
    clearInterval(timer);
    options.onLost?.();
    return false;
  };
  const every = options.checkEveryMs ?? Number(process.env.WAYPOINT_LOCK_CHECK_MS || 1000);
  const timer = setInterval(stillHeld, every);
  timer.unref();
  return {
    stillHeld,
    release: () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      if (lost) return;
      try {
        unlinkSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}
