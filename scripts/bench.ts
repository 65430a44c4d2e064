/**
 * `npm run bench`: throughput and memory of a scan, offline, on a generated corpus
 * (scripts/gen-corpus.ts, 40 actors unless --actors N), on the quiet network and on the fixture
 * server's realistic network (latency per URL, analytics beacons, long-polls: issue 10), side by
 * side in one run. For each network, three measurements, one after the other:
 *   a. plain crawl: the baseline, a plain sequential crawl of the same sites (one browser, one tab,
 *      waitUntil "load", same-site links breadth-first from the home page within the same page
 *      budget as the scan, nothing else: no detectors, no consent, no waits);
 *   b. scan() with concurrency 1;
 *   c. scan() with DEFAULT_CONCURRENCY.
 * Each scan writes its own temporary database; its pages are the rows of the `pages` table (both
 * consent passes). Peak memory is sampled every 250 ms from /proc: the RSS of this Node process plus
 * every descendant (the Chromium browser, renderer, GPU and utility processes). Summed RSS counts
 * pages shared between Chromium processes several times, so the proportional set size (PSS, which
 * splits shared pages) is shown alongside.
 *
 * Prints a table, then as its last line:
 *   bench: actors=N pages=N seconds=S pagesPerSecond=P speedupVsSequential=X peakRssMB=M realisticOverQuiet=R vsPlainCrawl=V
 * for the default-concurrency scan on the quiet network, where speedupVsSequential =
 * seconds(concurrency 1) / seconds(default concurrency), realisticOverQuiet = seconds(default scan,
 * realistic) / seconds(default scan, quiet), and vsPlainCrawl = seconds(default scan, quiet) /
 * seconds(plain crawl, quiet). Not a test: nothing is asserted.
 *
 * Options: --actors N (default 40), --seed N (default 1), --keep (keep the temporary directory),
 * --skip-baseline, --skip-sequential (then the ratios they feed are printed as NaN),
 * --networks quiet,realistic (default both).
 * With --workers N, measures the distributed-scan overhead instead (scripts/bench-distributed.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { launchBrowser } from '../crawler/journey/browser.ts';
import { registrableDomain } from '../crawler/journey/links.ts';
import { DEFAULT_JOURNEY } from '../crawler/journey/journey.ts';
import { startFixtureServer } from '../crawler/serve/fixture-server.ts';
import { DEFAULT_CONCURRENCY, scan } from '../crawler/run/scan.ts';
import { generateCorpus, type GeneratedCorpus } from './gen-corpus.ts';

// ------------------------------------------------------------------------------ memory sampling

/** Direct children of each pid, from /proc/<pid>/stat (field 4 is the parent pid). */
function childrenMap(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return map;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    const list = map.get(ppid);
    if (list) list.push(Number(name));
    else map.set(ppid, [Number(name)]);
  }
  return map;
}

function descendants(root: number): number[] {
  const map = childrenMap();
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    for (const c of map.get(pid) ?? []) stack.push(c);
  }
  return out;
}

