/**
 * One consent pass: a fresh browser context, the consent step on the home page, then a prioritised
 * crawl within the page budget (the refuse pass), or only the pages chosen for a second look (the
 * accept pass). The queue gives the most promising page first (best link score, fewer clicks at
 * equal score), so when the budget or the deadline runs out, the least useful pages are the ones
 * lost. Buttons that navigate by script are clicked to learn where they lead.
 */
import type { Browser, BrowserContext, Page } from 'playwright';
import type { ConsentPass, ConsentRecord, PageLinkRecord, PageRecord } from '../types.ts';
import { DeadlineError, sleep, withTimeout } from './bounds.ts';
import { retagScriptButtons, type ScriptNavButton } from './capture.ts';
import { ConsentSession } from './consent.ts';
import { normalizeUrl, registrableDomain } from './links.ts';
import { CONTEXT_CLOSE_MS, DEPTH_PENALTY, LOW_SCORE, MAX_LOW_SCORE_VISITS, SCRIPT_NAV_COMMIT_MS, SCRIPT_NAV_MAX_DEPTH, TABS_PER_SITE } from './options.ts';
import { blockPrivateRequests } from './private-network.ts';
import type { RobotsGate } from './robots-gate.ts';
import { Tabs } from './tabs.ts';
import { visit, type QueueItem, type VisitContext } from './visit.ts';
import { WidgetOpener } from './widgets.ts';

export class RobotsRefusal extends Error {}

type Visited = Awaited<ReturnType<typeof visit>>;

/** The crawl frontier of one pass. */
class Frontier {
  private readonly items: QueueItem[] = [];
  private readonly queued = new Set<string>();
  readonly visited = new Set<string>();
  private lowScoreVisits = 0;

  constructor(private readonly keepOrder: boolean) {}

  add(item: QueueItem): void {
    const key = normalizeUrl(item.url);
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.items.push(item);
  }

  has(url: string): boolean {
    const key = normalizeUrl(url);
    return this.queued.has(key) || this.visited.has(key);
  }

  markVisited(...urls: string[]): void {
    for (const u of urls) {
      this.visited.add(normalizeUrl(u));
      this.queued.add(normalizeUrl(u));
    }
  }

  /** The links a visited page offers, one click deeper than it. */
  addLinksOf(record: Pick<PageRecord, 'links' | 'depth' | 'path' | 'finalUrl'>): void {
    for (const l of record.links) {
      this.add({ url: l.url, depth: record.depth + 1, path: [...record.path, { url: record.finalUrl, label: l.label }], score: l.score, label: l.label });
    }
  }

  /** The next page worth a visit, or null when none is left. */
  next(first: boolean): QueueItem | null {
    while (this.items.length) {
      const item = first || this.keepOrder ? this.items.shift()! : this.takeBest();
      if (this.visited.has(normalizeUrl(item.url))) continue;
      if (!first && item.score < LOW_SCORE) {
        if (this.lowScoreVisits >= MAX_LOW_SCORE_VISITS) continue;
        this.lowScoreVisits++;
      }
      return item;
    }
    return null;
  }

  /** Best score first, less DEPTH_PENALTY per click; at equal value, the earliest queued. */
  private takeBest(): QueueItem {
    let best = 0;
    for (let i = 1; i < this.items.length; i++) {
      const a = this.items[i];
      const b = this.items[best];
      if (a.score - a.depth * DEPTH_PENALTY > b.score - b.depth * DEPTH_PENALTY) best = i;
    }
    return this.items.splice(best, 1)[0];
  }
}

export interface PassSetup {
  browser: Browser;
  home: string;
  pass: ConsentPass;
  /**
   * accept pass: the pages to see again, chosen once its home page was read, from that page and
   * its consent step (the choice may wait for the refuse pass to end); refuse pass: null (crawl)
   */
  targets: ((home: PageRecord, consent: ConsentRecord) => Promise<QueueItem[]>) | null;
  /** called once the home page settled and its consent step is done, before its dwell (the journey may start the accept pass then) */
  onHome?: (consent: ConsentRecord) => void;
  budget: number;
  robots: RobotsGate | null;
  /** every page record of the pass is pushed here as soon as it exists (kept if the watchdog ends the actor) */
  pages: PageRecord[];
  /** the context is registered here so the watchdog can close it */
  contexts: Set<BrowserContext>;
  /** what every visit of the journey shares (the browser context and widget opener are the pass's own) */
  shared: Omit<VisitContext, 'ctx' | 'widgets' | 'tabs'>;
}

export interface PassOutcome {
  consent: ConsentRecord;
  error: string | null;
  events: string[];
}

