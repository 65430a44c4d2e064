/**
 * The consent step of a journey: find the cookie banner, record { cmp, banner, rejectButton },
 * then refuse (first pass) or accept (second pass) the way a person would.
 *
 * DuckDuckGo's autoconsent (MPL-2.0, ~800 maintained CMP rules) is injected into every frame of
 * the context, each frame given only the rules that can run there (autoconsent-rules.ts), and
 * runs with autoAction null: when it reports a visible popup we first look at the banner's first
 * layer ourselves (in-page/consent.js: is there a one-click refusal?), then tell it
 * to opt out or in. When autoconsent finds nothing it can act on, the text-based fallback in
 * in-page/consent.js clicks "Tout refuser" / "Continuer sans accepter" (or goes through
 * "Paramétrer" to refuse) and "Tout accepter".
 *
 * Once the pass's banner has been handled, the choice is stored by the platform for the whole site,
 * so autoconsent is told to stay idle (`enabled: false`, no rules) on the pass's later pages of the
 * same registrable domain: running ~800 rules with retries in every frame of every page cost about
 * a third of the browser's CPU per page. On another domain (a help platform with its own banner),
 * or while no banner has been seen yet, it keeps running as on the first page.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from 'playwright';
import type { Config as AutoconsentConfig } from '@duckduckgo/autoconsent';
import { AC_DIR, rulesFor } from './autoconsent-rules.ts';
import { CONSENT_CLICK_AGAIN_MS, CONSENT_CLICKS_MAX } from './options.ts';
import { inPageCall } from './in-page.ts';
import { CONSENT_PLATFORMS, platformFromAutoconsent } from '../../detectors/data/consent-platforms.ts';
import type { ConsentPass, ConsentRecord } from '../types.ts';
import { registrableDomain } from '../../detectors/lib/url.ts';

const AC_BUNDLE = readFileSync(`${AC_DIR}dist/autoconsent.playwright.js`, 'utf8');
/** The binding autoconsent's messages cross to Node by (the page-side `autoconsentSendMessage` wraps it). */
const AC_BINDING = '__contactabilityAutoconsent';
/**
 * Runs before autoconsent's bundle, which takes `window.autoconsentSendMessage` when it starts.
 * - Its "report" messages (a copy of its state on every change, for a debugging panel) stay in the
 *   page: nothing here reads them, and each crossed the protocol twice (the call, then its answer),
 *   about half of all autoconsent traffic (801 of 1,510 messages in a 16-actor scan).
 * - A top frame that holds no web page yet (a new tab's about:blank) is told to stay idle right
 *   there, as Node would tell it (rulesFor gives it no rules): one init per tab, three protocol
 *   messages each, saved.
 */
const AC_SEND = `window.autoconsentSendMessage = (m) => {
  if (m && m.type === 'report') return Promise.resolve();
  if (m && m.type === 'init' && window.top === window && !/^https?:/i.test(location.href)) {
    Promise.resolve().then(() => window.autoconsentReceiveMessage({ type: 'initResp', config: { enabled: false }, rules: {} }));
    return Promise.resolve();
  }
  return window.${AC_BINDING}(m);
};`;
const PLATFORM_DATA = CONSENT_PLATFORMS.map(({ id, selectors, globals, scripts, containers, rejectButtons, acceptButtons }) => ({ id, selectors, globals, scripts, containers, rejectButtons, acceptButtons }));

interface InspectResult {
  banner: boolean;
  cmp: string | null;
  rejectButton: boolean;
  acceptButton: boolean;
  settingsButton: boolean;
  clicked: string | null;
  needsSecondLayer?: boolean;
}

export async function inspectBanner(frame: Frame | Page, action: 'inspect' | 'accept' | 'reject' | 'reject-second-layer'): Promise<InspectResult | null> {
  try {
    return (await frame.evaluate(inPageCall('consent', { action, platforms: PLATFORM_DATA }))) as InspectResult;
  } catch {
    return null;
  }
}

/**
 * The consent platform to record: the one autoconsent's rule named (it matched the platform's own
 * markup), else the one the page's DOM, globals or scripts name, else what was recorded before.
 * Pure; exported for tests.
 */
export function pickCmp(fromAutoconsent: string | null, fromPage: string | null, before: string | null): string | null {
  return fromAutoconsent ?? fromPage ?? before;
}

/**
 * While `shown()` says the banner is still up, `click()` it again, CONSENT_CLICK_AGAIN_MS apart, at
 * most CONSENT_CLICKS_MAX times. Returns the clicks made. Exported for tests.
 */
