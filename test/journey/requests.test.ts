/**
 * When a page counts as settled (crawler/journey/requests.ts): requests in flight hold it until
 * they turn long-lived (pending over LONG_LIVED_MS: long-polls, streams); beacons, event streams and
 * sockets never hold it. A fixed "no request for N ms" wait would never end on such pages.
 */
import { EventEmitter } from 'node:events';
import type { Page, Request } from 'playwright';
import { describe, expect, it } from 'vitest';
import { LONG_LIVED_MS, QUIET_MS } from '../../crawler/journey/options.ts';
import { RequestLog } from '../../crawler/journey/requests.ts';

const req = (url: string, type: string) => ({ url: () => url, resourceType: () => type }) as unknown as Request;

describe('request log: settled or not', () => {
  it('a long-poll holds the page only until it is long-lived; a beacon never does', async () => {
    const page = new EventEmitter();
    const log = new RequestLog(page as unknown as Page);
    const t0 = Date.now();
    page.emit('request', req('https://www.a.fr/poll', 'xhr'));
    page.emit('request', req('https://analytics.example/collect', 'ping'));
    expect(log.pending(t0 + 10)).toBe(1); // the long-poll, just started, holds the page
    expect(log.pending(t0 + LONG_LIVED_MS + 10)).toBe(0); // long-lived now: no longer counted
    // long-lived, it never held the page: quiet since the log started, nothing ended since
    expect(log.quietSince(t0 + LONG_LIVED_MS + 10)).toBeGreaterThan(QUIET_MS);
    expect(log.records.map((r) => r.type)).toEqual(['xhr', 'ping']); // both recorded for detectors
    log.detach();
  });

  it('once a long-poll is known for one, the page is settled at once if the rest ended long enough ago', async () => {
    const page = new EventEmitter();
    const log = new RequestLog(page as unknown as Page);
    const js = req('https://www.a.fr/app.js', 'script');
    page.emit('request', js);
    page.emit('requestfinished', js);
    const t0 = Date.now();
    page.emit('request', req('https://www.a.fr/poll', 'fetch'));
    // young: the long-poll holds the page, whatever the quiet since the script ended
    expect(log.pending(t0 + LONG_LIVED_MS - 10)).toBe(1);
    // long-lived: the script ended over QUIET_MS ago, so the page is settled now, not QUIET_MS later
    expect(log.pending(t0 + LONG_LIVED_MS + 10)).toBe(0);
    expect(log.quietSince(t0 + LONG_LIVED_MS + 10)).toBeGreaterThan(QUIET_MS);
    // a request that ends restarts the quiet window
    const xhr = req('https://www.a.fr/api', 'xhr');
    page.emit('request', xhr);
    page.emit('requestfinished', xhr);
    expect(log.quietSince(Date.now() + 10)).toBeLessThan(QUIET_MS);
    log.detach();
  });

  it('a finished request ends its hold at once', async () => {
    const page = new EventEmitter();
    const log = new RequestLog(page as unknown as Page);
    const r = req('https://www.a.fr/app.js', 'script');
    page.emit('request', r);
    expect(log.pending()).toBe(1);
    page.emit('response', { request: () => r, status: () => 200 });
    expect(log.pending()).toBe(1); // headers arrived, the body not yet
    page.emit('requestfinished', r);
    expect(log.pending()).toBe(0);
    expect(log.records[0].status).toBe(200);
    log.detach();
  });

  it('a long-poll endpoint learned on one page never holds the next page of the actor', async () => {
    const longLived = new Set<string>();
    const first = new EventEmitter();
    const log1 = new RequestLog(first as unknown as Page, longLived);
    const t0 = Date.now();
    first.emit('request', req('https://live.a.fr/poll?h=www.a.fr&n=1', 'fetch'));
    first.emit('request', req('https://www.a.fr/slow.js', 'script'));
    expect(log1.pending(t0 + 10)).toBe(2);
    expect(longLived.size).toBe(0);
    // both turn long-lived: only the fetch is taken for a long-poll (a slow script is not one)
    expect(log1.pending(t0 + LONG_LIVED_MS + 10)).toBe(0);
    expect([...longLived]).toEqual(['https://live.a.fr/poll']);
    log1.detach();

    const next = new EventEmitter();
    const log2 = new RequestLog(next as unknown as Page, longLived);
    next.emit('request', req('https://live.a.fr/poll?h=www.a.fr&n=2', 'fetch')); // same endpoint, new query
    next.emit('request', req('https://www.a.fr/slow.js', 'script'));
    next.emit('request', req('https://live.a.fr/api/status', 'xhr')); // another endpoint of the host
    expect(log2.pending()).toBe(2); // the script and the other XHR hold the page, the known long-poll does not
    expect(log2.records.map((r) => r.url)).toEqual(['https://live.a.fr/poll?h=www.a.fr&n=2', 'https://www.a.fr/slow.js', 'https://live.a.fr/api/status']);
    log2.detach();
    // without the actor's memory, the same request holds a fresh page until it turns long-lived
    const fresh = new EventEmitter();
    const log3 = new RequestLog(fresh as unknown as Page);
    fresh.emit('request', req('https://live.a.fr/poll?h=www.a.fr&n=3', 'fetch'));
    expect(log3.pending()).toBe(1);
    log3.detach();
  });
});