export async function runPass(s: PassSetup): Promise<PassOutcome> {
  const consent = new ConsentSession(s.pass);
  let ctx: BrowserContext | null = null;
  let tabs: Tabs | null = null;
  let error: string | null = null;
  try {
    const { opts, clock, vendors } = s.shared;
    ctx = await s.browser.newContext({
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      userAgent: opts.userAgent,
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
      acceptDownloads: false,
      extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    s.contexts.add(ctx);
    opts.archive?.attach(ctx, s.pass);
    tabs = new Tabs(ctx, opts.navTimeoutMs);
    const v: VisitContext = { ...s.shared, ctx, widgets: new WidgetOpener(vendors, clock), tabs };
    if (v.opts.blockPrivateNetwork) await blockPrivateRequests(ctx);
    await consent.attach(ctx);
    const pool: Page[] = [await tabs.open()];
    const frontier = new Frontier(!!s.targets);
    frontier.add({ url: s.home, depth: 0, path: [], score: 0, label: 'Accueil' });
    const width = opts.pageDelayMs ? 1 : TABS_PER_SITE;
    let budget = s.budget;
    /** The next `n` pages of the queue that robots.txt allows (its file fetched in `tab`). */
    const take = async (n: number, first: boolean, tab: Page): Promise<QueueItem[]> => {
      const wave: QueueItem[] = [];
      while (wave.length < n) {
        const item = frontier.next(first);
        if (!item) break;
        if (s.robots && !(await s.robots.allows(tab, item.url))) {
          if (first) throw new RobotsRefusal(`robots.txt disallows ${item.url} (--ignore-robots to scan anyway)`);
          continue;
        }
        frontier.markVisited(item.url);
        wave.push(item);
      }
      return wave;
    };
    // The home page first, alone until it settled and its consent step is done (the choice is
    // stored for the site then). While it is watched (dwell, chat widgets, capture), the refuse
    // pass visits its best link in a second tab: the two make the first wave, taken in that order.
    v.clock.check();
    const [homeItem] = await take(1, true, pool[0]);
    let early: Promise<Visited | null> = Promise.resolve(null);
    const visitsEarly = !s.targets && width > 1 && budget > 1;
    const onSettled = (links: PageLinkRecord[] | null) => {
      s.onHome?.(consent.record);
      if (!links || !visitsEarly) return;
      frontier.addLinksOf({ links, depth: 0, path: [], finalUrl: pool[0].url() });
      early = (async () => {
        if (pool.length < 2) pool.push(await tabs!.open());
        const [item] = await take(1, false, pool[1]);
        return item ? visit(v, pool[1], item, s.pass, null) : null;
      })().catch(() => null);
    };
    const home = await visit(v, pool[0], homeItem!, s.pass, consent, s.onHome || visitsEarly ? onSettled : undefined);
    // Each record is kept as soon as its wave allows (the home page's at once: a page visited beside
    // it that hangs must not hold it back from the watchdog), in wave order.
    const keep = (i: number, got: Visited) => {
      pool[i] = got.page;
      budget--;
      frontier.markVisited(got.record.finalUrl);
      s.pages.push(got.record);
    };
    keep(0, home);
    const second = await early;
    // The home page failed (or was a wall): what was seen beside it is not the actor's crawl.
    let wave: Visited[] = home.record.error || !second ? [home] : [home, second];
    let first = true;
    while (wave.length) {
      // Records, links and script buttons are taken in wave order: the same pages give the same crawl.
      for (let i = first ? 1 : 0; i < wave.length; i++) keep(i, wave[i]); // the home page is kept already
      if (first && home.record.error) break; // the home page failed: nothing else to do in this pass
      if (first && s.targets) for (const t of await s.targets(home.record, consent.record)) frontier.add(t);
      first = false;
      if (!s.targets) {
        for (let i = 0; i < wave.length; i++) {
          const { record, scriptNav } = wave[i];
          if (!record.snapshot) continue;
          frontier.addLinksOf(record);
          if (scriptNav.length && record.depth < SCRIPT_NAV_MAX_DEPTH && budget > 0) {
            const found = await followScriptNav(v, pool[i], record, scriptNav, frontier, s.pass);
            pool[i] = found.page;
            for (const rec of found.records) {
              budget--;
              s.pages.push(rec);
              frontier.markVisited(rec.url);
              frontier.addLinksOf(rec);
            }
          }
        }
      }
      if (budget <= 0) break;
      v.clock.check();
      const items = await take(Math.min(width, budget), false, pool[0]);
      if (!items.length) break;
      if (v.opts.pageDelayMs) await sleep(v.clock.cap(v.opts.pageDelayMs));
      while (pool.length < items.length) pool.push(await tabs.open());
      wave = await Promise.all(items.map((item, i) => visit(v, pool[i], item, s.pass, null)));
    }
  } catch (err) {
    error = err instanceof DeadlineError || err instanceof RobotsRefusal ? err.message : `${(err as Error).message}`.split('\n')[0];
    if (err instanceof RobotsRefusal) s.pages.push({ pass: s.pass, url: s.home, finalUrl: s.home, status: null, depth: 0, path: [], title: '', error: err.message, snapshot: null, links: [], findings: [], detectorRuns: [], screenshot: null, score: 0, ms: 0 });
  } finally {
    tabs?.detach();
    if (ctx) {
      if (s.shared.opts.archive) await s.shared.opts.archive.endPass(s.pass).catch(() => undefined);
      s.contexts.delete(ctx);
      await withTimeout(ctx.close(), CONTEXT_CLOSE_MS, 'closing the context').catch(() => undefined);
    }
  }
  return { consent: consent.record, error, events: consent.events.map((e) => `${s.pass}: ${e}`) };
}

/**
 * Where the page goes next: the URL of its next main-frame navigation request (a slow server need
 * not answer first: the target is known once the browser asks for it, and visit() loads it), or its
 * new URL after a same-document navigation (history.pushState). Rejects after SCRIPT_NAV_COMMIT_MS.
 */
function whereItLeads(page: Page): Promise<string> {
  const before = page.url();
  const request = page.waitForRequest((r) => r.isNavigationRequest() && r.frame() === page.mainFrame(), { timeout: SCRIPT_NAV_COMMIT_MS }).then((r) => r.url());
  const sameDocument = page.waitForURL((u) => u.href !== before, { timeout: SCRIPT_NAV_COMMIT_MS, waitUntil: 'commit' }).then(() => page.url());
  request.catch(() => undefined);
  sameDocument.catch(() => undefined);
  return Promise.any([request, sameDocument]);
}

/** Clicks the promising script buttons of `parent` (reloading it between clicks) and visits where they lead. */
async function followScriptNav(
  v: VisitContext,
  page: Page,
  parent: PageRecord,
  nav: ScriptNavButton[],
  frontier: Frontier,
  pass: ConsentPass,
): Promise<{ page: Page; records: PageRecord[] }> {
  const records: PageRecord[] = [];
  // Whether the tab shows the parent as loaded, untouched: a click that started a navigation leaves
  // it on its way elsewhere even while its URL is still the parent's (the target is known from the
  // request), and a visit leaves it on the target.
  let onParent = normalizeUrl(page.url()) === normalizeUrl(parent.finalUrl);
  for (const n of nav) {
    if (v.clock.timeLeft() <= 0) break;
    try {
      if (!onParent) {
        await page.goto(parent.finalUrl, { waitUntil: 'domcontentloaded', timeout: v.opts.navTimeoutMs });
        await retagScriptButtons(page);
        onParent = true;
      }
      const leadsTo = whereItLeads(page);
      // noWaitAfter: Playwright would otherwise hold the click until the navigation commits, which a
      // slow server delays past the click's own timeout.
      await page.locator(`[data-ct-nav="${n.id}"]`).first().click({ timeout: 2000, noWaitAfter: true });
      const target = normalizeUrl(await leadsTo);
      onParent = false;
      // The click's own navigation is still on its way: stop it, or it would interrupt the next one
      // (the visit's, or the parent's reload).
      await withTimeout(page.evaluate('window.stop()'), SCRIPT_NAV_COMMIT_MS, 'stopping the click navigation').catch(() => undefined);
      if (frontier.has(target) || registrableDomain(target) !== v.site.domain) continue;
      frontier.markVisited(target);
      // The button is a link of its page: the clicks-to-contact graph must know it.
      parent.links.push({ url: target, label: n.text, kind: 'script', score: n.score });
      const item: QueueItem = { url: target, depth: parent.depth + 1, path: [...parent.path, { url: parent.finalUrl, label: n.text }], score: n.score, label: n.text };
      let got = await visit(v, page, item, pass, null);
      // window.stop() cannot cancel a navigation the browser is already committing
      if (got.record.error?.includes('interrupted by another navigation')) got = await visit(v, got.page, item, pass, null);
      page = got.page;
      records.push(got.record);
    } catch {
      /* the button did not navigate: not a link (or the parent did not load again) */
      onParent &&= normalizeUrl(page.url()) === normalizeUrl(parent.finalUrl);
    }
  }
  return { page, records };
}
