import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../crawler/journey/browser.ts';
import { hostResolverRules, resolveFixturePath, startFixtureServer, type FixtureServer } from '../crawler/serve/fixture-server.ts';
import { HEAVY_NETWORK, latencyFor, REALISTIC_NETWORK, resolveNetwork, SCRIPT_STEPS_PER_MS } from '../crawler/serve/network.ts';

let root: string;
let server: FixtureServer;

function get(scheme: 'http' | 'https', host: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const req = (scheme === 'http' ? httpRequest : httpsRequest)(
      { host: '127.0.0.1', port: scheme === 'http' ? server.httpPort : server.httpsPort, path, headers: { host }, rejectUnauthorized: false, servername: host },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: Date.now() - t0 }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ct-fx-'));
  const site = join(root, 'www.exemple.fr');
  mkdirSync(join(site, 'aide', 'faq'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(site, 'aide', 'index.html'), '<h1>aide</h1>');
  writeFileSync(join(site, 'aide', 'faq', 'index.html'), '<h1>faq</h1>');
  writeFileSync(join(site, 'contact.html'), '<h1>contact</h1>');
  writeFileSync(join(site, 'robots.txt'), 'User-agent: *');
  writeFileSync(join(site, 'app.js'), 'window.x=1');
  writeFileSync(
    join(site, '_routes.json'),
    JSON.stringify({ '/slow': { delayMs: 300 }, '/old': { status: 301, location: '/contact' }, '/boom': { status: 500 }, '/contact': { headers: { 'x-frame-options': 'DENY' } } }),
  );
  server = await startFixtureServer(root);
});
afterAll(async () => server.close());