export async function clickWhileShown(shown: () => Promise<boolean>, click: () => Promise<void>, wait: (ms: number) => Promise<void>): Promise<number> {
  let clicks = 0;
  for (let i = 0; i < CONSENT_CLICKS_MAX; i++) {
    if (i) await wait(CONSENT_CLICK_AGAIN_MS);
    if (!(await shown())) break;
    await click();
    clicks++;
  }
  return clicks;
}

type AcMessage = { type: string; cmp?: string; result?: boolean; url?: string; isCosmetic?: boolean };

/** Drives autoconsent for one browser context (one consent pass of one actor). */
export class ConsentSession {
  readonly record: ConsentRecord = { cmp: null, banner: false, rejectButton: false };
  /** what happened, for evidence and logs */
  readonly events: string[] = [];
  private acted = false;
  private settled = false;
  private detected = false;
  private acting: Promise<void> | null = null;
  /** the platform autoconsent's rules named, if any: it wins over the page's own markers */
  private acCmp: string | null = null;
  /** the registrable domain whose banner this pass handled (autoconsent stays idle there afterwards) */
  private handledSite: string | null = null;
  /** frames that got autoconsent's rules, frames told to stay idle on a handled site (tests) */
  readonly inits = { rules: 0, idle: 0 };
  /** autoconsent's messages that reached Node, by type (tests: "report" and "eval" stay in the page) */
  readonly received: Record<string, number> = {};

  constructor(private readonly pass: ConsentPass) {}

  async attach(ctx: BrowserContext): Promise<void> {
    await ctx.exposeBinding(AC_BINDING, async ({ frame }, msg: AcMessage) => {
      try {
        await this.onMessage(frame, msg);
      } catch {
        /* frame detached: ignore */
      }
    });
    await ctx.addInitScript({ content: `${AC_SEND}\n${AC_BUNDLE}` });
  }

  private async onMessage(frame: Frame, msg: AcMessage): Promise<void> {
    this.received[msg.type] = (this.received[msg.type] ?? 0) + 1;
    switch (msg.type) {
      case 'init': {
        const idle = !!this.handledSite && registrableDomain(frame.page().mainFrame().url()) === this.handledSite;
        // only the rules autoconsent would run in this frame (autoconsent-rules.ts); none in a new tab's about:blank
        const rulesJson = idle ? null : rulesFor(frame.url(), !frame.parentFrame(), this.pass);
        if (!rulesJson) {
          if (idle) this.inits.idle++;
          await frame.evaluate(`autoconsentReceiveMessage({ type: "initResp", config: ${JSON.stringify({ enabled: false })}, rules: {} })`);
          break;
        }
        this.inits.rules++;
        const config: Partial<AutoconsentConfig> = {
          enabled: true,
          autoAction: null,
          disabledCmps: [],
          enablePrehide: false,
          enableCosmeticRules: true,
          enableGeneratedRules: true,
          // Heuristic detection reads the whole document's innerText (a forced layout) on every
          // detection attempt, only to report text patterns that nothing here reads, and the
          // heuristic rule itself is off: about 25 ms of CPU per home page of the bench corpus
          // (median of 4 × 16 pages), more on real pages.
          enableHeuristicDetection: false,
          heuristicMode: 'off',
          detectRetries: 20,
          // The bundle is an init script, so it runs in the page's main world: a rule's snippet
          // (`typeof cmpData === "object"`…) is called right there. With `false`, each one went to
          // Node as an "eval" message and came back as two evaluations (439 in a 16-actor scan).
          isMainWorld: true,
          prehideTimeout: 2000,
          // Every key set: autoconsent logs a key that is left out (undefined → its default `true`),
          // and "Running rule…" for each of ~800 detection steps in every frame cost about a tenth of
          // the crawler's CPU (each console call crosses the protocol and becomes handles in Node).
          logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
        };
        await frame.evaluate(`autoconsentReceiveMessage({ type: "initResp", config: ${JSON.stringify(config)}, rules: ${rulesJson} })`);
        break;
      }
      case 'cmpDetected':
        this.detected = true;
        this.events.push(`autoconsent detected ${msg.cmp}`);
        // autoconsent's rule names the platform by its own markup: that wins over page globals
        this.acCmp = platformFromAutoconsent(msg.cmp) ?? this.acCmp;
        this.record.cmp = this.acCmp ?? this.record.cmp;
        break;
      case 'popupFound': {
        this.events.push(`autoconsent popup ${msg.cmp}`);
        if (this.acted) break;
        this.acted = true;
        this.acting = this.actOnPopup(frame, msg.cmp ?? null);
        break;
      }
      case 'optOutResult':
      case 'optInResult':
        this.events.push(`autoconsent ${msg.type} ${msg.result}`);
        break;
      case 'autoconsentDone':
        this.events.push(`autoconsent done ${msg.cmp}`);
        this.settled = true;
        break;
      default:
        break;
    }
  }

