/**
 * The HTML report as a reader sees it: rendered in Chromium (network off), then checked on the
 * page itself: rows, headers, cookie-gated cells, images, escaped snippets, links. A full-page
 * screenshot goes to /tmp/report.png for a human look.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright';
import { matrixToHtml } from '../../crawler/report/format-html.ts';
import { CHANNEL_LABELS_FR } from '../../crawler/report/common.ts';
import { CHANNELS } from '../../crawler/types.ts';
import { SAMPLE_MATRIX, SCREENSHOT_URL, SCRIPT_SNIPPET } from './sample-matrix.ts';

const EXECUTABLE = '/usr/lib/chromium/chromium';

let browser: Browser;
let page: Page;
let html: string;
const outsideRequests: string[] = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: EXECUTABLE, args: ['--host-resolver-rules=MAP * ~NOTFOUND'] });

  // a real PNG, made the way the crawler makes its screenshots
  const shotPage = await browser.newPage({ viewport: { width: 480, height: 160 } });
  await shotPage.setContent(
    '<body style="margin:0"><div style="width:480px;height:160px;background:#0b6e4f;color:#fff;font:28px sans-serif;display:flex;align-items:center;justify-content:center">Service client 01 42 00 00 00</div></body>',
  );
  const png = await shotPage.screenshot({ type: 'png' });
  await shotPage.close();
  const dataUri = `data:image/png;base64,${png.toString('base64')}`;

  html = matrixToHtml(SAMPLE_MATRIX, { screenshots: { [SCREENSHOT_URL]: dataUri } });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && r.url() !== 'about:blank') outsideRequests.push(r.url());
  });
  await page.setContent(html, { waitUntil: 'load' });
  await page.screenshot({ path: '/tmp/report.png', fullPage: true });
});

afterAll(async () => {
  await browser?.close();
});

const scanned = SAMPLE_MATRIX.actors.filter((a) => a.status !== 'failed');

describe('matrixToHtml rendered in Chromium', () => {
  it('loads nothing from outside the document', () => {
    expect(outsideRequests).toEqual([]);
    expect(html).not.toMatch(/<link\b|@import|src="https?:/i);
  });

  it('shows the header: edition, run id, dates, actor counts', async () => {
    const header = await page.locator('header').innerText();
    expect(header).toContain('Édition 2025');
    expect(header).toContain('run-2025-03-14-a1b2');
    expect(header).toContain('14/03/2025 09:00 UTC');
    expect(header).toContain('14/03/2025 09:42 UTC');
    expect(header).toContain('4 analysés');
    expect(header).toContain('1 partiel');
    expect(header).toContain('1 en échec');
  });

  it('has one synthesis table per sector with every actor row and every channel header', async () => {
    expect(await page.locator('table.matrix').count()).toBe(3);
    const sectors = await page.locator('table.matrix').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-sector')));
    expect(sectors).toEqual(['banque', 'énergie', 'transports']);

    const rows = await page.locator('table.matrix tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-actor'), name: (tr.querySelector('th') as HTMLElement).innerText })),
    );
    expect(rows.map((r) => r.id)).toEqual(SAMPLE_MATRIX.actors.map((a) => a.id));
    for (const a of SAMPLE_MATRIX.actors) expect(rows.find((r) => r.id === a.id)!.name).toContain(a.name);

    for (const table of await page.locator('table.matrix').all()) {
      const heads = await table.locator('thead th[data-channel]').allInnerTexts();
      expect(heads).toEqual(CHANNELS.map((k) => CHANNEL_LABELS_FR[k]));
      await expect(table.isVisible()).resolves.toBe(true);
    }
  });

  it('marks exactly the cookie-gated and customer-only cells of the fixture', async () => {
    const cookies = scanned.flatMap((a) => CHANNELS.filter((k) => a.channels[k].present && a.channels[k].consentGated));
    const login = scanned.flatMap((a) => CHANNELS.filter((k) => a.channels[k].present && a.channels[k].loginGated));
    expect(cookies.length).toBe(6);
    expect(login.length).toBe(4);
    expect(await page.locator('table.matrix td.cookies').count()).toBe(cookies.length);
    expect(await page.locator('table.matrix td.customers').count()).toBe(login.length);
    // visible as words too, not by colour alone
    const cookieTexts = await page.locator('table.matrix td.cookies .mark').allInnerTexts();
    for (const t of cookieTexts) expect(t).toContain('cookies');
    // the cookie-gated cells are visibly different from the open ones
    const bg = async (sel: string) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await bg('table.matrix td.cookies:not(.customers)')).not.toBe(await bg('table.matrix td.open'));
    expect(await bg('table.matrix td.customers:not(.cookies)')).not.toBe(await bg('table.matrix td.open'));
  });

  it('shows the clicks and gating of specific cells', async () => {
    const cell = (actor: string, ch: string) => page.locator(`table.matrix tr[data-actor="${actor}"] td[data-channel="${ch}"]`);
    expect(await cell('banque-horizon', 'livechat').innerText()).toMatch(/✓ clients\s+2\s+clics/);
    expect(await cell('banque-horizon', 'chatbot').innerText()).toMatch(/✓ cookies\s+0\s+clic/);
    expect(await cell('rail-express', 'livechat').innerText()).toMatch(/✓ tous\s+3\s+clics/);
    expect(await cell('banque-horizon', 'form').innerText()).toBe('—');
    expect(await page.locator('tr[data-actor="bus-metropole"] td.failed').innerText()).toContain(
      'Analyse en échec : net::ERR_NAME_NOT_RESOLVED',
    );
    expect(await page.locator('table.matrix tr[data-actor="rail-express"] .status.partial').innerText()).toBe('partiel');
  });

  it('gives sector and panel percentages', async () => {
    // synthesis footer, banque: livechat present at 1 of 2
    const banqueFoot = page.locator('table.matrix[data-sector="banque"] tfoot td[data-channel="livechat"]');
    expect((await banqueFoot.innerText()).replace(/\s+/g, ' ')).toBe('50 % 1/2');
    // rates table: forum panel 2 of 5 scanned; transports chatbot 1 of 1
    const forumPanel = page.locator('table.rates tr[data-channel="forum"] td.rate.panel');
    expect((await forumPanel.innerText()).replace(/\s+/g, ' ')).toBe('40 % 2/5');
    const chatbotRow = await page.locator('table.rates tr[data-channel="chatbot"] td.rate').allInnerTexts();
    expect(chatbotRow.map((t) => t.replace(/\s+/g, ' '))).toEqual([
      '100 % 2/2 · dont 2 cookies',
      '50 % 1/2',
      '100 % 1/1',
      '80 % 4/5 · dont 2 cookies',
    ]);
  });

  it('fills the per-channel comparison tables', async () => {
    const ids = await page.locator('section.comparison').evaluateAll((s) => s.map((x) => x.id));
    expect(ids).toEqual(['cmp-faq', 'cmp-chat', 'cmp-phone', 'cmp-form', 'cmp-email', 'cmp-social', 'cmp-secure', 'cmp-app']);
    // no empty cell anywhere in the tables a reader compares
    const empty = await page.locator('table.compare td, table.matrix td, table.rates td').evaluateAll((tds) =>
      tds.filter((td) => !(td as HTMLElement).innerText.trim()).length,
    );
    expect(empty).toBe(0);

    const phone = page.locator('table.compare[data-comparison="cmp-phone"][data-sector="banque"]');
    const row = async (label: string) =>
      (await phone.locator('tbody tr', { has: page.locator(`th:text-is("${label}")`) }).locator('td').allInnerTexts()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
    expect(await row('Créneaux horaires')).toEqual(['Lun-Ven 8h-20h, Sam 9h-17h30', 'Lun-Ven 9h-19h']);
    expect(await row('Rappel téléphonique')).toEqual(['✓', '✗']);
    expect(await row('Service sourds et malentendants')).toEqual(['✓', '✗']);
    expect(await row('Numéros (type)')).toEqual([
      '01 42 00 00 00 (géographique · Service client) 08 00 12 34 56 (gratuit)',
      '09 70 80 90 90 (non géographique)',
    ]);

    const faq = page.locator('table.compare[data-comparison="cmp-faq"][data-sector="énergie"]');
    const q = await faq.locator('tbody tr', { has: page.locator('th:text-is("Questions recensées (estimation)")') }).locator('td').allInnerTexts();
    expect(q).toEqual(['40', '150']);

    const chat = page.locator('table.compare[data-comparison="cmp-chat"][data-sector="transports"]');
    const vendor = await chat.locator('tbody tr', { has: page.locator('th:text-is("Éditeur du livechat")') }).locator('td').allInnerTexts();
    expect(vendor).toEqual(['iadvize', 'n/a']);
    const by = await chat.locator('tbody tr', { has: page.locator('th:text-is("Livechat : classé d’après")') }).locator('td').allInnerTexts();
    expect(by).toEqual(['le texte de la page', 'n/a']);
  });

  it('has an evidence block for every present cell, with its click path', async () => {
    const expected = scanned.flatMap((a) => CHANNELS.filter((k) => a.channels[k].present).map((k) => `ev-${a.id}-${k}`));
    const ids = await page.locator('details.evidence').evaluateAll((ds) => ds.map((d) => d.id));
    expect(ids).toEqual(expected);
    // each present synthesis cell links to its block
    const hrefs = await page.locator('table.matrix td.present a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expected.map((id) => `#${id}`));

    expect(await page.locator('#ev-banque-horizon-livechat dd.path').innerText()).toBe('Accueil → Espace client → Nous contacter');
    expect(await page.locator('#ev-reseau-distrib-faq dd.path').innerText()).toBe('Page d’accueil');
    expect(await page.locator('#ev-neobanque-eclair-secure_messaging dd.path').innerText()).toBe("chemin non enregistré (1\u00a0clic)");
  });

  it('shows snippets as text: the <script> evidence did not run', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.title()).not.toBe('pwned');
    const snippets = await page.locator('#ev-banque-horizon-chatbot td.snippet code').allInnerTexts();
    expect(snippets).toContain(SCRIPT_SNIPPET);
    const form = await page.locator('#ev-neobanque-eclair-form td.snippet code').allInnerTexts();
    expect(form).toContain(`Objet : "Réclamation" & 'Autre' <select name="subject">`);
    expect(await page.locator('#ev-neobanque-eclair-form select').count()).toBe(0);
    // the actor name with "&" reads right
    expect(await page.locator('table.matrix tr[data-actor="energie-verte"] th').innerText()).toContain('Énergie Verte & Co');
  });

  it('links evidence to exactly the URLs recorded', async () => {
    const expected = scanned.flatMap((a) =>
      CHANNELS.filter((k) => a.channels[k].present).flatMap((k) => (a.channels[k].evidence ?? []).map((e) => e.url)),
    );
    const hrefs = await page.locator('details.evidence a.ev-url').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expected);
    const pageHrefs = await page.locator('details.evidence a.page-url').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(pageHrefs).toEqual(scanned.flatMap((a) => CHANNELS.filter((k) => a.channels[k].present).map((k) => a.channels[k].url)));
  });

  it('shows the screenshot, and no image is broken', async () => {
    const imgs = await page.locator('img').evaluateAll((is) =>
      (is as HTMLImageElement[]).map((i) => ({ complete: i.complete, w: i.naturalWidth, h: i.naturalHeight, alt: i.alt, shown: i.getBoundingClientRect().width })),
    );
    // the phone page is both the phone block's page and its evidence page: one image, not two
    expect(imgs.length).toBe(1);
    for (const i of imgs) {
      expect(i.complete).toBe(true);
      expect(i.w).toBeGreaterThan(0);
      expect(i.shown).toBeGreaterThan(0);
      expect(i.alt).toContain(SCREENSHOT_URL);
    }
    expect(await page.locator('#ev-banque-horizon-phone img').count()).toBe(1);
  });

  it('is readable without JavaScript (evidence open by default)', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    const p = await ctx.newPage();
    await p.setContent(html, { waitUntil: 'load' });
    await expect(p.locator('#ev-rail-express-phone td.snippet').first().isVisible()).resolves.toBe(true);
    expect(await p.locator('table.matrix tbody tr').count()).toBe(SAMPLE_MATRIX.actors.length);
    await ctx.close();
  });
});
