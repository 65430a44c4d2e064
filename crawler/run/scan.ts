/**
 * A scan: validates everything first (bad input exits 2 and writes nothing), records the run with
 * its panel and options, then scans actors in parallel (p-queue, one browser, one context per
 * actor and pass) and writes each actor's result in one transaction as soon as it is done. A run
 * killed at any moment is finished by `resume`: actors with a recorded result keep it, the others
 * are scanned. A crashed browser is relaunched and the actor retried a bounded number of times.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import PQueue from 'p-queue';
import pino from 'pino';
import type { Browser } from 'playwright';
import { launchBrowser } from '../journey/browser.ts';
import { startFixtureServer, type FixtureServer, type NetworkOption } from '../serve/fixture-server.ts';
import { startReplayServer, type ReplayServer } from '../serve/replay-server.ts';
import { ActorArchive, DEFAULT_ARCHIVE_MAX_MB, type ArchiveFile } from '../archive/recorder.ts';
import { runArchiveDir } from '../archive/paths.ts';
import { DEFAULT_JOURNEY, runJourney, siteContext, type JourneyOptions, type JourneyResult } from '../journey/journey.ts';
import { BadInputError, checkPublicUrls, loadPanel, type Actor, type Panel } from './panel.ts';
import { JudgePool } from '../judge/judge-pool.ts';
import { rollupChannels } from '../judge/rollup.ts';
import { Store } from '../store/store.ts';
import type { ChannelKey } from '../types.ts';

export interface ScanOptions {
  panelFile: string;
  fixtures?: string;
  db: string;
  actors?: string[];
  edition?: string;
  concurrency?: number;
  maxPages?: number;
  allowPrivate?: boolean;
  actorTimeoutMs?: number;
  navTimeoutMs?: number;
  userAgent?: string;
  /** extra attempts for an actor whose browser crashed */
  retries?: number;
  screenshots?: boolean;
  /** do not obey robots.txt (recorded in the run) */
  ignoreRobots?: boolean;
  /** pause between two pages of the same site, ms */
  pageDelayMs?: number;
  /** with fixtures: the simulated network (issue 10); default: the corpus's _network.json, else quiet */
  fixturesNetwork?: 'quiet' | 'realistic';
  /** record every response into web archives under DIR/<run id>/<actor id>/ (CONTRACT §9) */
  archive?: string;
  /** per-actor archive cap, MB */
  archiveMaxMb?: number;
  /** answer every request from the archives of this <run id> folder (CONTRACT §9) */
  replay?: string;
}

/** What is recorded with the run, so that --resume scans the rest the same way. */
interface RecordedOptions {
  fixtures: string | null;
  actors: string[] | null;
  concurrency: number;
  maxPages: number;
  allowPrivate: boolean;
  actorTimeoutMs: number;
  navTimeoutMs: number;
  userAgent: string;
  retries: number;
  screenshots: boolean;
  ignoreRobots: boolean;
  pageDelayMs: number;
  /** absent in runs recorded before issue 10 */
  fixturesNetwork?: 'quiet' | 'realistic' | null;
  /** absolute archive root (DIR of --archive), or null */
  archive?: string | null;
  archiveMaxMb?: number;
  /** absolute <run id> folder replayed (--replay), or null */
  replay?: string | null;
}

export interface ScanIO {
  /** progress lines (stderr) */
  progress?: (line: string) => void;
  /** called once the run row exists (tests use it to kill a scan midway) */
  onRunCreated?: (runId: string) => void;
  /** live counters, for a progress bar */
  onStatus?: (s: ScanStatus) => void;
}

export interface ScanStatus {
  total: number;
  done: number;
  failed: number;
  running: number;
  pages: number;
}

export const DEFAULT_CONCURRENCY = Math.max(2, cpus().length * 2);

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

function checkFixtures(dir: string | undefined | null): string | null {
  if (!dir) return null;
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new BadInputError(`${dir}: fixtures directory not found`);
  return abs;
}

function checkReplay(dir: string | undefined | null): string | null {
  if (!dir) return null;
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new BadInputError(`--replay ${dir}: archive directory not found`);
  return abs;
}

