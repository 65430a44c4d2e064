/**
 * The per-actor roll-up: page findings → the channel results of the matrix (CONTRACT §4).
 * - clicks: the fewest navigations from the home page to the first page where the channel was
 *   found, computed on the graph of links seen on every visited page (not on the crawl order, which
 *   is by priority), so a page first reached at depth 3 but linked from the home page counts 1;
 * - consentGated: found only in the accept pass; loginGated: every finding of the channel says
 *   reserved to signed-in customers;
 * - attributes: merged across pages (booleans: any; counts: the largest; lists: union in order of
 *   clicks; vendor and hours: from the nearest page that states one).
 * Pure: used after a scan and by `redetect`.
 */
import { reconcileChatFindings } from './reconcile-chat.ts';
import { normalizeUrl } from '../../detectors/lib/url.ts';
import { CHANNELS, type ChannelKey, type ChannelResult, type ConsentPass, type Evidence, type Finding, type PhoneNumberAttr, type PageRecord } from '../types.ts';

/** What the roll-up reads of a visited page (a PageRecord, or a test's hand-made page). */
export type RollupPage = Pick<PageRecord, 'pass' | 'url' | 'finalUrl' | 'depth' | 'findings' | 'error'> & {
  /** labels of the links followed, from the home page */
  path: { url: string; label: string }[];
  links: { url: string; label: string }[];
};

const DEFAULTS: Record<ChannelKey, Record<string, unknown>> = {
  faq: { search: false, categories: false, questionCount: 0, feedback: false, linksToContact: false },
  chatbot: { vendor: null },
  livechat: { vendor: null },
  phone: { numbers: [], hours: null, callback: false, appointment: false, accessible: false },
  form: { fields: 0, subjectMenu: false, upload: false, captcha: false, statedDelay: false },
  email: { addresses: [] },
  social: { networks: [] },
  messaging: { apps: [] },
  secure_messaging: {},
  forum: {},
  mobile_app: { stores: [] },
};

const MAX_EVIDENCE = 12;

interface Reach {
  clicks: number;
  labels: string[];
}

/** Shortest paths from the home page over the links seen on visited pages. */
export function shortestPaths(pages: RollupPage[], homeUrl: string): Map<string, Reach> {
  const alias = new Map<string, string>();
  for (const p of pages) alias.set(normalizeUrl(p.url), normalizeUrl(p.finalUrl));
  const key = (u: string) => {
    const n = normalizeUrl(u);
    return alias.get(n) ?? n;
  };
  const edges = new Map<string, { to: string; label: string }[]>();
  for (const p of pages) {
    if (p.error && !p.findings.length && !p.links.length) continue;
    const from = key(p.finalUrl);
    const list = edges.get(from) ?? [];
    for (const l of p.links) list.push({ to: key(l.url), label: l.label });
    edges.set(from, list);
  }
  const start = key(homeUrl);
  const reach = new Map<string, Reach>([[start, { clicks: 0, labels: ['Accueil'] }]]);
  const queue = [start];
  while (queue.length) {
    const cur = queue.shift()!;
    const r = reach.get(cur)!;
    for (const e of edges.get(cur) ?? []) {
      if (reach.has(e.to)) continue;
      reach.set(e.to, { clicks: r.clicks + 1, labels: [...r.labels, e.label || e.to] });
      queue.push(e.to);
    }
  }
  // Pages reached by a route the graph does not show (should not happen): their own crawl depth.
  for (const p of pages) {
    const k = key(p.finalUrl);
    if (!reach.has(k)) reach.set(k, { clicks: p.depth, labels: ['Accueil', ...p.path.slice(1).map((s) => s.label), '…'] });
  }
  const out = new Map<string, Reach>();
  for (const p of pages) out.set(normalizeUrl(p.finalUrl), reach.get(key(p.finalUrl))!);
  return out;
}

function mergeNumbers(into: PhoneNumberAttr[], add: PhoneNumberAttr[] | undefined): void {
  for (const n of add ?? []) {
    const prev = into.find((x) => x.number === n.number);
    if (!prev) into.push({ ...n });
    else {
      if (prev.hours == null && n.hours != null) prev.hours = n.hours;
      if (!prev.label && n.label) prev.label = n.label;
    }
  }
}

function mergeAttributes(channel: ChannelKey, ordered: Finding[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...DEFAULTS[channel] };
  const numbers: PhoneNumberAttr[] = [];
  for (const f of ordered) {
    for (const [k, v] of Object.entries(f.attributes)) {
      if (k === 'loginGated' || v === undefined) continue;
      if (k === 'numbers') {
        mergeNumbers(numbers, v as PhoneNumberAttr[]);
        continue;
      }
      const cur = out[k];
      if (typeof v === 'boolean') out[k] = cur === true || v;
      else if (typeof v === 'number') out[k] = typeof cur === 'number' && cur > v ? cur : v;
      else if (Array.isArray(v)) out[k] = [...new Set([...((cur as unknown[]) ?? []), ...v])];
      else if (v !== null && (cur === null || cur === undefined)) out[k] = v;
    }
  }
  if (channel === 'phone') out.numbers = numbers;
  return out;
}

export function rollupChannels(judged: RollupPage[], homeUrl: string): Record<ChannelKey, ChannelResult> {
  // The crawler opens a chat launcher once per pass; what the opened widget said on one page tells
  // what the same vendor's unopened launcher is on the others, within the same consent pass
  // (across passes the widget may differ: a bot injected only once cookies are accepted).
  const pages = (['refuse', 'accept'] as const).flatMap((pass) => reconcileChatFindings(judged.filter((p) => p.pass === pass)));
  const reach = shortestPaths(pages, homeUrl);
  const result = {} as Record<ChannelKey, ChannelResult>;
  for (const channel of CHANNELS) {
    const hits = (pass: ConsentPass) =>
      pages
        .filter((p) => p.pass === pass)
        .flatMap((p) =>
          p.findings
            .filter((f) => f.channel === channel)
            .map((f) => {
              const here = reach.get(normalizeUrl(p.finalUrl))!;
              // A finding that points at the channel one click away (a forum link).
              const at: Reach = f.target ? { clicks: here.clicks + 1, labels: [...here.labels, f.target] } : here;
              return { page: p, finding: f, reach: at, url: f.target ?? p.finalUrl };
            }),
        );
    const refused = hits('refuse');
    const accepted = hits('accept');
    const chosen = refused.length ? refused : accepted;
    if (!chosen.length) {
      result[channel] = { present: false };
      continue;
    }
    chosen.sort((a, b) => a.reach.clicks - b.reach.clicks);
    const best = chosen[0];
    const attrs = mergeAttributes(
      channel,
      chosen.map((c) => c.finding),
    );
    const evidence: Evidence[] = [];
    const seen = new Set<string>();
    for (const c of chosen) {
      for (const e of c.finding.evidence) {
        const k = `${e.url}|${e.signal}|${e.detail}`;
        if (seen.has(k) || evidence.length >= MAX_EVIDENCE) continue;
        seen.add(k);
        evidence.push(e);
      }
    }
    result[channel] = {
      present: true,
      clicks: best.reach.clicks,
      url: best.url,
      consentGated: refused.length === 0,
      loginGated: chosen.every((c) => c.finding.attributes.loginGated === true),
      ...attrs,
      evidence,
      path: best.reach.labels,
    };
  }
  return result;
}
