/**
 * `schedule --panel FILE --cron "0 2 * * *"`: a long-running process that scans the panel at each
 * tick of a cron expression (croner), for those who do not use the system scheduler
 * (docs/scheduling.md gives the cron and systemd timer equivalents).
 *
 * - Everything is checked up front (bad input → BadInputError, exit 2): the cron expression, the
 *   panel, the fixtures directory, --concurrency and --max-pages. A panel that becomes invalid later
 *   makes that tick's run fail (logged) without stopping the schedule.
 * - Each tick takes the (database, panel) run lock (crawler/lock.ts) before scanning. A tick that
 *   finds it held, by a run of this process that is still going or by another process (a manual
 *   `scan`, a second `schedule`), logs "skipped: previous run still in progress" and does not start.
 * - After each run one summary line: "run <id> finished: N ok, N partial, N failed in S s" (counts
 *   read back from the store), or "run failed: <reason> in S s".
 * - Stopping: the abort signal, or SIGINT / SIGTERM between runs, stops the schedule and resolves
 *   once the run in progress (if any, abort signal only) has finished. SIGINT / SIGTERM during a run
 *   log the run id and exit at once (130 / 143): the run is left unfinished with every actor done so
 *   far recorded, the lock is released by the exit handler, and `scan --resume <id>` finishes it.
 *   (Waiting instead would not help: Playwright closes the browser on these signals, so the actors
 *   in flight would be recorded as failed.)
 * - runOnce: wait for the next tick, run once, then resolve (or throw the run's error, or
 *   LockHeldError when that tick was skipped), so that the caller's exit status reflects that run.
 */
import { Cron } from 'croner';
import { existsSync, statSync } from 'node:fs';
import { acquireRunLock, LockHeldError, type RunLock } from './lock.ts';
import { BadInputError, loadPanel } from './panel.ts';
import type { ScanIO, ScanOptions } from './scan.ts';
import { Store } from '../store/store.ts';

export interface ScheduleOptions {
  panelFile: string;
  cron: string;
  db: string;
  fixtures?: string;
  concurrency?: number;
  maxPages?: number;
  /** run at the next tick only, then return */
  runOnce?: boolean;
  /** IANA time zone of the cron expression (default: the process's local time, i.e. $TZ) */
  timezone?: string;
  /** for tests: what runs at each tick (default: scan() of crawler/scan.ts) */
  scanFn?: (opts: ScanOptions, io: ScanIO) => Promise<string>;
}

export interface ScheduleIO {
  progress(line: string): void;
  signal?: AbortSignal;
}

/**
 * Parses a cron expression: 5 fields (minute hour day month weekday) or 6 (seconds first), or a
 * nickname (@daily, @hourly…). Throws BadInputError naming --cron.
 */
export function parseCron(expr: string, timezone?: string): Cron {
  const text = typeof expr === 'string' ? expr.trim() : '';
  if (!text) throw new BadInputError('--cron: a cron expression is required (e.g. "0 2 * * *")');
  if (!text.startsWith('@') && !/^\S+(\s+\S+){4,5}$/.test(text)) {
    throw new BadInputError(`--cron "${expr}": invalid cron expression: expected 5 fields (minute hour day month weekday) or 6 (with seconds first), e.g. "0 2 * * *"`);
  }
  let job: Cron;
  try {
    job = new Cron(text, { paused: true, mode: '5-or-6-parts', timezone });
  } catch (err) {
    throw new BadInputError(`--cron "${expr}": invalid cron expression: ${(err as Error).message}`);
  }
  if (!job.nextRun()) {
    job.stop();
    throw new BadInputError(`--cron "${expr}": the expression never matches a future date`);
  }
  return job;
}

/** The next n times the expression fires (local time unless timezone is given), for display. */
export function nextRuns(cron: string, n: number, timezone?: string): Date[] {
  const job = parseCron(cron, timezone);
  try {
    return job.nextRuns(n);
  } finally {
    job.stop();
  }
}

