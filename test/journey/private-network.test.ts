import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveChromium } from '../../crawler/journey/browser.ts';
import { blockPrivateRequests, isNonPublicAddress, isNonPublicUrl } from '../../crawler/journey/private-network.ts';

describe('non-public addresses', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.1', true],
    ['169.254.169.254', true], ['100.64.0.1', true], ['0.0.0.0', true], ['::1', true], ['[::1]', true],
    ['::ffff:127.0.0.1', true], ['::ffff:7f00:1', true], ['fd00::1', true], ['fe80::1', true],
    ['8.8.8.8', false], ['172.32.0.1', false], ['93.184.216.34', false], ['2a00:1450:4007:80c::200e', false],
  ])('%s → %s', (ip, blocked) => {
    expect(isNonPublicAddress(ip)).toBe(blocked);
  });

  it('checks every hop of a redirect chain', async () => {
    const { redirectChainIsPublic } = await import('../../crawler/journey/private-network.ts');
    expect(await redirectChainIsPublic(['http://1.2.3.4/a', 'http://127.0.0.1/b'])).toBe(false);
    expect(await redirectChainIsPublic(['http://1.2.3.4/a', 'http://5.6.7.8/b'])).toBe(true);
  });

  it('checks URLs in every spelling, and names by what they resolve to', async () => {
    const dns = async (h: string) => (h === 'rebind.example' ? [{ address: '127.0.0.1' }] : [{ address: '93.184.216.34' }]);
    expect(await isNonPublicUrl('http://[::ffff:127.0.0.1]:8080/', dns)).toBe(true);
    expect(await isNonPublicUrl('http://0x7f.1/', dns)).toBe(true);
    expect(await isNonPublicUrl('http://2130706433/', dns)).toBe(true);
    expect(await isNonPublicUrl('http://localhost./x', dns)).toBe(true);
    expect(await isNonPublicUrl('http://api.localhost/x', dns)).toBe(true);
    expect(await isNonPublicUrl('https://rebind.example/', dns)).toBe(true);
    expect(await isNonPublicUrl('https://www.banque.example/', dns)).toBe(false);
    expect(await isNonPublicUrl('data:text/html,hi', dns)).toBe(false);
  });
});

describe('private-network block in a live browser context', () => {
  let secret: Server;
  let front: Server;
  let browser: Browser;
  const hits: string[] = [];
  beforeAll(async () => {
    secret = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('secret');
    });
    await new Promise<void>((r) => secret.listen(0, '127.0.0.1', r));
    const sp = (secret.address() as AddressInfo).port;
    // a site with a public-looking name (mapped to loopback for the test only) whose page loads
    // private resources
    front = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<img src="http://127.0.0.1:${sp}/img"><iframe src="http://localhost:${sp}/frame"></iframe>`);
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    const fp = (front.address() as AddressInfo).port;
    browser = await chromium.launch({
      executablePath: resolveChromium(),
      // front.invalid is the only name that resolves (to the redirecting server); nothing leaves the machine
      args: [`--host-resolver-rules=MAP front.invalid:80 127.0.0.1:${fp}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`],
    });
  });
  afterAll(async () => {
    await browser?.close();
    secret?.close();
    front?.close();
  });

  it('refuses sub-resources and frames on loopback (literal and by name); without it they get through', async () => {
    const run = async (block: boolean) => {
      const ctx = await browser.newContext();
      if (block) await blockPrivateRequests(ctx);
      const page = await ctx.newPage();
      await page.goto('http://front.invalid/', { waitUntil: 'load' }).catch(() => undefined);
      await page.waitForTimeout(500);
      await ctx.close();
    };
    await run(true);
    expect(hits).toEqual([]);
    await run(false);
    expect(hits.sort()).toEqual(['/frame', '/img']);
  });
});
