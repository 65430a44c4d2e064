/**
 * One actor's journey through its site, in a fresh browser context per consent pass:
 * 1. refuse pass: home page first (cookies refused), then a prioritised crawl of the same site and
 *    its help/contact subdomains within the page budget (crawler/links.ts), following links and
 *    buttons that navigate by script;
 * 2. accept pass, only when a banner was shown: cookies accepted, then only the home page and the
 *    pages that matter again (those with findings, the best-scored contact/help pages).
 * Each visited page leaves a PageSnapshot (what detectors read), judged at once, and the links it
 * offers (for the clicks-to-contact graph). Journeys are probes, not detectors: judging stays in
 * detectors/ and in crawler/rollup.ts.
 *
 * Hostile pages: every browser call is bounded (navigation, evaluation, screenshots), dialogs are
 * dismissed (beforeunload prompts accepted), pop-up windows closed, downloads refused; a page
 * stuck in a script is closed and the journey goes on in a new tab.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Frame, Page, Request } from 'playwright';
import { hostMatches, loadChatVendors, type ChatVendor } from '../../detectors/data/chat-vendors.ts';
import { ConsentSession } from './consent.ts';
import { judgePage, type DetectorRun } from '../judge/judge.ts';
import { isAllowed, parseRobots, type RobotsRules } from './robots.ts';
import { normalizeUrl, rankLinks, registrableDomain, textScore, type Candidate, type RawLink } from './links.ts';
import type { ConsentPass, ConsentRecord, Finding, FrameSnapshot, PageSnapshot, PathStep, RequestRecord, SiteContext, WidgetSnapshot } from '../types.ts';

const SNAPSHOT_JS = readFileSync(new URL('./in-page/snapshot.js', import.meta.url), 'utf8');
const WIDGET_JS = readFileSync(new URL('./in-page/widget-text.js', import.meta.url), 'utf8');
const PROBE_JS = readFileSync(new URL('./in-page/probe.js', import.meta.url), 'utf8');
const GENERIC_LAUNCHER = "\\b(chat|tchat|discuter|assistant|assistante|conversation|une question|besoin d'aide|posez votre question|messenger)\\b";

interface ProbeResult {
  index: number;
  generic: boolean;
}

async function probe(frame: Frame, args: { selectors: string[]; visible?: boolean; generic?: string; tag?: boolean }): Promise<ProbeResult | null> {
  return (await withTimeout(frame.evaluate(`(${PROBE_JS})(${JSON.stringify(args)})`), 3000, 'probe').catch(() => null)) as ProbeResult | null;
}

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 contactability/0.1';

export interface JourneyOptions {
  maxPages: number;
  /** per navigation */
  navTimeoutMs: number;
  /** whole actor, both passes */
  actorTimeoutMs: number;
  userAgent: string;
  /** pages revisited in the accept pass besides the home page */
  acceptPages: number;
  /** pause between two page loads of the same site (politeness) */
  pageDelayMs: number;
  /** keep screenshots of the home page and pages with findings */
  screenshots: boolean;
  /** obey robots.txt (default); false with --ignore-robots, recorded in the run */
  respectRobots: boolean;
}

export const DEFAULT_JOURNEY: JourneyOptions = {
  maxPages: 30,
  navTimeoutMs: 15_000,
  actorTimeoutMs: 180_000,
  userAgent: DEFAULT_USER_AGENT,
  acceptPages: 6,
  pageDelayMs: 0,
  screenshots: true,
  respectRobots: true,
};

export interface VisitedPage {
  pass: ConsentPass;
  url: string;
  finalUrl: string;
  status: number | null;
  depth: number;
  path: PathStep[];
  title: string;
  error: string | null;
  snapshot: PageSnapshot | null;
  /** normalised URLs this page links to (own site), with the label of the link */
  links: { url: string; label: string; kind: 'link' | 'script'; score: number }[];
  findings: Finding[];
  detectorRuns: DetectorRun[];
  screenshot: Buffer | null;
  /** best link score that led here (0 for home) */
  score: number;
  ms: number;
}

