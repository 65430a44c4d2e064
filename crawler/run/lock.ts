/**
 * One run at a time per (database, panel): a lock file next to the database, created with O_EXCL
 * (`open(…, 'wx')`), holding the holder's pid, start time and hostname as JSON.
 *
 *   data/contactability.db.lock-panel-3f2a9c1e   (panel.yaml, sha1 of its absolute path)
 *
 * - A second acquire, in the same process or another one, throws LockHeldError naming the lock
 *   file and the holder's pid, host and start time.
 * - Stale locks are taken over: the holder ran on this host and its pid is gone (or the pid now
 *   belongs to a process started after the lock was written: pid reuse after a reboot). A lock
 *   written on another host is never taken over (its pid cannot be checked from here): remove it
 *   by hand once that run is known to be dead. The take-over itself is serialised by a second
 *   O_EXCL file (`….takeover`), so two processes that find the same stale lock do not both win.
 * - release() removes the file (only if it is still ours); so does the process's 'exit' event
 *   (normal end, process.exit()). A process killed by a signal or SIGKILL leaves the file behind,
 *   and the next run recovers it as stale.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, resolve } from 'node:path';

export interface LockHolder {
  pid: number;
  startedAt: string;
  hostname: string;
  db?: string;
  panel?: string;
  /** random, so that release() never removes a lock that is no longer ours */
  token?: string;
}

export class LockHeldError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `${lockFile}: locked by pid ${holder.pid} on ${holder.hostname}, started at ${holder.startedAt} (a run of this panel on this database is already in progress)`
        : `${lockFile}: locked by an unknown process (the lock file is being written or is unreadable; remove it if no run is in progress)`,
    );
    this.name = 'LockHeldError';
  }
}

export interface RunLock {
  file: string;
  holder: LockHolder;
  release(): void;
}

/** The lock file of a (database, panel) pair. */
export function lockFileFor(dbFile: string, panelFile: string): string {
  const db = dbFile === ':memory:' ? resolve('contactability-memory.db') : resolve(dbFile);
  const panelAbs = resolve(panelFile);
  const name = basename(panelAbs).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'panel';
  const hash = createHash('sha1').update(panelAbs).digest('hex').slice(0, 8);
  return `${db}.lock-${name}-${hash}`;
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.startedAt === 'string' ? h : null;
  } catch {
    return null;
  }
}

/** Seconds since the epoch at which `pid` started (Linux /proc), or null when unknown. */
function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]); // field 22 of stat: starttime, in clock ticks after boot
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return null;
    return btime + ticks / 100; // USER_HZ is 100 on every Linux architecture Node runs on
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

/** True when the holder certainly no longer runs. */
function isStale(h: LockHolder): boolean {
  if (h.hostname !== hostname()) return false;
  if (!isAlive(h.pid)) return true;
  const started = processStart(h.pid);
  const lockedAt = Date.parse(h.startedAt) / 1000;
  // The pid is alive but its process started well after the lock was written: the pid was reused.
  return started !== null && Number.isFinite(lockedAt) && started > lockedAt + 5;
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function unlinkQuiet(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}

/**
 * Takes the lock of (dbFile, panelFile) or throws LockHeldError. Synchronous, so that nothing
 * else runs between the check and the creation.
 */
export function acquireRunLock(dbFile: string, panelFile: string): RunLock {
  const file = lockFileFor(dbFile, panelFile);
  const holder: LockHolder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    hostname: hostname(),
    db: resolve(dbFile),
    panel: resolve(panelFile),
    token: randomBytes(8).toString('hex'),
  };
  mkdirSync(dirname(file), { recursive: true }); // as the Store does: the first scan creates data/
  for (let attempt = 0; attempt < 20; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw err;
      const current = readHolder(file);
      if (!current) {
        // Just created and not yet written, or truncated by a crash between create and write.
        if (ageMs(file) < 10_000) throw new LockHeldError(file, null);
        takeOver(file, null);
        continue;
      }
      if (!isStale(current)) throw new LockHeldError(file, current);
      takeOver(file, current);
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(holder)}\n`);
    } finally {
      closeSync(fd);
    }
    return makeLock(file, holder);
  }
  throw new LockHeldError(file, readHolder(file));
}

/** Removes a stale lock, unless someone else replaced it meanwhile. */
function takeOver(file: string, stale: LockHolder | null): void {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another process is taking over; a guard older than 10 s belongs to one that died doing so.
    if (ageMs(guard) > 10_000) unlinkQuiet(guard);
    else sleepSync(50);
    return;
  }
  try {
    closeSync(fd);
    const now = readHolder(file);
    const same = stale === null ? now === null && ageMs(file) >= 10_000 : now !== null && now.pid === stale.pid && now.startedAt === stale.startedAt && now.token === stale.token;
    if (same) unlinkQuiet(file);
  } finally {
    unlinkQuiet(guard);
  }
}

function makeLock(file: string, holder: LockHolder): RunLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const now = readHolder(file);
    if (now && now.token === holder.token && now.pid === holder.pid) unlinkQuiet(file);
  };
  process.on('exit', release);
  return { file, holder, release };
}
