/**
 * `contactability worker --queue redis://HOST:PORT [--concurrency N] [--fixtures DIR]` (CONTRACT
 * §8): a long-running BullMQ worker. It takes actor jobs, runs each journey with the options
 * recorded in the job (crawler/run/scan-actor.ts, the same function a local scan runs) and returns
 * the actor outcome encoded (crawler/run/queue.ts); it never touches SQLite. One browser per worker,
 * relaunched when it crashes; with --fixtures, one fixture server. Without --concurrency, a worker
 * autoscales the number of jobs it runs at once as a local scan does (crawler/run/autoscale.ts):
 * workers run on machines of every size, next to other work.
 *
 * Refused (UnrecoverableError, no retry): a job from another crawler version; an offline job
 * (recorded with fixtures) on a worker without --fixtures, and the reverse. Failures of the worker
 * itself (browser cannot start, Redis error) are retried JOB_ATTEMPTS times; a worker killed mid-job
 * stops renewing its lock and another worker takes the job after LOCK_DURATION_MS +
 * STALLED_INTERVAL_MS at most.
 *
 * Stopping: the first SIGTERM/SIGINT closes the worker gracefully (no new job; the jobs in flight
 * finish and are returned), a second one, or STOP_GRACE_MS later, leaves at once: the unfinished
 * jobs' locks expire and other workers take them again.
 *
 * Deliberately ignores: rate limits per site across workers (each journey keeps its own page delay).
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import pino from 'pino';
import type { Browser } from 'playwright';
import { launchBrowser } from '../journey/browser.ts';
import { JudgePool } from '../judge/judge-pool.ts';
import { startFixtureServer, type FixtureServer } from '../serve/fixture-server.ts';
import { Autoscaler, machineSample, MAX_CONCURRENCY, type MachineSample } from './autoscale.ts';
import { checkFixtures, DEFAULT_CONCURRENCY } from './options.ts';
import {
  CRAWLER_VERSION,
  INLINE_RESULT_MAX_BYTES,
  KEEP_FINISHED_S,
  LOCK_DURATION_MS,
  MAX_STALLED_COUNT,
  QUEUE_NAME,
  STALLED_INTERVAL_MS,
  VERSION_REFUSAL,
  checkQueue,
  encodeOutcome,
  bullmqConnection,
  redisConnection,
  resultKeyOf,
  type ActorJobData,
  type ActorJobReturn,
} from './queue.ts';
import type { RespClient } from './queue.ts';
import { bounded } from './scan.ts';
import { scanActor } from './scan-actor.ts';

/** After a stop request, jobs in flight get this long to finish (an actor's default deadline is 180 s). */
export const STOP_GRACE_MS = Number(process.env.CONTACTABILITY_WORKER_GRACE_MS) || 200_000;

export interface WorkerOptions {
  queue: string;
  concurrency?: number;
  fixtures?: string;
}

export interface WorkerIO {
  log?: pino.Logger;
  /** aborting it stops the worker (the CLI wires SIGINT and SIGTERM) */
  signal?: AbortSignal;
  /** a second abort: leave without waiting for the jobs in flight */
  forceSignal?: AbortSignal;
  /** called once the worker takes jobs */
  onReady?: () => void;
  /** what the autoscaler reads (tests); the machine's CPU and memory otherwise */
  machineSample?: () => MachineSample;
}