export interface JourneyResult {
  status: 'ok' | 'partial' | 'failed';
  error: string | null;
  consent: ConsentRecord;
  pages: VisitedPage[];
  consentEvents: string[];
}

interface QueueItem {
  url: string;
  depth: number;
  path: PathStep[];
  score: number;
  label: string;
}

class Deadline extends Error {}
class RobotsRefusal extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

export function siteContext(actor: { id: string; name: string; url: string }): SiteContext {
  return { actorId: actor.id, actorName: actor.name, homeUrl: actor.url, domain: registrableDomain(actor.url) ?? new URL(actor.url).hostname };
}

/** Watches the requests of one tab: records them and counts those in flight. */
class RequestLog {
  records: RequestRecord[] = [];
  inflight = new Set<Request>();
  lastActivity = Date.now();
  private byReq = new Map<Request, RequestRecord>();
  constructor(private readonly limit = 800) {}
  reset() {
    this.records = [];
    this.byReq.clear();
    this.inflight.clear();
    this.lastActivity = Date.now();
  }
  onRequest(r: Request) {
    this.inflight.add(r);
    this.lastActivity = Date.now();
    if (this.records.length >= this.limit) return;
    const rec: RequestRecord = { url: r.url().slice(0, 2000), type: r.resourceType(), status: null };
    this.records.push(rec);
    this.byReq.set(r, rec);
  }
  onDone(r: Request, status: number | null) {
    this.inflight.delete(r);
    this.lastActivity = Date.now();
    const rec = this.byReq.get(r);
    if (rec && status !== null) rec.status = status;
  }
}

export class Journey {
  private readonly vendors: ChatVendor[] = loadChatVendors();
  private readonly globals: string[];
  private readonly started = Date.now();
  private pages: VisitedPage[] = [];
  private consentEvents: string[] = [];
  private widgetTried = new Set<string>();
  private shotChannels = new Set<string>();
  /** robots.txt rules per origin, fetched once per actor */
  private robots = new Map<string, RobotsRules>();
  /** pages left out because robots.txt disallows them */
  robotsSkipped: string[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly actor: { id: string; name: string; url: string },
    private readonly opts: JourneyOptions,
    private readonly log: (msg: string) => void = () => undefined,
  ) {
    this.globals = [...new Set(this.vendors.flatMap((v) => v.globals))];
  }

  private get site(): SiteContext {
    return siteContext(this.actor);
  }

  private timeLeft(): number {
    return this.opts.actorTimeoutMs - (Date.now() - this.started);
  }

  async run(): Promise<JourneyResult> {
    const refuse = await this.pass('refuse', null);
    const home = this.pages.find((p) => p.pass === 'refuse' && p.depth === 0);
    if (!home || home.error || !home.snapshot) {
      return { status: 'failed', error: home?.error ?? refuse.error ?? 'home page not reached', consent: refuse.consent, pages: this.pages, consentEvents: this.consentEvents };
    }
    let error = refuse.error;
    if (refuse.consent.banner && !error) {
      const accept = await this.pass('accept', this.acceptTargets());
      if (accept.error) error = `accept pass: ${accept.error}`;
    }
    return { status: error ? 'partial' : 'ok', error, consent: refuse.consent, pages: this.pages, consentEvents: this.consentEvents };
  }

  /** Pages worth seeing again with cookies accepted: those with findings and the best contact/help pages. */
  private acceptTargets(): QueueItem[] {
    const seen = this.pages.filter((p) => p.pass === 'refuse' && p.snapshot && p.depth > 0);
    const withFindings = seen.filter((p) => p.findings.length > 0);
    const ranked = [...new Set([...withFindings, ...seen].sort((a, b) => b.score - a.score || a.depth - b.depth))];
    return ranked.slice(0, this.opts.acceptPages).map((p) => ({ url: p.url, depth: p.depth, path: p.path, score: p.score, label: '' }));
  }

