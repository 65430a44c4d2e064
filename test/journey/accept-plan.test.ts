/**
 * Which pages the accept pass sees again (crawler/journey/accept-plan.ts): all pages that matter
 * when accepting changed the home page, else only pages whose markup holds content back for
 * consent, or that live on another host.
 */
import { describe, expect, it } from 'vitest';
import { consentChange, heldBackContent, planAcceptPass } from '../../crawler/journey/accept-plan.ts';
import type { Finding, PageRecord, RequestRecord } from '../../crawler/types.ts';

const HOME = 'https://www.banque.fr/';

function page(url: string, o: { pass?: 'refuse' | 'accept'; depth?: number; score?: number; html?: string; requests?: [string, string][]; channels?: [string, string?][] } = {}): PageRecord {
  const requests: RequestRecord[] = (o.requests ?? []).map(([type, u]) => ({ url: u, type, status: 200 }));
  const findings = (o.channels ?? []).map(([channel, vendor]) => ({ channel, detector: 'd', attributes: vendor ? { vendor } : {}, evidence: [{ url, source: 'html', signal: 's', detail: 'd' }] }) as unknown as Finding);
  const depth = o.depth ?? 1;
  return {
    pass: o.pass ?? 'refuse', url, finalUrl: url, status: 200, depth, path: [], title: '', error: null,
    snapshot: { url, finalUrl: url, status: 200, depth, path: [], title: '', html: o.html ?? '<html><body>x</body></html>', frames: [], requests, globals: [], widgets: [], pass: o.pass ?? 'refuse', capturedAt: '' },
    links: [], findings, detectorRuns: [], screenshot: null, score: o.score ?? 0, ms: 0, blockedBy: null,
  };
}

const refuseHome = page(HOME, { depth: 0, requests: [['script', 'https://www.banque.fr/app.js'], ['script', 'https://cdn.cookielaw.org/scripttemplates/otSDKStub.js']], channels: [['social']] });
const site = [
  refuseHome,
  page('https://www.banque.fr/contact', { score: 90, channels: [['phone'], ['form']] }),
  page('https://www.banque.fr/offres', { score: 10 }),
  page('https://www.banque.fr/aide', { score: 70, channels: [['faq']] }),
  page('https://www.banque.fr/agences', { score: 30, html: '<html><body><script type="text/plain" data-cookieconsent="marketing" src="https://maps.example/x.js"></script></body></html>' }),
  page('https://aide.banque.fr/', { score: 60 }),
];
const urls = (items: { url: string }[]) => items.map((i) => i.url);

