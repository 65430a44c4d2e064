/**
 * The accept pass overlaps the refuse pass (crawler/journey/journey.ts): it starts as soon as the
 * refuse pass's home page showed a banner, and reads its own home page while the refuse pass is
 * still crawling; it picks its other pages once the refuse pass is over. The actor's records still
 * come out refuse pass first. Seen here without fine timing: the refuse pass's contact page answers
 * 8 s late, and the accept pass's home page is read before that page is. A banner first seen on a
 * later page (the real tarteaucitron.js on the contact page only) still gets its accept pass, after
 * the refuse pass. A home page found to be a wall only once judged (after its consent step had
 * already started the accept pass) leaves the actor failed with nothing of the accept pass kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJourney } from '../../crawler/journey/journey.ts';
import type { JudgeFn } from '../../crawler/journey/journey.ts';
import { judgeInline as judge } from '../helpers/judge.ts';
import { startTempSites, type TempSite } from '../helpers/temp-site.ts';

const HOST = 'www.banque-bandeau.fr';
const SLOW_MS = 8000;

// An in-house banner: shown until a choice is stored in a cookie.
const BANNER = `<div id="bandeau" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:10px;display:none">
  <p>Nous utilisons des cookies pour mesurer l'audience.</p>
  <button onclick="document.cookie='choix=oui;path=/';this.parentNode.remove()">Tout accepter</button>
  <button onclick="document.cookie='choix=non;path=/';this.parentNode.remove()">Tout refuser</button>
</div>
<script>if (!/choix=/.test(document.cookie)) document.getElementById('bandeau').style.display = 'block';</script>`;

// A site whose banner (the real tarteaucitron.js) is only on its contact page.
const LATE_HOST = 'www.bandeau-tardif.fr';
const TAC_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'real-cmp', 'sites', 'www.mutuelle-exemple.fr', 'assets', 'tarteaucitron');
const TAC_FILES = Object.fromEntries(
  readdirSync(TAC_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => [relative(join(TAC_DIR, '..', '..'), join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name))]),
);
const TAC_INIT = `<script src="/assets/tarteaucitron/tarteaucitron.js"></script>
<script>tarteaucitron.init({ privacyUrl: "/", hashtag: "#tarteaucitron", cookieName: "tarteaucitron", orientation: "middle", showAlertSmall: false, cookieslist: false, removeCredit: true, DenyAllCta: true, AcceptAllCta: true, highPrivacy: true, mandatory: true }); tarteaucitron.user.gtagUa = "G-EXEMPLE"; (tarteaucitron.job = tarteaucitron.job || []).push("gtag");</script>`;

let site: TempSite;

beforeAll(async () => {
  site = await startTempSites({
    [LATE_HOST]: {
      ...TAC_FILES,
      'index.html': `<!doctype html><html lang="fr"><head><title>Accueil</title></head><body><h1>Assurance</h1><a href="/contact">Nous contacter</a></body></html>`,
      // requests after load (three in a row, 0.6 s each) keep the page open a moment, as real pages do, for autoconsent to see the banner
      'contact.html': `<!doctype html><html lang="fr"><head><title>Contact</title>${TAC_INIT}</head><body><h1>Contact</h1><p>Service client : <a href="tel:+33478901234">04 78 90 12 34</a></p><script>addEventListener('load', async () => { for (let i = 0; i < 3; i++) await fetch('/horaires.json'); })</script></body></html>`,
      'horaires.json': '{"ouvert": "9h-18h"}',
      '_routes.json': JSON.stringify({ '/horaires.json': { delayMs: 600 } }),
    },
    [HOST]: {
    'index.html': `<!doctype html><html lang="fr"><body><h1>Banque</h1><a href="/nous-contacter">Nous contacter</a> <a href="/aide">Aide</a>${BANNER}</body></html>`,
    'nous-contacter.html': `<!doctype html><html lang="fr"><body><h1>Contact</h1><p>Service client : <a href="tel:+33478901234">04 78 90 12 34</a></p>${BANNER}</body></html>`,
    'aide.html': `<!doctype html><html lang="fr"><body><h1>Aide</h1>${BANNER}</body></html>`,
    '_routes.json': JSON.stringify({ '/nous-contacter': { delayMs: SLOW_MS } }),
    },
  });
});
afterAll(async () => {
  await site?.close();
});

describe('accept pass overlapping the refuse pass', () => {
  it('reads the accept home page while the refuse pass waits on a slow page, records refuse pass first', { timeout: 90_000 }, async () => {
    const actor = { id: 'bandeau', name: 'Banque bandeau', url: `https://${HOST}/` };
    const r = await runJourney(site.browser, actor, { screenshots: false, blockPrivateNetwork: false, respectRobots: false }, { judge });
    expect(r.status).toBe('ok');
    expect(r.consent.banner).toBe(true);
    expect(r.pages.map((p) => `${p.pass} ${new URL(p.finalUrl).pathname}`)).toEqual(['refuse /', 'refuse /nous-contacter', 'refuse /aide', 'accept /']);
    const slow = r.pages.find((p) => p.pass === 'refuse' && p.finalUrl.endsWith('/nous-contacter'))!;
    const acceptHome = r.pages.find((p) => p.pass === 'accept' && p.depth === 0)!;
    expect(slow.findings.map((f) => f.channel)).toContain('phone');
    // read before the refuse pass's slow page was: the two passes overlapped
    expect(Date.parse(acceptHome.snapshot!.capturedAt)).toBeLessThan(Date.parse(slow.snapshot!.capturedAt));
    // the accept pass chose its other pages once the refuse pass was over: its reason comes after the refuse pass's events
    const planAt = r.consentEvents.findIndex((e) => e.startsWith('accept: '));
    expect(planAt).toBeGreaterThan(r.consentEvents.findIndex((e) => e.startsWith('refuse: ')));
    expect(r.consentEvents[planAt]).toMatch(/^accept: accepting changed nothing on the home page: 0 page\(s\) seen again/);
  });

  it('runs the accept pass after the refuse pass when the banner first showed on a later page', { timeout: 90_000 }, async () => {
    const actor = { id: 'tardif', name: 'Bandeau tardif', url: `https://${LATE_HOST}/` };
    const r = await runJourney(site.browser, actor, { screenshots: false, blockPrivateNetwork: false, respectRobots: false }, { judge });
    expect(r.status).toBe('ok');
    expect(r.consent).toEqual({ cmp: 'tarteaucitron', banner: true, rejectButton: true });
    expect(r.consentEvents).toContain('refuse: autoconsent popup tarteaucitron deny');
    // nothing to accept on the home page: the contact page, where the banner is, is seen again
    expect(r.consentEvents).toContain('accept: no banner on the home page (it showed on a later page): 1 page(s) seen again');
    expect(r.pages.map((p) => `${p.pass} ${new URL(p.finalUrl).pathname}`)).toEqual(['refuse /', 'refuse /contact', 'accept /', 'accept /contact']);
    expect(r.consentEvents).toContain('accept: autoconsent optInResult true'); // and accepted there
    const lastRefuse = Math.max(...r.pages.filter((p) => p.pass === 'refuse').map((p) => Date.parse(p.snapshot!.capturedAt)));
    const acceptHome = r.pages.find((p) => p.pass === 'accept' && p.depth === 0)!;
    expect(Date.parse(acceptHome.snapshot!.capturedAt)).toBeGreaterThan(lastRefuse);
  });

  it('keeps nothing of an accept pass started before the home page turned out to be a wall', { timeout: 90_000 }, async () => {
    // The judge says "wall" for the refuse pass's home page: that verdict comes after the consent
    // step, by which time the accept pass had started (the banner was there).
    const walls: JudgeFn = async (snap, s) => (snap.pass === 'refuse' && snap.depth === 0 ? { findings: [], detectorRuns: [], wall: { service: 'DataDome', evidence: [] } } : judge(snap, s));
    const actor = { id: 'bandeau', name: 'Banque bandeau', url: `https://${HOST}/` };
    const r = await runJourney(site.browser, actor, { screenshots: false, blockPrivateNetwork: false, respectRobots: false }, { judge: walls });
    expect(r.status).toBe('failed');
    expect(r.blockedBy).toBe('DataDome');
    expect(r.error).toBe('blocked by DataDome');
    expect(r.pages.map((p) => `${p.pass} ${new URL(p.finalUrl).pathname}`)).toEqual(['refuse /']);
  });
});