  private async pass(pass: ConsentPass, targets: QueueItem[] | null): Promise<{ consent: ConsentRecord; error: string | null }> {
    const consent = new ConsentSession(pass);
    this.widgetTried.clear();
    let ctx: BrowserContext | null = null;
    let error: string | null = null;
    try {
      ctx = await this.browser.newContext({
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        userAgent: this.opts.userAgent,
        viewport: { width: 1280, height: 900 },
        serviceWorkers: 'block',
        acceptDownloads: false,
        extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9' },
      });
      await consent.attach(ctx);
      let page = await this.newTab(ctx);
      const home: QueueItem = { url: this.actor.url, depth: 0, path: [], score: 0, label: 'Accueil' };
      const queue: QueueItem[] = [home];
      const queued = new Set<string>([normalizeUrl(this.actor.url)]);
      const visited = new Set<string>();
      let budget = pass === 'refuse' ? this.opts.maxPages : this.opts.acceptPages + 1;
      let lowScoreVisits = 0;
      let first = true;
      if (targets) {
        for (const t of targets) {
          if (!queued.has(normalizeUrl(t.url))) {
            queue.push(t);
            queued.add(normalizeUrl(t.url));
          }
        }
      }
      while (queue.length && budget > 0) {
        if (this.timeLeft() <= 0) throw new Deadline(`actor deadline of ${this.opts.actorTimeoutMs} ms reached`);
        const item = first ? queue.shift()! : this.pickNext(queue, !!targets);
        if (!item) break;
        if (!first && item.score < 20) {
          if (lowScoreVisits >= 4) continue;
          lowScoreVisits++;
        }
        if (visited.has(normalizeUrl(item.url))) continue;
        if (this.opts.respectRobots && !(await this.robotsAllow(page, item.url))) {
          this.robotsSkipped.push(item.url);
          if (first) throw new RobotsRefusal(`robots.txt disallows ${item.url} (--ignore-robots to scan anyway)`);
          continue;
        }
        if (!first && this.opts.pageDelayMs) await new Promise((r) => setTimeout(r, this.opts.pageDelayMs));
        const { record, page: nextPage, scriptNav } = await this.visit(ctx, page, item, pass, first ? consent : null);
        page = nextPage;
        budget--;
        visited.add(normalizeUrl(item.url));
        visited.add(normalizeUrl(record.finalUrl));
        this.pages.push(record);
        if (first && record.error) break; // the home page failed: nothing else to do in this pass
        first = false;
        if (targets || !record.snapshot) continue;
        for (const l of record.links) {
          if (queued.has(l.url)) continue;
          queued.add(l.url);
          const score = this.scoreOf(record, l.url);
          queue.push({ url: l.url, depth: item.depth + 1, path: [...item.path, { url: record.finalUrl, label: l.label }], score, label: l.label });
        }
        // Buttons that navigate by script: click the promising ones to learn where they lead.
        if (scriptNav.length && item.depth < 3 && budget > 0) {
          const found = await this.followScriptNav(ctx, page, record, item, scriptNav, queued, visited, pass);
          page = found.page;
          for (const rec of found.records) {
            budget--;
            this.pages.push(rec);
            visited.add(normalizeUrl(rec.url));
            for (const l of rec.links) {
              if (queued.has(l.url)) continue;
              queued.add(l.url);
              queue.push({ url: l.url, depth: rec.depth + 1, path: [...rec.path, { url: rec.finalUrl, label: l.label }], score: this.scoreOf(rec, l.url), label: l.label });
            }
          }
        }
      }
    } catch (err) {
      error = err instanceof Deadline || err instanceof RobotsRefusal ? err.message : `${(err as Error).message}`.split('\n')[0];
      if (err instanceof RobotsRefusal) this.pages.push(this.refusedHome(pass, err.message));
    } finally {
      this.consentEvents.push(...consent.events.map((e) => `${pass}: ${e}`));
      if (ctx) await withTimeout(ctx.close(), 10_000, 'closing the context').catch(() => undefined);
    }
    return { consent: consent.record, error };
  }

