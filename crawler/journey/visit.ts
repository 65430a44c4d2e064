/**
 * Visiting one page: navigate, settle (network quiet, long-lived requests ignored), the consent
 * step on the first page of a pass, a wait for a chat widget only where a vendor's script was
 * requested, lazy frames made to load, chat launchers opened, then capture into a snapshot and hand
 * it to the caller's judge. A page reached by a redirect off the actor's site is not captured. A
 * tab stuck in a script or with a dead renderer is dropped and the journey goes on in a new one.
 */
import type { BrowserContext, Page, Request } from 'playwright';
import type { ChatVendor } from '../../detectors/data/chat-vendors.ts';
import type { PageLinkRecord, PageRecord, PathStep, SiteContext } from '../types.ts';
import { withTimeout, type ActorClock } from './bounds.ts';
import { capture, earlyLinks, type ScriptNavButton } from './capture.ts';
import type { ConsentSession } from './consent.ts';
import type { BotWallResult } from '../../detectors/bot-wall.ts';
import { isOwnSite, registrableDomain } from './links.ts';
import {
  CONSENT_SETTLE_MS,
  CONSENT_STEP_CAP_MS,
  HOME_DWELL_MS,
  LOAD_EVENT_CAP_MS,
  QUIET_CAP_AFTER_CONSENT_MS,
  QUIET_CAP_AFTER_LAZY_MS,
  QUIET_CAP_HOME_MS,
  QUIET_CAP_PAGE_MS,
  type JourneyOptions,
} from './options.ts';
import { redirectChainIsPublic } from './private-network.ts';
import { RequestLog, type LongLivedEndpoints } from './requests.ts';
import { sleep } from './bounds.ts';
import { waitForQuiet, waitForVendor } from './settle.ts';
import type { Tabs } from './tabs.ts';
import type { WidgetOpener } from './widgets.ts';

/** A page of the crawl queue. */
export interface QueueItem {
  url: string;
  depth: number;
  path: PathStep[];
  score: number;
  label: string;
}

/** Judging is the caller's: the journey hands each snapshot over and keeps what comes back. */
/** `wall`: the judge found a bot wall and did not judge the page (judges that do not look leave it out). */
export type JudgeFn = (snapshot: NonNullable<PageRecord['snapshot']>, site: SiteContext) => Promise<Pick<PageRecord, 'findings' | 'detectorRuns'> & { wall?: BotWallResult | null }>;

/** What a visit needs of its journey. */
export interface VisitContext {
  ctx: BrowserContext;
  site: SiteContext;
  opts: JourneyOptions;
  clock: ActorClock;
  vendors: ChatVendor[];
  globals: string[];
  widgets: WidgetOpener;
  /** the pass's own tabs, and its pop-up guard */
  tabs: Tabs;
  judge: JudgeFn;
  /** decides, from the findings, whether this page's screenshot is kept */
  wantsScreenshot: (record: PageRecord) => boolean;
  log: (msg: string) => void;
  actorId: string;
  /** endpoints of the actor's site that turned out long-lived (long-polls): they hold no later page */
  longLived: LongLivedEndpoints;
}

export function emptyRecord(item: QueueItem, pass: PageRecord['pass']): PageRecord {
  return { pass, url: item.url, finalUrl: item.url, status: null, depth: item.depth, path: item.path, title: '', error: null, snapshot: null, links: [], findings: [], detectorRuns: [], screenshot: null, score: item.score, ms: 0, blockedBy: null };
}

/**
 * Called once the page settled and its consent step is done, before its dwell and capture: the
 * links the page offers at that moment (null when they could not be read). The pass starts work
 * that needs no more of this page (its best link, the accept pass) while the page is watched.
 */
export type OnSettled = (links: PageLinkRecord[] | null) => void;

