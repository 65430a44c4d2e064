/**
 * `npx contactability <command>` (CONTRACT §1). Thin shells over functions that tests call
 * directly. Exit codes: 0 done (a scan whose actors partly failed included), 2 bad input with one
 * line on stderr naming the file, the field and the problem, 1 anything unexpected.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { diffMatrices } from './report/diff.ts';
import { buildMatrix, matrixOfRef } from './report/matrix.ts';
import { BadInputError } from './run/panel.ts';
import { Store } from './store/store.ts';

// Heavy modules (Playwright, exceljs, the detectors) are imported by the commands that need them,
// so `runs`, `matrix --format json` and bad-input errors answer fast.

const DEFAULT_DB = 'data/contactability.db';

/** Exit codes of a process stopped by a signal: 128 + the signal's number, as shells report them. */
const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
/** A stopped scan that has not exited after this long (a wedged browser) exits anyway. */
const STOP_DEADLINE_MS = 5_000;

/** The CLI stopped on a signal: main() prints `message` (one line) and returns `exitCode`. */
class StoppedBySignal extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * SIGINT/SIGTERM abort the returned signal (a second one exits at once); remove() takes the
 * handlers off. `signalName()` tells which signal came.
 */
function stopOnSignals(): { signal: AbortSignal; force: AbortSignal; signalName: () => 'SIGINT' | 'SIGTERM' | null; remove: () => void } {
  const ctl = new AbortController();
  const force = new AbortController();
  let name: 'SIGINT' | 'SIGTERM' | null = null;
  const on = (sig: 'SIGINT' | 'SIGTERM') => {
    if (name) {
      force.abort(sig);
      return;
    }
    name = sig;
    ctl.abort(sig);
  };
  const onInt = () => on('SIGINT');
  const onTerm = () => on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: ctl.signal,
    force: force.signal,
    signalName: () => name,
    remove: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

function int(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}

function openExisting(db: string): Store {
  if (!existsSync(db)) throw new BadInputError(`${db}: database not found (run a scan first)`);
  return new Store(db);
}

function output(out: string | undefined, data: string | Buffer): void {
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, data);
  } else {
    process.stdout.write(data);
    if (typeof data === 'string' && !data.endsWith('\n')) process.stdout.write('\n');
  }
}

/**
 * Progress on stderr: plain lines, and on a terminal a bar kept on the last line
 * (actors done / failed / running, pages).
 */