export async function scan(opts: ScanOptions, io: ScanIO = {}): Promise<string> {
  const panel = loadPanel(opts.panelFile);
  const fixtures = checkFixtures(opts.fixtures);
  const replay = checkReplay(opts.replay);
  if (replay && fixtures) throw new BadInputError('scan: --replay and --fixtures cannot be used together');
  if (opts.archiveMaxMb !== undefined && !(opts.archiveMaxMb > 0)) throw new BadInputError(`--archive-max-mb: must be a number > 0 (got ${opts.archiveMaxMb})`);
  if (opts.archive && existsSync(opts.archive) && !statSync(opts.archive).isDirectory()) throw new BadInputError(`--archive ${opts.archive}: not a directory`);
  if (opts.actors?.length) {
    for (const id of opts.actors) {
      if (!panel.actors.some((a) => a.id === id)) throw new BadInputError(`${opts.panelFile}: --actor ${id}: unknown actor id`);
    }
  }
  if (!fixtures && !replay && !opts.allowPrivate) checkPublicUrls(panel);
  for (const [flag, v] of [['--concurrency', opts.concurrency], ['--max-pages', opts.maxPages]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new BadInputError(`${flag}: must be a whole number ≥ 1 (got ${v})`);
  }
  const recorded: RecordedOptions = {
    fixtures,
    actors: opts.actors?.length ? opts.actors : null,
    concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY,
    maxPages: opts.maxPages ?? DEFAULT_JOURNEY.maxPages,
    allowPrivate: !!opts.allowPrivate,
    actorTimeoutMs: opts.actorTimeoutMs ?? DEFAULT_JOURNEY.actorTimeoutMs,
    navTimeoutMs: opts.navTimeoutMs ?? DEFAULT_JOURNEY.navTimeoutMs,
    userAgent: opts.userAgent ?? DEFAULT_JOURNEY.userAgent,
    retries: opts.retries ?? 1,
    screenshots: opts.screenshots ?? true,
    ignoreRobots: !!opts.ignoreRobots,
    pageDelayMs: opts.pageDelayMs ?? 0,
    fixturesNetwork: opts.fixturesNetwork ?? null,
    archive: opts.archive ? resolve(opts.archive) : null,
    archiveMaxMb: opts.archiveMaxMb ?? DEFAULT_ARCHIVE_MAX_MB,
    replay,
  };
  if (recorded.fixturesNetwork && !['quiet', 'realistic'].includes(recorded.fixturesNetwork)) throw new BadInputError(`--fixtures-network: must be quiet or realistic (got ${recorded.fixturesNetwork})`);
  const edition = opts.edition ?? panel.edition ?? String(new Date().getFullYear());
  const store = new Store(opts.db);
  try {
    const runId = newRunId();
    const archiveDir = recorded.archive ? runArchiveDir(recorded.archive, runId) : null;
    store.createRun({ id: runId, edition, panelFile: panel.file, panel, options: recorded, startedAt: new Date().toISOString(), archiveDir, replayDir: replay });
    io.onRunCreated?.(runId);
    await scanActors(store, runId, panel, recorded, io);
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
    const recorded = JSON.parse(run.options_json) as RecordedOptions;
    if (opts.fixtures) recorded.fixtures = checkFixtures(opts.fixtures);
    else if (recorded.fixtures) checkFixtures(recorded.fixtures);
    if (recorded.replay) checkReplay(recorded.replay);
    if (run.status !== 'finished') await scanActors(store, run.id, panel, recorded, io);
    return run.id;
  } finally {
    store.close();
  }
}

async function scanActors(store: Store, runId: string, panel: Panel, o: RecordedOptions, io: ScanIO): Promise<void> {
  const progress = io.progress ?? (() => undefined);
  const logDir = join(dirname(resolve(store.file)), 'logs');
  mkdirSync(logDir, { recursive: true });
  const logger = pino({ level: process.env.CONTACTABILITY_LOG_LEVEL ?? 'info', base: { run: runId } }, pino.destination({ dest: join(logDir, `${runId}.jsonl`), sync: true }));
  const wanted = panel.actors.filter((a) => !o.actors || o.actors.includes(a.id));
  const done = store.actorIdsDone(runId);
  const todo = wanted.filter((a) => !done.has(a.id));
  if (done.size) progress(`resuming run ${runId}: ${done.size} actor(s) already recorded, ${todo.length} to scan`);
  let fixtures: FixtureServer | null = null;
  let replay: ReplayServer | null = null;
  let browser: Browser | null = null;
  const pool = new JudgePool();
  if (todo.length) pool.warm();
  const judge = async (snapshot: Parameters<JudgePool['judge']>[0], site: Parameters<JudgePool['judge']>[1]) => {
    const j = await pool.judge(snapshot, site);
    return { findings: j.findings, detectorRuns: j.runs };
  };
  const t0 = Date.now();
  let finished = 0;
  const counts = { ok: 0, partial: 0, failed: 0 };
  const status: ScanStatus = { total: wanted.length, done: done.size, failed: 0, running: 0, pages: 0 };
  const report = () => io.onStatus?.({ ...status });
  const getBrowser = async (): Promise<Browser> => {
    if (browser?.isConnected()) return browser;
    if (browser) progress('browser disconnected: relaunching');
    browser = await launchBrowser({ fixtures: fixtures ?? undefined, log: progress });
    return browser;
  };
  try {
    if (o.fixtures) fixtures = await startFixtureServer(o.fixtures, { network: (o.fixturesNetwork ?? null) as NetworkOption | null });
    else if (o.replay) {
      replay = await startReplayServer(o.replay);
      progress(`replay: ${replay.captures} captures on ${replay.hosts.length} hosts from ${o.replay}`);
      fixtures = replay;
    }
    if (todo.length) await getBrowser();
    const journeyOpts: Partial<JourneyOptions> = {
      maxPages: o.maxPages,
      actorTimeoutMs: o.actorTimeoutMs,
      navTimeoutMs: o.navTimeoutMs,
      userAgent: o.userAgent,
      screenshots: o.screenshots,
      respectRobots: !o.ignoreRobots,
      pageDelayMs: o.pageDelayMs ?? 0,
      // an offline corpus is served from loopback by design; a live scan never reaches private addresses
      blockPrivateNetwork: !o.fixtures && !o.replay && !o.allowPrivate,
    };
    const queue = new PQueue({ concurrency: o.concurrency });
    for (const actor of todo) {
      queue.add(async () => {
        const startedAt = new Date().toISOString();
        status.running++;
        report();
        const position = panel.actors.findIndex((a) => a.id === actor.id);
        let result: JourneyResult | null = null;
        let archive: ActorArchive | undefined;
        let attempts = 0;
        while (attempts <= o.retries) {
          attempts++;
          try {
            const b = await getBrowser();
            archive = o.archive ? new ActorArchive(o.archive, runId, actor, o.archiveMaxMb) : undefined;
            result = await runJourney(b, actor, { ...journeyOpts, archive }, {
              judge,
              log: (m) => {
                status.pages++;
                report();
                logger.debug({ actor: actor.id }, m);
              },
            });
            if (b.isConnected()) break;
            progress(`${actor.id}: the browser crashed during the scan (attempt ${attempts})`);
          } catch (err) {
            result = { status: 'failed', error: `crawler error: ${(err as Error).message.split('\n')[0]}`, blockedBy: null, consent: { cmp: null, banner: false, rejectButton: false }, pages: [], consentEvents: [] };
            if (browser?.isConnected()) break;
          }
        }
        const r = result!;
        let archived: ArchiveFile[] = [];
        if (archive) {
          try {
            archived = await archive.write(r);
          } catch (err) {
            progress(`${actor.id}: archive not written (${(err as Error).message.split('\n')[0]})`);
          }
        }
        const channels = rollupChannels(r.pages, actor.url);
        store.saveActorResult({
          runId,
          actor,
          position,
          status: r.status,
          error: r.error,
          blockedBy: r.blockedBy ?? null,
          consent: r.consent,
          channels,
          pages: r.pages,
          startedAt,
          finishedAt: new Date().toISOString(),
          attempts,
        });
        finished++;
        counts[r.status]++;
        status.running--;
        status.done++;
        if (r.status === 'failed') status.failed++;
        report();
        const present = (Object.keys(channels) as ChannelKey[]).filter((k) => channels[k].present);
        logger.info({ actor: actor.id, status: r.status, error: r.error, pages: r.pages.length, consent: r.consent, consentEvents: r.consentEvents, channels: present, archive: archived.length ? archived : undefined }, 'actor done');
        progress(
          `[${finished + done.size}/${wanted.length}] ${actor.id}: ${r.status}${r.error ? ` (${r.error})` : ''}, ${r.pages.length} pages, ${present.join(' ') || 'no channel'}`,
        );
      });
    }
    await queue.onIdle();
    store.finishRun(runId, new Date().toISOString());
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    logger.info({ ...counts, seconds: Number(secs) }, 'run finished');
    if (replay) {
      logger.info({ ...replay.stats }, 'replay');
      progress(`replay: ${replay.stats.answered} requests answered (${replay.stats.fallback} by the cache-busting fallback), ${replay.stats.refused} not in the archive`);
    }
    progress(`run ${runId} finished in ${secs}s: ${counts.ok} ok, ${counts.partial} partial, ${counts.failed} failed`);
  } finally {
    const b = browser as Browser | null;
    if (b) await b.close().catch(() => undefined);
    if (fixtures) await fixtures.close();
    await pool.close();
  }
}

export { siteContext };
export type { Actor };
