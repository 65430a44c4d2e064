import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireRunLock, lockFileFor, LockHeldError } from '../crawler/run/lock.ts';
import { BadInputError } from '../crawler/run/panel.ts';
import { nextRuns, schedule } from '../crawler/run/schedule.ts';
import type { ScanIO, ScanOptions } from '../crawler/run/scan.ts';
import { Store } from '../crawler/store/store.ts';

let dir: string;
let db: string;
let panel: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ct-schedule-'));
  db = join(dir, 'c.db');
  panel = join(dir, 'panel.yaml');
  writeFileSync(panel, 'edition: "t"\nactors:\n  - id: a\n    name: A\n    sector: banque\n    url: https://www.a.fr/\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A scan that takes `ms`, records a run with one ok and one failed actor (so the summary line has
 * counts to read back), and counts how many run at once.
 */
function fakeScan(ms: number, state = { active: 0, maxActive: 0, calls: 0 }) {
  let n = 0;
  const fn = async (o: ScanOptions, io: ScanIO): Promise<string> => {
    state.calls++;
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    try {
      const id = `run-${++n}-${Math.random().toString(16).slice(2, 8)}`;
      const store = new Store(o.db);
      try {
        const now = new Date().toISOString();
        store.createRun({ id, edition: 't', panelFile: o.panelFile, panel: {}, options: {}, startedAt: now });
        const ins = store.db.prepare(
          `INSERT INTO actor_results (run_id, actor_id, position, name, sector, url, status, pages_visited, consent_json, channels_json, started_at, finished_at)
           VALUES (?, ?, ?, ?, 'banque', 'https://www.a.fr/', ?, 0, '{}', '{}', ?, ?)`,
        );
        ins.run(id, 'a', 0, 'A', 'ok', now, now);
        ins.run(id, 'b', 1, 'B', 'failed', now, now);
        io.onRunCreated?.(id);
        await sleep(ms);
        store.finishRun(id, new Date().toISOString());
      } finally {
        store.close();
      }
      return id;
    } finally {
      state.active--;
    }
  };
  return { fn, state };
}

describe('schedule: input checks', () => {
  it.each(['not a cron', '61 * * * *', '* * *', '0 2 * * * * * *', '', '0 25 * * *', '0 0 31 2 *'])('rejects --cron %j with BadInputError naming --cron', async (cron) => {
    const err = await schedule({ panelFile: panel, cron, db }, { progress: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as Error).message).toContain('--cron');
    expect(existsSync(db)).toBe(false); // nothing written
  });

  it('rejects an invalid panel up front', async () => {
    writeFileSync(panel, 'actors: [ { id: "Bad Id" } ]\n');
    await expect(schedule({ panelFile: panel, cron: '0 2 * * *', db }, { progress: () => {} })).rejects.toBeInstanceOf(BadInputError);
  });

  it('rejects a missing fixtures directory and a bad --concurrency', async () => {
    await expect(schedule({ panelFile: panel, cron: '0 2 * * *', db, fixtures: join(dir, 'nope') }, { progress: () => {} })).rejects.toThrow(/fixtures directory not found/);
    await expect(schedule({ panelFile: panel, cron: '0 2 * * *', db, concurrency: 0 }, { progress: () => {} })).rejects.toThrow(/--concurrency/);
  });
});

describe('nextRuns', () => {
  it("gives two 02:00 dates on consecutive days for '0 2 * * *'", () => {
    const [a, b] = nextRuns('0 2 * * *', 2);
    for (const d of [a, b]) {
      expect(d).toBeInstanceOf(Date);
      expect([d.getHours(), d.getMinutes(), d.getSeconds()]).toEqual([2, 0, 0]);
    }
    expect(a.getTime()).toBeGreaterThan(Date.now());
    const days = Math.round((b.getTime() - a.getTime()) / 86_400_000);
    expect(days).toBe(1);
  });

  it('accepts nicknames and a seconds field, and throws BadInputError otherwise', () => {
    expect(nextRuns('@daily', 1)).toHaveLength(1);
    expect(nextRuns('*/5 * * * * *', 3)).toHaveLength(3);
    expect(() => nextRuns('every night', 1)).toThrow(BadInputError);
  });
});

