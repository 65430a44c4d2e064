/**
 * Opens a chat launcher the way a person would (once per launcher per pass) and keeps the text
 * that appeared: in a new or changed floating box, or in a frame that became visible. Vendor
 * launchers first (from the chat vendor data), then any visible floating button that talks about
 * chat. Never types into a chat, never submits anything.
 */
import type { Frame, Page } from 'playwright';
import type { ChatVendor } from '../../detectors/data/chat-vendors.ts';
import type { WidgetSnapshot } from '../types.ts';
import { sleep, withTimeout, type ActorClock } from './bounds.ts';
import { evaluateInPage } from './in-page.ts';
import { frameElementInfo } from './capture.ts';
import { LAUNCHER_WAIT_MS, WIDGET_FIRST_LOOK_MS, WIDGET_TEXT_WAIT_MS } from './options.ts';
import { probe, type ProbeResult } from './settle.ts';

/** Wording of a floating button that opens a chat when no vendor launcher is known. */
const GENERIC_LAUNCHER = "\\b(chat|tchat|discuter|assistant|assistante|conversation|une question|besoin d'aide|posez votre question|messenger)\\b";
/** Text of at least this length means the opened widget has said something. */
const WIDGET_SAID_SOMETHING = 20;

interface WidgetText {
  key: string;
  text: string;
  html: string | null;
  frameUrl: string | null;
}

export class WidgetOpener {
  /** launchers already tried in this pass */
  private readonly tried = new Set<string>();
  private readonly launchers: { vendor: string; selector: string }[];

  constructor(vendors: ChatVendor[], private readonly clock: ActorClock) {
    this.launchers = vendors.flatMap((v) => v.launchers.map((selector) => ({ vendor: v.id, selector })));
  }

  async open(page: Page, vendorSeen: boolean): Promise<WidgetSnapshot[]> {
    const selectors = this.launchers.map((l) => l.selector);
    // A chat script was requested but its launcher is not there yet: give it a little longer.
    const until = Date.now() + (vendorSeen ? this.clock.cap(LAUNCHER_WAIT_MS) : 0);
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
      await sleep(300);
    } while (Date.now() < until);
    if (!found || !frame) return [];
    const which = found.generic ? { vendor: null, selector: 'generic floating chat button' } : this.launchers[found.index];
    const key = `${which.vendor ?? 'generic'}:${which.selector}`;
    if (this.tried.has(key)) return [];
    // Taken before the click: the other tab of the pass must not open the same launcher meanwhile.
    this.tried.add(key);
    const before = await widgetTexts(page);
    const target = frame.locator('[data-ct-launcher="1"]').first();
    const ok = await withTimeout(target.click({ timeout: 2000, noWaitAfter: true }), 4000, 'launcher click').then(() => true).catch(() => false);
    // A launcher whose click did not land (covered by a cookie banner still fading out) is tried
    // again on the next page, not given up for the whole pass.
    if (!ok) {
      this.tried.delete(key);
      return [];
    }
    // Wait for the widget to say something (bounded): a panel or frame with new text.
    let fresh: WidgetText[] = [];
    const textBy = Date.now() + this.clock.cap(WIDGET_TEXT_WAIT_MS);
    await sleep(this.clock.cap(WIDGET_FIRST_LOOK_MS));
    while (true) {
      const after = await widgetTexts(page);
      fresh = after.filter((a) => a.text && !before.some((b) => b.key === a.key && b.text === a.text));
      if (fresh.some((f) => f.text.length > WIDGET_SAID_SOMETHING) || Date.now() >= textBy) break;
      await sleep(400);
    }
    await sleep(this.clock.cap(300));
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
}

async function widgetTexts(page: Page): Promise<WidgetText[]> {
  const out: WidgetText[] = [];
  const main = await withTimeout(evaluateInPage<{ key: string; text: string; html: string }[]>(page, 'widget-text', {}), 4000, 'widget text').catch(() => []);
  out.push(...main.map((m) => ({ ...m, frameUrl: null })));
  const frames = page.frames();
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (f === page.mainFrame()) continue;
    const visible = await withTimeout(frameElementInfo(f, 20, false), 2000, 'frame visibility').then((i) => i.visible, () => false);
    if (!visible) continue;
    const body = await withTimeout(evaluateInPage<{ key: string; text: string; html: string }[]>(f, 'widget-text', { wholeBody: true }), 3000, 'frame text').catch(() => []);
    out.push(...body.map((b) => ({ key: `frame:${i}:${f.name()}:${f.url()}`, text: b.text, html: b.html, frameUrl: f.url() })));
  }
  return out;
}

