/**
 * social-account: the actor's own social-network accounts (channel `social`).
 *
 * Finds links (main document and readable visible frames; hidden links too, since footers and
 * "Suivez-nous" blocks often sit in collapsed mobile menus) whose URL has the shape of a profile:
 * - facebook: facebook.com/<page>, fb.com/<page>, facebook.com/pages/<name>/<id>[?sk=…],
 *   facebook.com/pages/category/<category>/<name>,
 *   facebook.com/profile.php?id=…; and the page named in a Facebook page-plugin frame
 *   (facebook.com/plugins/page.php?href=…);
 * - x: x.com/<handle>, twitter.com/<handle> (1–15 chars of [A-Za-z0-9_]), twitter.com/#!/<handle>
 *   (the hash-bang form of 2010–2012 sites, read for every network);
 * - instagram: instagram.com/<handle>;
 * - linkedin: linkedin.com/company/<x>[/about…], /company-beta/<id>, /showcase/<x>, /school/<x>;
 * - youtube: youtube.com/@x, /c/x, /channel/x, /user/x, and legacy youtube.com/<name>;
 * - tiktok: tiktok.com/@x;
 * - pinterest: pinterest.<tld>/<user>[/<board>].
 * Attribute `networks`, in the order facebook, x, instagram, linkedin, youtube, tiktok, pinterest.
 *
 * Deliberately ignores: share buttons (sharer.php, /share, /intent/…, shareArticle, pin/create,
 * any URL with a "share"/"sharer"/"intent" path or u=/url=/text= share parameters), the
 * networks' home, login, help, legal and privacy pages, search/hashtag/explore pages, single
 * posts and videos (…/status/…, /p/…, /reel/…, /posts/…, /watch, youtu.be, /embed/), personal
 * LinkedIn profiles (/in/…) and Facebook groups: a post or video shows someone's content, not
 * necessarily the actor's account.
 *
 * Known false positives: a profile link to another organisation (a partner, a regulator, a
 * celebrity) counts: "own account" is not checked against the actor's name, because handles
 * rarely match brand names exactly (e.g. @LCL vs lcl.fr is easy, @MaBanque_Officiel is not).
 *
 * Tried and rejected: requiring a "Suivez-nous" heading nearby (many footers use icons only).
 */
import type { Evidence, Finding } from './types.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { pageLinks } from './lib/links.ts';
import { select } from './lib/dom.ts';
import { bareHost, parseUrl } from './lib/url.ts';

export const NETWORK_ORDER = ['facebook', 'x', 'instagram', 'linkedin', 'youtube', 'tiktok', 'pinterest'] as const;
type Network = (typeof NETWORK_ORDER)[number];

const FB_RESERVED = new Set([
  'sharer', 'sharer.php', 'share', 'share.php', 'dialog', 'plugins', 'login', 'login.php', 'logout.php', 'privacy', 'policies',
  'policy.php', 'policy', 'help', 'legal', 'terms', 'terms.php', 'about', 'settings', 'home.php', 'watch', 'groups', 'events',
  'hashtag', 'search', 'tr', 'business', 'ads', 'marketplace', 'gaming', 'reg', 'r.php', 'signup', 'recover', 'l.php',
  'photo.php', 'photo', 'story.php', 'permalink.php', 'video.php', 'notes', 'media', 'careers', 'friends', 'messages',
  'bookmarks', 'fundraisers', 'offsite', 'places', 'pg', 'people', 'public', 'reel', 'reels', 'stories', 'live', 'v2.0',
]);
const X_RESERVED = new Set([
  'intent', 'share', 'home', 'i', 'search', 'hashtag', 'login', 'signup', 'privacy', 'tos', 'settings', 'explore',
  'notifications', 'messages', 'compose', 'about', 'download', 'widgets', 'en', 'fr', 'rules', 'account', 'logout', 'x',
  'twitter', 'jobs', 'help',
]);
const IG_RESERVED = new Set([
  'p', 'reel', 'reels', 'tv', 'explore', 'accounts', 'about', 'legal', 'direct', 'stories', 'developer', 'web', 'emails',
  'directory', 'instagram', 'privacy', 'terms', 'api', 'challenge', 'session',
]);
const YT_RESERVED = new Set([
  'watch', 'embed', 'results', 'feed', 'playlist', 'shorts', 'redirect', 't', 'about', 'howyoutubeworks', 'premium',
  'kids', 'account', 'signin', 's', 'yt', 'live', 'gaming', 'music', 'channel', 'c', 'user', 'creators', 'ads', 'intl',
  'new', 'trends', 'hashtag', 'attribution_link', 'subscription_center', 'v', 'e', 'youtubei', 'oembed', 'supported_browsers',
]);
const PIN_RESERVED = new Set([
  'pin', 'search', 'ideas', 'today', '_', 'business', 'login', 'explore', 'categories', 'topics', 'settings', 'about',
  'resource', 'oauth', 'signup', 'password', 'privacy', 'terms', 'help', 'discover',
]);

