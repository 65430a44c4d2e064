/**
 * Which pages the accept pass sees again. Accepting cookies can only change what a page shows
 * through what the consent platform held back: scripts and frames it loads once consent is given.
 * So, after the accept pass's home page (where cookies were accepted):
 * - when accepting changed the home page (a script, frame or XHR URL requested that the refusing
 *   visit did not request, or a channel or chat vendor found that it did not find), consent gates
 *   site-wide content: the pages that matter are all seen again (those with findings first, then
 *   the best contact/help pages), as before this plan existed;
 * - otherwise only the pages where consent can still change something are seen again: a page
 *   holding back content in its markup (a script of a type the browser does not run, `text/plain`
 *   or `didomi/javascript`; a frame waiting for consent, `data-cookieblock-src` or `data-src`
 *   without `src`; tarteaucitron's `tac_activate` placeholder), and pages on another host than the
 *   home page (a help platform may carry its own consent configuration).
 * The reason is recorded with the actor's consent events, so a reader knows why a page was or
 * was not seen twice. Requests to the consent platforms' own hosts (their consent receipts) and to
 * hosts that are never a channel (video players, surveys: non-chat-hosts.json) do not count.
 */
import { hostMatches } from '../../detectors/data/chat-vendors.ts';
import { CONSENT_PLATFORMS } from '../../detectors/data/consent-platforms.ts';
import { loadNonChatHosts } from '../../detectors/data/non-chat-hosts.ts';
import { executableScript } from '../../detectors/lib/chat-cues.ts';
import type { PageRecord } from '../types.ts';
import type { QueueItem } from './visit.ts';

/** Request types through which consent can bring a channel onto a page. */
const GATED_TYPES = new Set(['script', 'document', 'xhr', 'fetch', 'websocket', 'eventsource']);

export interface AcceptPlan {
  items: QueueItem[];
  reason: string;
}

function quietHosts(): string[] {
  const cmpHosts = CONSENT_PLATFORMS.flatMap((p) => p.scripts).filter((s) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(s) && !/\.js$/.test(s));
  return [...cmpHosts, ...loadNonChatHosts()];
}

/** Script, frame and XHR URLs (origin and path) a page requested, minus those that never bring a channel. */
function gatedRequests(r: PageRecord, quiet: string[]): Set<string> {
  const out = new Set<string>();
  for (const q of r.snapshot?.requests ?? []) {
    if (!GATED_TYPES.has(q.type)) continue;
    try {
      const u = new URL(q.url);
      if (!/^https?:$/.test(u.protocol) || quiet.some((h) => hostMatches(u.hostname, h))) continue;
      out.add(`${u.origin}${u.pathname}`);
    } catch {
      /* not a URL */
    }
  }
  return out;
}

const channelsOf = (r: PageRecord) => new Set(r.findings.map((f) => `${f.channel}${f.attributes?.vendor ? `:${f.attributes.vendor}` : ''}`));

/** What accepting changed on the home page, in words, or null when it changed nothing the crawler reads. */
export function consentChange(refuseHome: PageRecord, acceptHome: PageRecord): string | null {
  const quiet = quietHosts();
  const before = gatedRequests(refuseHome, quiet);
  const added = [...gatedRequests(acceptHome, quiet)].filter((u) => !before.has(u));
  if (added.length) return `accepting requested ${added.length} new script/frame URL(s) on the home page (${added.slice(0, 2).join(', ')})`;
  const had = channelsOf(refuseHome);
  const found = [...channelsOf(acceptHome)].filter((c) => !had.has(c));
  if (found.length) return `accepting showed ${found.join(', ')} on the home page`;
  return null;
}

/** Markup a consent platform holds back until consent, or null. Reads the snapshot's HTML (scripts included). */
export function heldBackContent(html: string): string | null {
  for (const m of html.matchAll(/<script\b([^>]*)>/gi)) {
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(m[1])?.[1] ?? '';
    if (!executableScript({ type }) && (/^text\/plain$/i.test(type) || /\/(java|ecma)script$/i.test(type))) return `<script type="${type}">`;
  }
  const frame = /<iframe\b(?=[^>]*\bdata-(?:cookieblock-)?src\s*=)(?![^>]*\ssrc\s*=\s*["']?(?!about:blank)[^"'\s>])[^>]*>/i.exec(html);
  if (frame) return frame[0].slice(0, 120);
  if (/\btac_activate\b/.test(html)) return 'tarteaucitron placeholder (tac_activate)';
  return null;
}

/** Refused pages worth a second look, those with findings first, then by link score and depth. */
function ranked(pages: PageRecord[]): PageRecord[] {
  const seen = pages.filter((p) => p.pass === 'refuse' && p.snapshot && p.depth > 0 && !p.blockedBy);
  const withFindings = seen.filter((p) => p.findings.length > 0);
  const rest = seen.filter((p) => p.findings.length === 0);
  const order = (a: PageRecord, b: PageRecord) => b.score - a.score || a.depth - b.depth;
  return [...withFindings.sort(order), ...rest.sort(order)];
}

const toItem = (p: PageRecord): QueueItem => ({ url: p.url, depth: p.depth, path: p.path, score: p.score, label: '' });

/**
 * `bannerOnHome`: the accept pass's home page showed the banner (and accepted there). When it did
 * not (the banner first showed on a later page of the refuse pass), nothing was accepted yet, so
 * the home page says nothing about what accepting changes: every page that matters is seen again.
 */
export function planAcceptPass(pages: PageRecord[], refuseHome: PageRecord, acceptHome: PageRecord, n: number, bannerOnHome = true): AcceptPlan {
  const candidates = ranked(pages);
  if (!acceptHome.snapshot) return { items: [], reason: 'the home page was not read with cookies accepted: no other page seen again' };
  if (!bannerOnHome) {
    const items = candidates.slice(0, n).map(toItem);
    return { items, reason: `no banner on the home page (it showed on a later page): ${items.length} page(s) seen again` };
  }
  const change = consentChange(refuseHome, acceptHome);
  if (change) {
    const items = candidates.slice(0, n).map(toItem);
    return { items, reason: `${change}: ${items.length} page(s) seen again` };
  }
  const homeHost = new URL(refuseHome.finalUrl).hostname;
  const still = candidates.filter((p) => {
    const host = new URL(p.finalUrl).hostname;
    return host !== homeHost || heldBackContent(p.snapshot?.html ?? '') !== null;
  });
  const items = still.slice(0, n).map(toItem);
  return {
    items,
    reason: `accepting changed nothing on the home page: ${items.length} page(s) seen again (content held back for consent, or another host)`,
  };
}