const tty = !!process.stderr.isTTY;
let bar = '';
const progress = (line: string) => process.stderr.write(tty && bar ? `\r\x1b[2K${line}\n${bar}` : `${line}\n`);
function showStatus(s: { total: number; done: number; failed: number; running: number; pages: number }): void {
  if (!tty) return;
  const width = 24;
  const filled = s.total ? Math.round((width * s.done) / s.total) : 0;
  bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${s.done}/${s.total} actors, ${s.failed} failed, ${s.running} running, ${s.pages} pages`;
  process.stderr.write(`\r\x1b[2K${bar}`);
  if (s.done === s.total && s.running === 0) {
    process.stderr.write('\n');
    bar = '';
  }
}

export function buildCli(): Command {
  const program = new Command('contactability')
    .description('Measures how reachable a company is from its website, across a panel of actors.')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('scan')
    .description('scan the panel (or the named actors) into SQLite; prints the run id last')
    .option('--panel <file>', 'panel YAML file')
    .option('--fixtures <dir>', 'answer every request from this sites/ tree (offline)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--actor <id>', 'only this actor (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--edition <label>', 'edition label (default: the panel edition, else the year)')
    .option('--concurrency <n>', 'actors scanned at once', int('--concurrency'))
    .option('--max-pages <n>', 'page budget per actor (default 30)', int('--max-pages'))
    .option('--resume [runId]', 'finish an interrupted run (default: the latest unfinished one)')
    .option('--allow-private', 'allow panel URLs on loopback or private networks without --fixtures')
    .option('--user-agent <ua>', 'User-Agent header')
    .option('--actor-timeout <seconds>', 'deadline per actor, both passes (default 180)', int('--actor-timeout'))
    .option('--ignore-robots', 'do not obey robots.txt (recorded in the run)')
    .option('--page-delay <ms>', 'pause between two pages of the same site (politeness)', int('--page-delay'))
    .option('--fixtures-network <mode>', 'with --fixtures: quiet (default) or realistic (latency, beacons, long-polls; recorded in the run)')
    .option('--archive <dir>', 'also record every response into web archives (WACZ) under DIR/<run id>/<actor id>/')
    .option('--archive-max-mb <n>', 'archive cap per actor, MB (default 50); what does not fit is stored truncated', int('--archive-max-mb'))
    .option('--replay <dir>', 'answer every request from the archives of a <run id> folder written by --archive (offline)')
    .option('--nav-timeout <seconds>', 'deadline per page navigation (default 15)', int('--nav-timeout'))
    .option('--queue <url>', 'redis://HOST:PORT: scan through BullMQ workers (contactability worker), this process coordinates')
    .action(async (o) => {
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
    });

  async function scanCommand(o: Record<string, any>, signal: AbortSignal, onRunCreated: (id: string) => void): Promise<void> {
      const { resume, scan } = await import('./run/scan.ts');
      const { acquireRunLock } = await import('./run/lock.ts');
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

  program
    .command('worker')
    .description('a long-running distributed-scan worker: takes actor jobs from the queue (see docs/distributed.md)')
    .requiredOption('--queue <url>', 'redis://HOST:PORT of the coordinator\'s queue')
    .option('--concurrency <n>', 'actors scanned at once by this worker', int('--concurrency'))
    .option('--fixtures <dir>', 'answer every request from this sites/ tree (offline runs)')
    .action(async (o) => {
      const { runWorker } = await import('./run/worker.ts');
      const stop = stopOnSignals();
      try {
        await runWorker({ queue: o.queue, concurrency: o.concurrency, fixtures: o.fixtures }, { signal: stop.signal, forceSignal: stop.force });
      } finally {
        stop.remove();
      }
    });

  program
    .command('matrix')
    .description('the benchmark matrix of a run or an edition (default: edition of the latest finished run)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--run <id>', 'run id')
    .option('--edition <label>', 'edition label')
    .option('--format <fmt>', 'json | csv | md | html | xlsx', 'json')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (o) => {
      if (o.run && o.edition) throw new BadInputError('matrix: give --run or --edition, not both');
      const store = openExisting(o.db);
      try {
        const m = buildMatrix(store, { run: o.run, edition: o.edition });
        const { matrixToCsv, matrixToHtml, matrixToMarkdown, matrixToXlsx } = await import('./report/index.ts');
        switch (o.format) {
          case 'json':
            return output(o.out, `${JSON.stringify(m, null, 2)}\n`);
          case 'csv':
            return output(o.out, matrixToCsv(m));
          case 'md':
            return output(o.out, matrixToMarkdown(m));
          case 'html':
            return output(o.out, matrixToHtml(m));
          case 'xlsx':
            if (!o.out) throw new BadInputError('matrix --format xlsx: --out FILE is required');
            return output(o.out, await matrixToXlsx(m));
          default:
            throw new BadInputError(`matrix: --format ${o.format}: must be json, csv, md, html or xlsx`);
        }
      } finally {
        store.close();
      }
    });

  program
    .command('diff')
    .description('what changed between two runs or editions')
    .requiredOption('--from <ref>', 'run id or edition label')
    .requiredOption('--to <ref>', 'run id or edition label')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--format <fmt>', 'json | md', 'json')
    .action(async (o) => {
      const { diffToMarkdown } = await import('./report/index.ts');
      if (o.format !== 'json' && o.format !== 'md') throw new BadInputError(`diff: --format ${o.format}: must be json or md`);
      const store = openExisting(o.db);
      try {
        const from = matrixOfRef(store, o.from, '--from');
        const to = matrixOfRef(store, o.to, '--to');
        const d = diffMatrices(from, to);
        if (o.format === 'json') output(undefined, `${JSON.stringify(d, null, 2)}\n`);
        else {
          const names = Object.fromEntries([...from.actors, ...to.actors].map((a) => [a.id, a.name]));
          output(undefined, diffToMarkdown(d, names));
        }
      } finally {
        store.close();
      }
    });

  program
    .command('runs')
    .description('list runs: id, edition, started, finished, actors ok / failed, archive folder (scan --archive)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .action((o) => {
      const store = openExisting(o.db);
      try {
        const rows = store.listRuns();
        const lines = ['id\tedition\tkind\tstarted\tfinished\tok\tpartial\tfailed\tarchive'];
        for (const r of rows) lines.push([r.id, r.edition, r.kind, r.started_at, r.finished_at ?? '-', r.ok, r.partial, r.failed, r.archive_dir ?? '-'].join('\t'));
        output(undefined, `${lines.join('\n')}\n`);
      } finally {
        store.close();
      }
    });

  program
    .command('report')
    .description('a self-contained HTML report (with screenshots) of a run or an edition')
    .requiredOption('--out <dir>', 'output directory')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--run <id>', 'run id')
    .option('--edition <label>', 'edition label')
    .action(async (o) => {
      const { writeReport } = await import('./report/report-files.ts');
      const store = openExisting(o.db);
      try {
        const file = writeReport(store, { run: o.run, edition: o.edition }, o.out);
        process.stdout.write(`${file}\n`);
      } finally {
        store.close();
      }
    });

  program
    .command('redetect')
    .description("recompute findings from a run's stored snapshots with today's detectors, as a new run of the same edition")
    .requiredOption('--run <id>', 'the run whose snapshots are judged again')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .action(async (o) => {
      const { redetect } = await import('./run/redetect.ts');
      const store = openExisting(o.db);
      try {
        process.stdout.write(`${redetect(store, o.run, { progress })}\n`);
      } finally {
        store.close();
      }
    });

  program
    .command('schedule')
    .description('scan the panel at each tick of a cron expression (long-running; see docs/scheduling.md)')
    .requiredOption('--panel <file>', 'panel YAML file')
    .requiredOption('--cron <expr>', 'cron expression, e.g. "0 2 * * *"')
    .option('--fixtures <dir>', 'answer every request from this sites/ tree (offline)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--concurrency <n>', 'actors scanned at once', int('--concurrency'))
    .option('--max-pages <n>', 'page budget per actor (default 30)', int('--max-pages'))
    .option('--timezone <tz>', 'IANA time zone of the cron expression (default: local time)')
    .option('--once', 'run at the next tick only, then exit with that run’s status')
    .action(async (o) => {
      const { schedule, nextRuns } = await import('./run/schedule.ts');
      const next = nextRuns(o.cron, 1, o.timezone)[0];
      if (next) progress(`next run at ${next.toISOString()}`);
      await schedule(
        { panelFile: o.panel, cron: o.cron, db: o.db, fixtures: o.fixtures, concurrency: o.concurrency, maxPages: o.maxPages, timezone: o.timezone, runOnce: !!o.once },
        { progress },
      );
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      return 2; // commander already printed one line
    }
    if (err instanceof StoppedBySignal) {
      process.stderr.write(`contactability: ${err.message}\n`);
      // Playwright or a socket may still hold the event loop: do not wait for them.
      setTimeout(() => process.exit(err.exitCode), 100).unref();
      return err.exitCode;
    }
    if (err instanceof BadInputError) {
      process.stderr.write(`contactability: ${err.message}\n`);
      return 2;
    }
    if (['ChromiumMissingError', 'LockHeldError', 'VersionMismatchError'].includes((err as Error)?.constructor?.name)) {
      process.stderr.write(`contactability: ${(err as Error).message}\n`);
      return 1;
    }
    process.stderr.write(`contactability: unexpected error: ${(err as Error)?.stack ?? err}\n`);
    return 1;
  }
}
