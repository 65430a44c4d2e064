/**
 * The commands that crawl: `scan` (a new run or --resume, under the run lock; SIGINT / SIGTERM stop
 * it with a resume hint), `worker` (a distributed-scan worker) and `schedule` (scans at each cron
 * tick). Playwright and the scan modules are imported only when a command runs.
 */
import { existsSync } from 'node:fs';
import { BadInputError } from '../run/panel.ts';
import { Store } from '../store/store.ts';
import { progress, showStatus } from './progress.ts';
import { SIGNAL_EXIT, STOP_DEADLINE_MS, StoppedBySignal, stopOnSignals } from './signals.ts';

export async function scanAction(o: Record<string, any>): Promise<void> {
  const stop = stopOnSignals();
  let runIdSoFar: string | null = null;
  // A second signal, or a stop that does not finish within STOP_DEADLINE_MS, exits at once.
  const hardExit = () => {
    const code = SIGNAL_EXIT[stop.signalName() ?? 'SIGTERM'];
    process.stderr.write(`contactability: ${stop.signalName()}: ${runIdSoFar ? `run ${runIdSoFar} stopped. Resume with: contactability scan --resume ${runIdSoFar} --db ${o.db}` : 'stopped before the run was recorded'}\n`);
    process.exit(code);
  };
  stop.force.addEventListener('abort', hardExit, { once: true });
  stop.signal.addEventListener('abort', () => setTimeout(hardExit, STOP_DEADLINE_MS).unref(), { once: true });
  try {
    await scanCommand(o, stop.signal, (id) => (runIdSoFar = id));
  } catch (err) {
    const sig = stop.signalName();
    if (sig && (err as Error)?.name === 'ScanStopped') {
      const id = (err as { runId: string }).runId;
      throw new StoppedBySignal(`${sig}: run ${id} stopped (actors in flight abandoned). Resume with: contactability scan --resume ${id} --db ${o.db}`, SIGNAL_EXIT[sig]);
    }
    if (sig) throw new StoppedBySignal(`${sig}: stopped before the run was recorded`, SIGNAL_EXIT[sig]);
    throw err;
  } finally {
    stop.remove();
  }
}

async function scanCommand(o: Record<string, any>, signal: AbortSignal, onRunCreated: (id: string) => void): Promise<void> {
  const { resume, scan } = await import('../run/scan.ts');
  const { acquireRunLock } = await import('../run/lock.ts');
  const io = { progress, onStatus: showStatus, signal, onRunCreated };
  let runId: string;
  if (o.resume !== undefined) {
    // The lock is per (database, panel): take the one of the run being finished.
    let panelFile = o.panel as string | undefined;
    if (!panelFile && existsSync(o.db)) {
      const store = new Store(o.db);
      const run = typeof o.resume === 'string' ? store.getRun(o.resume) : store.latestUnfinishedRun();
      panelFile = run?.panel_file;
      store.close();
    }
    const lock = panelFile ? acquireRunLock(o.db, panelFile) : null;
    try {
      runId = await resume({ db: o.db, runId: typeof o.resume === 'string' ? o.resume : undefined, fixtures: o.fixtures }, io);
    } finally {
      lock?.release();
    }
  } else {
    if (!o.panel) throw new BadInputError('scan: --panel FILE is required (or --resume)');
    const lock = acquireRunLock(o.db, o.panel);
    try {
      runId = await scan(
        {
          panelFile: o.panel,
          fixtures: o.fixtures,
          db: o.db,
          actors: o.actor,
          edition: o.edition,
          concurrency: o.concurrency,
          maxPages: o.maxPages,
          allowPrivate: o.allowPrivate,
          userAgent: o.userAgent,
          actorTimeoutMs: o.actorTimeout ? o.actorTimeout * 1000 : undefined,
          navTimeoutMs: o.navTimeout ? o.navTimeout * 1000 : undefined,
          ignoreRobots: o.ignoreRobots,
          pageDelayMs: o.pageDelay,
          fixturesNetwork: o.fixturesNetwork,
          archive: o.archive,
          archiveMaxMb: o.archiveMaxMb,
          replay: o.replay,
          queue: o.queue,
        },
        io,
      );
    } finally {
      lock.release();
    }
  }
  process.stdout.write(`${runId}\n`);
}

export async function workerAction(o: Record<string, any>): Promise<void> {
  const { runWorker } = await import('../run/worker.ts');
  const stop = stopOnSignals();
  try {
    await runWorker({ queue: o.queue, concurrency: o.concurrency, fixtures: o.fixtures }, { signal: stop.signal, forceSignal: stop.force });
  } finally {
    stop.remove();
  }
}

export async function scheduleAction(o: Record<string, any>): Promise<void> {
  const { schedule, nextRuns } = await import('../run/schedule.ts');
  const next = nextRuns(o.cron, 1, o.timezone)[0];
  if (next) progress(`next run at ${next.toISOString()}`);
  await schedule(
    { panelFile: o.panel, cron: o.cron, db: o.db, fixtures: o.fixtures, concurrency: o.concurrency, maxPages: o.maxPages, timezone: o.timezone, runOnce: !!o.once },
    { progress },
  );
}
