/**
 * The actor watchdog (crawler/journey/journey.ts): whatever call hangs, the actor ends at its
 * deadline (plus the watchdog's grace) with what was seen so far. Here the hanging call is the judge
 * of the second page, a promise that never settles: without the watchdog the journey never returns.
 */
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJourney } from '../../crawler/journey/journey.ts';
import { WATCHDOG_GRACE_MS } from '../../crawler/journey/options.ts';
import { judgeInline } from '../helpers/judge.ts';
import { startTempSite, type TempSite } from '../helpers/temp-site.ts';
import type { PageSnapshot, SiteContext } from '../../crawler/types.ts';

const HOST = 'www.banque-lente.fr';
let site: TempSite;
let browser: Browser;

beforeAll(async () => {
  site = await startTempSite(HOST, {
    'index.html': '<!doctype html><title>Banque</title><p>Service client : <a href="tel:+33478901234">04 78 90 12 34</a></p><a href="/nous-contacter">Nous contacter</a>',
    'nous-contacter.html': '<!doctype html><title>Contact</title><p>Écrivez-nous : <a href="mailto:contact@banque-lente.fr">contact@banque-lente.fr</a></p>',
  });
  browser = site.browser;
});
afterAll(async () => {
  await site?.close();
});

describe('actor watchdog', () => {
  it('ends the actor at its deadline when a call hangs, keeping what was seen', async () => {
    // long enough for the home page to be read first, even on a loaded machine
    const deadline = 15_000;
    const judge = (s: PageSnapshot, site: SiteContext) => {
      if (s.depth > 0) return new Promise<never>(() => undefined); // hangs forever
      return judgeInline(s, site);
    };
    const t0 = Date.now();
    const r = await runJourney(browser, { id: 'lente', name: 'Banque lente', url: `https://${HOST}/` }, { actorTimeoutMs: deadline, screenshots: false, blockPrivateNetwork: false, respectRobots: false }, { judge });
    const took = Date.now() - t0;
    // the journey was stuck in the hung call: only the watchdog, at deadline + grace, ended it
    expect(took).toBeGreaterThanOrEqual(deadline + WATCHDOG_GRACE_MS);
    expect(took).toBeLessThan(deadline + WATCHDOG_GRACE_MS + 15_000);
    expect(r.status).toBe('partial');
    expect(r.error).toBe(`actor deadline of ${deadline} ms reached (a browser call hung; the watchdog closed the actor's pages)`);
    const home = r.pages.find((p) => p.depth === 0)!;
    expect(home.findings.map((f) => f.channel)).toEqual(['phone']);
  });
});
