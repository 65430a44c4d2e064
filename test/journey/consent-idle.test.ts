/**
 * autoconsent after the banner (crawler/journey/consent.ts): it gets its rules on the pages of a pass
 * until the banner is handled, then stays idle on the later pages of the same site (the choice is
 * stored site-wide), and gets its rules again on another site (a help platform with its own banner).
 * Real tarteaucitron.js from npm (fixtures/real-cmp), real Chromium.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../crawler/journey/browser.ts';
import { ConsentSession } from '../../crawler/journey/consent.ts';
import { startFixtureServer, type FixtureServer } from '../../crawler/serve/fixture-server.ts';

const SITES = join(import.meta.dirname, '..', '..', 'fixtures', 'real-cmp', 'sites');
let server: FixtureServer;
let browser: Browser;

beforeAll(async () => {
  server = await startFixtureServer(SITES);
  browser = await launchBrowser({ fixtures: server });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('autoconsent once the banner is handled', { timeout: 120_000 }, () => {
  it('is idle on the same site’s later pages, armed again on another site', async () => {
    const ctx = await browser.newContext({ locale: 'fr-FR' });
    try {
      const session = new ConsentSession('refuse');
      await session.attach(ctx);
      const page = await ctx.newPage();
      // a new tab's about:blank is told to stay idle in the page: nothing reaches Node
      await page.waitForFunction(() => typeof (window as unknown as { autoconsentReceiveMessage?: unknown }).autoconsentReceiveMessage === 'function');
      await page.waitForTimeout(200);
      expect(session.received).toEqual({});
      await page.goto('https://www.mutuelle-exemple.fr/', { waitUntil: 'load' });
      const banner = page.locator('#tarteaucitronAlertBig');
      await banner.waitFor({ state: 'visible' });
      await session.settle(page, 5000);
      expect(session.record).toEqual({ cmp: 'tarteaucitron', banner: true, rejectButton: true });
      const afterHome = { ...session.inits };
      expect(afterHome.rules).toBeGreaterThan(0);
      expect(afterHome.idle).toBe(0);
      // its state reports stay in the page, and its rules' snippets run there (no "eval" round trip)
      expect(session.received.init).toBeGreaterThan(0);
      expect(session.received.popupFound).toBe(1);
      expect(session.received.report).toBeUndefined();
      expect(session.received.eval).toBeUndefined();

      await page.goto('https://www.mutuelle-exemple.fr/contact', { waitUntil: 'load' });
      await expect.poll(() => session.inits.idle).toBeGreaterThan(0);
      expect(session.inits.rules).toBe(afterHome.rules);
      // the refusal holds on the later page: no banner comes back
      await page.waitForTimeout(1000);
      expect(await banner.isVisible()).toBe(false);

      await page.goto('https://www.voyages-exemple.fr/', { waitUntil: 'load' });
      await expect.poll(() => session.inits.rules).toBeGreaterThan(afterHome.rules);
    } finally {
      await ctx.close();
    }
  });
});
