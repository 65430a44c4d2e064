/**
 * Scan options, with their one home for defaults. `ScanOptions` is what a caller asks for (CLI
 * flags, schedule, bench, tests); `resolveOptions` checks it (bad input → BadInputError, nothing
 * written) and fills the defaults into `RecordedOptions`, the JSON recorded with the run so that
 * `scan --resume` and every distributed worker scan the same way; `journeyOptionsOf` is the part
 * a journey reads. Runs recorded before a field existed read it back through `readRecordedOptions`,
 * which fills the same defaults.
 *
 * Deliberately ignores: per-actor overrides (one set of options per run).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_JOURNEY, type JourneyOptions } from '../journey/journey.ts';
import { DEFAULT_ARCHIVE_MAX_MB } from '../archive/recorder.ts';
import { BadInputError } from './panel.ts';
import { MACHINE } from './machine.ts';
import { NETWORK_MODES } from '../serve/network.ts';

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
  /** redis://HOST:PORT: scan through BullMQ workers instead of this process (CONTRACT §8) */
  queue?: string;
  /** with fixtures: the simulated network; default: the corpus's _network.json, else quiet */
  fixturesNetwork?: 'quiet' | 'realistic' | 'heavy';
  /** record every response into web archives under DIR/<run id>/<actor id>/ (CONTRACT §9) */
  archive?: string;
  /** per-actor archive cap, MB */
  archiveMaxMb?: number;
  /** answer every request from the archives of this <run id> folder (CONTRACT §9) */
  replay?: string;
}

/** What is recorded with the run, so that --resume (and every worker) scans the rest the same way. */
export interface RecordedOptions {
  fixtures: string | null;
  actors: string[] | null;
  /** actors at once; with `autoscale`, where the scan starts (autoscale.ts) */
  concurrency: number;
  /** no --concurrency given: more actors while the CPU and memory have headroom (autoscale.ts) */
  autoscale: boolean;
  maxPages: number;
  allowPrivate: boolean;
  actorTimeoutMs: number;
  navTimeoutMs: number;
  userAgent: string;
  retries: number;
  screenshots: boolean;
  ignoreRobots: boolean;
  pageDelayMs: number;
  /** the queue of a distributed run, null for a local one */
  queue: string | null;
  /** with fixtures: the simulated network (null: the corpus's _network.json, else quiet) */
  fixturesNetwork: 'quiet' | 'realistic' | 'heavy' | null;
  /** absolute archive root (DIR of --archive), or null */
  archive: string | null;
  archiveMaxMb: number;
  /** absolute <run id> folder replayed (--replay), or null */
  replay: string | null;
}

/**
 * Actors scanned at once: three per core (the cores this process may use: a container's CPU quota
 * counts, machine.ts; with no --concurrency, where the scan starts: it adds
 * actors while the CPU has headroom, autoscale.ts). Most of a journey is waiting on the network,
 * not computing: on 2 cores, 16 generated actors at 2 per core kept 1.1 of the 2 cores busy (quiet
 * network) and 0.9 (realistic network); at 3 per core they took 17 % and 21 % less time for 25 %
 * more memory (peak PSS 1.35 GB).
 */
export const DEFAULT_CONCURRENCY = Math.max(2, MACHINE.cores * 3);
/** One relaunch-and-retry for an actor whose browser crashed: a second crash is the site's doing. */
export const DEFAULT_RETRIES = 1;

export const DEFAULT_OPTIONS: Omit<RecordedOptions, 'fixtures' | 'actors' | 'queue' | 'archive' | 'replay' | 'autoscale'> = {
  fixturesNetwork: null,
  archiveMaxMb: DEFAULT_ARCHIVE_MAX_MB,
  concurrency: DEFAULT_CONCURRENCY,
  maxPages: DEFAULT_JOURNEY.maxPages,
  allowPrivate: false,
  actorTimeoutMs: DEFAULT_JOURNEY.actorTimeoutMs,
  navTimeoutMs: DEFAULT_JOURNEY.navTimeoutMs,
  userAgent: DEFAULT_JOURNEY.userAgent,
  retries: DEFAULT_RETRIES,
  screenshots: DEFAULT_JOURNEY.screenshots,
  ignoreRobots: !DEFAULT_JOURNEY.respectRobots,
  pageDelayMs: DEFAULT_JOURNEY.pageDelayMs,
};

