/**
 * The bench's measured runs: (a) the plain-crawl baseline, (b/c) scan() at a given concurrency,
 * (d) the same scan with --archive. Each returns pages, failures, seconds and peak memory. Also the
 * demo corpus as a scan corpus, and a scan's accuracy against a corpus's ground truth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { launchBrowser } from '../../crawler/journey/browser.ts';
import { registrableDomain } from '../../crawler/journey/links.ts';
import { DEFAULT_JOURNEY } from '../../crawler/journey/journey.ts';
import { startFixtureServer } from '../../crawler/serve/fixture-server.ts';
import { MAX_CONCURRENCY } from '../../crawler/run/autoscale.ts';
import { loadPanel } from '../../crawler/run/panel.ts';
import { DEFAULT_CONCURRENCY, scan } from '../../crawler/run/scan.ts';
import { evaluateMatrix } from '../../crawler/report/evaluate.ts';
import { buildMatrix } from '../../crawler/report/matrix.ts';
import { Store } from '../../crawler/store/store.ts';
import type { GeneratedCorpus } from '../gen-corpus.ts';
import type { ProcessTreeSampler, TreeSample } from './process-tree.ts';

export type Network = 'quiet' | 'realistic' | 'heavy';

export interface Result {
  network: Network;
  label: string;
  concurrency: number | null;
  actors: number;
  pages: number;
  failedPages: number;
  seconds: number;
  memory: TreeSample;
  statuses?: string;
  /** the scan's database */
  db?: string;
}

/** What a scan run needs of a corpus: the generated one, or a fixture corpus such as the demo. */
export type ScanCorpus = Pick<GeneratedCorpus, 'panelFile' | 'sitesDir'> & { actors: readonly unknown[] };

/** The demo corpus (fixtures/demo of this checkout, wherever the bench is run from), for the demo's realistic-over-quiet time (issue 10). */
export function demoCorpus(): ScanCorpus & { expectedFile: string } {
  const dir = fileURLToPath(new URL('../../fixtures/demo', import.meta.url));
  const panelFile = join(dir, 'panel.yaml');
  return { panelFile, sitesDir: join(dir, 'sites'), actors: loadPanel(panelFile).actors, expectedFile: join(dir, 'expected.json') };
}

/** A scan's matrix scored against a corpus's ground truth: "presence 110/110 attributes 386/386". */
export function accuracy(db: string, expectedFile: string): string {
  const store = new Store(db);
  try {
    const ev = evaluateMatrix(buildMatrix(store, {}), JSON.parse(readFileSync(expectedFile, 'utf8')));
    return `${ev.presence.correct}/${ev.presence.total},${ev.attributes.correct}/${ev.attributes.total}`;
  } finally {
    store.close();
  }
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
export async function baseline(corpus: GeneratedCorpus, network: Network, sampler: ProcessTreeSampler): Promise<Result> {
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

/**
 * A scan of the corpus into its own database; with `archive`, web archives under that directory
 * too. 'default': no concurrency given, as a user runs it (DEFAULT_CONCURRENCY, autoscaled).
 */
export async function scanRun(corpus: ScanCorpus, dir: string, network: Network, concurrency: number | 'default', sampler: ProcessTreeSampler, archive?: string): Promise<Result> {
  const db = join(dir, `scan-${network}-c${concurrency}${archive ? '-archive' : ''}.db`);
  let peak = 0;
  sampler.start();
  const t0 = performance.now();
  await scan(
    { panelFile: corpus.panelFile, fixtures: corpus.sitesDir, db, concurrency: concurrency === 'default' ? undefined : concurrency, fixturesNetwork: network, archive },
    { progress: () => {}, onStatus: (st) => (peak = Math.max(peak, st.running)) },
  );
  const seconds = (performance.now() - t0) / 1000;
  const memory = sampler.stop();
  const d = new Database(db, { readonly: true });
  try {
    const pages = (d.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n;
    const failedPages = (d.prepare('SELECT COUNT(*) AS n FROM pages WHERE error IS NOT NULL').get() as { n: number }).n;
    const st = d.prepare('SELECT status, COUNT(*) AS n FROM actor_results GROUP BY status ORDER BY status').all() as { status: string; n: number }[];
    return {
      network,
      label:
        (archive ? 'd. scan() --archive, ' : concurrency === 'default' ? 'c. scan(), ' : 'b. scan(), ') +
        (concurrency === 'default' ? `default concurrency (${DEFAULT_CONCURRENCY}, autoscaled up to ${MAX_CONCURRENCY}; peak ${peak} at once)` : `concurrency ${concurrency}`),
      concurrency: concurrency === 'default' ? DEFAULT_CONCURRENCY : concurrency,
      actors: corpus.actors.length,
      pages,
      failedPages,
      seconds,
      memory,
      statuses: st.map((s) => `${s.n} ${s.status}`).join(', '),
      db,
    };
  } finally {
    d.close();
  }
}
