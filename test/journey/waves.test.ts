/**
 * Two pages of a site at once (crawler/journey/pass.ts, tabs.ts): after the home page, pages are
 * visited in waves of two tabs of the same context; `--page-delay` goes back to one at a time.
 * Seen from the pages themselves, without timing: each deep page announces itself on a
 * BroadcastChannel and marks its body when another page of the site answers while it is open.
 */
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJourney } from '../../crawler/journey/journey.ts';
import { judgeInline as judge } from '../helpers/judge.ts';
import { startTempSite, type TempSite } from '../helpers/temp-site.ts';

const HOST = 'www.deux-onglets.fr';

// Announces itself; whoever hears another page of the site while open marks its body.
const ANNOUNCE = `<script>
  const ch = new BroadcastChannel('site');
  ch.onmessage = (e) => { document.body.setAttribute('data-other-page-open', e.data.from); if (e.data.type === 'here') ch.postMessage({ type: 'too', from: location.pathname }); };
  ch.postMessage({ type: 'here', from: location.pathname });
</script>`;

let site: TempSite;
let browser: Browser;

beforeAll(async () => {
  const deep = Object.fromEntries(['aide', 'nous-contacter'].map((p) => [`${p}.html`, `<!doctype html><html lang="fr"><body><h1>${p}</h1>${ANNOUNCE}</body></html>`]));
  site = await startTempSite(HOST, {
    'index.html': '<!doctype html><html lang="fr"><body><a href="/aide">Aide</a> <a href="/nous-contacter">Nous contacter</a></body></html>',
    ...deep,
    // Both documents answer late, so that two tabs opened together are both open for a while.
    '_routes.json': JSON.stringify({ '/aide': { delayMs: 600 }, '/nous-contacter': { delayMs: 600 } }),
  });
  browser = site.browser;
});
afterAll(async () => {
  await site?.close();
});

function marks(pages: Awaited<ReturnType<typeof runJourney>>['pages']): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const p of pages.filter((x) => x.depth === 1)) out[new URL(p.finalUrl).pathname] = /data-other-page-open="([^"]*)"/.exec(p.snapshot?.html ?? '')?.[1] ?? null;
  return out;
}

describe('pages of one site visited two at a time', () => {
  it('has both deep pages open at once after the home page', async () => {
    const actor = { id: 'deux', name: 'Deux onglets', url: `https://${HOST}/` };
    const r = await runJourney(browser, actor, { maxPages: 3, screenshots: false, blockPrivateNetwork: false }, { judge });
    expect(r.status).toBe('ok');
    expect(r.pages.map((p) => new URL(p.finalUrl).pathname)).toEqual(['/', '/nous-contacter', '/aide']);
    expect(marks(r.pages)).toEqual({ '/nous-contacter': '/aide', '/aide': '/nous-contacter' });
  });

  it('visits one page at a time when a delay between pages is asked for', async () => {
    const actor = { id: 'deux', name: 'Deux onglets', url: `https://${HOST}/` };
    const r = await runJourney(browser, actor, { maxPages: 3, screenshots: false, blockPrivateNetwork: false, pageDelayMs: 50 }, { judge });
    expect(r.status).toBe('ok');
    expect(r.pages.map((p) => new URL(p.finalUrl).pathname)).toEqual(['/', '/nous-contacter', '/aide']);
    expect(marks(r.pages)).toEqual({ '/nous-contacter': null, '/aide': null });
  });
});