describe('accept pass plan', () => {
  it('sees every page that matters again, those with findings first, when accepting brought a new script', () => {
    const acceptHome = page(HOME, { pass: 'accept', depth: 0, requests: [['script', 'https://www.banque.fr/app.js'], ['script', 'https://lc.iadvize.com/iadvize.js?sid=1']], channels: [['social']] });
    const plan = planAcceptPass(site, refuseHome, acceptHome, 6);
    expect(urls(plan.items)).toEqual(['https://www.banque.fr/contact', 'https://www.banque.fr/aide', 'https://aide.banque.fr/', 'https://www.banque.fr/agences', 'https://www.banque.fr/offres']);
    expect(plan.reason).toContain('https://lc.iadvize.com/iadvize.js');
    expect(urls(planAcceptPass(site, refuseHome, acceptHome, 2).items)).toEqual(['https://www.banque.fr/contact', 'https://www.banque.fr/aide']);
  });

  it('sees again only the pages holding content back, and those on another host, when accepting changed nothing on the home page', () => {
    const acceptHome = page(HOME, { pass: 'accept', depth: 0, requests: [['script', 'https://www.banque.fr/app.js?v=2'], ['xhr', 'https://geolocation.onetrust.com/cookieconsentpub/v1/geo/location']], channels: [['social']] });
    expect(consentChange(refuseHome, acceptHome)).toBeNull();
    const plan = planAcceptPass(site, refuseHome, acceptHome, 6);
    expect(urls(plan.items)).toEqual(['https://aide.banque.fr/', 'https://www.banque.fr/agences']);
    expect(plan.reason).toMatch(/^accepting changed nothing on the home page: 2 page/);
  });

  it('sees every page that matters again when the banner did not show on the home page (nothing was accepted there)', () => {
    const acceptHome = page(HOME, { pass: 'accept', depth: 0, requests: [['script', 'https://www.banque.fr/app.js?v=2']], channels: [['social']] });
    const plan = planAcceptPass(site, refuseHome, acceptHome, 6, false);
    expect(urls(plan.items)).toEqual(['https://www.banque.fr/contact', 'https://www.banque.fr/aide', 'https://aide.banque.fr/', 'https://www.banque.fr/agences', 'https://www.banque.fr/offres']);
    expect(plan.reason).toBe('no banner on the home page (it showed on a later page): 5 page(s) seen again');
  });

  it('counts a channel or a chat vendor the home page shows only once accepted as a change', () => {
    const withChat = page(HOME, { pass: 'accept', depth: 0, requests: [['script', 'https://www.banque.fr/app.js']], channels: [['social'], ['livechat', 'iadvize']] });
    expect(consentChange(refuseHome, withChat)).toBe('accepting showed livechat:iadvize on the home page');
    const sameChannels = page(HOME, { pass: 'accept', depth: 0, requests: [['script', 'https://www.banque.fr/app.js']], channels: [['social']] });
    expect(consentChange(refuseHome, sameChannels)).toBeNull();
  });

  it('ignores images, the consent platform’s own hosts and hosts that are never a channel', () => {
    const acceptHome = page(HOME, {
      pass: 'accept',
      depth: 0,
      requests: [['image', 'https://www.facebook.com/tr?id=1'], ['script', 'https://cdn.cookielaw.org/consent/abc/otBannerSdk.js'], ['document', 'https://www.youtube.com/embed/xyz']],
      channels: [['social']],
    });
    expect(consentChange(refuseHome, acceptHome)).toBeNull();
  });

  it('sees no other page when the home page could not be read with cookies accepted', () => {
    const failed = { ...page(HOME, { pass: 'accept', depth: 0 }), snapshot: null, error: 'HTTP 503' };
    expect(planAcceptPass(site, refuseHome, failed, 6).items).toEqual([]);
  });
});

describe('content held back for consent', () => {
  it('finds scripts of a type the browser does not run, as consent platforms leave them', () => {
    expect(heldBackContent('<script type="text/plain" class="optanon-category-C0004" src="https://x/chat.js"></script>')).toBe('<script type="text/plain">');
    expect(heldBackContent(`<script type='didomi/javascript' data-vendor='iubenda'>load()</script>`)).toBe('<script type="didomi/javascript">');
  });

  it('finds frames waiting for consent and tarteaucitron placeholders', () => {
    expect(heldBackContent('<iframe data-cookieblock-src="https://www.google.com/maps/embed"></iframe>')).toMatch(/^<iframe data-cookieblock-src/);
    expect(heldBackContent('<iframe data-src="https://forms.example/f/1" src="about:blank"></iframe>')).toMatch(/^<iframe data-src/);
    expect(heldBackContent('<div class="tac_activate tac_activate_youtube">Activer</div>')).toBe('tarteaucitron placeholder (tac_activate)');
  });

  it('takes no running script, data block or loaded frame for held-back content', () => {
    const html = [
      '<script src="/app.js"></script>',
      '<script type="text/javascript">x()</script>',
      '<script type="module" src="/m.js"></script>',
      '<script type="application/ld+json">{"@type":"Organization"}</script>',
      '<script type="importmap">{}</script>',
      '<iframe src="https://forms.example/f/1" data-src="https://forms.example/f/1"></iframe>',
      '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    ].join('');
    expect(heldBackContent(html)).toBeNull();
  });
});
