/**
 * Two pages of a site at once (crawler/journey/pass.ts, tabs.ts): the home page's best link is
 * visited in a second tab while the home page is watched (dwell, widgets, capture), then pages are
 * visited in waves of two tabs of the same context; `--page-delay` goes back to one at a time.
 * Seen from the pages themselves, without timing: pages announce themselves on a BroadcastChannel
 * and mark their body when another page of the site answers while they are open.
 */
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJourney } from '../../crawler/journey/journey.ts';
import { judgeInline as judge } from '../helpers/judge.ts';
import { startTempSite, type TempSite } from '../helpers/temp-site.ts';

const HOST = 'www.deux-onglets.fr';

// The home page marks its body when the best deep page announces itself on the home channel. Its
// script request on a self-hosted chat path (Unblu's /unblu/visitor.js) holds the home page's watch
// (up to VENDOR_WIDGET_WAIT_MS for a widget that never comes), long after a page visited meanwhile loaded.
const HOME_HEARS = `<script src="/unblu/visitor.js" async></script><script>
  new BroadcastChannel('home').onmessage = (e) => document.body.setAttribute('data-heard', e.data);
</script>`;
const TELLS_HOME = `<script>new BroadcastChannel('home').postMessage(location.pathname);</script>`;
// Announces itself; whoever hears another page of the site while open marks its body.
const ANNOUNCE = `<script>
  const ch = new BroadcastChannel('site');
  ch.onmessage = (e) => { document.body.setAttribute('data-other-page-open', e.data.from); if (e.data.type === 'here') ch.postMessage({ type: 'too', from: location.pathname }); };
  ch.postMessage({ type: 'here', from: location.pathname });
</script>`;

let site: TempSite;
let browser: Browser;

beforeAll(async () => {
  const deep = Object.fromEntries(['aide', 'espace-client'].map((p) => [`${p}.html`, `<!doctype html><html lang="fr"><body><h1>${p}</h1>${ANNOUNCE}</body></html>`]));
  site = await startTempSite(HOST, {
    'index.html': `<!doctype html><html lang="fr"><body><a href="/aide">Aide</a> <a href="/nous-contacter">Nous contacter</a> <a href="/espace-client">Espace client</a>${HOME_HEARS}</body></html>`,
    'nous-contacter.html': `<!doctype html><html lang="fr"><body><h1>Nous contacter</h1>${TELLS_HOME}</body></html>`,
    ...deep,
    // The documents answer late, so that two tabs opened together are both open for a while.
    '_routes.json': JSON.stringify({ '/aide': { delayMs: 600 }, '/espace-client': { delayMs: 600 } }),
  });
  browser = site.browser;
});
afterAll(async () => {
  await site?.close();
});

type Pages = Awaited<ReturnType<typeof runJourney>>['pages'];

function marks(pages: Pages): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const p of pages) {
    const path = new URL(p.finalUrl).pathname;
    if (path === '/aide' || path === '/espace-client') out[path] = /data-other-page-open="([^"]*)"/.exec(p.snapshot?.html ?? '')?.[1] ?? null;
  }
  return out;
}

/** Which page the home page heard from while it was watched (its snapshot is taken last). */
const homeHeard = (pages: Pages) => /data-heard="([^"]*)"/.exec(pages.find((p) => p.depth === 0)?.snapshot?.html ?? '')?.[1] ?? null;

describe('pages of one site visited two at a time', () => {
  it('visits the best link while the home page is still open, then two deep pages at once', async () => {
    const actor = { id: 'deux', name: 'Deux onglets', url: `https://${HOST}/` };
    const r = await runJourney(browser, actor, { maxPages: 4, screenshots: false, blockPrivateNetwork: false }, { judge });
    expect(r.status).toBe('ok');
    expect(r.pages.map((p) => new URL(p.finalUrl).pathname)).toEqual(['/', '/nous-contacter', '/aide', '/espace-client']);
    // The best link was visited while the home page was watched. Before, the home page's snapshot
    // was taken before any other page was asked for.
    expect(homeHeard(r.pages)).toBe('/nous-contacter');
    expect(marks(r.pages)).toEqual({ '/aide': '/espace-client', '/espace-client': '/aide' });
  });

  it('visits one page at a time when a delay between pages is asked for', async () => {
    const actor = { id: 'deux', name: 'Deux onglets', url: `https://${HOST}/` };
    const r = await runJourney(browser, actor, { maxPages: 4, screenshots: false, blockPrivateNetwork: false, pageDelayMs: 50 }, { judge });
    expect(r.status).toBe('ok');
    expect(r.pages.map((p) => new URL(p.finalUrl).pathname)).toEqual(['/', '/nous-contacter', '/aide', '/espace-client']);
    expect(homeHeard(r.pages)).toBe(null);
    expect(marks(r.pages)).toEqual({ '/aide': null, '/espace-client': null });
  });
});
