/**
 * `npm run bench -- --workers N` (scripts/bench.ts hands over here): the overhead of a distributed
 * scan against a local scan of the same generated corpus (scripts/gen-corpus.ts), in the same
 * invocation, on the same machine. Starts its own redis-server (no persistence, a free loopback
 * port), runs
 *   1. a local scan with concurrency C (default: N, one actor per worker),
 *   2. a coordinator + N worker processes (`contactability worker --concurrency 1`), the real CLI,
 * and prints both wall times (the distributed one counts from the coordinator's start, workers
 * already waiting, and also with the workers' start-up), the overhead in seconds per actor, and
 * whether both matrices agree (evidence aside). On one machine the workers share its cores with
 * each other and with Redis: the number is the overhead of the queue, not a speed-up.
 *
 * Options: --workers N (required), --actors N (default 6), --seed N, --concurrency C, --keep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from '../test/helpers/redis.ts';
import { BIN, cli, essence, matrixOf } from '../test/e2e/helpers.ts';
import { arg, f1, f2 } from './bench/format.ts';
import { generateCorpus } from './gen-corpus.ts';

/** The CLI in a child process, timed. */
async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  const t0 = performance.now();
  const r = await cli(args);
  return { ...r, seconds: (performance.now() - t0) / 1000 };
}

export async function benchDistributed(): Promise<void> {
  const workers = Number(arg('--workers'));
  const actors = Number(arg('--actors') ?? 6);
  const seed = Number(arg('--seed') ?? 1);
  const concurrency = Number(arg('--concurrency') ?? workers);
  for (const [flag, v] of [['--workers', workers], ['--actors', actors], ['--concurrency', concurrency]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${flag}: must be a whole number ≥ 1`);
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'contactability-bench-dist-'));
  const redis = await startRedis();
  const procs: ChildProcess[] = [];
  try {
    const corpus = generateCorpus(join(dir, 'corpus'), actors, seed);
    log(`bench: corpus of ${corpus.actors.length} actors, ${corpus.pageCount} pages; ${cpus().length} CPU(s), load average ${loadavg().map(f2).join(' ')}`);
    const common = ['--panel', corpus.panelFile, '--fixtures', corpus.sitesDir];

    log(`bench: local scan, concurrency ${concurrency}…`);
    const localDb = join(dir, 'local.db');
    const local = await run(['scan', ...common, '--db', localDb, '--concurrency', String(concurrency)]);
    if (local.code !== 0) throw new Error(`local scan failed: ${local.stderr}`);

    log(`bench: ${workers} worker(s) + coordinator on ${redis.url}…`);
    const tw = performance.now();
    let ready = 0;
    const allReady = new Promise<void>((resolve) => {
      for (let i = 0; i < workers; i++) {
        const w = spawn(process.execPath, [BIN, 'worker', '--queue', redis.url, '--concurrency', '1', '--fixtures', corpus.sitesDir]);
        procs.push(w);
        w.stderr.resume();
        w.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('"msg":"worker ready"') && ++ready === workers) resolve();
        });
      }
    });
    await allReady;
    const workerStart = (performance.now() - tw) / 1000;
    const distDb = join(dir, 'dist.db');
    const dist = await run(['scan', ...common, '--db', distDb, '--queue', redis.url]);
    if (dist.code !== 0) throw new Error(`distributed scan failed: ${dist.stderr}`);
    const same = JSON.stringify(essence(await matrixOf(localDb))) === JSON.stringify(essence(await matrixOf(distDb)));
    process.stdout.write(
      [
        '| run | seconds | s/actor |',
        '|---|---:|---:|',
        `| local scan, concurrency ${concurrency} | ${f1(local.seconds)} | ${f2(local.seconds / actors)} |`,
        `| coordinator + ${workers} worker(s) × concurrency 1 (workers already up) | ${f1(dist.seconds)} | ${f2(dist.seconds / actors)} |`,
        `| the same, counting the workers' start-up (${f1(workerStart)} s) | ${f1(dist.seconds + workerStart)} | ${f2((dist.seconds + workerStart) / actors)} |`,
        '',
        `bench-distributed: actors=${actors} workers=${workers} localSeconds=${f1(local.seconds)} distributedSeconds=${f1(dist.seconds)} overheadSeconds=${f1(dist.seconds - local.seconds)} overheadPerActor=${f2((dist.seconds - local.seconds) / actors)} sameMatrix=${same} loadAverage=${f2(loadavg()[0])}`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await redis.stop();
    if (process.argv.includes('--keep')) log(`bench: kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
