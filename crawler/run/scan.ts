/**
 * A scan: validates everything first (bad input exits 2 and writes nothing), records the run with
 * its panel and options, then scans actors in parallel (p-queue, one browser, one context per
 * actor and pass) and writes each actor's result in one transaction as soon as it is done. A run
 * killed at any moment is finished by `resume`: actors with a recorded result keep it, the others
 * are scanned. A crashed browser is relaunched and the actor retried a bounded number of times
 * (crawler/run/scan-actor.ts). With `queue` set, the actors are scanned by BullMQ workers and this
 * process only coordinates (crawler/run/coordinator.ts).
 *
 * Stopping: when `io.signal` aborts (the CLI wires SIGINT and SIGTERM to it), actors in flight are
 * abandoned and not recorded, the browser is closed, and the scan rejects with ScanStopped; the run
 * stays unfinished, so `scan --resume` finishes it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import PQueue from 'p-queue';
import pino from 'pino';
import type { Browser } from 'playwright';
import { launchBrowser } from '../journey/browser.ts';
import { siteContext } from '../journey/journey.ts';
import { runArchiveDir } from '../archive/paths.ts';
import { JudgePool } from '../judge/judge-pool.ts';
import { startFixtureServer, type FixtureServer } from '../serve/fixture-server.ts';
import type { NetworkOption } from '../serve/network.ts';
import { startReplayServer, type ReplayServer } from '../serve/replay-server.ts';
import { Store } from '../store/store.ts';
import { checkFixtures, checkReplay, readRecordedOptions, resolveOptions, type RecordedOptions, type ScanOptions } from './options.ts';
import { BadInputError, checkPublicUrls, loadPanel, type Actor, type Panel } from './panel.ts';
import { actorLine, presentChannels, recordActorOutcome, scanActor } from './scan-actor.ts';
import { Autoscaler, MAX_CONCURRENCY } from './autoscale.ts';
import { longestFirst } from './start-order.ts';

export { DEFAULT_CONCURRENCY, type RecordedOptions, type ScanOptions } from './options.ts';

export interface ScanIO {
  /** progress lines (stderr) */
  progress?: (line: string) => void;
  /** called once the run row exists (tests use it to kill a scan midway) */
  onRunCreated?: (runId: string) => void;
  /** live counters, for a progress bar */
  onStatus?: (s: ScanStatus) => void;
  /** aborting it stops the scan: actors in flight are abandoned, the run is left resumable */
  signal?: AbortSignal;
}

export interface ScanStatus {
  total: number;
  done: number;
  failed: number;
  running: number;
  pages: number;
}

/** The scan was stopped (signal): the run is left unfinished and can be resumed. */
export class ScanStopped extends Error {
  constructor(
    readonly runId: string,
    readonly reason: string,
  ) {
    super(`run ${runId} stopped (${reason})`);
    this.name = 'ScanStopped';
  }
}

/** Closing a browser or a server after a stop may hang on a wedged process: give up after this. */
const CLOSE_TIMEOUT_MS = 3_000;

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function reasonOf(signal: AbortSignal | undefined): string {
  const r = signal?.reason;
  return typeof r === 'string' ? r : r instanceof Error ? r.message : 'stopped';
}

