/**
 * Waiting, bounded and with no fixed sleep on ordinary pages: a page is settled when the network is
 * quiet, long-lived requests ignored (requests.ts); the extra wait for a chat widget happens only
 * where a chat vendor's script was actually requested.
 */
import type { Frame, Page } from 'playwright';
import type { ChatVendor } from '../../detectors/data/chat-vendors.ts';
import { urlMarker } from '../../detectors/lib/chat-cues.ts';
import { sleep, withTimeout, type ActorClock } from './bounds.ts';
import { inPageCall } from './in-page.ts';
import { QUIET_MS, VENDOR_WIDGET_WAIT_MS } from './options.ts';
import type { RequestLog } from './requests.ts';

/** Poll period while waiting: short enough not to add latency, long enough to cost nothing. */
const POLL_MS = 100;
/** One in-page probe is cheap; a page whose main thread is stuck must not hold us longer. */
const PROBE_EVAL_MS = 3000;

/** Network quiet (QUIET_MS with no request that still holds the page), bounded by maxMs and the actor's deadline. */
export async function waitForQuiet(reqs: RequestLog, clock: ActorClock, maxMs: number): Promise<void> {
  const until = Date.now() + clock.cap(maxMs);
  while (Date.now() < until) {
    const now = Date.now();
    if (reqs.pending(now) === 0 && reqs.quietSince(now) > QUIET_MS) return;
    await sleep(POLL_MS);
  }
}

export interface ProbeResult {
  index: number;
  generic: boolean;
}

/** One round trip: the first of `selectors` present (and visible), or a generic floating chat button. */
export async function probe(frame: Frame, args: { selectors: string[]; visible?: boolean; generic?: string; tag?: boolean }): Promise<ProbeResult | null> {
  return (await withTimeout(frame.evaluate(inPageCall('probe', args)), PROBE_EVAL_MS, 'probe').catch(() => null)) as ProbeResult | null;
}

/**
 * Chat vendors whose script the page requested, known by host, path or URL pattern (the same
 * markers the chat detector reads: a vendor served from the customer's own domain, such as
 * Salesforce's <org>.my.site.com/ESW…/bootstrap.min.js, has no vendor host to match).
 */
export function vendorsRequested(reqs: RequestLog, vendors: ChatVendor[]): Set<ChatVendor> {
  const hit = new Set<ChatVendor>();
  for (const r of reqs.records) for (const v of vendors) if (!hit.has(v) && urlMarker(r.url, r.url, v)) hit.add(v);
  return hit;
}

/** A chat vendor's script was requested: wait (bounded) for its widget to show up. Returns whether one was requested. */
export async function waitForVendor(page: Page, reqs: RequestLog, vendors: ChatVendor[], clock: ActorClock): Promise<boolean> {
  const hit = vendorsRequested(reqs, vendors);
  const selectors = [...hit].flatMap((v) => [...v.selectors, ...v.launchers]).filter(Boolean);
  if (!selectors.length) return hit.size > 0;
  const until = Date.now() + clock.cap(VENDOR_WIDGET_WAIT_MS);
  while (Date.now() < until) {
    for (const f of page.frames()) if (await probe(f, { selectors })) return true;
    await sleep(250);
  }
  return true;
}
