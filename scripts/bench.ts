/**
 * `npm run bench`: throughput and memory of a scan, offline, on a generated corpus
 * (scripts/gen-corpus.ts, 40 actors unless --actors N), on the quiet network and on the fixture
 * server's realistic network (latency per URL, analytics beacons, long-polls: issue 10), side by
 * side in one run. For each network, three measurements, one after the other:
 *   a. plain crawl: the baseline, a plain sequential crawl of the same sites (one browser, one tab,
 *      waitUntil "load", same-site links breadth-first from the home page within the same page
 *      budget as the scan, nothing else: no detectors, no consent, no waits);
 *   b. scan() with concurrency 1;
 *   c. scan() with the default concurrency, as a user runs it (no --concurrency: DEFAULT_CONCURRENCY,
 *      autoscaled while the CPU has headroom, crawler/run/autoscale.ts);
 *   d. (quiet network only) the same scan with --archive (CONTRACT §9): the
 *      archive's time overhead against (c) and its size per actor.
 * Each scan writes its own temporary database; its pages are the rows of the `pages` table (both
 * consent passes). Peak memory is sampled every 250 ms from /proc: the RSS of this Node process plus
 * every descendant (the Chromium browser, renderer, GPU and utility processes). Summed RSS counts
 * pages shared between Chromium processes several times, so the proportional set size (PSS, which
 * splits shared pages) is shown alongside.
 *
 * Each run also counts the CPU time its process tree used (scripts/bench/process-tree.ts), and
 * the `cpu:` line compares the quiet network's plain crawl and default scan: plainCrawl and scan
 * (CPU seconds), scanOverPlainCrawl, scanFloorSeconds (the scan's CPU over the machine's cores: no
 * concurrency finishes it sooner), plainCrawlCoresBusy (the plain crawl's CPU over its time),
 * pagesOverPlainCrawl (pages the scan read, both passes, over the plain crawl's) and
 * perPageOverPlainCrawl (CPU per page, scan over plain crawl: the work the scan does on a page).
 *
 * The generated sites have 30–82 pages each, at least the 30-page budget, as real sites do: the
 * plain crawl spends its budget breadth-first (the mega-menu's entries first), the scan its own on
 * the pages most likely to show a channel (crawler/journey/links.ts).
 * Then, on the quiet network, the same actors on the small sites of the corpus used until 2026-12-01
 * (6–10 pages a site: both crawls visit every page, so the page choice saves nothing and the two
 * compare page for page): the `smallSites:` line (--skip-small leaves it out). Then the demo
 * corpus (fixtures/demo), default scan on the quiet and on the realistic network: the `demo:` line,
 * its time ratio (issue 10: at most 1.5×) and each scan's score against the demo's expected.json
 * (presence, attributes) and its actors' statuses (--skip-demo leaves it out).
 * Prints a table, the cpu and archive lines (below), then as its last line:
 *   bench: actors=N pages=N seconds=S pagesPerSecond=P speedupVsSequential=X peakRssMB=M realisticOverQuiet=R vsPlainCrawl=V peakPssMB=M
 * for the default-concurrency scan on the quiet network, where speedupVsSequential =
 * seconds(concurrency 1) / seconds(default concurrency), realisticOverQuiet = seconds(default scan,
 * realistic) / seconds(default scan, quiet), and vsPlainCrawl = seconds(default scan, quiet) /
 * seconds(plain crawl, quiet). The line before it, `archive: overTime=R mbPerActor=M`, is (d):
 * seconds(d) / seconds(c) and the archives' size on disk per actor. Not a test: nothing is asserted.
 *
 * Options: --actors N (default 40), --seed N (default 1), --keep (keep the temporary directory),
 * --skip-baseline, --skip-sequential, --skip-archive, --skip-small, --skip-demo (then the ratios they feed are printed as NaN),
 * --networks quiet,realistic (default both; `heavy` adds the weight of real pages: 700 ms of script,
 * 3,000 elements and 80 images per page, crawler/serve/fixture-server.ts).
 * With --workers N, measures the distributed-scan overhead instead (scripts/bench-distributed.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { MACHINE } from '../crawler/run/machine.ts';
import { DEFAULT_CONCURRENCY } from '../crawler/run/scan.ts';
import { arg, f1, f2, mb, table } from './bench/format.ts';
import { ProcessTreeSampler } from './bench/process-tree.ts';
import { accuracy, baseline, demoCorpus, scanRun, type Network, type Result } from './bench/runs.ts';
import { generateCorpus } from './gen-corpus.ts';

/** Bytes of every file under `dir`. */
function du(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
  return n;
}