export async function bounded(p: Promise<unknown>, ms = CLOSE_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

export async function scan(opts: ScanOptions, io: ScanIO = {}): Promise<string> {
  const panel = loadPanel(opts.panelFile);
  const fixtures = checkFixtures(opts.fixtures);
  if (opts.actors?.length) {
    for (const id of opts.actors) {
      if (!panel.actors.some((a) => a.id === id)) throw new BadInputError(`${opts.panelFile}: --actor ${id}: unknown actor id`);
    }
  }
  const recorded = resolveOptions(opts, fixtures);
  if (!fixtures && !recorded.replay && !opts.allowPrivate) checkPublicUrls(panel);
  // A distributed run: the queue must answer before anything is written.
  const coordinator = recorded.queue ? await import('./coordinator.ts') : null;
  if (coordinator) recorded.queue = await coordinator.checkQueueUrl(recorded.queue!, '--queue');
  const edition = opts.edition ?? panel.edition ?? String(new Date().getFullYear());
  const store = new Store(opts.db);
  try {
    const runId = newRunId();
    const archiveDir = recorded.archive ? runArchiveDir(recorded.archive, runId) : null;
    store.createRun({ id: runId, edition, panelFile: panel.file, panel, options: recorded, startedAt: new Date().toISOString(), archiveDir, replayDir: recorded.replay });
    io.onRunCreated?.(runId);
    if (coordinator) await coordinator.coordinate(store, runId, panel, recorded, io);
    else await scanActors(store, runId, panel, recorded, io);
    return runId;
  } finally {
    store.close();
  }
}

export async function resume(opts: { db: string; runId?: string; fixtures?: string }, io: ScanIO = {}): Promise<string> {
  if (!existsSync(opts.db)) throw new BadInputError(`${opts.db}: database not found`);
  const store = new Store(opts.db);
  try {
    const run = opts.runId ? store.getRun(opts.runId) : store.latestUnfinishedRun();
    if (!run) throw new BadInputError(opts.runId ? `--resume ${opts.runId}: unknown run` : `${opts.db}: no unfinished run to resume`);
    if (run.kind !== 'scan') throw new BadInputError(`--resume ${run.id}: a ${run.kind} run cannot be resumed`);
    const panel = JSON.parse(run.panel_json) as Panel;
    const recorded = readRecordedOptions(run.options_json);
    if (opts.fixtures) recorded.fixtures = checkFixtures(opts.fixtures);
    else if (recorded.fixtures && !recorded.queue) checkFixtures(recorded.fixtures);
    if (recorded.replay) checkReplay(recorded.replay);
    if (run.status !== 'finished') {
      io.onRunCreated?.(run.id);
      if (recorded.queue) {
        const coordinator = await import('./coordinator.ts');
        await coordinator.checkQueueUrl(recorded.queue, `--resume ${run.id}: recorded queue`);
        await coordinator.coordinate(store, run.id, panel, recorded, io);
      } else await scanActors(store, run.id, panel, recorded, io);
    }
    return run.id;
  } finally {
    store.close();
  }
}

/** The run's pino log file, next to the database (logs/<run id>.jsonl). */
export function runLogger(store: Store, runId: string): pino.Logger {
  const logDir = join(dirname(resolvePath(store.file)), 'logs');
  mkdirSync(logDir, { recursive: true });
  return pino({ level: process.env.CONTACTABILITY_LOG_LEVEL ?? 'info', base: { run: runId } }, pino.destination({ dest: join(logDir, `${runId}.jsonl`), sync: true }));
}

/**
 * The run's actors (`wanted`: the panel, or those named), those already recorded (`done`, on a
 * resume, which it says) and those left to scan, longest first (start-order.ts: a local scan starts
 * them in that order, a coordinator enqueues them in it).
 */
export function actorsToScan(store: Store, runId: string, panel: Panel, only: RecordedOptions['actors'], progress: (line: string) => void): { wanted: Actor[]; done: Set<string>; todo: Actor[] } {
  const wanted = panel.actors.filter((a) => !only || only.includes(a.id));
  const done = store.actorIdsDone(runId);
  const todo = longestFirst(
    wanted.filter((a) => !done.has(a.id)),
    store.lastActorSeconds(runId),
  );
  if (done.size) progress(`resuming run ${runId}: ${done.size} actor(s) already recorded, ${todo.length} to scan`);
  return { wanted, done, todo };
}

async function scanActors(store: Store, runId: string, panel: Panel, o: RecordedOptions, io: ScanIO): Promise<void> {
  const progress = io.progress ?? (() => undefined);
  const logger = runLogger(store, runId);
  const { wanted, done, todo } = actorsToScan(store, runId, panel, o.actors, progress);
  let fixtures: FixtureServer | null = null;
  let replay: ReplayServer | null = null;
  let browser: Browser | null = null;
  const pool = new JudgePool();
  if (todo.length) pool.warm();
  const judge = pool.crawlJudge;
  let stopped = false;
  const t0 = Date.now();
  let finished = 0;
  const counts = { ok: 0, partial: 0, failed: 0 };
  const status: ScanStatus = { total: wanted.length, done: done.size, failed: 0, running: 0, pages: 0 };
  const report = () => io.onStatus?.({ ...status });
  const getBrowser = async (): Promise<Browser> => {
    if (stopped) throw new Error('scan stopped');
    if (browser?.isConnected()) return browser;
    if (browser) progress('browser disconnected: relaunching');
    browser = await launchBrowser({ fixtures: fixtures ?? undefined, log: progress });
    return browser;
  };
  const queue = new PQueue({ concurrency: o.concurrency });
  // No --concurrency: more actors at once while the CPU has headroom (autoscale.ts).
  const scaler = o.autoscale
    ? new Autoscaler(o.concurrency, MAX_CONCURRENCY, (n, busy) => {
        queue.concurrency = n;
        logger.info({ concurrency: n, cpuBusy: Math.round(busy * 100) / 100 }, 'concurrency');
      })
    : null;
  let onStop: () => void = () => undefined;
  const stopping = new Promise<void>((r) => (onStop = r));
  const abort = () => {
    stopped = true;
    queue.clear();
    onStop();
  };
  if (io.signal?.aborted) abort();
  io.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (o.fixtures && !stopped) fixtures = await startFixtureServer(o.fixtures, { network: (o.fixturesNetwork ?? null) as NetworkOption | null });
    else if (o.replay && !stopped) {
      replay = await startReplayServer(o.replay);
      progress(`replay: ${replay.captures} captures on ${replay.hosts.length} hosts from ${o.replay}`);
      fixtures = replay;
    }
    if (todo.length && !stopped) await getBrowser();
    scaler?.start();
    for (const actor of todo) {
      queue.add(async () => {
        if (stopped) return;
        status.running++;
        report();
        const position = panel.actors.findIndex((a) => a.id === actor.id);
        const out = await scanActor(getBrowser, actor, o, {
          judge,
          runId,
          log: (m) => {
            status.pages++;
            report();
            logger.debug({ actor: actor.id }, m);
          },
          // Once stopped, the browser is closed under the actors in flight: their "crashed" is ours, not news.
          warn: (line) => {
            if (!stopped) progress(line);
          },
          stopped: () => stopped,
        });
        status.running--;
        // Abandoned: an actor cut short by a stop is not recorded (resume scans it again).
        if (stopped) return;
        const channels = recordActorOutcome(store, runId, position, actor, out);
        finished++;
        counts[out.status]++;
        status.done++;
        if (out.status === 'failed') status.failed++;
        report();
        logger.info({ actor: actor.id, status: out.status, error: out.error, pages: out.pages.length, consent: out.consent, consentEvents: out.consentEvents, channels: presentChannels(channels), archive: out.archived.length ? out.archived : undefined }, 'actor done');
        progress(actorLine(finished + done.size, wanted.length, actor, out, channels));
      });
    }
    await Promise.race([queue.onIdle(), stopping]);
    if (stopped) {
      logger.info({ recorded: finished }, 'run stopped');
      throw new ScanStopped(runId, reasonOf(io.signal));
    }
    store.finishRun(runId, new Date().toISOString());
    if (replay) {
      logger.info({ ...replay.stats }, 'replay');
      progress(`replay: ${replay.stats.answered} requests answered (${replay.stats.fallback} by the cache-busting fallback), ${replay.stats.refused} not in the archive`);
    }
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    logger.info({ ...counts, seconds: Number(secs), concurrency: scaler ? { from: o.concurrency, peak: scaler.peak } : o.concurrency }, 'run finished');
    progress(`run ${runId} finished in ${secs}s: ${counts.ok} ok, ${counts.partial} partial, ${counts.failed} failed`);
  } finally {
    scaler?.stop();
    io.signal?.removeEventListener('abort', abort);
    const b = browser as Browser | null;
    if (b) await bounded(b.close());
    if (fixtures) await bounded(fixtures.close());
    await bounded(pool.close());
  }
}

export { siteContext };
export type { Actor };
