import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostResolverRules, resolveFixturePath, startFixtureServer, type FixtureServer } from '../crawler/serve/fixture-server.ts';

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