  private async actOnPopup(frame: Frame, acName: string | null): Promise<void> {
    // Read the first layer before acting. Retried: the evaluation can fail while the page is still
    // settling (busy renderer, navigation), buttons may render a moment after their container, and
    // autoconsent may report the popup from a child frame while the banner is in the page itself.
    let seen: InspectResult | null = null;
    for (let attempt = 0; attempt < 4; attempt++) {
      const here = await inspectBanner(frame, 'inspect');
      const main = here?.banner || !frame.parentFrame() ? here : await inspectBanner(frame.page().mainFrame(), 'inspect');
      if (main) seen = main;
      if (seen?.banner && seen.rejectButton) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    this.record.banner = true;
    this.record.cmp = pickCmp(platformFromAutoconsent(acName) ?? this.acCmp, seen?.cmp ?? null, this.record.cmp);
    this.record.rejectButton = seen?.rejectButton ?? false;
    const type = this.pass === 'refuse' ? 'optOut' : 'optIn';
    await frame.evaluate(`autoconsentReceiveMessage({ type: "${type}" })`).catch(() => undefined);
  }

  /**
   * Waits until the banner has been handled, or until `timeoutMs` shows there is none that
   * autoconsent can handle; then tries the text-based fallback on the page. Call on the first
   * page of the pass (later pages carry the stored choice).
   */
  async settle(page: Page, timeoutMs: number): Promise<void> {
    await this.step(page, timeoutMs);
    if (this.record.banner) this.handledSite = registrableDomain(page.url());
  }

  private async step(page: Page, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // No platform recognised after 2 s: autoconsent will not act; look for a banner by its text.
    const undetectedBy = Date.now() + Math.min(2000, timeoutMs);
    while (Date.now() < deadline && !this.settled) {
      if (!this.detected && !this.acting && Date.now() > undetectedBy) break;
      if (this.acting) {
        await this.acting;
        // give the click time to land; autoconsentDone usually follows within a second
        const until = Math.min(deadline, Date.now() + 3000);
        while (Date.now() < until && !this.settled) await page.waitForTimeout(100);
        break;
      }
      await page.waitForTimeout(150);
    }
    if (this.acted) {
      // autoconsent may have failed to click (rule mismatch), or clicked before the page's own
      // script wired its buttons (tarteaucitron.js wires them 500 ms after showing its banner):
      // while the banner is up, click it by its text, a moment apart.
      await clickWhileShown(
        async () => !!(await inspectBanner(page, 'inspect'))?.banner,
        () => this.fallback(page, true),
        (ms) => page.waitForTimeout(ms),
      );
      return;
    }
    await this.fallback(page, false);
  }

  private async fallback(page: Page, already: boolean): Promise<void> {
    const frames = [page.mainFrame(), ...page.frames().filter((f) => f !== page.mainFrame())];
    for (const frame of frames) {
      const seen = await inspectBanner(frame, 'inspect');
      if (!seen?.banner) continue;
      if (!already) {
        this.record.banner = true;
        this.record.cmp = pickCmp(this.acCmp, seen.cmp, this.record.cmp);
        this.record.rejectButton = seen.rejectButton;
      }
      // The first layer is still up (autoconsent's click has not landed): a refusal button that
      // rendered after the first read is the first layer's all the same (slow pages).
      else if (seen.rejectButton) this.record.rejectButton = true;
      const res = await inspectBanner(frame, this.pass === 'refuse' ? 'reject' : 'accept');
      this.events.push(`fallback clicked ${res?.clicked ?? 'nothing'}`);
      if (res?.needsSecondLayer) {
        await page.waitForTimeout(600);
        const second = await inspectBanner(frame, 'reject-second-layer');
        this.events.push(`fallback second layer clicked ${second?.clicked ?? 'nothing'}`);
      }
      // nothing clicked: leave it to autoconsent should its rule report the popup late
      if (res?.clicked) this.acted = true;
      return;
    }
    // No visible banner; still name a CMP whose script is present (banner suppressed or absent).
    if (!already && !this.record.cmp) {
      // (autoconsent named nothing, else record.cmp would be set)
      const seen = await inspectBanner(page, 'inspect');
      if (seen?.cmp) this.record.cmp = seen.cmp;
    }
  }
}