function checkInputs(opts: ScheduleOptions): void {
  loadPanel(opts.panelFile); // BadInputError naming the file, the actor and the field
  if (opts.fixtures && (!existsSync(opts.fixtures) || !statSync(opts.fixtures).isDirectory())) {
    throw new BadInputError(`${opts.fixtures}: fixtures directory not found`);
  }
  for (const [flag, v] of [['--concurrency', opts.concurrency], ['--max-pages', opts.maxPages]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new BadInputError(`${flag}: must be a whole number ≥ 1 (got ${v})`);
  }
}

function firstLine(err: unknown): string {
  return `${(err as Error)?.message ?? err}`.split('\n')[0];
}

function summaryLine(db: string, runId: string, seconds: string): string {
  let counts = { ok: 0, partial: 0, failed: 0 };
  let known = false;
  try {
    const store = new Store(db);
    try {
      const row = store.listRuns().find((r) => r.id === runId);
      if (row) {
        counts = { ok: row.ok, partial: row.partial, failed: row.failed };
        known = true;
      }
    } finally {
      store.close();
    }
  } catch {
    /* the summary must not fail the schedule */
  }
  return `run ${runId} finished: ${counts.ok} ok, ${counts.partial} partial, ${counts.failed} failed in ${seconds} s${known ? '' : ' (run not found in the database)'}`;
}

export async function schedule(opts: ScheduleOptions, io: ScheduleIO): Promise<void> {
  const probe = parseCron(opts.cron, opts.timezone);
  probe.stop();
  checkInputs(opts);
  if (io.signal?.aborted) return;
  const scanFn = opts.scanFn ?? (await import('./scan.ts')).scan;
  const log = (line: string) => io.progress(line);

  return new Promise<void>((resolveSchedule, rejectSchedule) => {
    let current: Promise<void> | null = null;
    let currentRunId: string | null = null;
    let currentLock: RunLock | null = null;
    let stopping = false;
    let outcome: unknown = undefined; // runOnce: the error of that run, if any

    const job = new Cron(opts.cron.trim(), { mode: '5-or-6-parts', timezone: opts.timezone, catch: (err) => log(`tick error: ${firstLine(err)}`) }, () => tick());

    const cleanup = () => {
      job.stop();
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      io.signal?.removeEventListener('abort', onAbort);
    };
    const finish = (err?: unknown) => {
      if (stopping) return;
      stopping = true;
      cleanup();
      void (current ?? Promise.resolve()).then(() => {
        if (err) rejectSchedule(err);
        else resolveSchedule();
      });
    };
    const onAbort = () => {
      log(current ? `stopping: waiting for run ${currentRunId ?? '(starting)'} to finish` : 'stopping');
      finish();
    };
    const onSignal = (sig: 'SIGINT' | 'SIGTERM') => {
      if (!current) {
        log(`${sig}: stopping`);
        finish();
        return;
      }
      const id = currentRunId;
      log(
        id
          ? `${sig}: stopping now; run ${id} is left unfinished (actors done so far are recorded). Finish it with: contactability scan --resume ${id} --db ${opts.db}`
          : `${sig}: stopping now; the run was starting and recorded nothing`,
      );
      cleanup();
      currentLock?.release();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    };
    const onSigint = () => onSignal('SIGINT');
    const onSigterm = () => onSignal('SIGTERM');

    async function tick(): Promise<void> {
      if (stopping) return;
      let lock: RunLock;
      try {
        lock = acquireRunLock(opts.db, opts.panelFile);
      } catch (err) {
        if (err instanceof LockHeldError) {
          log(`skipped: previous run still in progress (${err.message})`);
        } else {
          log(`skipped: cannot take the run lock: ${firstLine(err)}`);
        }
        if (opts.runOnce) finish(err);
        return;
      }
      currentLock = lock;
      const t0 = Date.now();
      log(`run starting (tick of ${new Date(t0).toISOString()}, panel ${opts.panelFile})`);
      const run = (async () => {
        try {
          const runId = await scanFn(
            { panelFile: opts.panelFile, fixtures: opts.fixtures, db: opts.db, concurrency: opts.concurrency, maxPages: opts.maxPages },
            {
              progress: (line) => log(line),
              onRunCreated: (id) => {
                currentRunId = id;
              },
            },
          );
          log(summaryLine(opts.db, runId, ((Date.now() - t0) / 1000).toFixed(1)));
        } catch (err) {
          outcome = err;
          log(`run ${currentRunId ?? ''}${currentRunId ? ' ' : ''}failed: ${firstLine(err)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        } finally {
          lock.release();
          currentLock = null;
          currentRunId = null;
        }
      })();
      current = run;
      await run;
      current = null;
      if (opts.runOnce) {
        finish(outcome);
        return;
      }
      outcome = undefined;
      if (!stopping) {
        const next = job.nextRun();
        if (next) log(`next run at ${next.toISOString()}`);
      }
    }

    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    io.signal?.addEventListener('abort', onAbort, { once: true });
    if (io.signal?.aborted) onAbort();
    const next = job.nextRun();
    log(`scheduled ${opts.panelFile} with "${opts.cron}": next run at ${next ? next.toISOString() : 'never'}`);
  });
}
