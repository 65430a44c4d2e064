/**
 * The accept pass overlaps the refuse pass (crawler/journey/journey.ts): it starts as soon as the
 * refuse pass's home page showed a banner, and reads its own home page while the refuse pass is
 * still crawling; it picks its other pages once the refuse pass is over. The actor's records still
 * come out refuse pass first. Seen here without fine timing: the refuse pass's contact page answers
 * 8 s late, and the accept pass's home page is read before that page is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJourney } from '../../crawler/journey/journey.ts';
import { judgeInline as judge } from '../helpers/judge.ts';
import { startTempSite, type TempSite } from '../helpers/temp-site.ts';

const HOST = 'www.banque-bandeau.fr';
const SLOW_MS = 8000;

// An in-house banner: shown until a choice is stored in a cookie.
const BANNER = `<div id="bandeau" style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:10px;display:none">
  <p>Nous utilisons des cookies pour mesurer l'audience.</p>
  <button onclick="document.cookie='choix=oui;path=/';this.parentNode.remove()">Tout accepter</button>
  <button onclick="document.cookie='choix=non;path=/';this.parentNode.remove()">Tout refuser</button>
</div>
<script>if (!/choix=/.test(document.cookie)) document.getElementById('bandeau').style.display = 'block';</script>`;

let site: TempSite;

beforeAll(async () => {
  site = await startTempSite(HOST, {
    'index.html': `<!doctype html><html lang="fr"><body><h1>Banque</h1><a href="/nous-contacter">Nous contacter</a> <a href="/aide">Aide</a>${BANNER}</body></html>`,
    'nous-contacter.html': `<!doctype html><html lang="fr"><body><h1>Contact</h1><p>Service client : <a href="tel:+33478901234">04 78 90 12 34</a></p>${BANNER}</body></html>`,
    'aide.html': `<!doctype html><html lang="fr"><body><h1>Aide</h1>${BANNER}</body></html>`,
    '_routes.json': JSON.stringify({ '/nous-contacter': { delayMs: SLOW_MS } }),
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
});