export async function visit(
  v: VisitContext,
  page: Page,
  item: QueueItem,
  pass: PageRecord['pass'],
  consent: ConsentSession | null,
  onSettled?: OnSettled,
): Promise<{ record: PageRecord; page: Page; scriptNav: ScriptNavButton[] }> {
  const t0 = Date.now();
  const reqs = new RequestLog(page, v.longLived);
  const record = emptyRecord(item, pass);
  let scriptNav: ScriptNavButton[] = [];
  const phases: string[] = [];
  let tp = Date.now();
  const phase = (name: string) => {
    phases.push(`${name}=${Date.now() - tp}`);
    tp = Date.now();
  };
  try {
    const navBudget = Math.min(v.opts.navTimeoutMs, Math.max(1000, v.clock.timeLeft()));
    const res = await page.goto(item.url, { waitUntil: 'domcontentloaded', timeout: navBudget });
    record.status = res?.status() ?? null;
    record.finalUrl = page.url();
    const headers = res ? await withTimeout(res.allHeaders(), 2000, 'response headers').catch(() => undefined) : undefined;
    if (record.status !== null && record.status >= 400) record.error = `HTTP ${record.status}`;
    phase('goto');
    if (v.opts.blockPrivateNetwork && res && !(await redirectChainIsPublic(redirectChain(res.request())))) {
      record.error = 'redirected to a private network address: not read';
      return { record, page, scriptNav };
    }
    // A help platform the crawler chose to follow (a link to <actor>.zendesk.com) stays allowed.
    if (!isOwnSite(record.finalUrl, v.site.domain, 100) && registrableDomain(record.finalUrl) !== registrableDomain(item.url)) {
      // Not the actor's page: never judged as theirs.
      record.error = `redirected off-site to ${new URL(record.finalUrl).hostname}`;
      return { record, page, scriptNav };
    }
    await page.waitForLoadState('load', { timeout: Math.min(LOAD_EVENT_CAP_MS, navBudget) }).catch(() => undefined);
    await waitForQuiet(reqs, v.clock, item.depth === 0 ? QUIET_CAP_HOME_MS : QUIET_CAP_PAGE_MS);
    phase('quiet');
    // The home page is watched HOME_DWELL_MS from the moment it settled, or from the consent
    // choice when a banner was answered (tags fire on that choice): the seconds spent looking for
    // a banner that never came count as watching.
    let dwellFrom = Date.now();
    if (consent) {
      await withTimeout(consent.settle(page, CONSENT_SETTLE_MS), CONSENT_STEP_CAP_MS, 'consent');
      await waitForQuiet(reqs, v.clock, QUIET_CAP_AFTER_CONSENT_MS);
      if (consent.record.banner) dwellFrom = Date.now();
      phase('consent');
    }
    if (onSettled && !record.error) onSettled(await earlyLinks(page, v.site.domain).catch(() => null));
    if (item.depth === 0) await sleep(v.clock.cap(Math.max(0, dwellFrom + HOME_DWELL_MS - Date.now())));
    const vendorSeen = await waitForVendor(page, reqs, v.vendors, v.clock);
    phase('vendor');
    // Lazy iframes (forms, widgets below the fold) load as a person scrolls: make them load now.
    const lazy = await withTimeout(
      page.evaluate(`(() => { let n = 0; for (const f of document.querySelectorAll('iframe[loading="lazy"], img[loading="lazy"]')) { f.loading = 'eager'; n++; } return n; })()`),
      2000,
      'eager frames',
    ).catch(() => 0);
    if (lazy) await waitForQuiet(reqs, v.clock, QUIET_CAP_AFTER_LAZY_MS);
    const widgets = await v.widgets.open(page, vendorSeen);
    phase('widgets');
    const got = await capture(page, { url: item.url, status: record.status, depth: item.depth, path: item.path, pass, headers }, reqs, widgets, v.globals, v.site.domain);
    phase('capture');
    record.snapshot = got.snapshot;
    record.title = got.snapshot.title;
    record.finalUrl = got.snapshot.finalUrl;
    record.links = got.links;
    scriptNav = got.scriptNav;
    // The judge looks for a bot wall first (in its thread: a pathological page never holds this
    // one); a wall is recorded as such (CONTRACT §7) and never judged as the actor's page.
    const judged = await v.judge(got.snapshot, v.site);
    phase('judge');
    const wall = judged.wall;
    if (wall) {
      record.blockedBy = wall.service;
      record.error = `blocked by ${wall.service}`;
      record.links = [];
      scriptNav = [];
      v.log(`${v.actorId} ${pass} wall ${wall.service}: ${wall.evidence.map((e) => `${e.signal}=${e.detail}`).join('; ')}`);
      return { record, page, scriptNav };
    }
    record.findings = judged.findings;
    record.detectorRuns = judged.detectorRuns;
    if (v.opts.screenshots && v.wantsScreenshot(record)) {
      // caret 'initial': Playwright's default hides text carets with a style sheet added to every
      // frame and removed after the shot (two restyles of each frame per screenshot), for a blinking
      // cursor that is no evidence either way.
      record.screenshot = await page.screenshot({ type: 'jpeg', quality: 45, timeout: 5000, caret: 'initial' }).catch(() => null);
    }
  } catch (err) {
    const msg = `${(err as Error).message}`.split('\n')[0];
    record.error = record.error ?? msg;
    // A tab stuck in a script or a dead renderer: drop it and continue in a new one.
    page = await v.tabs.replace(page);
  } finally {
    reqs.detach();
    record.ms = Date.now() - t0;
  }
  v.log(`${v.actorId} ${pass} d${item.depth} ${record.status ?? '—'} ${record.finalUrl}${record.error ? ` (${record.error})` : ''} [${phases.join(' ')}] ${record.findings.map((f) => f.channel).join(',')}`);
  return { record, page, scriptNav };
}

/** The URLs of a navigation's redirect chain, first hop first. */
function redirectChain(last: Request): string[] {
  const urls: string[] = [];
  for (let r: Request | null = last; r; r = r.redirectedFrom()) urls.unshift(r.url());
  return urls;
}
