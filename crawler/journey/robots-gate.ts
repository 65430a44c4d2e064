/**
 * robots.txt for one actor: each origin's file fetched once, through the browser (so offline
 * fixtures and the private-network block apply to it too), and every page checked against it
 * (rules in robots.ts). A missing or unreachable robots.txt allows everything, as RFC 9309 says
 * for 4xx.
 */
import type { Page } from 'playwright';
import { isAllowed, parseRobots, type RobotsRules } from './robots.ts';

/** A robots.txt that does not answer in this long is treated as absent. */
const ROBOTS_FETCH_MS = 8000;

export class RobotsGate {
  private readonly rules = new Map<string, RobotsRules>();
  /** pages left out because robots.txt disallows them */
  readonly skipped: string[] = [];

  constructor(private readonly navTimeoutMs: number) {}

  async allows(page: Page, url: string): Promise<boolean> {
    const origin = new URL(url).origin;
    let rules = this.rules.get(origin);
    if (!rules) {
      let text = '';
      try {
        const res = await page.goto(`${origin}/robots.txt`, { waitUntil: 'domcontentloaded', timeout: Math.min(ROBOTS_FETCH_MS, this.navTimeoutMs) });
        if (res && res.ok() && /text\/plain/i.test(res.headers()['content-type'] ?? 'text/plain')) text = await res.text();
      } catch {
        /* no robots.txt, or unreachable: everything allowed */
      }
      rules = parseRobots(text);
      this.rules.set(origin, rules);
    }
    const ok = isAllowed(rules, url);
    if (!ok) this.skipped.push(url);
    return ok;
  }
}