export function checkFixtures(dir: string | undefined | null): string | null {
  if (!dir) return null;
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new BadInputError(`${dir}: fixtures directory not found`);
  return abs;
}

/** Checks the numeric flags and fills the defaults (fixtures and queue are checked by the caller). */
export function resolveOptions(opts: ScanOptions, fixtures: string | null): RecordedOptions {
  for (const [flag, v] of [['--concurrency', opts.concurrency], ['--max-pages', opts.maxPages]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new BadInputError(`${flag}: must be a whole number ≥ 1 (got ${v})`);
  }
  if (opts.fixturesNetwork && !(NETWORK_MODES as readonly string[]).includes(opts.fixturesNetwork)) throw new BadInputError(`--fixtures-network: must be ${NETWORK_MODES.join(', ')} (got ${opts.fixturesNetwork})`);
  if (opts.replay && fixtures) throw new BadInputError('scan: --replay and --fixtures cannot be used together');
  if (opts.archiveMaxMb !== undefined && !(opts.archiveMaxMb > 0)) throw new BadInputError(`--archive-max-mb: must be a number > 0 (got ${opts.archiveMaxMb})`);
  if (opts.archive && existsSync(opts.archive) && !statSync(opts.archive).isDirectory()) throw new BadInputError(`--archive ${opts.archive}: not a directory`);
  return {
    ...DEFAULT_OPTIONS,
    fixtures,
    actors: opts.actors?.length ? opts.actors : null,
    concurrency: opts.concurrency ?? DEFAULT_OPTIONS.concurrency,
    autoscale: opts.concurrency === undefined,
    maxPages: opts.maxPages ?? DEFAULT_OPTIONS.maxPages,
    allowPrivate: opts.allowPrivate ?? DEFAULT_OPTIONS.allowPrivate,
    actorTimeoutMs: opts.actorTimeoutMs ?? DEFAULT_OPTIONS.actorTimeoutMs,
    navTimeoutMs: opts.navTimeoutMs ?? DEFAULT_OPTIONS.navTimeoutMs,
    userAgent: opts.userAgent ?? DEFAULT_OPTIONS.userAgent,
    retries: opts.retries ?? DEFAULT_OPTIONS.retries,
    screenshots: opts.screenshots ?? DEFAULT_OPTIONS.screenshots,
    ignoreRobots: opts.ignoreRobots ?? DEFAULT_OPTIONS.ignoreRobots,
    pageDelayMs: opts.pageDelayMs ?? DEFAULT_OPTIONS.pageDelayMs,
    queue: opts.queue ?? null,
    fixturesNetwork: opts.fixturesNetwork ?? null,
    archive: opts.archive ? resolve(opts.archive) : null,
    archiveMaxMb: opts.archiveMaxMb ?? DEFAULT_OPTIONS.archiveMaxMb,
    replay: checkReplay(opts.replay),
  };
}

export function checkReplay(dir: string | undefined | null): string | null {
  if (!dir) return null;
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new BadInputError(`--replay ${dir}: archive directory not found`);
  return abs;
}

/** The options of a recorded run (older runs lack some fields: they get today's defaults). */
export function readRecordedOptions(json: string): RecordedOptions {
  // runs recorded before autoscaling existed ran at their fixed concurrency
  return { ...DEFAULT_OPTIONS, fixtures: null, actors: null, queue: null, archive: null, replay: null, autoscale: false, ...(JSON.parse(json) as Partial<RecordedOptions>) };
}

export function journeyOptionsOf(o: RecordedOptions): JourneyOptions {
  return {
    ...DEFAULT_JOURNEY,
    maxPages: o.maxPages,
    actorTimeoutMs: o.actorTimeoutMs,
    navTimeoutMs: o.navTimeoutMs,
    userAgent: o.userAgent,
    screenshots: o.screenshots,
    respectRobots: !o.ignoreRobots,
    pageDelayMs: o.pageDelayMs,
    // an offline corpus or a replay is served from loopback by design; a live scan never reaches private addresses
    blockPrivateNetwork: !o.fixtures && !o.replay && !o.allowPrivate,
  };
}
