/**
 * "A stop is a stop" (issue 10): SIGTERM on a running scan ends it within seconds with exit 143
 * and one line saying how to resume; actors in flight are abandoned, not recorded; `scan --resume`
 * then completes the run, and its matrix matches the demo corpus's ground truth. Four of the demo's
 * actors (the whole demo is scanned by demo.test.ts; this test is about stopping and resuming).
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { evaluateMatrix } from '../../crawler/report/evaluate.ts';
import { BIN, cli, expected, FIXTURES, lastLine, matrixOf, tempDb } from './helpers.ts';

function recorded(db: string): { actor_id: string; n: number }[] {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return d.prepare('SELECT actor_id, COUNT(*) AS n FROM actor_results GROUP BY actor_id').all() as { actor_id: string; n: number }[];
    } finally {
      d.close();
    }
  } catch {
    return [];
  }
}

const ACTORS = ['cnsl', 'andv', 'trajeo', 'clairval'];

describe('SIGTERM on a running scan', { timeout: 900_000 }, () => {
  it('exits 143 within 10 s with the resume line; resume completes the run to the expected matrix', async () => {
    const db = tempDb('sigterm');
    const child = spawn(process.execPath, [BIN, 'scan', '--panel', `${FIXTURES}demo/panel.yaml`, '--fixtures', `${FIXTURES}demo/sites`, '--db', db, ...ACTORS.flatMap((a) => ['--actor', a]), '--concurrency', '2', '--actor-timeout', '400', '--nav-timeout', '60']);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (recorded(db).length >= 1) {
          clearInterval(t);
          resolve();
        }
      }, 100);
      child.on('exit', () => {
        clearInterval(t);
        reject(new Error(`scan ended before the SIGTERM: ${stderr}`));
      });
    });
    const atKill = recorded(db).length;
    const t0 = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const seconds = (Date.now() - t0) / 1000;
    expect(code).toBe(143);
    expect(seconds).toBeLessThan(10);
    const runId = (await cli(['runs', '--db', db])).stdout.trim().split('\n')[1].split('\t')[0];
    expect(stderr.trim().split('\n').at(-1)).toBe(`contactability: SIGTERM: run ${runId} stopped (actors in flight abandoned). Resume with: contactability scan --resume ${runId} --db ${db}`);
    expect(stdout).toBe('');
    // in-flight actors were abandoned: at most the one being written when the signal came was added
    const afterKill = recorded(db).length;
    expect(afterKill).toBeGreaterThanOrEqual(atKill);
    expect(afterKill).toBeLessThan(ACTORS.length);
    // the run is left unfinished, for --resume
    const runs = (await cli(['runs', '--db', db])).stdout.trim().split('\n')[1].split('\t');
    expect(runs[4]).toBe('-');

    const r = await cli(['scan', '--resume', runId, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(lastLine(r.stdout)).toBe(runId);
    expect(r.stderr).toContain(`resuming run ${runId}: ${afterKill} actor(s) already recorded, ${ACTORS.length - afterKill} to scan`);
    expect(recorded(db).every((x) => x.n === 1)).toBe(true);
    expect(recorded(db).length).toBe(ACTORS.length);
    const truth = expected('demo') as { actors: Record<string, unknown> };
    const ev = evaluateMatrix(await matrixOf(db, ['--run', runId]), { ...truth, actors: Object.fromEntries(ACTORS.map((a) => [a, truth.actors[a]])) } as never);
    expect(ev.mismatches).toEqual([]);
    expect(ev.presence.correct).toBe(ev.presence.total);
    expect(ev.presence.total).toBe(ACTORS.length * 11);
  });
});