/** A "Key:   123 kB" line of a /proc file, in kB (0 when absent: zombie, exited, kernel thread). */
function procKb(file: string, key: string): number {
  try {
    const m = readFileSync(file, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

interface MemorySample {
  rssKb: number;
  pssKb: number;
  nodeRssKb: number;
  processes: number;
}

class MemorySampler {
  peak: MemorySample = { rssKb: 0, pssKb: 0, nodeRssKb: 0, processes: 0 };
  samples = 0;
  private timer: NodeJS.Timeout | null = null;
  private tick = 0;

  start(intervalMs = 250): void {
    this.peak = { rssKb: 0, pssKb: 0, nodeRssKb: 0, processes: 0 };
    this.samples = 0;
    this.tick = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): MemorySample {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peak;
  }

  private sample(): void {
    const pids = descendants(process.pid);
    let rss = 0;
    for (const pid of pids) rss += procKb(`/proc/${pid}/status`, 'VmRSS');
    const nodeRss = Math.round(process.memoryUsage().rss / 1024);
    this.samples++;
    if (rss > this.peak.rssKb) this.peak.rssKb = rss;
    if (nodeRss > this.peak.nodeRssKb) this.peak.nodeRssKb = nodeRss;
    if (pids.length > this.peak.processes) this.peak.processes = pids.length;
    // PSS walks the page tables: every 4th sample (1 s) is enough and keeps the sampler cheap.
    if (this.tick++ % 4 === 0) {
      let pss = 0;
      for (const pid of pids) pss += procKb(`/proc/${pid}/smaps_rollup`, 'Pss');
      if (pss > this.peak.pssKb) this.peak.pssKb = pss;
    }
  }
}

// ------------------------------------------------------------------------------------ the runs

type Network = 'quiet' | 'realistic';

interface Result {
  network: Network;
  label: string;
  concurrency: number | null;
  actors: number;
  pages: number;
  failedPages: number;
  seconds: number;
  memory: MemorySample;
  statuses?: string;
}

/** Same site as the home page: the registrable domain (subdomains of the site included). */
function sameSite(url: string, home: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && registrableDomain(u.href) === registrableDomain(home);
  } catch {
    return false;
  }
}

/**
 * (a) The baseline: what a plain crawler does with the same sites. One tab; each actor's site
 * breadth-first from its home page, same-site links only, within the scan's page budget
 * (maxPages); waitUntil "load"; nothing else.
 */
async function baseline(corpus: GeneratedCorpus, network: Network, sampler: MemorySampler): Promise<Result> {
  const server = await startFixtureServer(corpus.sitesDir, { network });
  let pages = 0;
  let failed = 0;
  sampler.start();
  const t0 = performance.now();
  const browser = await launchBrowser({ fixtures: server });
  try {
    const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    for (const a of corpus.actors) {
      const norm = (u: string) => u.replace(/#.*$/, '');
      const queue = [norm(a.url)];
      const seen = new Set(queue);
      let budget = DEFAULT_JOURNEY.maxPages;
      while (queue.length && budget-- > 0) {
        const url = queue.shift()!;
        try {
          const res = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
          if (res && res.status() < 400) pages++;
          else failed++;
          const hrefs = (await page.$$eval('a[href]', (as) => as.map((x) => (x as HTMLAnchorElement).href))) as string[];
          for (const h of hrefs.map(norm)) {
            if (!seen.has(h) && sameSite(h, a.url)) {
              seen.add(h);
              queue.push(h);
            }
          }
        } catch {
          failed++;
        }
      }
    }
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { network, label: 'a. plain crawl (1 tab, load, BFS)', concurrency: null, actors: corpus.actors.length, pages, failedPages: failed, seconds, memory: sampler.stop() };
}

async function scanRun(corpus: GeneratedCorpus, dir: string, network: Network, concurrency: number, sampler: MemorySampler): Promise<Result> {
  const db = join(dir, `scan-${network}-c${concurrency}.db`);
  sampler.start();
  const t0 = performance.now();
  await scan({ panelFile: corpus.panelFile, fixtures: corpus.sitesDir, db, concurrency, fixturesNetwork: network }, { progress: () => {} });
  const seconds = (performance.now() - t0) / 1000;
  const memory = sampler.stop();
  const d = new Database(db, { readonly: true });
  try {
    const pages = (d.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n;
    const failedPages = (d.prepare('SELECT COUNT(*) AS n FROM pages WHERE error IS NOT NULL').get() as { n: number }).n;
    const st = d.prepare('SELECT status, COUNT(*) AS n FROM actor_results GROUP BY status ORDER BY status').all() as { status: string; n: number }[];
    return {
      network,
      label: `${concurrency === DEFAULT_CONCURRENCY ? 'c' : 'b'}. scan(), concurrency ${concurrency}${concurrency === DEFAULT_CONCURRENCY ? ' (default)' : ''}`,
      concurrency,
      actors: corpus.actors.length,
      pages,
      failedPages,
      seconds,
      memory,
      statuses: st.map((s) => `${s.n} ${s.status}`).join(', '),
    };
  } finally {
    d.close();
  }
}

// ------------------------------------------------------------------------------------- output

const mb = (kb: number) => Math.round(kb / 1024);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'NaN');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'NaN');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const actors = Number(arg('--actors') ?? 40);
  const seed = Number(arg('--seed') ?? 1);
  if (!Number.isInteger(actors) || actors < 1) throw new Error(`--actors: must be a whole number ≥ 1 (got ${arg('--actors')})`);
  const keep = process.argv.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'contactability-bench-'));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const sampler = new MemorySampler();
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
    for (const n of networks) if (n !== 'quiet' && n !== 'realistic') throw new Error(`--networks: quiet and/or realistic (got ${n})`);
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
      log(`bench: [${network}] c. scan() with concurrency ${DEFAULT_CONCURRENCY} (default)…`);
      const def = await scanRun(corpus, dir, network, DEFAULT_CONCURRENCY, sampler);
      results.push(def);
      report(def);
      byNet.set(network, { base, sequential, def });
    }
    const rows = [
      ['network', 'run', 'actors', 'pages', 'failed pages', 'seconds', 'pages/s', 's/actor', 'time ÷ plain crawl', 'speedup vs conc. 1', 'peak RSS MB (Node+Chromium)', 'peak PSS MB', 'peak Node RSS MB', 'processes', 'actor statuses'],
      ...results.map((r) => {
        const { base, sequential } = byNet.get(r.network)!;
        return [
          r.network,
          r.label,
          String(r.actors),
          String(r.pages),
          String(r.failedPages),
          f1(r.seconds),
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
    process.stdout.write(
      `bench: actors=${def.actors} pages=${def.pages} seconds=${f1(def.seconds)} pagesPerSecond=${f2(def.pages / def.seconds)} speedupVsSequential=${f2(speedup)} peakRssMB=${mb(def.memory.rssKb)} realisticOverQuiet=${f2(realisticOverQuiet)} vsPlainCrawl=${f2(vsPlainCrawl)}\n`,
    );
  } finally {
    if (keep) log(`bench: kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run bench -- --workers N`: the distributed-scan overhead instead (scripts/bench-distributed.ts).
if (process.argv.includes('--workers')) await (await import('./bench-distributed.ts')).benchDistributed();
else await main();
