/**
 * In-page results cross as one JSON string (crawler/journey/in-page.ts evaluateInPage): the same
 * data as Playwright's own object transfer, and the same again on a page that gave arrays a
 * `toJSON` (as old Prototype.js does), where JSON.stringify would garble it. Real Chromium.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../crawler/journey/browser.ts';
import { evaluateInPage, inPageCall } from '../../crawler/journey/in-page.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const HTML = `<title>Aide</title><nav><a href="https://www.exemple.fr/contact">Nous contacter</a></nav>
  <main><p>Service client</p><a href="https://www.exemple.fr/faq">Questions fréquentes</a><button>Être rappelé</button></main>`;

async function withPage(html: string, fn: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    await fn(page);
  } finally {
    await page.close();
  }
}

describe('in-page results as JSON', { timeout: 60_000 }, () => {
  it('gives what the object transfer gives', async () => {
    await withPage(HTML, async (page) => {
      const args = { globals: ['dataLayer'] };
      const viaObject = await page.evaluate(inPageCall('snapshot', args));
      const viaJson = await evaluateInPage<{ links: { href: string; text: string }[]; title: string }>(page, 'snapshot', args);
      expect(viaJson).toEqual(viaObject);
      expect(viaJson.title).toBe('Aide');
      expect(viaJson.links.map((l) => [l.href, l.text])).toEqual([
        ['https://www.exemple.fr/contact', 'Nous contacter'],
        ['https://www.exemple.fr/faq', 'Questions fréquentes'],
      ]);
    });
  });

  it('falls back to the object transfer where the page gave arrays a toJSON', async () => {
    const prototypeJs = `<script>Array.prototype.toJSON = function () { return JSON.stringify(this.slice()); };</script>`;
    await withPage(prototypeJs + HTML, async (page) => {
      const got = await evaluateInPage<{ links: { href: string }[] }>(page, 'snapshot', { linksOnly: true });
      expect(Array.isArray(got.links)).toBe(true);
      expect(got.links.map((l) => l.href)).toEqual(['https://www.exemple.fr/contact', 'https://www.exemple.fr/faq']);
    });
  });
});