  /** Fetches the origin's robots.txt through the browser (fixtures and containment apply). */
  private async robotsAllow(page: Page, url: string): Promise<boolean> {
    const origin = new URL(url).origin;
    let rules = this.robots.get(origin);
    if (!rules) {
      let text = '';
      try {
        const res = await page.goto(`${origin}/robots.txt`, { waitUntil: 'domcontentloaded', timeout: Math.min(8000, this.opts.navTimeoutMs) });
        if (res && res.ok() && /text\/plain/i.test(res.headers()['content-type'] ?? 'text/plain')) text = await res.text();
      } catch {
        /* no robots.txt, or unreachable: everything allowed, as RFC 9309 says for 4xx */
      }
      rules = parseRobots(text);
      this.robots.set(origin, rules);
    }
    return isAllowed(rules, url);
  }

  private refusedHome(pass: ConsentPass, error: string): VisitedPage {
    return { pass, url: this.actor.url, finalUrl: this.actor.url, status: null, depth: 0, path: [], title: '', error, snapshot: null, links: [], findings: [], detectorRuns: [], screenshot: null, score: 0, ms: 0 };
  }

  private scoreOf(page: VisitedPage, url: string): number {
    return page.links.find((x) => x.url === url)?.score ?? 0;
  }

  /** Best score first; at equal score, the shallower page (fewer clicks). */
  private pickNext(queue: QueueItem[], keepOrder: boolean): QueueItem | undefined {
    if (keepOrder) return queue.shift();
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      const a = queue[i];
      const b = queue[best];
      if (a.score - a.depth * 12 > b.score - b.depth * 12) best = i;
    }
    return queue.splice(best, 1)[0];
  }

  private async newTab(ctx: BrowserContext): Promise<Page> {
    const page = await ctx.newPage();
    page.setDefaultTimeout(this.opts.navTimeoutMs);
    // A beforeunload prompt dismissed would keep the tab on its page and block the next navigation.
    page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => undefined));
    return page;
  }

  private async visit(
    ctx: BrowserContext,
    page: Page,
    item: QueueItem,
    pass: ConsentPass,
    consent: ConsentSession | null,
  ): Promise<{ record: VisitedPage; page: Page; scriptNav: { id: string; text: string }[] }> {
    const t0 = Date.now();
    const reqs = new RequestLog();
    // Page-level events cover the page and all its frames. Handlers never throw: an exception in
    // an event handler would bring the whole run down.
    const onReq = (r: Request) => {
      try {
        reqs.onRequest(r);
      } catch {
        /* ignore */
      }
    };
    const onFin = (r: Request) => void r.response().then((res) => reqs.onDone(r, res?.status() ?? null)).catch(() => reqs.onDone(r, null));
    const onFail = (r: Request) => reqs.onDone(r, null);
    const onPopup = (p: Page) => {
      if (p !== page) void p.close().catch(() => undefined);
    };
    page.on('request', onReq);
    page.on('requestfinished', onFin);
    page.on('requestfailed', onFail);
    ctx.on('page', onPopup);
    const record: VisitedPage = {
      pass,
      url: item.url,
      finalUrl: item.url,
      status: null,
      depth: item.depth,
      path: item.path,
      title: '',
      error: null,
      snapshot: null,
      links: [],
      findings: [],
      detectorRuns: [],
      screenshot: null,
      score: item.score,
      ms: 0,
    };
    let scriptNav: { id: string; text: string }[] = [];
    const phases: string[] = [];
    let tp = Date.now();
    const phase = (name: string) => {
      phases.push(`${name}=${Date.now() - tp}`);
      tp = Date.now();
    };
    try {
      const navBudget = Math.min(this.opts.navTimeoutMs, Math.max(1000, this.timeLeft()));
      const res = await page.goto(item.url, { waitUntil: 'domcontentloaded', timeout: navBudget });
      record.status = res?.status() ?? null;
      record.finalUrl = page.url();
      if (record.status !== null && record.status >= 400) {
        record.error = `HTTP ${record.status}`;
      }
      phase('goto');
      await page.waitForLoadState('load', { timeout: Math.min(5000, navBudget) }).catch(() => undefined);
      await this.waitForQuiet(page, reqs, item.depth === 0 ? 4000 : 2500);
      phase('quiet');
      if (consent) {
        await withTimeout(consent.settle(page, 5000), 15_000, 'consent');
        await this.waitForQuiet(page, reqs, 3000);
        phase('consent');
      }
      if (item.depth === 0) await page.waitForTimeout(1500); // late widgets (tag managers) on the home page
      const vendorSeen = await this.waitForVendor(page, reqs);
      phase('vendor');
      // Lazy iframes (forms, widgets below the fold) load as a user scrolls: make them load now.
      const lazy = await withTimeout(
        page.evaluate(`(() => { let n = 0; for (const f of document.querySelectorAll('iframe[loading="lazy"], img[loading="lazy"]')) { f.loading = 'eager'; n++; } return n; })()`),
        2000,
        'eager frames',
      ).catch(() => 0);
      if (lazy) await this.waitForQuiet(page, reqs, 2000);
      const widgets = await this.openWidgets(page, vendorSeen);
      phase('widgets');
      const snap = await this.capture(page, record, reqs, widgets);
      phase('capture');
      scriptNav = snap.scriptNav;
      if (record.snapshot) {
        const j = judgePage(record.snapshot, this.site);
        phase('judge');
        record.findings = j.findings;
        record.detectorRuns = j.runs;
        // Screenshots: the home page, and the first page of each pass where a channel shows up.
        const fresh = j.findings.filter((f) => !this.shotChannels.has(`${pass}:${f.channel}`));
        for (const f of fresh) this.shotChannels.add(`${pass}:${f.channel}`);
        if (this.opts.screenshots && (item.depth === 0 || fresh.length)) {
          record.screenshot = await page.screenshot({ type: 'jpeg', quality: 45, timeout: 5000 }).catch(() => null);
        }
      }
    } catch (err) {
      const msg = `${(err as Error).message}`.split('\n')[0];
      record.error = record.error ?? msg;
      // A tab stuck in a script or a dead renderer: drop it and continue in a new one.
      await withTimeout(page.close(), 5000, 'closing a stuck tab').catch(() => undefined);
      page = await this.newTab(ctx);
    } finally {
      page.off('request', onReq);
      page.off('requestfinished', onFin);
      page.off('requestfailed', onFail);
      ctx.off('page', onPopup);
      record.ms = Date.now() - t0;
    }
    this.log(`${this.actor.id} ${pass} d${item.depth} ${record.status ?? '—'} ${record.finalUrl}${record.error ? ` (${record.error})` : ''} [${phases.join(' ')}] ${record.findings.map((f) => f.channel).join(',')}`);
    return { record, page, scriptNav };
  }

  /** Network quiet for 400 ms, bounded by maxMs. */
  private async waitForQuiet(page: Page, reqs: RequestLog, maxMs: number): Promise<void> {
    const until = Date.now() + Math.min(maxMs, Math.max(0, this.timeLeft()));
    while (Date.now() < until) {
      if (reqs.inflight.size === 0 && Date.now() - reqs.lastActivity > 400) return;
      await page.waitForTimeout(100);
    }
  }

  /** A chat vendor's script was requested: wait (bounded) for its widget to show up. */
  private async waitForVendor(page: Page, reqs: RequestLog): Promise<boolean> {
    const hit = new Set<ChatVendor>();
    for (const r of reqs.records) {
      let host = '';
      try {
        host = new URL(r.url).hostname;
      } catch {
        continue;
      }
      for (const v of this.vendors) if (v.scriptHosts.some((h) => hostMatches(host, h))) hit.add(v);
    }
    const selectors = [...hit].flatMap((v) => [...v.selectors, ...v.launchers]).filter(Boolean);
    if (!selectors.length) return hit.size > 0;
    const until = Date.now() + Math.min(5000, Math.max(0, this.timeLeft()));
    while (Date.now() < until) {
      for (const f of page.frames()) if (await probe(f, { selectors })) return true;
      await page.waitForTimeout(250);
    }
    return true;
  }

  /**
   * Opens a chat launcher the way a user would (once per launcher per pass) and keeps the text
   * that appeared: in a new or changed floating box, or in a frame that became visible. Vendor
   * launchers first, then any visible floating button that talks about chat.
   */
  private async openWidgets(page: Page, vendorSeen: boolean): Promise<WidgetSnapshot[]> {
    const launchers = this.vendors.flatMap((v) => v.launchers.map((selector) => ({ vendor: v.id, selector })));
    const selectors = launchers.map((l) => l.selector);
    // A chat script was requested but its launcher is not there yet: give it a little longer.
    const until = Date.now() + (vendorSeen ? Math.min(3000, Math.max(0, this.timeLeft())) : 0);
    let frame: Frame | null = null;
    let found: ProbeResult | null = null;
    do {
      for (const f of page.frames()) {
        found = await probe(f, { selectors, visible: true, generic: GENERIC_LAUNCHER, tag: true });
        if (found) {
          frame = f;
          break;
        }
      }
      if (found || Date.now() >= until) break;
      await page.waitForTimeout(300);
    } while (Date.now() < until);
    if (found && frame) {
      const which = found.generic ? { vendor: null, selector: 'generic floating chat button' } : launchers[found.index];
      const key = `${which.vendor ?? 'generic'}:${which.selector}`;
      if (this.widgetTried.has(key)) return [];
      this.widgetTried.add(key);
      const before = await this.widgetTexts(page);
      const target = frame.locator('[data-ct-launcher="1"]').first();
      const ok = await withTimeout(target.click({ timeout: 2000, noWaitAfter: true }), 4000, 'launcher click').then(() => true).catch(() => false);
      if (!ok) return [];
      // Wait for the widget to say something (bounded): a panel or frame with new text.
      let fresh: Awaited<ReturnType<Journey['widgetTexts']>> = [];
      const textBy = Date.now() + 4000;
      await page.waitForTimeout(700);
      while (true) {
        const after = await this.widgetTexts(page);
        fresh = after.filter((a) => a.text && !before.some((b) => b.key === a.key && b.text === a.text));
        if (fresh.some((f) => f.text.length > 20) || Date.now() >= textBy) break;
        await page.waitForTimeout(400);
      }
      await page.waitForTimeout(300);
      return [
        {
          vendor: which.vendor,
          trigger: which.selector,
          text: fresh.map((f) => f.text).join(' ').slice(0, 4000),
          html: fresh[0]?.html ?? null,
          frameUrl: fresh.find((f) => f.frameUrl)?.frameUrl ?? null,
        },
      ];
    }
    return [];
  }

  private async widgetTexts(page: Page): Promise<{ key: string; text: string; html: string | null; frameUrl: string | null }[]> {
    const out: { key: string; text: string; html: string | null; frameUrl: string | null }[] = [];
    const main = (await withTimeout(page.evaluate(`(${WIDGET_JS})({})`), 4000, 'widget text').catch(() => [])) as { key: string; text: string; html: string }[];
    out.push(...main.map((m) => ({ ...m, frameUrl: null })));
    const frames = page.frames();
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i];
      if (f === page.mainFrame()) continue;
      const visible = await withTimeout(this.frameVisible(f), 2000, 'frame visibility').catch(() => false);
      if (!visible) continue;
      const body = (await withTimeout(f.evaluate(`(${WIDGET_JS})({ wholeBody: true })`), 3000, 'frame text').catch(() => [])) as { key: string; text: string; html: string }[];
      out.push(...body.map((b) => ({ key: `frame:${i}:${f.name()}:${f.url()}`, text: b.text, html: b.html, frameUrl: f.url() })));
    }
    return out;
  }

  private async frameVisible(f: Frame): Promise<boolean> {
    const el = await f.frameElement();
    try {
      const box = await el.boundingBox();
      return !!box && box.width > 20 && box.height > 20 && (await el.isVisible());
    } finally {
      await el.dispose();
    }
  }

  private async capture(page: Page, record: VisitedPage, reqs: RequestLog, widgets: WidgetSnapshot[]): Promise<{ scriptNav: { id: string; text: string }[] }> {
    const args = JSON.stringify({ globals: this.globals });
    const main = (await withTimeout(page.evaluate(`(${SNAPSHOT_JS})(${args})`), 15_000, 'page snapshot')) as {
      html: string;
      title: string;
      links: RawLink[];
      scriptNav: { id: string; text: string; region: string }[];
      globals: string[];
    };
    const frames: FrameSnapshot[] = [];
    const globals = new Set(main.globals);
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const fr: FrameSnapshot = { url: f.url(), name: f.name(), title: '', html: null, visible: false };
      try {
        const el = await withTimeout(f.frameElement(), 2000, 'frame element');
        fr.title = (await withTimeout(el.getAttribute('title'), 2000, 'frame title')) ?? '';
        const box = await withTimeout(el.boundingBox(), 2000, 'frame box');
        fr.visible = !!box && box.width > 1 && box.height > 1 && (await withTimeout(el.isVisible(), 2000, 'frame visible'));
        await el.dispose();
        const got = (await withTimeout(f.evaluate(`(${SNAPSHOT_JS})(${args})`), 5000, 'frame snapshot')) as { html: string; globals: string[] };
        fr.html = got.html.slice(0, 1_000_000);
        for (const g of got.globals) globals.add(g);
      } catch {
        /* detached or unreadable frame: keep what we have */
      }
      frames.push(fr);
      if (frames.length >= 30) break;
    }
    record.title = main.title;
    record.finalUrl = page.url();
    const snapshot: PageSnapshot = {
      url: record.url,
      finalUrl: record.finalUrl,
      status: record.status,
      depth: record.depth,
      path: record.path,
      title: main.title,
      html: main.html,
      frames,
      requests: reqs.records,
      globals: [...globals].sort(),
      widgets,
      pass: record.pass,
      capturedAt: new Date().toISOString(),
    };
    record.snapshot = snapshot;
    const domain = this.site.domain;
    // Hidden links count: mega-menu entries are one hover away and cost no navigation.
    const ranked = rankLinks(main.links, domain);
    record.links = ranked.map((c: Candidate) => ({ url: c.url, label: c.label, kind: c.kind, score: c.score }));
    return {
      scriptNav: main.scriptNav
        .map((s) => ({ ...s, score: textScore(s.text) }))
        .filter((s) => s.score >= 50)
        .sort((a, b) => b.score - a.score)
        .slice(0, 3),
    };
  }

  private async followScriptNav(
    ctx: BrowserContext,
    page: Page,
    parent: VisitedPage,
    parentItem: QueueItem,
    nav: { id: string; text: string }[],
    queued: Set<string>,
    visited: Set<string>,
    pass: ConsentPass,
  ): Promise<{ page: Page; records: VisitedPage[] }> {
    const records: VisitedPage[] = [];
    for (const n of nav) {
      if (this.timeLeft() <= 0) break;
      try {
        if (normalizeUrl(page.url()) !== normalizeUrl(parent.finalUrl)) {
          await page.goto(parent.finalUrl, { waitUntil: 'domcontentloaded', timeout: this.opts.navTimeoutMs });
          await page.evaluate(`(${SNAPSHOT_JS})(${JSON.stringify({ globals: [] })})`);
        }
        const before = page.url();
        await page.locator(`[data-ct-nav="${n.id}"]`).first().click({ timeout: 2000 });
        await page.waitForURL((u) => u.href !== before, { timeout: 3000, waitUntil: 'domcontentloaded' });
        const target = normalizeUrl(page.url());
        if (visited.has(target) || queued.has(target) || registrableDomain(target) !== this.site.domain) continue;
        queued.add(target);
        parent.links.push({ url: target, label: n.text, kind: 'script', score: textScore(n.text) });
        const item: QueueItem = { url: target, depth: parentItem.depth + 1, path: [...parentItem.path, { url: parent.finalUrl, label: n.text }], score: textScore(n.text), label: n.text };
        const { record, page: p } = await this.visit(ctx, page, item, pass, null);
        page = p;
        records.push(record);
        visited.add(target);
      } catch {
        /* the button did not navigate: not a link */
      }
    }
    return { page, records };
  }
}

export async function runJourney(
  browser: Browser,
  actor: { id: string; name: string; url: string },
  opts: Partial<JourneyOptions> = {},
  log?: (msg: string) => void,
): Promise<JourneyResult> {
  return new Journey(browser, actor, { ...DEFAULT_JOURNEY, ...opts }, log).run();
}
