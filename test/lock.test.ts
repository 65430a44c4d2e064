import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireRunLock, lockFileFor, LockHeldError } from '../crawler/run/lock.ts';

const LOCK_TS = fileURLToPath(new URL('../crawler/run/lock.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

let dir: string;
let db: string;
let panel: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ct-lock-'));
  db = join(dir, 'data', 'c.db');
  mkdirSync(join(dir, 'data'));
  panel = join(dir, 'panel.yaml');
  writeFileSync(panel, 'actors: []\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that certainly belongs to no process any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

/** A child Node process (tsx loader) that takes the lock, says "locked", then waits or exits. */
function lockingChild(then: 'wait' | 'exit'): Promise<{ child: ChildProcess; pid: number }> {
  const code = `
    const { acquireRunLock } = await import(${JSON.stringify(LOCK_TS)});
    acquireRunLock(${JSON.stringify(db)}, ${JSON.stringify(panel)});
    process.stdout.write('locked\\n');
    ${then === 'wait' ? 'setInterval(() => {}, 1000);' : 'process.exit(0);'}
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('locked')) resolve({ child, pid: child.pid! });
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('exit', (c) => {
      if (!out.includes('locked')) reject(new Error(`child exited ${c} without locking: ${err}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('acquireRunLock', () => {
  it('writes a lock file next to the database with pid, start time and hostname, and removes it on release', () => {
    const lock = acquireRunLock(db, panel);
    expect(lock.file).toBe(lockFileFor(db, panel));
    expect(lock.file.startsWith(`${db}.lock-panel-`)).toBe(true);
    const held = JSON.parse(readFileSync(lock.file, 'utf8'));
    expect(held.pid).toBe(process.pid);
    expect(held.hostname).toBe(hostname());
    expect(Number.isNaN(Date.parse(held.startedAt))).toBe(false);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    lock.release(); // idempotent
  });

  it('is exclusive within the process: a second acquire throws LockHeldError naming the file, pid and start time', () => {
    const lock = acquireRunLock(db, panel);
    let caught: unknown;
    try {
      acquireRunLock(db, panel);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LockHeldError);
    expect(caught).toBeInstanceOf(Error);
    const msg = (caught as Error).message;
    expect(msg).toContain(lock.file);
    expect(msg).toContain(`pid ${process.pid}`);
    expect(msg).toContain(lock.holder.startedAt);
    lock.release();
    acquireRunLock(db, panel).release(); // free again
  });

  it("creates the database's folder when it does not exist yet (first scan)", () => {
    const lock = acquireRunLock(join(dir, 'new', 'sub', 'c.db'), panel);
    expect(existsSync(lock.file)).toBe(true);
    lock.release();
  });

  it('is per (database, panel): another panel or another database is not blocked', () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'actors: []\n');
    const a = acquireRunLock(db, panel);
    const b = acquireRunLock(db, other);
    const c = acquireRunLock(join(dir, 'data', 'd.db'), panel);
    expect(new Set([a.file, b.file, c.file]).size).toBe(3);
    for (const l of [a, b, c]) l.release();
  });

  it('is exclusive across processes, and a lock left by a killed process is recovered', async () => {
    const { child, pid } = await lockingChild('wait');
    try {
      expect(() => acquireRunLock(db, panel)).toThrow(LockHeldError);
      expect(() => acquireRunLock(db, panel)).toThrow(`pid ${pid}`);
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    expect(existsSync(lockFileFor(db, panel))).toBe(true); // SIGKILL: no exit handler ran
    const lock = acquireRunLock(db, panel);
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('is released when the holding process exits normally', async () => {
    const { child } = await lockingChild('exit');
    await exited(child);
    expect(existsSync(lockFileFor(db, panel))).toBe(false);
  });

  it('recovers a stale lock whose pid is dead', () => {
    const file = lockFileFor(db, panel);
    const pid = deadPid();
    writeFileSync(file, JSON.stringify({ pid, startedAt: new Date().toISOString(), hostname: hostname() }));
    const lock = acquireRunLock(db, panel);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('recovers a lock whose pid was reused by a process started after the lock was written', () => {
    const file = lockFileFor(db, panel);
    writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: '2001-01-01T00:00:00.000Z', hostname: hostname() }));
    const lock = acquireRunLock(db, panel);
    lock.release();
  });

  it('never takes over a lock written on another host', () => {
    const file = lockFileFor(db, panel);
    writeFileSync(file, JSON.stringify({ pid: deadPid(), startedAt: new Date().toISOString(), hostname: 'some-other-host.example' }));
    expect(() => acquireRunLock(db, panel)).toThrow(/some-other-host\.example/);
    expect(existsSync(file)).toBe(true);
  });

  it('treats an unreadable lock file as held while fresh and as stale once old', () => {
    const file = lockFileFor(db, panel);
    writeFileSync(file, '');
    expect(() => acquireRunLock(db, panel)).toThrow(LockHeldError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    acquireRunLock(db, panel).release();
  });

  it('release() leaves alone a lock that is no longer its own', () => {
    const lock = acquireRunLock(db, panel);
    const other = { pid: process.pid, startedAt: new Date().toISOString(), hostname: hostname(), token: 'someone-else' };
    writeFileSync(lock.file, JSON.stringify(other));
    lock.release();
    expect(existsSync(lock.file)).toBe(true);
  });
});