describe('fixture server (CONTRACT §3)', () => {
  it('resolves paths as the contract says', async () => {
    expect((await get('https', 'www.exemple.fr', '/')).body).toBe('<h1>home</h1>');
    expect((await get('http', 'www.exemple.fr', '/aide/')).body).toBe('<h1>aide</h1>');
    expect((await get('https', 'www.exemple.fr', '/aide')).body).toBe('<h1>aide</h1>');
    expect((await get('https', 'www.exemple.fr', '/aide/faq?q=1')).body).toBe('<h1>faq</h1>');
    expect((await get('https', 'www.exemple.fr', '/contact')).body).toBe('<h1>contact</h1>');
    const txt = await get('https', 'www.exemple.fr', '/robots.txt');
    expect(txt.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await get('https', 'www.exemple.fr', '/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('https', 'www.exemple.fr', '/nope')).status).toBe(404);
    expect((await get('https', 'www.exemple.fr', '/../../etc/passwd')).status).toBe(404);
  });
  it('applies _routes.json: redirect, status, headers, delay', async () => {
    const old = await get('https', 'www.exemple.fr', '/old');
    expect(old.status).toBe(301);
    expect(old.headers.location).toBe('/contact');
    expect((await get('https', 'www.exemple.fr', '/boom')).status).toBe(500);
    expect((await get('https', 'www.exemple.fr', '/contact')).headers['x-frame-options']).toBe('DENY');
    expect((await get('https', 'www.exemple.fr', '/slow')).ms).toBeGreaterThanOrEqual(280);
  });
  it('maps only known hosts; everything else fails like an unresolvable host', async () => {
    expect(server.hosts).toEqual(['www.exemple.fr']);
    expect(hostResolverRules(server)).toBe(`MAP www.exemple.fr:443 127.0.0.1:${server.httpsPort}, MAP www.exemple.fr:80 127.0.0.1:${server.httpPort}, MAP * ~NOTFOUND`);
    await expect(get('https', 'other.example.org', '/')).rejects.toThrow();
  });
  it('never leaves the host folder', () => {
    expect(resolveFixturePath(join(root, 'www.exemple.fr'), '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
  });
});

describe('fixture server: realistic network (issue 10)', () => {
  let rroot: string;
  let net: FixtureServer;
  const hosts = ['www.alpha.fr', 'www.beta.fr', 'www.gamma.fr', 'www.delta.fr'];

  function fetchVia(s: FixtureServer, host: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ms: number; type: string }> {
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: s.httpsPort, path, headers: { host, ...headers }, rejectUnauthorized: false, servername: host }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - t0, type: String(res.headers['content-type'] ?? '') }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  beforeAll(async () => {
    rroot = mkdtempSync(join(tmpdir(), 'ct-fxnet-'));
    for (const h of hosts) {
      mkdirSync(join(rroot, h));
      writeFileSync(join(rroot, h, 'index.html'), `<html><body><h1>${h}</h1></body></html>`);
      writeFileSync(join(rroot, h, 'app.js'), 'window.x = 1;');
      writeFileSync(join(rroot, h, 'data.json'), '{"a":1}');
    }
    net = await startFixtureServer(rroot, { network: 'realistic' });
  });
  afterAll(async () => net.close());

  it('latency is drawn per URL within the bounds, the same for the same URL', () => {
    for (let i = 0; i < 200; i++) {
      const d = latencyFor(`www.alpha.fr/page-${i}`, [250, 700]);
      expect(d).toBeGreaterThanOrEqual(250);
      expect(d).toBeLessThanOrEqual(700);
      expect(latencyFor(`www.alpha.fr/page-${i}`, [250, 700])).toBe(d);
    }
    const spread = new Set(Array.from({ length: 50 }, (_, i) => latencyFor(`u${i}`, [60, 250])));
    expect(spread.size).toBeGreaterThan(30);
    expect(latencyFor('www.alpha.fr/', [250, 700], 1)).not.toBe(latencyFor('www.alpha.fr/', [250, 700], 0));
  });

  it('documents wait 250–700 ms and sub-resources 60–250 ms, as the hash says', async () => {
    const doc = await fetchVia(net, 'www.alpha.fr', '/', { 'sec-fetch-dest': 'document' });
    const expected = latencyFor('www.alpha.fr/', [250, 700]);
    expect(doc.ms).toBeGreaterThanOrEqual(expected - 5);
    expect(doc.ms).toBeLessThan(expected + 400);
    const js = await fetchVia(net, 'www.alpha.fr', '/app.js', { 'sec-fetch-dest': 'script' });
    const expectedJs = latencyFor('www.alpha.fr/app.js', [60, 250]);
    expect(js.ms).toBeGreaterThanOrEqual(expectedJs - 5);
    expect(js.ms).toBeLessThan(expectedJs + 400);
    expect(js.body).toBe('window.x = 1;');
  });

  it('the analytics tag is injected in HTML only, with a long-poll on every second host', async () => {
    const pages = await Promise.all(hosts.map((h) => fetchVia(net, h, '/')));
    const tags = pages.map((p) => /<script src="https:\/\/analytics\.realistic\.invalid\/beacon\.js(\?lp=1)?" async><\/script><\/body>/.exec(p.body));
    expect(tags.every(Boolean)).toBe(true);
    // sorted hosts: alpha, beta, delta, gamma → the 2nd and 4th long-poll
    const lp = Object.fromEntries(hosts.map((h, i) => [h, tags[i]![1] === '?lp=1']));
    expect(lp).toEqual({ 'www.alpha.fr': false, 'www.beta.fr': true, 'www.delta.fr': false, 'www.gamma.fr': true });
    expect((await fetchVia(net, 'www.alpha.fr', '/app.js')).body).toBe('window.x = 1;');
    expect((await fetchVia(net, 'www.alpha.fr', '/data.json')).body).toBe('{"a":1}');
    expect(net.hosts).toContain('analytics.realistic.invalid');
    expect(hostResolverRules(net)).toContain('MAP analytics.realistic.invalid:443');
    const script = await fetchVia(net, 'analytics.realistic.invalid', '/beacon.js?lp=1');
    expect(script.type).toMatch(/javascript/);
    expect(script.body).toContain("navigator.sendBeacon('https://analytics.realistic.invalid/collect'");
    expect(script.body).toContain('setInterval(send, 1500)');
    expect(script.body).toContain('/poll?h=');
    expect((await fetchVia(net, 'analytics.realistic.invalid', '/beacon.js')).body).not.toContain('/poll');
    expect((await fetchVia(net, 'analytics.realistic.invalid', '/collect')).status).toBe(204);
  });

  it('the long-poll stays open until the client goes away', async () => {
    const state = await new Promise<{ headers: boolean; ended: boolean }>((resolve) => {
      let ended = false;
      const req = httpsRequest({ host: '127.0.0.1', port: net.httpsPort, path: '/poll?h=www.beta.fr', headers: { host: 'analytics.realistic.invalid' }, rejectUnauthorized: false, servername: 'analytics.realistic.invalid' }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => (ended = true));
        setTimeout(() => {
          req.destroy();
          resolve({ headers: res.statusCode === 200, ended });
        }, 2500);
      });
      req.on('error', () => undefined);
      req.end();
    });
    expect(state).toEqual({ headers: true, ended: false });
  });

  it('quiet by default; a corpus _network.json turns the realistic network on', async () => {
    expect(server.network).toBeNull();
    expect(resolveNetwork(rroot)).toBeNull();
    writeFileSync(join(rroot, '_network.json'), JSON.stringify({ profile: 'realistic', documentMs: [100, 200] }));
    expect(resolveNetwork(rroot)).toEqual({ ...REALISTIC_NETWORK, documentMs: [100, 200], profile: 'realistic' });
    expect(resolveNetwork(rroot, 'quiet')).toBeNull();
    expect(() => resolveNetwork(rroot, { documentMs: [300, 100] } as never)).toThrow(/documentMs/);
    expect(() => resolveNetwork(rroot, 'slow' as never)).toThrow('network: must be quiet, realistic, heavy (got slow)');
    writeFileSync(join(rroot, '_network.json'), JSON.stringify({ profile: 'heavy', imagesPerPage: 10 }));
    expect(resolveNetwork(rroot)).toEqual({ ...HEAVY_NETWORK, imagesPerPage: 10, profile: 'heavy' });
    writeFileSync(join(rroot, '_network.json'), JSON.stringify({ profile: 'quiet' }));
    const quiet = await fetchVia(server, 'www.exemple.fr', '/');
    expect(quiet.body).toBe('<h1>home</h1>');
  });
});

describe('fixture server: heavy network (the weight of real pages)', () => {
  it('is the realistic network plus 700 ms of script, 3,000 hidden elements and 80 images from its own host per page, seen from a real page', { timeout: 60_000 }, async () => {
    expect(HEAVY_NETWORK).toEqual({ ...REALISTIC_NETWORK, pageScriptMs: 700, extraNodes: 3000, imagesPerPage: 80 });
    expect(SCRIPT_STEPS_PER_MS * 700).toBe(98_000_000);
    const root = mkdtempSync(join(tmpdir(), 'ct-fxheavy-'));
    mkdirSync(join(root, 'www.lourd.fr'));
    writeFileSync(join(root, 'www.lourd.fr', 'index.html'), '<html><body><h1>Accueil</h1><a href="/contact">Contact</a></body></html>');
    const server = await startFixtureServer(root, { network: 'heavy' });
    const browser = await launchBrowser({ fixtures: server });
    try {
      const page = await browser.newPage();
      const pixels: string[] = [];
      page.on('requestfinished', (r) => {
        if (r.url().startsWith('https://www.lourd.fr/__heavy/img.gif')) pixels.push(r.url());
      });
      await page.goto('https://www.lourd.fr/', { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelectorAll('span').length >= 3000, null, { timeout: 10_000 });
      // the tag held the main thread: a long task (its work is fixed, its time depends on the machine)
      const longest = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => resolve(Math.max(...list.getEntries().map((e) => e.duration)))).observe({ type: 'longtask', buffered: true });
          }),
      );
      expect(longest).toBeGreaterThanOrEqual(50);
      expect(await page.evaluate(() => typeof (window as unknown as { __heavyTag: unknown }).__heavyTag)).toBe('number');
      expect(await page.evaluate(() => document.querySelectorAll('div[hidden] > span').length)).toBe(3000);
      await expect.poll(() => pixels.length, { timeout: 10_000 }).toBe(80);
      // each with its own latency, so they finish in any order
      expect(pixels.map((u) => Number(new URL(u).searchParams.get('i'))).sort((a, b) => a - b)).toEqual([...Array(80).keys()]);
      expect(pixels).toContain('https://www.lourd.fr/__heavy/img.gif?i=0&u=%2F');
      expect(await page.textContent('h1')).toBe('Accueil'); // the page itself unchanged
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