describe('schedule: runs', () => {
  it('never runs two scans at once when ticks overlap, logs skipped ticks and a summary per run', async () => {
    const lines: string[] = [];
    const { fn, state } = fakeScan(2300);
    const ac = new AbortController();
    const done = schedule({ panelFile: panel, cron: '* * * * * *', db, scanFn: fn }, { progress: (l) => lines.push(l), signal: ac.signal });
    await sleep(5200);
    ac.abort();
    await done;
    expect(state.maxActive).toBe(1);
    expect(state.calls).toBeGreaterThanOrEqual(1);
    const skipped = lines.filter((l) => l.startsWith('skipped: previous run still in progress'));
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    const summaries = lines.filter((l) => /^run run-\d+-\w+ finished: 1 ok, 0 partial, 1 failed in \d+\.\d s$/.test(l));
    expect(summaries).toHaveLength(state.calls); // abort waits for the run in progress
    expect(existsSync(lockFileFor(db, panel))).toBe(false);
  }, 30_000);

  it('two schedules of the same panel and database (as two processes would) never overlap either', async () => {
    const shared = { active: 0, maxActive: 0, calls: 0 };
    const a = fakeScan(1500, shared);
    const b = fakeScan(1500, shared);
    const ac = new AbortController();
    const lines: string[] = [];
    const runs = [
      schedule({ panelFile: panel, cron: '* * * * * *', db, scanFn: a.fn }, { progress: (l) => lines.push(`A ${l}`), signal: ac.signal }),
      schedule({ panelFile: panel, cron: '* * * * * *', db, scanFn: b.fn }, { progress: (l) => lines.push(`B ${l}`), signal: ac.signal }),
    ];
    await sleep(4200);
    ac.abort();
    await Promise.all(runs);
    expect(shared.maxActive).toBe(1);
    expect(shared.calls).toBeGreaterThanOrEqual(1);
    expect(lines.some((l) => l.includes('skipped: previous run still in progress'))).toBe(true);
  }, 30_000);

  it('a tick that finds the lock held by another process does not start', async () => {
    const held = acquireRunLock(db, panel);
    try {
      const { fn, state } = fakeScan(10);
      const lines: string[] = [];
      const err = await schedule({ panelFile: panel, cron: '* * * * * *', db, scanFn: fn, runOnce: true }, { progress: (l) => lines.push(l) }).catch((e) => e);
      expect(err).toBeInstanceOf(LockHeldError);
      expect(state.calls).toBe(0);
      expect(lines.some((l) => l.startsWith('skipped: previous run still in progress'))).toBe(true);
    } finally {
      held.release();
    }
  }, 30_000);

  it('runOnce runs one scan at the next tick, then resolves; a failing run rejects', async () => {
    const { fn, state } = fakeScan(10);
    const lines: string[] = [];
    await schedule({ panelFile: panel, cron: '* * * * * *', db, scanFn: fn, runOnce: true }, { progress: (l) => lines.push(l) });
    expect(state.calls).toBe(1);
    expect(lines.some((l) => /finished: 1 ok, 0 partial, 1 failed in/.test(l))).toBe(true);

    const boom = async () => {
      throw new Error('browser exploded');
    };
    await expect(schedule({ panelFile: panel, cron: '* * * * * *', db, scanFn: boom, runOnce: true }, { progress: (l) => lines.push(l) })).rejects.toThrow('browser exploded');
    expect(lines.some((l) => /^run failed: browser exploded in \d+\.\d s$/.test(l))).toBe(true);
    expect(existsSync(lockFileFor(db, panel))).toBe(false);
  }, 30_000);

  it('stops at once on abort when no run is in progress', async () => {
    const { fn, state } = fakeScan(10);
    const ac = new AbortController();
    const t0 = Date.now();
    const p = schedule({ panelFile: panel, cron: '0 2 * * *', db, scanFn: fn }, { progress: () => {}, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await p;
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(state.calls).toBe(0);
  });
});