async function main(): Promise<void> {
  const actors = Number(arg('--actors') ?? 40);
  const seed = Number(arg('--seed') ?? 1);
  if (!Number.isInteger(actors) || actors < 1) throw new Error(`--actors: must be a whole number ≥ 1 (got ${arg('--actors')})`);
  const keep = process.argv.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'contactability-bench-'));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const sampler = new ProcessTreeSampler();
  const report = (r: Result) =>
    log(`bench:   ${r.label}: ${r.pages} pages in ${f1(r.seconds)} s (${f2(r.pages / r.seconds)} pages/s), peak RSS ${mb(r.memory.rssKb)} MB, load average ${loadavg().map(f2).join(' ')}`);
  const load0 = loadavg();
  // Playwright answers SIGTERM by closing the browser without exiting (and scan() would relaunch
  // it): stop for real, and leave no temporary directory behind.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`bench: ${sig}, stopping`);
      if (!keep) rmSync(dir, { recursive: true, force: true });
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  try {
    const corpus = generateCorpus(join(dir, 'corpus'), actors, seed);
    log(`bench: corpus of ${corpus.actors.length} actors, ${corpus.pageCount} pages (seed ${seed}) in ${corpus.dir}`);
    log(`bench: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), ${mb(totalmem() / 1024)} MB RAM, load average ${load0.map(f2).join(' ')}, DEFAULT_CONCURRENCY=${DEFAULT_CONCURRENCY}`);
    const networks = (arg('--networks') ?? 'quiet,realistic').split(',').filter(Boolean) as Network[];
    for (const n of networks) if (n !== 'quiet' && n !== 'realistic' && n !== 'heavy') throw new Error(`--networks: quiet, realistic and/or heavy (got ${n})`);
    const results: Result[] = [];
    const byNet = new Map<Network, { base: Result | null; sequential: Result | null; def: Result }>();
    for (const network of networks) {
      let base: Result | null = null;
      if (!process.argv.includes('--skip-baseline')) {
        log(`bench: [${network}] a. plain crawl (one tab, load, breadth-first)…`);
        base = await baseline(corpus, network, sampler);
        results.push(base);
        report(base);
      }
      let sequential: Result | null = null;
      if (!process.argv.includes('--skip-sequential') && DEFAULT_CONCURRENCY !== 1) {
        log(`bench: [${network}] b. scan() with concurrency 1…`);
        sequential = await scanRun(corpus, dir, network, 1, sampler);
        results.push(sequential);
        report(sequential);
      }
      log(`bench: [${network}] c. scan() with the default concurrency (${DEFAULT_CONCURRENCY}, autoscaled)…`);
      const def = await scanRun(corpus, dir, network, 'default', sampler);
      results.push(def);
      report(def);
      byNet.set(network, { base, sequential, def });
    }
    let archived: { run: Result; bytes: number } | null = null;
    if (!process.argv.includes('--skip-archive') && byNet.has('quiet')) {
      log(`bench: [quiet] d. scan() with the default concurrency and --archive…`);
      const root = join(dir, 'archives');
      const run = await scanRun(corpus, dir, 'quiet', 'default', sampler, root);
      archived = { run, bytes: du(root) };
      results.push(run);
      report(run);
    }
    // The same actors on small sites (every page visited by both crawls): the per-page comparison.
    let small: { base: Result; def: Result } | null = null;
    if (!process.argv.includes('--skip-small') && !process.argv.includes('--skip-baseline') && byNet.has('quiet')) {
      const smallCorpus = generateCorpus(join(dir, 'small'), actors, seed, { smallSites: true });
      log(`bench: [quiet, small sites: ${smallCorpus.pageCount} pages] a. plain crawl, then c. scan() with the default concurrency…`);
      const base = await baseline(smallCorpus, 'quiet', sampler);
      report(base);
      const def = await scanRun(smallCorpus, join(dir, 'small'), 'quiet', 'default', sampler);
      report(def);
      small = { base, def };
    }
    // The demo corpus, quiet then realistic network: issue 10's "at most 1.5× the quiet scan's time".
    let demo: { quiet: Result; realistic: Result; quietScore: string; realisticScore: string } | null = null;
    if (!process.argv.includes('--skip-demo')) {
      const d = demoCorpus();
      const demoDir = join(dir, 'demo');
      mkdirSync(demoDir);
      const run = async (network: Network) => {
        log(`bench: [${network}, demo corpus] c. scan() with the default concurrency…`);
        const r = await scanRun(d, demoDir, network, 'default', sampler);
        report(r);
        return r;
      };
      const quiet = await run('quiet');
      const realistic = await run('realistic');
      demo = { quiet, realistic, quietScore: accuracy(quiet.db!, d.expectedFile), realisticScore: accuracy(realistic.db!, d.expectedFile) };
    }
    const rows = [
      ['network', 'run', 'actors', 'pages', 'failed pages', 'seconds', 'CPU s', 'CPU ms/page', 'pages/s', 's/actor', 'time ÷ plain crawl', 'speedup vs conc. 1', 'peak RSS MB (Node+Chromium)', 'peak PSS MB', 'peak Node RSS MB', 'processes', 'actor statuses'],
      ...results.map((r) => {
        const { base, sequential } = byNet.get(r.network)!;
        return [
          r.network,
          r.label,
          String(r.actors),
          String(r.pages),
          String(r.failedPages),
          f1(r.seconds),
          f1(r.memory.cpuSeconds),
          String(Math.round((r.memory.cpuSeconds * 1000) / Math.max(1, r.pages))),
          f2(r.pages / r.seconds),
          f2(r.seconds / r.actors),
          base ? f2(r.seconds / base.seconds) : '—',
          r.concurrency !== null && sequential ? f2(sequential.seconds / r.seconds) : '—',
          String(mb(r.memory.rssKb)),
          String(mb(r.memory.pssKb)),
          String(mb(r.memory.nodeRssKb)),
          String(r.memory.processes),
          r.statuses ?? '—',
        ];
      }),
    ];
    const load1 = loadavg();
    process.stdout.write(`${table(rows)}\n`);
    process.stdout.write(
      `machine: ${cpus().length} CPU(s), ${cpus()[0]?.model ?? '?'}, ${mb(totalmem() / 1024)} MB RAM; load average at start ${load0.map(f2).join(' ')}, at end ${load1.map(f2).join(' ')}\n`,
    );
    const main = byNet.get('quiet') ?? byNet.get(networks[0])!;
    const def = main.def;
    const speedup = main.sequential ? main.sequential.seconds / def.seconds : NaN;
    const quiet = byNet.get('quiet');
    const realistic = byNet.get('realistic');
    const realisticOverQuiet = quiet && realistic ? realistic.def.seconds / quiet.def.seconds : NaN;
    const vsPlainCrawl = quiet?.base ? quiet.def.seconds / quiet.base.seconds : NaN;
    // What bounds the quiet network's times on this machine: the CPU the tree used, over its cores.
    if (quiet?.base) {
      const cores = MACHINE.cores;
      process.stdout.write(
        `cpu: plainCrawl=${f1(quiet.base.memory.cpuSeconds)} scan=${f1(quiet.def.memory.cpuSeconds)} scanOverPlainCrawl=${f2(quiet.def.memory.cpuSeconds / quiet.base.memory.cpuSeconds)} scanFloorSeconds=${f1(quiet.def.memory.cpuSeconds / cores)} plainCrawlCoresBusy=${f2(quiet.base.memory.cpuSeconds / quiet.base.seconds)} pagesOverPlainCrawl=${f2(quiet.def.pages / quiet.base.pages)} perPageOverPlainCrawl=${f2(quiet.def.memory.cpuSeconds / quiet.def.pages / (quiet.base.memory.cpuSeconds / quiet.base.pages))}\n`,
      );
    }
    if (small) {
      const { base, def: sd } = small;
      process.stdout.write(
        `smallSites: pages=${sd.pages} plainCrawlPages=${base.pages} seconds=${f1(sd.seconds)} plainCrawlSeconds=${f1(base.seconds)} vsPlainCrawl=${f2(sd.seconds / base.seconds)} perPageOverPlainCrawl=${f2(sd.memory.cpuSeconds / sd.pages / (base.memory.cpuSeconds / base.pages))} statuses=${(sd.statuses ?? '').replace(/ /g, '')}\n`,
      );
    }
    if (demo) {
      const { quiet: q, realistic: r } = demo;
      process.stdout.write(
        `demo: actors=${q.actors} quietSeconds=${f1(q.seconds)} realisticSeconds=${f1(r.seconds)} realisticOverQuiet=${f2(r.seconds / q.seconds)} quietScore=${demo.quietScore} realisticScore=${demo.realisticScore} quietStatuses=${(q.statuses ?? '').replace(/ /g, '')} realisticStatuses=${(r.statuses ?? '').replace(/ /g, '')} peakPssMB=${mb(Math.max(q.memory.pssKb, r.memory.pssKb))}\n`,
      );
    }
    process.stdout.write(
      `archive: overTime=${f2(archived && quiet ? archived.run.seconds / quiet.def.seconds : NaN)} mbPerActor=${f2(archived ? archived.bytes / 1024 / 1024 / archived.run.actors : NaN)}\n`,
    );
    process.stdout.write(
      `bench: actors=${def.actors} pages=${def.pages} seconds=${f1(def.seconds)} pagesPerSecond=${f2(def.pages / def.seconds)} speedupVsSequential=${f2(speedup)} peakRssMB=${mb(def.memory.rssKb)} realisticOverQuiet=${f2(realisticOverQuiet)} vsPlainCrawl=${f2(vsPlainCrawl)} peakPssMB=${mb(def.memory.pssKb)}\n`,
    );
  } finally {
    if (keep) log(`bench: kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run bench -- --workers N`: the distributed-scan overhead instead (scripts/bench-distributed.ts).
if (process.argv.includes('--workers')) await (await import('./bench-distributed.ts')).benchDistributed();
else await main();
