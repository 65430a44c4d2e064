/**
 * Containment on the live web: no request of a browser context reaches a loopback, private,
 * link-local or otherwise non-public address. Three layers:
 * - a route on the context checks every request's first hop (documents, sub-resources, frames):
 *   host names are resolved first (cached), so a public-looking name that resolves to 127.0.0.1 is
 *   refused; IP literals in any spelling (`[::ffff:127.0.0.1]`, `0x7f.1`, `localhost.`) are
 *   normalised by the URL parser and checked;
 * - Chromium's own Local Network Access checks refuse a public page's sub-resources on private
 *   addresses, redirect hops included;
 * - redirect hops of a top-level navigation never reach a route handler (Playwright continues them
 *   inside the browser, and Network.setBlockedURLs had no effect on this Chromium, tried): the
 *   visit checks the redirect chain after the fact and refuses to read a page reached that way
 *   (`redirectChainIsPublic`). That one GET has then been sent: a known limit, as is a DNS answer
 *   that changes between our lookup and the browser's (rebinding).
 * Offline corpora are on loopback by design and skip all this.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { BrowserContext, Route } from 'playwright';

/** Resolved host names are remembered this long (a scan visits the same few hosts many times). */
const DNS_CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; blocked: boolean }>();

function v4Blocked(ip: string): boolean {
  const p = ip.split('.').map(Number);
  const [a, b] = p;
  return (
    a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 192 && b === 0 && p[2] === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224 // multicast, reserved, broadcast
  );
}

/** Is this IP address (v4 or v6, any textual form Node accepts) outside the public internet? */
export function isNonPublicAddress(ip: string): boolean {
  const addr = ip.replace(/^\[|\]$/g, '').toLowerCase();
  const kind = isIP(addr);
  if (kind === 4) return v4Blocked(addr);
  if (kind !== 6) return true; // not an address: refuse rather than guess
  if (addr === '::' || addr === '::1') return true;
  const mapped = addr.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return v4Blocked(mapped[1]);
  if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(addr)) {
    const [hi, lo] = addr.slice(7).split(':').map((h) => parseInt(h, 16));
    return v4Blocked(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(addr) || /^64:ff9b:/.test(addr) || /^2001:db8:/.test(addr);
}

/** Does this URL's host point outside the public internet (names resolved, cached)? */
export async function isNonPublicUrl(url: string, resolve: (host: string) => Promise<{ address: string }[]> = (h) => lookup(h, { all: true, verbatim: true })): Promise<boolean> {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return false;
    host = u.hostname.replace(/\.$/, '').toLowerCase();
  } catch {
    return true;
  }
  if (isIP(host.replace(/^\[|\]$/g, ''))) return isNonPublicAddress(host);
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  const hit = cache.get(host);
  if (hit && Date.now() - hit.at < DNS_CACHE_MS) return hit.blocked;
  let blocked: boolean;
  try {
    const addrs = await resolve(host);
    blocked = addrs.some((a) => isNonPublicAddress(a.address));
  } catch {
    blocked = false; // unresolvable: the browser fails it the same way, with its own error
  }
  cache.set(host, { at: Date.now(), blocked });
  return blocked;
}

/** Refuses, in this context, every request whose host is not on the public internet. */
export async function blockPrivateRequests(ctx: BrowserContext): Promise<void> {
  await ctx.route('**/*', async (route: Route) => {
    const url = route.request().url();
    if (await isNonPublicUrl(url)) await route.abort('addressunreachable').catch(() => undefined);
    else await route.fallback().catch(() => undefined);
  });
}


/** Every hop of a navigation's redirect chain is on the public internet. */
export async function redirectChainIsPublic(urls: string[]): Promise<boolean> {
  for (const u of urls) if (await isNonPublicUrl(u)) return false;
  return true;
}
