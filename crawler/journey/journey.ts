/**
 * One actor's journey through its site, a probe and nothing more (judging is handed in by the
 * caller), in a fresh browser context per consent pass:
 * 1. refuse pass: home page first (cookies refused), then a prioritised crawl of the same site and
 *    its help/contact subdomains within the page budget (pass.ts, links.ts);
 * 2. accept pass, only when a banner was shown: cookies accepted on the home page, then the pages
 *    where accepting can change what is seen (accept-plan.ts). It starts as soon as the refuse
 *    pass's home page showed the banner, so its home page is read while the refuse pass crawls.
 * A watchdog bounds the whole actor: at the deadline the journey stops between steps; a call that
 * hangs past it (context creation, an evaluation, a click) is cut by closing the actor's contexts,
 * and what was seen so far is kept (`partial`).
 */
import type { Browser, BrowserContext } from 'playwright';
import { botWallGlobals } from '../../detectors/data/bot-walls.ts';
import { loadChatVendors } from '../../detectors/data/chat-vendors.ts';
import { detectors as registry } from '../../detectors/index.ts';
import { probedGlobals } from './capture.ts';
import type { ConsentRecord, PageRecord, SiteContext } from '../types.ts';
import { planAcceptPass } from './accept-plan.ts';
import { ActorClock, sleep, withTimeout } from './bounds.ts';
import { registrableDomain } from './links.ts';
import { CONTEXT_CLOSE_MS, DEFAULT_JOURNEY, WATCHDOG_GRACE_MS, type JourneyOptions } from './options.ts';
import { runPass, type PassOutcome } from './pass.ts';
import { RobotsGate } from './robots-gate.ts';
import type { JudgeFn, VisitContext } from './visit.ts';

export { DEFAULT_JOURNEY, type JourneyOptions } from './options.ts';
export type { JudgeFn } from './visit.ts';

export interface JourneyResult {
  status: 'ok' | 'partial' | 'failed';
  error: string | null;
  /** the service that blocked the actor (CONTRACT §7), else null */
  blockedBy: string | null;
  consent: ConsentRecord;
  pages: PageRecord[];
  consentEvents: string[];
}

export interface JourneyHooks {
  judge: JudgeFn;
  log?: (msg: string) => void;
}

const NO_CONSENT: ConsentRecord = { cmp: null, banner: false, rejectButton: false };

export function siteContext(actor: { id: string; name: string; url: string }): SiteContext {
  return { actorId: actor.id, actorName: actor.name, homeUrl: actor.url, domain: registrableDomain(actor.url) ?? new URL(actor.url).hostname };
}

