/**
 * The consent step's pure parts and its in-page banner reader (crawler/journey/in-page/consent.js,
 * run in real Chromium on set content): platform naming (TagCommander's tC is not TrustCommander;
 * autoconsent's name wins), self-hosted libraries' own refusal buttons, and in-house notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchBrowser } from '../crawler/journey/browser.ts';
import { clickWhileShown, inspectBanner, pickCmp } from '../crawler/journey/consent.ts';
import { CONSENT_CLICKS_MAX } from '../crawler/journey/options.ts';
import { CONSENT_PLATFORMS, platformFromAutoconsent } from '../detectors/data/consent-platforms.ts';

describe('consent platform data', () => {
  it('loads every platform with a source; the self-hosted libraries are named', () => {
    expect(CONSENT_PLATFORMS.map((p) => p.id)).toEqual(['onetrust', 'didomi', 'axeptio', 'tarteaucitron', 'klaro', 'cookieconsent', 'cookiebot', 'trustcommander', 'sirdata', 'usercentrics', 'quantcast']);
    for (const p of CONSENT_PLATFORMS) expect(p.sources.length, p.id).toBeGreaterThan(0);
    expect(CONSENT_PLATFORMS.find((p) => p.id === 'trustcommander')!.globals).toEqual(['tC.privacy']);
  });
  it("maps autoconsent's rule names; site-specific and heuristic rules name nothing", () => {
    expect(platformFromAutoconsent('tarteaucitron.js')).toBe('tarteaucitron');
    expect(platformFromAutoconsent('deny tarteaucitron')).toBe('tarteaucitron');
    expect(platformFromAutoconsent('Klaro')).toBe('klaro');
    expect(platformFromAutoconsent('cookieconsent3')).toBe('cookieconsent');
    expect(platformFromAutoconsent('cookieconsent2')).toBe('cookieconsent');
    expect(platformFromAutoconsent('cookie-consent-spice')).toBe(null);
    expect(platformFromAutoconsent('Onetrust')).toBe('onetrust');
    expect(platformFromAutoconsent('Cybotcookiebot')).toBe('cookiebot');
    expect(platformFromAutoconsent('auto_CH_laposte.fr_abc')).toBe(null);
    expect(platformFromAutoconsent('HEURISTIC-REJECT')).toBe(null);
    expect(platformFromAutoconsent('TrustArc-top')).toBe(null);
  });
  it("autoconsent's name wins over the page's globals", () => {
    expect(pickCmp('didomi', 'trustcommander', null)).toBe('didomi');
    expect(pickCmp(null, 'klaro', 'didomi')).toBe('klaro');
    expect(pickCmp(null, null, 'didomi')).toBe('didomi');
  });
});

describe('in-page banner reader', { timeout: 60_000 }, () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const read = async (html: string, script = '') => {
    await page.goto('about:blank'); // a fresh window: no global left by the previous case
    await page.setContent(`<html><body><header><a href="/">Accueil</a></header><main><h1>Bienvenue</h1><p>Texte.</p></main>${html}<script>${script}</script></body></html>`);
    const r = await inspectBanner(page, 'inspect');
    return r && { banner: r.banner, cmp: r.cmp, rejectButton: r.rejectButton };
  };
  const bar = (inner: string, style = 'position:fixed;bottom:0;left:0;right:0;background:#eee;padding:10px') => `<div class="bandeau" style="${style}">${inner}</div>`;

  // As tarteaucitron.js does ("a little timeout to be sure everything is accessible"): the banner
  // shows at once, its buttons work 500 ms later. A click in between does nothing.
  const LATE_WIRED = `<div id="bandeau" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:10px"><p>Nous utilisons des cookies.</p><button id="ok">Tout accepter</button><button id="non">Tout refuser</button></div>`;
  const WIRE_LATER = `window.clicks = 0; document.getElementById('ok').addEventListener('click', () => window.clicks++); setTimeout(() => { document.getElementById('ok').onclick = () => document.getElementById('bandeau').remove(); }, 500);`;
  const shownOn = (p: Page) => async () => !!(await inspectBanner(p, 'inspect'))?.banner;

  it('clicks a banner again while it is still up (its buttons wired late), a moment apart, a bounded number of times', async () => {
    await read(LATE_WIRED, WIRE_LATER);
    const clicks = await clickWhileShown(shownOn(page), async () => void (await inspectBanner(page, 'accept')), (ms) => page.waitForTimeout(ms));
    expect(clicks).toBe(2); // the first came before the buttons were wired
    expect(await page.evaluate('window.clicks')).toBe(2);
    expect(await shownOn(page)()).toBe(false);
    // a banner that never goes away: CONSENT_CLICKS_MAX clicks, then it is left as it is
    await read(LATE_WIRED, "window.clicks = 0; document.getElementById('ok').addEventListener('click', () => window.clicks++);");
    expect(await clickWhileShown(shownOn(page), async () => void (await inspectBanner(page, 'accept')), (ms) => page.waitForTimeout(ms))).toBe(CONSENT_CLICKS_MAX);
    // a banner already gone: no click
    await read('', '');
    expect(await clickWhileShown(shownOn(page), async () => void (await inspectBanner(page, 'accept')), (ms) => page.waitForTimeout(ms))).toBe(0);
  });

  it('in-house notice "En poursuivant votre navigation…" with only "J\'accepte": banner, no platform, no refusal', async () => {
    expect(await read(bar("<p>En poursuivant votre navigation, vous acceptez l'utilisation de cookies.</p><button>J'accepte</button>"))).toEqual({ banner: true, cmp: null, rejectButton: false });
  });
  it('in-house bar "J\'accepte" / "Tout refuser": banner, no platform, one-click refusal', async () => {
    expect(await read(bar("<p>Nous utilisons des cookies pour mesurer l'audience.</p><button>J'accepte</button><button>Tout refuser</button>"))).toEqual({ banner: true, cmp: null, rejectButton: true });
  });
  it('an in-house notice in the page flow that names itself (id cookie-notice) is a banner', async () => {
    expect(await read('<div id="cookie-notice"><p>Ce site utilise des cookies.</p><a href="#" role="button">Continuer sans accepter</a><button>Accepter</button></div>')).toEqual({ banner: true, cmp: null, rejectButton: true });
  });
  it('TagCommander alone (window.tC, a tag manager) is not the TrustCommander consent platform', async () => {
    expect(await read(bar('<p>Nous utilisons des cookies.</p><button>Accepter</button><button>Refuser</button>'), 'window.tC = { id_container: "7", container_version: "12" };')).toEqual({ banner: true, cmp: null, rejectButton: true });
  });
  it('TrustCommander banner (#footer_tc_privacy, tC.privacy) is named', async () => {
    const html = '<div id="tc-privacy-wrapper"><div id="footer_tc_privacy" style="position:fixed;bottom:0;width:100%;height:80px">Nous utilisons des cookies.<div id="footer_tc_privacy_container_button"><button id="footer_tc_privacy_button">J\'accepte</button><button id="footer_tc_privacy_button_3">Continuer sans accepter</button></div></div></div>';
    expect(await read(html, 'window.tC = { privacy: { version: "1" } };')).toEqual({ banner: true, cmp: 'trustcommander', rejectButton: true });
  });
  it("a platform's own refusal button counts whatever its label", async () => {
    const html = '<div class="klaro"><div class="cookie-notice" style="position:fixed;bottom:0;width:100%;height:90px"><p>Nous utilisons des cookies.</p><button class="cm-btn cm-btn-danger cn-decline">Non</button><button class="cm-btn cm-btn-success">Oui</button></div></div>';
    expect(await read(html)).toEqual({ banner: true, cmp: 'klaro', rejectButton: true });
  });
  it('decoy: a page with no notice has no banner', async () => {
    expect(await read('<footer><a href="/cookies">Gestion des cookies</a></footer>')).toEqual({ banner: false, cmp: null, rejectButton: false });
  });
});
