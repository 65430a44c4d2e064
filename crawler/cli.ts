/**
 * `npx contactability <command>` (CONTRACT §1). Thin shells over functions that tests call
 * directly. Exit codes: 0 done (a scan whose actors partly failed included), 2 bad input with one
 * line on stderr naming the file, the field and the problem, 1 anything unexpected.
 * Here: the commands with their options (the usage text) and main(); their bodies are in cli/
 * (scan-commands.ts, store-commands.ts).
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { BadInputError } from './run/panel.ts';
import { scanAction, scheduleAction, workerAction } from './cli/scan-commands.ts';
import { StoppedBySignal } from './cli/signals.ts';
import { diffAction, matrixAction, redetectAction, reportAction, runsAction } from './cli/store-commands.ts';

// Heavy modules (Playwright, exceljs, the detectors) are imported by the commands that need them,
// so `runs`, `matrix --format json` and bad-input errors answer fast.

const DEFAULT_DB = 'data/contactability.db';

function int(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
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
    .option('--concurrency <n>', 'actors scanned at once (default: three per core, one more at a time while the CPU and memory have headroom, up to four per core)', int('--concurrency'))
    .option('--max-pages <n>', 'page budget per actor (default 30)', int('--max-pages'))
    .option('--resume [runId]', 'finish an interrupted run (default: the latest unfinished one)')
    .option('--allow-private', 'allow panel URLs on loopback or private networks without --fixtures')
    .option('--user-agent <ua>', 'User-Agent header')
    .option('--actor-timeout <seconds>', 'deadline per actor, both passes (default 180)', int('--actor-timeout'))
    .option('--ignore-robots', 'do not obey robots.txt (recorded in the run)')
    .option('--page-delay <ms>', 'pause between two pages of the same site (politeness)', int('--page-delay'))
    .option('--fixtures-network <mode>', 'with --fixtures: quiet (default), realistic (latency, beacons, long-polls) or heavy (realistic, plus 700 ms of script, 3,000 elements and 80 images per page); recorded in the run')
    .option('--archive <dir>', 'also record every response into web archives (WACZ) under DIR/<run id>/<actor id>/')
    .option('--archive-max-mb <n>', 'archive cap per actor, MB (default 50); what does not fit is stored truncated', int('--archive-max-mb'))
    .option('--replay <dir>', 'answer every request from the archives of a <run id> folder written by --archive (offline)')
    .option('--nav-timeout <seconds>', 'deadline per page navigation (default 15)', int('--nav-timeout'))
    .option('--queue <url>', 'redis://HOST:PORT: scan through BullMQ workers (contactability worker), this process coordinates')
    .action(scanAction);

  program
    .command('worker')
    .description('a long-running distributed-scan worker: takes actor jobs from the queue (see docs/distributed.md)')
    .requiredOption('--queue <url>', 'redis://HOST:PORT of the coordinator\'s queue')
    .option('--concurrency <n>', 'actors scanned at once by this worker (default: autoscaled as for scan)', int('--concurrency'))
    .option('--fixtures <dir>', 'answer every request from this sites/ tree (offline runs)')
    .action(workerAction);

  program
    .command('matrix')
    .description('the benchmark matrix of a run or an edition (default: edition of the latest finished run)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--run <id>', 'run id')
    .option('--edition <label>', 'edition label')
    .option('--format <fmt>', 'json | csv | md | html | xlsx', 'json')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(matrixAction);

  program
    .command('diff')
    .description('what changed between two runs or editions')
    .requiredOption('--from <ref>', 'run id or edition label')
    .requiredOption('--to <ref>', 'run id or edition label')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--format <fmt>', 'json | md', 'json')
    .action(diffAction);

  program
    .command('runs')
    .description('list runs: id, edition, started, finished, actors ok / failed, archive folder (scan --archive)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .action(runsAction);

  program
    .command('report')
    .description('a self-contained HTML report (with screenshots) of a run or an edition')
    .requiredOption('--out <dir>', 'output directory')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--run <id>', 'run id')
    .option('--edition <label>', 'edition label')
    .action(reportAction);

  program
    .command('redetect')
    .description("recompute findings from a run's stored snapshots with today's detectors, as a new run of the same edition")
    .requiredOption('--run <id>', 'the run whose snapshots are judged again')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .action(redetectAction);

  program
    .command('schedule')
    .description('scan the panel at each tick of a cron expression (long-running; see docs/scheduling.md)')
    .requiredOption('--panel <file>', 'panel YAML file')
    .requiredOption('--cron <expr>', 'cron expression, e.g. "0 2 * * *"')
    .option('--fixtures <dir>', 'answer every request from this sites/ tree (offline)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--concurrency <n>', 'actors scanned at once (default: three per core, autoscaled as for scan)', int('--concurrency'))
    .option('--max-pages <n>', 'page budget per actor (default 30)', int('--max-pages'))
    .option('--timezone <tz>', 'IANA time zone of the cron expression (default: local time)')
    .option('--once', 'run at the next tick only, then exit with that run’s status')
    .action(scheduleAction);

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