export async function runJourney(
  browser: Browser,
  actor: { id: string; name: string; url: string },
  options: Partial<JourneyOptions>,
  hooks: JourneyHooks,
): Promise<JourneyResult> {
  const opts: JourneyOptions = { ...DEFAULT_JOURNEY, ...options };
  const clock = new ActorClock(opts.actorTimeoutMs);
  const vendors = loadChatVendors();
  const contexts = new Set<BrowserContext>();
  const consentEvents: string[] = [];
  const shotChannels = new Set<string>();
  let consent: ConsentRecord = NO_CONSENT;
  const shared: Omit<VisitContext, 'ctx' | 'widgets' | 'tabs'> = {
    site: siteContext(actor),
    opts,
    clock,
    vendors,
    // the globals detectors declare, and those that mark a bot wall
    globals: [...new Set([...probedGlobals(registry), ...botWallGlobals()])].sort(),
    judge: hooks.judge,
    // Screenshots: the home page, and the first page of each pass where a channel shows up.
    wantsScreenshot: (r) => {
      const fresh = r.findings.filter((f) => !shotChannels.has(`${r.pass}:${f.channel}`));
      for (const f of fresh) shotChannels.add(`${r.pass}:${f.channel}`);
      return r.depth === 0 || fresh.length > 0;
    },
    log: hooks.log ?? (() => undefined),
    actorId: actor.id,
    longLived: new Set(),
  };
  const robots = opts.respectRobots ? new RobotsGate(opts.navTimeoutMs) : null;
  // Each pass keeps its own records, so that the actor's pages come out in the same order (refuse
  // pass, then accept pass) however the two passes overlapped.
  const refusePages: PageRecord[] = [];
  const acceptPages: PageRecord[] = [];
  const allPages = () => [...refusePages, ...acceptPages];
  const home = () => refusePages.find((p) => p.depth === 0);

  const journey = async (): Promise<JourneyResult> => {
    // The accept pass starts as soon as the refuse pass's home page showed a banner, and reads its
    // own home page while the refuse pass crawls (its consent step and home dwell are mostly
    // waiting); it chooses its other pages once the refuse pass is over (accept-plan.ts).
    let accept: Promise<PassOutcome> | null = null;
    let refuseOver!: (o: PassOutcome) => void;
    const refuseOutcome = new Promise<PassOutcome>((resolve) => (refuseOver = resolve));
    const targets = async (acceptHome: PageRecord, acceptConsent: ConsentRecord) => {
      const refuse = await refuseOutcome;
      const h = home();
      if (refuse.error || !h || h.error || !h.snapshot) return [];
      const plan = planAcceptPass(refusePages, h, acceptHome, opts.acceptPages, acceptConsent.banner);
      consentEvents.push(`accept: ${plan.reason}`);
      return plan.items;
    };
    const startAccept = () => runPass({ browser, home: actor.url, pass: 'accept', targets, budget: opts.acceptPages + 1, robots, pages: acceptPages, contexts, shared });
    const onHome = (c: ConsentRecord) => {
      if (c.banner) accept = startAccept();
    };
    const refuse = await runPass({ browser, home: actor.url, pass: 'refuse', targets: null, budget: opts.maxPages, robots, pages: refusePages, contexts, shared, onHome });
    refuseOver(refuse);
    consent = refuse.consent;
    consentEvents.push(...refuse.events);
    const h = home();
    if (!h || h.error || !h.snapshot) {
      // The accept pass may have started before the home page turned out unreadable (a wall seen
      // once judged): it chose no page past its home (targets), and what it saw is not kept.
      if (accept) await accept;
      acceptPages.length = 0;
      return { status: 'failed', error: h?.error ?? refuse.error ?? 'home page not reached', blockedBy: h?.blockedBy ?? null, consent, pages: allPages(), consentEvents };
    }
    let error = refuse.error;
    // A banner first handled on a later page (it came after the home page's consent step): the
    // accept pass runs now, after the refuse pass, as it did before the passes overlapped.
    if (!accept && refuse.consent.banner && !error) accept = startAccept();
    const accepted = accept ? await accept : null;
    if (accepted) {
      consentEvents.push(...accepted.events);
      if (accepted.error && !error) error = `accept pass: ${accepted.error}`;
    }
    const pages = allPages();
    // A wall on a deeper page: what was seen elsewhere is kept, the actor is partial and says where.
    const walled = pages.find((p) => p.blockedBy);
    if (walled) error = [`blocked by ${walled.blockedBy} on ${walled.url}`, error].filter(Boolean).join('; ');
    return { status: error ? 'partial' : 'ok', error, blockedBy: walled?.blockedBy ?? null, consent, pages, consentEvents };
  };

  // The watchdog: past the deadline (and a grace for the journey to stop by itself), close the
  // actor's contexts so that every pending browser call fails, and report what was seen.
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<JourneyResult>((resolve) => {
    timer = setTimeout(async () => {
      clock.expired = true;
      const reason = `actor deadline of ${opts.actorTimeoutMs} ms reached (a browser call hung; the watchdog closed the actor's pages)`;
      await Promise.all([...contexts].map((c) => withTimeout(c.close(), CONTEXT_CLOSE_MS, 'closing the context').catch(() => undefined)));
      await sleep(100);
      const h = home();
      const reached = !!h && !h.error && !!h.snapshot;
      const pages = allPages();
      resolve({ status: reached ? 'partial' : 'failed', error: reason, blockedBy: pages.find((p) => p.blockedBy)?.blockedBy ?? null, consent, pages, consentEvents });
    }, opts.actorTimeoutMs + WATCHDOG_GRACE_MS);
  });
  try {
    return await Promise.race([journey(), watchdog]);
  } finally {
    clearTimeout(timer);
  }
}
