/**
 * detectBotWall: the challenge and block pages of five services, as served in the robustness corpus
 * (fixtures/robustness/sites, with the status and headers of their _routes.json), and a captcha
 * interstitial are named; decoys (a page that talks about Cloudflare, a contact form guarded by
 * reCAPTCHA, an ordinary 403, a 503 maintenance page on a Cloudflare-served site) are not walls.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectBotWall } from '../../detectors/bot-wall.ts';
import { loadBotWalls } from '../../detectors/data/bot-walls.ts';
import type { FrameSnapshot, PageSnapshot } from '../../detectors/types.ts';
import { savedPage } from '../helpers/page.ts';

const SITES = new URL('../../fixtures/robustness/sites/', import.meta.url);

function snap(url: string, html: string, opts: { status?: number; headers?: Record<string, string>; frames?: Partial<FrameSnapshot>[]; requests?: string[]; globals?: string[]; title?: string } = {}): PageSnapshot {
  return {
    url,
    finalUrl: url,
    status: opts.status ?? 200,
    depth: 0,
    path: [],
    title: opts.title ?? '',
    html,
    frames: (opts.frames ?? []).map((f) => ({ url: '', name: '', title: '', html: null, visible: true, ...f })),
    requests: (opts.requests ?? []).map((u) => ({ url: u, type: 'script', status: null })),
    globals: opts.globals ?? [],
    widgets: [],
    pass: 'refuse',
    capturedAt: '2025-01-01T00:00:00.000Z',
    headers: opts.headers,
  };
}

/** A page of the robustness corpus with the status and headers its _routes.json gives it. */
function corpusPage(host: string, path: string, file: string, extra: Parameters<typeof snap>[2] = {}): PageSnapshot {
  const html = readFileSync(new URL(`${host}/${file}`, SITES), 'utf8');
  const routes = JSON.parse(readFileSync(new URL(`${host}/_routes.json`, SITES), 'utf8')) as Record<string, { status?: number; headers?: Record<string, string> }>;
  const rule = routes[path] ?? {};
  const headers = Object.fromEntries(Object.entries(rule.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return snap(`https://${host}${path}`, html, { status: rule.status ?? 200, headers, ...extra });
}

const signals = (r: ReturnType<typeof detectBotWall>) => (r ? [...new Set(r.evidence.map((e) => e.signal))].sort() : []);

describe('bot-wall data', () => {
  it('one entry per service, each marker with a source', () => {
    const walls = loadBotWalls();
    expect(walls.map((w) => w.id)).toEqual(['cloudflare', 'datadome', 'akamai', 'imperva', 'perimeterx', 'captcha']);
    for (const w of walls) for (const m of w.markers) expect(m.source.length).toBeGreaterThan(5);
  });
});

describe('detectBotWall: walls are named', () => {
  it('Cloudflare managed challenge (403, cf-mitigated: challenge, _cf_chl_opt)', () => {
    const r = detectBotWall(corpusPage('www.nuage-protege.fr', '/', 'index.html', { title: 'Just a moment...' }));
    expect(r?.service).toBe('cloudflare');
    expect(signals(r)).toEqual(['bot-wall-header', 'bot-wall-inline', 'bot-wall-selector', 'bot-wall-status', 'bot-wall-text', 'bot-wall-title']);
    expect(r!.evidence.find((e) => e.source === 'header' && e.detail.includes('cf-mitigated'))?.detail).toBe('cloudflare (decisive): cf-mitigated: challenge');
    expect(r!.evidence.every((e) => e.url === 'https://www.nuage-protege.fr/')).toBe(true);
  });

  it('Cloudflare without the header (older 503 challenge): title + challenge-platform script + markup', () => {
    const html = readFileSync(new URL('www.nuage-protege.fr/index.html', SITES), 'utf8').replace(/<script>\(function\(\)\{window\._cf_chl_opt[\s\S]*?<\/script>/, '');
    const r = detectBotWall(snap('https://www.exemple.fr/', html, { status: 503, title: 'Just a moment...', requests: ['https://www.exemple.fr/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=1'] }));
    expect(r?.service).toBe('cloudflare');
  });

  it('DataDome (403, x-datadome, captcha-delivery script)', () => {
    const r = detectBotWall(corpusPage('www.dome-donnees.fr', '/', 'index.html', { requests: ['https://ct.captcha-delivery.com/c.js'] }));
    expect(r?.service).toBe('datadome');
    expect(signals(r)).toEqual(['bot-wall-header', 'bot-wall-inline', 'bot-wall-status', 'bot-wall-url']);
  });

  it('Akamai edge deny (403, AkamaiGHost, Reference #18)', () => {
    const r = detectBotWall(corpusPage('www.akamai-refus.fr', '/', 'index.html', { title: 'Access Denied' }));
    expect(r?.service).toBe('akamai');
    expect(r!.evidence.find((e) => e.signal === 'bot-wall-text' && e.detail.includes('Reference'))?.detail).toMatch(/Reference #18\.5c1e3117\.1735689600\.1a2b3c4d/);
  });

  it('Imperva / Incapsula (200, incident iframe)', () => {
    const frame = readFileSync(new URL('www.incapsula-mur.fr/_Incapsula_Resource.html', SITES), 'utf8');
    const r = detectBotWall(
      corpusPage('www.incapsula-mur.fr', '/', 'index.html', { frames: [{ url: 'https://www.incapsula-mur.fr/_Incapsula_Resource?CWUDNSAI=24&incident_id=877000130219488311-52236148706870727', html: frame, visible: true }] }),
    );
    expect(r?.service).toBe('imperva');
    expect(signals(r)).toContain('bot-wall-text');
    expect(signals(r)).toContain('bot-wall-selector');
  });

  it('PerimeterX / HUMAN (#px-captcha, captcha.px-cdn.net)', () => {
    const r = detectBotWall(corpusPage('www.perimetre-x.fr', '/', 'index.html', { title: 'Access to this page has been denied', globals: ['_pxAppId'] }));
    expect(r?.service).toBe('perimeterx');
    expect(signals(r)).toEqual(['bot-wall-global', 'bot-wall-selector', 'bot-wall-status', 'bot-wall-text', 'bot-wall-title', 'bot-wall-url']);
  });

  it('captcha interstitial: a near-empty page asking to prove one is human', () => {
    const r = detectBotWall(snap('https://www.exemple-assurances.fr/', savedPage('bot-wall-captcha-interstitial.html'), { status: 200, requests: ['https://www.google.com/recaptcha/api.js'] }));
    expect(r?.service).toBe('captcha');
  });

  it('the Cloudflare wall on a deeper page (contact) of an open site', () => {
    const r = detectBotWall(corpusPage('www.contact-mure.fr', '/contact', 'contact.html', { title: 'Just a moment...' }));
    expect(r?.service).toBe('cloudflare');
  });
});

describe('detectBotWall: decoys are not walls', () => {
  it('an article about Cloudflare quoting "Just a moment..." on a Cloudflare-served site (JS detections script, server header)', () => {
    const s = snap('https://www.exemple.fr/blog/verification', savedPage('bot-wall-decoy-cloudflare-article.html'), {
      headers: { server: 'cloudflare', 'cf-ray': '8f1c2a3b4d5e6f70-CDG' },
      requests: ['https://www.exemple.fr/cdn-cgi/challenge-platform/scripts/jsd/main.js'],
      title: 'Pourquoi voyez-vous « Just a moment... » ? — Blog Exemple',
    });
    expect(detectBotWall(s)).toBeNull();
  });

  it('a short page that says the site is protected by Cloudflare and reCAPTCHA', () => {
    const html = '<html><body><h1>Sécurité</h1><p>Notre site est protégé par Cloudflare et par reCAPTCHA de Google.</p><a href="/">Accueil</a></body></html>';
    expect(detectBotWall(snap('https://www.exemple.fr/securite', html, { headers: { server: 'cloudflare', 'cf-ray': '1-CDG' } }))).toBeNull();
  });

  it('a contact form protected by reCAPTCHA', () => {
    const s = snap('https://www.exemple-assurances.fr/contact', savedPage('bot-wall-decoy-contact-recaptcha.html'), { requests: ['https://www.google.com/recaptcha/api.js'] });
    expect(detectBotWall(s)).toBeNull();
  });

  it("an ordinary 403 page (Apache's Access Denied)", () => {
    const s = snap('https://www.exemple-banque.fr/espace-pro/', savedPage('bot-wall-decoy-403.html'), { status: 403, headers: { server: 'Apache/2.4.62 (Debian)' }, title: 'Access Denied' });
    expect(detectBotWall(s)).toBeNull();
  });

  it('a 503 maintenance page on a Cloudflare-served site', () => {
    const s = snap('https://www.exemple-energie.fr/', savedPage('bot-wall-decoy-503-maintenance.html'), {
      status: 503,
      headers: { server: 'cloudflare', 'cf-ray': '8f1c2a3b4d5e6f72-CDG', 'retry-after': '21600' },
      title: 'Maintenance en cours — Exemple Énergie',
    });
    expect(detectBotWall(s)).toBeNull();
  });

  it('an ordinary page that runs the PerimeterX sensor and the Imperva script', () => {
    const html = '<html><body><h1>Bienvenue</h1><p>Nos offres.</p><script>window._pxAppId="PXabc";</script><script src="https://client.perimeterx.net/PXabc/main.min.js"></script><script src="/_Incapsula_Resource?SWJIYLWA=719d34d31c8e3a6e6fffd425f7e032f3"></script></body></html>';
    expect(detectBotWall(snap('https://www.exemple.fr/', html, { globals: ['_pxAppId'], headers: { 'x-cdn': 'Imperva', 'x-iinfo': '1-2-3' } }))).toBeNull();
  });
});
