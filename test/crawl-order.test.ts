/**
 * The journey in a real browser on a generated site built like a bank's: a mega-menu of 90 decoy
 * links, the contact page at depth 3 (Accueil → Particuliers → Aide → Nous contacter), a help
 * button that navigates by script (no href), within a small page budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { runJourney } from '../crawler/journey/journey.ts';
import { rollupChannels } from '../crawler/judge/rollup.ts';
import { judgeInline } from './helpers/judge.ts';
import { startTempSite, type TempSite } from './helpers/temp-site.ts';

const HOST = 'www.banque-decoy.fr';
let site: TempSite;
let browser: Browser;

function page(title: string, body: string): string {
  const menu = Array.from({ length: 90 }, (_, i) => `<li><a href="/produits/offre-${i}">Offre épargne ${i}</a></li>`).join('');
  return `<!doctype html><html lang="fr"><head><title>${title}</title></head><body>
<header><nav><ul class="mega" style="display:none">${menu}</ul><a href="/particuliers">Particuliers</a> <a href="/professionnels">Professionnels</a></nav></header>
<main>${body}</main><footer><a href="/mentions-legales">Mentions légales</a> <a href="/plan-du-site">Plan du site</a></footer></body></html>`;
}

beforeAll(async () => {
  const offers = Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`produits/offre-${i}.html`, page(`Offre ${i}`, `<p>Offre ${i}</p>`)]));
  site = await startTempSite(HOST, {
    'index.html': page('Accueil', '<h1>Banque Decoy</h1>'),
    ...offers,
    'professionnels.html': page('Pros', '<p>Pros</p>'),
    'mentions-legales.html': page('Mentions', '<p>RCS Paris 552 120 222 — capital 1 234 567 890 €</p>'),
    'plan-du-site.html': page('Plan', '<p>Plan</p>'),
    'particuliers.html': page('Particuliers', `<button type="button" onclick="location.href='/aide'">Besoin d'aide ?</button>`),
    'aide.html': page('Aide', '<h1>Aide</h1><a href="/nous-contacter">Nous contacter</a>'),
    'nous-contacter.html': page('Contact', '<p>Service client : <span>09</span> <span>69 32</span> 15 15, du lundi au vendredi de 8h à 20h.</p>'),
  });
  browser = site.browser;
});
afterAll(async () => {
  await site?.close();
});

describe('journey crawl order', () => {
  it('reaches the contact page at depth 3 through a script button, within 6 pages', async () => {
    const actor = { id: 'decoy', name: 'Banque Decoy', url: `https://${HOST}/` };
    const r = await runJourney(browser, actor, { maxPages: 6, screenshots: false, blockPrivateNetwork: false }, { judge: judgeInline });
    expect(r.status).toBe('ok');
    expect(r.pages.filter((p) => p.pass === 'refuse').length).toBeLessThanOrEqual(6);
    const channels = rollupChannels(r.pages, actor.url);
    expect(channels.phone).toMatchObject({
      present: true,
      clicks: 3,
      url: `https://${HOST}/nous-contacter`,
      numbers: [{ number: '+33969321515', kind: 'nongeographic' }],
      hours: 'Mo-Fr 08:00-20:00',
      path: ['Accueil', 'Particuliers', "Besoin d'aide ?", 'Nous contacter'],
    });
    // the decoy legal page's RCS and capital are not numbers
    expect(channels.phone.numbers).toHaveLength(1);
    expect(r.consent).toEqual({ cmp: null, banner: false, rejectButton: false });
    // no decoy product page was visited before the contact page
    const order = r.pages.map((p) => new URL(p.finalUrl).pathname);
    expect(order.indexOf('/nous-contacter')).toBeGreaterThan(0);
    expect(order.slice(0, order.indexOf('/nous-contacter')).some((p) => p.startsWith('/produits/'))).toBe(false);
  });
});

describe('script buttons on a slow server', () => {
  let slow: TempSite;
  const SLOW = 'www.banque-lente.fr';
  beforeAll(async () => {
    slow = await startTempSite(SLOW, {
      'index.html': page('Accueil', `<button type="button" onclick="location.href='/aide'">Besoin d'aide ?</button> <button type="button" onclick="this.textContent='Merci'">Contactez-nous</button>`),
      'aide.html': page('Aide', '<p>Service client : 09 69 32 15 15</p>'),
      // the help page answers after 4 s: longer than a script button's navigation may take to start
      '_routes.json': JSON.stringify({ '/aide': { delayMs: 4000 } }),
    });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it("a button's target is known once the browser asks for it, not once the slow page answers; a button that goes nowhere is no link", { timeout: 60_000 }, async () => {
    const actor = { id: 'lente', name: 'Banque Lente', url: `https://${SLOW}/` };
    const r = await runJourney(slow.browser, actor, { maxPages: 4, screenshots: false, blockPrivateNetwork: false }, { judge: judgeInline });
    expect(r.status).toBe('ok');
    const home = r.pages.find((p) => p.depth === 0)!;
    expect(home.links.filter((l) => l.kind === 'script')).toEqual([{ url: `https://${SLOW}/aide`, label: "Besoin d'aide ?", kind: 'script', score: expect.any(Number) }]);
    expect(rollupChannels(r.pages, actor.url).phone).toMatchObject({ present: true, clicks: 1, url: `https://${SLOW}/aide`, path: ['Accueil', "Besoin d'aide ?"] });
  });
});
