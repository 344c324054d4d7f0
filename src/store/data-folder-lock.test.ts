import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  claimName,
  DataFolderLockedError,
  type FolderLock,
  lockDataFolder,
  OWNER_FOLDER,
  ownClaim,
  processStat,
} from './data-folder-lock.ts';

const dirs: string[] = [];
const held: FolderLock[] = [];
const folder = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waypoint-lock-unit-'));
  dirs.push(dir);
  return dir;
};
const lock = async (dir: string, onLost?: () => void) => {
  const l = await lockDataFolder(dir, { ...(onLost && { onLost }), checkEveryMs: 60_000, attempts: 2 });
  held.push(l);
  return l;
};
/** Writes the claim another process would have made. */
const plantClaim = (dir: string, claim: { host: string; pid: number; startTime: string | null }) => {
  const owners = path.join(dir, OWNER_FOLDER);
  writeFileSync(path.join(owners, claimName(claim)), '{}', { flag: 'wx' });
};

afterEach(() => {
  for (const l of held.splice(0)) l.release();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the data-folder lock', () => {
  it('a second lock on a folder this process holds is refused', async () => {
    const dir = folder();
    await lock(dir);
    await expect(lockDataFolder(dir)).rejects.toBeInstanceOf(DataFolderLockedError);
  });

  it('a released folder can be locked again', async () => {
    const dir = folder();
    (await lock(dir)).release();
    await expect(lock(dir)).resolves.toBeDefined();
  });

  it('a claim left by a process that has ended is taken over at once', async () => {
    const dir = folder();
    (await lock(dir)).release();
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    const start = processStat(pid)?.startTime ?? null;
    await new Promise((r) => child.once('exit', r));
    plantClaim(dir, { host: os.hostname(), pid, startTime: start });
    await expect(lock(dir)).resolves.toBeDefined();
    expect(readdirSync(path.join(dir, OWNER_FOLDER))).toEqual([claimName(ownClaim())]);
  });

  it('finding 11.1: a claim of a live process that is paused (SIGSTOP) is never taken over, however long ago it was made', async () => {
    const dir = folder();
    (await lock(dir)).release();
    const sleeper = spawn('sleep', ['30']);
    try {
      sleeper.kill('SIGSTOP');
      plantClaim(dir, { host: os.hostname(), pid: sleeper.pid!, startTime: processStat(sleeper.pid!)?.startTime ?? null });
      await expect(lockDataFolder(dir, { attempts: 1 })).rejects.toThrow(new RegExp(`process ${sleeper.pid}`));
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('a claim naming a live process id but another start time (a reused process id) is taken over', async () => {
    const dir = folder();
    (await lock(dir)).release();
    const me = ownClaim();
    plantClaim(dir, { ...me, startTime: String(Number(me.startTime ?? 0) + 1) });
    await expect(lock(dir)).resolves.toBeDefined();
  });

  it('a claim from another host is never taken over (its process cannot be checked)', async () => {
    const dir = folder();
    (await lock(dir)).release();
    plantClaim(dir, { host: 'elsewhere.example', pid: 1, startTime: '1' });
    await expect(lockDataFolder(dir, { attempts: 1 })).rejects.toThrow(/elsewhere\.example/);
  });

  it('an owner whose claim was removed finds its lock lost, once, and reports it', async () => {
    const dir = folder();
    const onLost = vi.fn();
    const l = await lock(dir, onLost);
    expect(l.stillHeld()).toBe(true);
    unlinkSync(path.join(dir, OWNER_FOLDER, claimName(ownClaim())));
    expect(l.stillHeld()).toBe(false);
    expect(l.stillHeld()).toBe(false);
    expect(onLost).toHaveBeenCalledTimes(1);
  });
});
