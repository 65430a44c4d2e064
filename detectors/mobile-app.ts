/**
 * mobile-app: the actor's mobile apps (channel `mobile_app`).
 *
 * Finds:
 * - links to an App Store app or developer page: apps.apple.com/…/app/…/id<digits>,
 *   itunes.apple.com/…/app/…/id<digits>, apps.apple.com/…/developer/…/id<digits>, apple.co/…;
 * - links to a Google Play app or developer page: play.google.com/store/apps/details?id=<pkg>,
 *   /store/apps/dev?id=…, /store/apps/developer?id=…, market://details?id=…;
 * - store badges: a link whose image / aria-label / title says "App Store" or "Google Play"
 *   ("Télécharger dans l'App Store", "Disponible sur Google Play", badge file names), whatever
 *   it points to (badges often go to a deferred deep link such as onelink.me or app.adjust.com,
 *   or to the actor's own "application" page);
 * - `<meta name="apple-itunes-app" content="app-id=…">` (Safari smart banner) and
 *   `<meta name="google-play-app" content="app-id=…">`.
 * Links of the main document and readable visible frames, hidden ones included (footers in
 * collapsed menus). Attribute `stores`: of ios, android, in that order.
 *
 * Deliberately ignores: links to the stores' home, search, charts or category pages
 * (apps.apple.com/fr/ alone, play.google.com/store/apps, /store/search), Apple Music / Podcasts /
 * Books links, and the words "App Store" / "Google Play" in running text without a link.
 *
 * Known false positives: we accept every app link, so an app of another company (a partner, a
 * payment app, "download Adobe Reader", an authenticator app recommended by a bank) counts:
 * telling the actor's own app from others would need the developer name, which the page does
 * not give. Bank pages recommending "Google Authenticator" are the likeliest case.
 *
 * Tried and rejected: matching the app id against the site domain (com.bnpparibas.* vs
 * mabanque.bnpparibas: often unrelated, e.g. fr.creditagricole.* vs credit-agricole.fr).
 */
import type { Evidence, Finding } from './types.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { linkSelector, pageLinks } from './lib/links.ts';
import { findIn, select } from './lib/dom.ts';
import { bareHost, parseUrl } from './lib/url.ts';

type Store = 'ios' | 'android';
const STORE_ORDER: Store[] = ['ios', 'android'];

/** which store's app page the link is, or null */
export function storeOfLink(href: string, base: string): Store | null {
  const h = href.trim();
  if (/^market:\/\/details\?/i.test(h)) return /[?&]id=[\w.]+/.test(h) ? 'android' : null;
  if (/^itms-apps?:\/\//i.test(h)) return /\/id\d+|[?&]id=\d+/.test(h) ? 'ios' : null;
  const u = parseUrl(h, base);
  if (!u || !/^https?:$/.test(u.protocol)) return null;
  const host = bareHost(u);
  const path = u.pathname;
  if (host === 'apps.apple.com' || host === 'itunes.apple.com') {
    return /\/(?:app|developer)\/(?:[^/]+\/)?id\d+/i.test(path) || (/\/app\//.test(path) && /^\d+$/.test(u.searchParams.get('id') ?? '')) ? 'ios' : null;
  }
  if (host === 'apple.co') return path.length > 1 ? 'ios' : null;
  if (host === 'play.google.com') {
    return /^\/store\/apps\/(?:details|dev|developer)\/?$/.test(path) && u.searchParams.get('id') ? 'android' : null;
  }
  return null;
}

const IOS_BADGE = /app[\s_-]?store|apple[\s_-]?store|download[\s_-]on[\s_-]the[\s_-]app|t[eé]l[eé]charger\s+(?:dans|sur)\s+l['’]app|badge[\s_-]?(?:apple|ios)|(?:apple|ios)[\s_-]?badge/i;
const ANDROID_BADGE = /google[\s_-]?play|play[\s_-]?store|get[\s_-]it[\s_-]on[\s_-]google|badge[\s_-]?(?:google|android)|(?:google|android)[\s_-]?badge/i;

function detect(page: PageView): Finding[] {
  const found = new Map<Store, Evidence>();
  const add = (s: Store, e: Evidence) => {
    const prev = found.get(s);
    // a real store link is better evidence than a badge
    if (!prev || (prev.signal === 'store-badge' && e.signal !== 'store-badge')) found.set(s, e);
  };
  for (const l of pageLinks(page)) {
    const source = l.frame ? 'frame' : 'dom';
    const store = storeOfLink(l.href, l.frame || page.url);
    if (store) {
      add(store, evidence(page.url, source, `${store === 'ios' ? 'app-store' : 'google-play'}-link`, l.href + (l.hidden ? ' (hidden)' : ''), l.selector));
      continue;
    }
    // a badge pointing elsewhere (deep link, own app page); not a link to a store home page
    if (l.url && /(?:^|\.)(?:apple\.com|google\.com)$/.test(bareHost(l.url))) continue;
    const a = l.$(l.el as never);
    const imgs = findIn(l.$, l.el, 'img, svg, picture source')
      .map((i) => `${l.$(i).attr('src') ?? ''} ${l.$(i).attr('srcset') ?? ''} ${l.$(i).attr('alt') ?? ''} ${l.$(i).attr('class') ?? ''}`)
      .join(' ');
    const badge = `${l.text} ${imgs} ${a.attr('class') ?? ''}`;
    if (!imgs.trim() && !/\bbadge\b|\bstore\b/i.test(a.attr('class') ?? '')) continue; // a text link saying "Google Play" is not a badge
    if (IOS_BADGE.test(badge)) add('ios', evidence(page.url, source, 'store-badge', `App Store badge → ${l.href}`, l.selector));
    if (ANDROID_BADGE.test(badge)) add('android', evidence(page.url, source, 'store-badge', `Google Play badge → ${l.href}`, l.selector));
  }
  const ios = select(page.$, 'meta[name="apple-itunes-app"]').attr('content') ?? '';
  if (/app-id=\d+/.test(ios)) add('ios', evidence(page.url, 'dom', 'apple-itunes-app-meta', ios, linkSelector('meta', 'name', 'apple-itunes-app')));
  const android = select(page.$, 'meta[name="google-play-app"]').attr('content') ?? '';
  if (/app-id=[\w.]+/.test(android)) add('android', evidence(page.url, 'dom', 'google-play-app-meta', android, linkSelector('meta', 'name', 'google-play-app')));

  if (!found.size) return [];
  const stores = STORE_ORDER.filter((s) => found.has(s));
  return [{ channel: 'mobile_app', detector: 'mobile-app', attributes: { stores: [...stores] }, evidence: stores.map((s) => found.get(s)!) }];
}

export const mobileAppDetector: Detector = {
  id: 'mobile-app',
  version: 1,
  channels: ['mobile_app'],
  needs: ['html', 'frames'],
  detect,
};