function segments(u: URL): string[] {
  return u.pathname.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

function looksLikeShare(u: URL): boolean {
  if (/(?:^|\/)(?:share|sharer|sharing|intent|shareArticle|share\.php|sharer\.php)(?:\/|$|\.)/i.test(u.pathname)) return true;
  if (/\/pin\/create/i.test(u.pathname)) return true;
  for (const k of ['u', 'url', 'text', 'shareurl', 'media']) if (u.searchParams.has(k)) return true;
  return false;
}

/** which network's profile the URL is, or null */
export function profileNetwork(url: URL): Network | null {
  if (!/^https?:$/.test(url.protocol)) return null;
  // the 2010–2012 hash-bang form: twitter.com/#!/name, facebook.com/#!/pages/Name/123
  let u = url;
  if (/^#!\//.test(url.hash) && (url.pathname === '/' || url.pathname === '')) {
    const fromHash = parseUrl(url.hash.slice(2), `${url.protocol}//${url.host}/`);
    if (!fromHash) return null;
    u = fromHash;
  }
  const host = bareHost(u).replace(/^(?:m|mobile|fr|fr-fr|fr-ca|web|business)\./, '');
  const seg = segments(u);
  const first = (seg[0] ?? '').toLowerCase();
  if (/^(?:facebook\.com|fb\.com|fb\.me)$/.test(host)) {
    if (looksLikeShare(u) && first !== 'profile.php') return null;
    if (first === 'profile.php') return u.searchParams.get('id') ? 'facebook' : null;
    if (first === 'pages') {
      // pages/<name>/<id>, pages/category/<category>/<name>; not pages/create, pages/category/<category>
      const sub = (seg[1] ?? '').toLowerCase();
      if (!sub || /^(?:create|launchpoint|browser|feed)$/.test(sub)) return null;
      if (sub === 'category') return seg.length >= 4 ? 'facebook' : null;
      return 'facebook';
    }
    if (!first || FB_RESERVED.has(first)) return null;
    if (seg.length > 1 && /^(?:posts|videos|photos|reviews|events)$/i.test(seg[1] ?? '') && seg.length > 2) return null;
    return /^[\w.\-]{2,}$/u.test(first) ? 'facebook' : null;
  }
  if (/^(?:twitter\.com|x\.com)$/.test(host)) {
    if (looksLikeShare(u) || seg.length !== 1) return null;
    const handle = seg[0]!.replace(/^@/, '');
    if (X_RESERVED.has(handle.toLowerCase())) return null;
    return /^[A-Za-z0-9_]{1,15}$/.test(handle) ? 'x' : null;
  }
  if (/^(?:instagram\.com|instagr\.am)$/.test(host)) {
    if (seg.length !== 1 || IG_RESERVED.has(first)) return null;
    return /^[A-Za-z0-9_.]{1,30}$/.test(seg[0]!) ? 'instagram' : null;
  }
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) {
    if (looksLikeShare(u)) return null;
    if (/^(?:company|company-beta|showcase|school)$/.test(first) && seg[1]) return 'linkedin';
    return null;
  }
  if (host === 'youtube.com') {
    if (first.startsWith('@') && first.length > 1 && (seg.length === 1 || /^(?:videos|featured|about|playlists|streams|shorts)$/i.test(seg[1] ?? ''))) return 'youtube';
    if (/^(?:c|channel|user)$/.test(first) && seg[1]) return 'youtube';
    if (seg.length === 1 && !YT_RESERVED.has(first) && /^[A-Za-z0-9_\-]{3,}$/.test(seg[0]!) && !u.searchParams.has('v')) return 'youtube';
    return null;
  }
  if (host === 'tiktok.com') {
    if (first.startsWith('@') && first.length > 1 && seg.length === 1) return 'tiktok';
    return null;
  }
  if (/^pinterest\.(?:[a-z]{2,3}|co\.uk|com\.[a-z]{2})$/.test(host) || host === 'pin.it') {
    if (host === 'pin.it') return null; // short links point to pins as often as to profiles
    if (looksLikeShare(u) || !first || PIN_RESERVED.has(first) || seg.length > 2) return null;
    return /^[A-Za-z0-9_.\-]{3,30}$/.test(seg[0]!) ? 'pinterest' : null;
  }
  return null;
}

function detect(page: PageView): Finding[] {
  const found = new Map<Network, Evidence>();
  for (const l of pageLinks(page)) {
    if (!l.url) continue;
    const n = profileNetwork(l.url);
    if (!n) continue;
    const prev = found.get(n);
    // prefer a visible link as evidence
    if (!prev || (prev.detail.endsWith('(hidden)') && !l.hidden)) {
      found.set(n, evidence(page.url, l.frame ? 'frame' : 'dom', `${n}-profile-link`, l.href + (l.hidden ? ' (hidden)' : ''), l.selector));
    }
  }
  // Facebook page plugin: the frame URL names the page
  const frameUrls = [
    ...select(page.$, 'iframe[src]').map((_, el) => page.$(el).attr('src') ?? '').get(),
    ...(page.snapshot.frames ?? []).map((f) => f.url),
  ];
  for (const src of frameUrls) {
    const u = parseUrl(src, page.url);
    if (!u || !/facebook\.com$/.test(u.hostname) || !/\/plugins\/(?:page|likebox|like_box)\.php/.test(u.pathname)) continue;
    const target = parseUrl(u.searchParams.get('href') ?? '', 'https://www.facebook.com/');
    if (target && profileNetwork(target) === 'facebook' && !found.has('facebook')) {
      found.set('facebook', evidence(page.url, 'frame', 'facebook-page-plugin', src));
    }
  }
  if (!found.size) return [];
  const networks = NETWORK_ORDER.filter((n) => found.has(n));
  return [
    {
      channel: 'social',
      detector: 'social-account',
      attributes: { networks: [...networks] },
      evidence: networks.map((n) => found.get(n)!),
    },
  ];
}

export const socialAccountDetector: Detector = {
  id: 'social-account',
  version: 2,
  channels: ['social'],
  needs: ['html', 'frames'],
  detect,
};
