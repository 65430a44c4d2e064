/**
 * Distributed scans (CONTRACT §8) with a real Redis (test/helpers/redis.ts) and the real CLI in
 * child processes: a coordinator and two workers scan four demo actors and give the matrix of a
 * local scan of the same actors with the same options (evidence aside); one worker is SIGKILLed in
 * the middle of a job and the run still completes, each actor recorded once; a coordinator
 * SIGKILLed midway is resumed and completes the run, again each actor once.
 *
 * Short BullMQ lock and stalled intervals (env) so that a killed worker's job is taken again within
 * seconds; a small page budget keeps the file within a few minutes on a loaded 2-core machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { BIN, cli, essence, FIXTURES, lastLine, matrixOf, tempDb } from './helpers.ts';

const PANEL = `${FIXTURES}demo/panel.yaml`;
const SITES = `${FIXTURES}demo/sites`;
const ACTORS = ['banque-horizon', 'andv', 'vervane', 'trajeo'];
/** A small page budget and a generous navigation deadline: a few minutes, stable under load. */
const SCAN_ARGS = ['--panel', PANEL, '--fixtures', SITES, ...ACTORS.flatMap((a) => ['--actor', a]), '--max-pages', '3', '--actor-timeout', '400', '--nav-timeout', '60'];
const ENV = { ...process.env, CONTACTABILITY_QUEUE_LOCK_MS: '4000', CONTACTABILITY_QUEUE_STALLED_MS: '2000', CONTACTABILITY_QUEUE_POLL_MS: '500' };

interface Proc {
  child: ChildProcess;
  out: string;
  err: string;
  exited: Promise<number | null>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { env: ENV });
  const p: Proc = { child, out: '', err: '', exited: new Promise((r) => child.on('close', (code) => r(code))) };
  child.stdout!.on('data', (d) => (p.out += d));
  child.stderr!.on('data', (d) => (p.err += d));
  return p;
}

async function until(what: string, cond: () => boolean, ms = 400_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The worker's pino lines (JSON on stdout). */
function logOf(p: Proc): { msg: string; job?: string; actor?: string }[] {
  return p.out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

function startWorker(redis: TestRedis): Proc {
  return start(['worker', '--queue', redis.url, '--concurrency', '1', '--fixtures', SITES]);
}

function recordedCounts(db: string): Record<string, number> {
  const d = new Database(db, { readonly: true });
  try {
    const rows = d.prepare('SELECT actor_id, COUNT(*) AS n FROM actor_results GROUP BY actor_id ORDER BY actor_id').all() as { actor_id: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.actor_id, r.n]));
  } finally {
    d.close();
  }
}

function recordedSoFar(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('SELECT COUNT(*) AS n FROM actor_results').get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

const ONCE_EACH = Object.fromEntries([...ACTORS].sort().map((a) => [a, 1]));

describe('distributed scans on Redis', { timeout: 900_000 }, () => {
  let redis: TestRedis;
  const workers: Proc[] = [];
  const localDb = tempDb('dist-local');
  let local: unknown;

  beforeAll(async () => {
    redis = await startRedis();
    // The reference: a local scan of the same actors with the same options, before the workers
    // start (a scan run alongside them on a loaded machine misses pages to timeouts).
    const r = await cli(['scan', ...SCAN_ARGS, '--db', localDb, '--concurrency', '2']);
    if (r.code !== 0) throw new Error(`local scan failed: ${r.stderr}`);
    local = essence(await matrixOf(localDb, ['--run', lastLine(r.stdout)]));
    workers.push(startWorker(redis), startWorker(redis));
    await until('two workers ready', () => workers.every((w) => logOf(w).some((l) => l.msg === 'worker ready')), 300_000);
  }, 400_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await redis?.stop();
  }, 60_000);

  it('coordinator + 2 workers give the local matrix; a worker SIGKILLed mid-job loses nothing, each actor is recorded once', async () => {
    const db = tempDb('dist');
    const coord = start(['scan', ...SCAN_ARGS, '--db', db, '--queue', redis.url]);
    const victim = workers[0];
    await until('a job active on the first worker', () => logOf(victim).some((l) => l.msg === 'job active'));
    const killedJob = logOf(victim).find((l) => l.msg === 'job active')!.job!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    // The replacement keeps two workers for the next test; the survivor or it takes the job again.
    workers.push(startWorker(redis));

    expect(await coord.exited, coord.err).toBe(0);
    const runId = lastLine(coord.out);
    expect(runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(coord.err).toContain(`enqueued 4 actor job(s) on ${redis.url} (run ${runId})`);
    expect(coord.err).toContain(`run ${runId} finished`);
    expect(coord.err.match(/^\[\d\/4\] /gm)?.length).toBe(4);
    // the killed worker's job ran again elsewhere, and its actor was recorded once
    expect(workers.slice(1).some((w) => logOf(w).some((l) => l.msg === 'job done' && l.job === killedJob))).toBe(true);
    expect(recordedCounts(db)).toEqual(ONCE_EACH);
    const m = await matrixOf(db, ['--run', runId]);
    expect(m.actors.map((a) => a.id)).toEqual(ACTORS);
    expect(essence(m)).toEqual(local);
  });

  it('a coordinator SIGKILLed midway is resumed: results completed meanwhile are recorded, each actor once', async () => {
    const db = tempDb('dist-resume');
    const coord = start(['scan', ...SCAN_ARGS, '--db', db, '--queue', redis.url]);
    await until('a first actor recorded', () => recordedSoFar(db) >= 1);
    coord.child.kill('SIGKILL');
    await coord.exited;
    const before = recordedSoFar(db);
    expect(before).toBeLessThan(4);
    const runId = (await cli(['runs', '--db', db])).stdout.trim().split('\n')[1].split('\t')[0];
    // let at least one more job finish while no coordinator listens
    const doneJobs = () => workers.flatMap(logOf).filter((l) => l.msg === 'job done' && l.job?.startsWith(`${runId}/`)).length;
    await until('a job finished while the coordinator was down', () => doneJobs() > before);

    const r = await cli(['scan', '--resume', runId, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(lastLine(r.stdout)).toBe(runId);
    expect(r.stderr).toContain(`resuming run ${runId}: ${before} actor(s) already recorded, ${4 - before} to scan`);
    expect(r.stderr).toContain(`re-attached to ${4 - before} job(s) already in contactability-actors`);
    expect(r.stderr).toContain('enqueued 0 actor job(s)');
    expect(recordedCounts(db)).toEqual(ONCE_EACH);
    expect(essence(await matrixOf(db, ['--run', runId]))).toEqual(local);
  });
});
