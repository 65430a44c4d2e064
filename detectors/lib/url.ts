/**
 * URL helpers shared by detectors: parse without throwing, a host in lower case, a host without
 * "www.". Registrable domains (same site or third party) come from tldts, through
 * `registrableDomain`, so every part of the tool draws the site boundary the same way.
 */
import { getDomain } from 'tldts';

export function parseUrl(href: string, base: string): URL | null {
  try {
    return new URL(href.trim(), base);
  } catch {
    return null;
  }
}

/** host without "www.", lower case */
export function bareHost(u: URL): string {
  return u.hostname.toLowerCase().replace(/^www\./, '');
}

/** Lower-case hostname of `url` resolved against `base`, or null when it does not parse. */
export function hostOf(url: string, base = 'https://x.invalid/'): string | null {
  try {
    return new URL(url, base).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Registrable domain ("sncf-connect.com" for "https://www.sncf-connect.com/aide"), or null. */
export function registrableDomain(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return getDomain(host, { allowPrivateDomains: false }) ?? host;
  } catch {
    return null;
  }
}

/** Canonical form for "already visited": no fragment, no trailing index.html, sorted query. */
export function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    u.hostname = u.hostname.toLowerCase();
    if (u.pathname.endsWith('/index.html')) u.pathname = u.pathname.slice(0, -'index.html'.length);
    const params = [...u.searchParams.entries()].filter(([k]) => !/^(utm_|xtor|gclid|fbclid)/i.test(k)).sort();
    u.search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
    return u.href;
  } catch {
    return url;
  }
}