export async function runWorker(opts: WorkerOptions, io: WorkerIO = {}): Promise<void> {
  const target = await checkQueue(opts.queue, '--queue');
  const fixturesDir = checkFixtures(opts.fixtures);
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  const autoscale = opts.concurrency === undefined;
  const log = io.log ?? pino({ level: process.env.CONTACTABILITY_LOG_LEVEL ?? 'info', base: { worker: process.pid } });
  let fixtures: FixtureServer | null = null;
  let browser: Browser | null = null;
  let launching: Promise<Browser> | null = null;
  const getBrowser = async (): Promise<Browser> => {
    if (browser?.isConnected()) return browser;
    if (!launching) {
      if (browser) log.warn('browser disconnected: relaunching');
      launching = launchBrowser({ fixtures: fixtures ?? undefined, log: (m) => log.info(m) }).finally(() => (launching = null));
    }
    browser = await launching;
    return browser;
  };
  const pool = new JudgePool();
  pool.warm();
  const judge = pool.crawlJudge;
  const results: RespClient = redisConnection(target);
  await results.connect();

  const process_ = async (job: Job<ActorJobData, ActorJobReturn>): Promise<ActorJobReturn> => {
    const d = job.data;
    if (d.crawler !== CRAWLER_VERSION) {
      throw new UnrecoverableError(`${VERSION_REFUSAL}: job ${job.id} was enqueued by contactability ${d.crawler}, this worker runs ${CRAWLER_VERSION}`);
    }
    if (d.options.fixtures && !fixtures) throw new UnrecoverableError(`job ${job.id}: an offline run (scanned from fixtures): start the worker with --fixtures DIR`);
    if (!d.options.fixtures && fixtures) throw new UnrecoverableError(`job ${job.id}: a live run, but this worker answers from fixtures (${fixturesDir})`);
    const t0 = Date.now();
    log.info({ job: job.id, run: d.runId, actor: d.actor.id, attempt: job.attemptsMade + 1 }, 'job active');
    const out = await scanActor(getBrowser, d.actor, d.options, {
      judge,
      runId: d.runId,
      log: (m) => log.debug({ job: job.id, actor: d.actor.id }, m),
      warn: (m) => log.warn({ job: job.id }, m),
    });
    const encoded = encodeOutcome(out);
    let ret: ActorJobReturn;
    if (encoded.length <= INLINE_RESULT_MAX_BYTES) ret = { outcome: encoded };
    else {
      const key = resultKeyOf(String(job.id));
      await results.send('SET', [key, encoded, 'EX', KEEP_FINISHED_S]);
      ret = { key, bytes: encoded.length };
    }
    log.info({ job: job.id, actor: d.actor.id, status: out.status, error: out.error, pages: out.pages.length, bytes: encoded.length, ms: Date.now() - t0 }, 'job done');
    return ret;
  };

  let scaler: Autoscaler | null = null;
  try {
    if (fixturesDir) fixtures = await startFixtureServer(fixturesDir);
    const conn = bullmqConnection(target);
    const worker = new Worker<ActorJobData, ActorJobReturn>(QUEUE_NAME, process_, {
      connection: conn as never,
      concurrency,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: STALLED_INTERVAL_MS,
      maxStalledCount: MAX_STALLED_COUNT,
      autorun: false,
    });
    worker.on('failed', (job, err) => log.warn({ job: job?.id, err: err.message, attempts: job?.attemptsMade }, 'job failed'));
    worker.on('stalled', (jobId) => log.warn({ job: jobId }, 'job stalled (its worker died): taken again'));
    worker.on('error', (err) => log.warn({ err: err.message }, 'worker error'));
    // No --concurrency: more jobs at once while the machine has headroom (BullMQ reads its
    // concurrency before taking each job).
    scaler = autoscale
      ? new Autoscaler(
          concurrency,
          MAX_CONCURRENCY,
          (n, busy) => {
            worker.concurrency = n;
            log.info({ concurrency: n, cpuBusy: Math.round(busy * 100) / 100 }, 'concurrency');
          },
          io.machineSample ?? machineSample,
        )
      : null;
    const stopped = new Promise<'graceful' | 'force'>((resolve) => {
      if (io.signal?.aborted) resolve('graceful');
      io.signal?.addEventListener('abort', () => resolve('graceful'), { once: true });
    });
    const running = worker.run();
    await worker.waitUntilReady();
    log.info({ queue: opts.queue, concurrency, autoscale, crawler: CRAWLER_VERSION, fixtures: fixturesDir, lockDurationMs: LOCK_DURATION_MS, stalledIntervalMs: STALLED_INTERVAL_MS }, 'worker ready');
    scaler?.start();
    io.onReady?.();
    await Promise.race([running, stopped]);
    log.info({ graceMs: STOP_GRACE_MS }, 'stopping: no new job, finishing the jobs in flight (a second signal leaves at once)');
    const force = new Promise<void>((resolve) => {
      const t = setTimeout(resolve, STOP_GRACE_MS);
      t.unref();
      io.forceSignal?.addEventListener('abort', () => resolve(), { once: true });
    });
    const graceful = worker.close().then(() => 'closed' as const);
    if ((await Promise.race([graceful, force.then(() => 'force' as const)])) === 'force') {
      log.warn('stopping now: the jobs in flight will be taken again by other workers once their lock expires');
      await bounded(worker.close(true));
    }
    await bounded(conn.quit());
    log.info('worker stopped');
  } finally {
    scaler?.stop();
    results.close();
    const b = browser as Browser | null;
    if (b) await bounded(b.close());
    if (fixtures) await bounded(fixtures.close());
    await bounded(pool.close());
  }
}
