/**
 * Is this page a bot-protection wall (CONTRACT §7)? A pure function of a snapshot, not a channel
 * detector: it says whether the page itself is a challenge or block page of a known service
 * (detectors/data/bot-walls.json) and gives the evidence, so the journey can report the actor as
 * blocked instead of "no channel".
 *
 * A wall is a thin page (little visible text, few links: a challenge or block page is never a full
 * page of content) on which one service's markers add up to WALL_SCORE: one decisive marker, or two
 * supporting ones. Context markers (a CDN's ordinary headers, a sensor script that also runs on
 * normal pages) are kept as evidence and never decide. A captcha interstitial also needs a captcha
 * widget and a prompt to prove one is human, on a page without a message form.
 * Deliberately ignored: a page that merely mentions a service or carries its ordinary headers, a
 * contact form protected by a captcha, an ordinary 403 or 503 page of the site itself.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { loadBotWalls, type BotWall, type BotWallMarker } from './data/bot-walls.ts';
import { evidence, type PageView } from './detector.ts';
import { isHiddenDeep, select, selectAll } from './lib/dom.ts';
import { visibleText } from './lib/text.ts';
import type { Evidence, PageSnapshot } from './types.ts';

/** A challenge or block page says a few sentences; 1500 characters is a short article already. */
export const THIN_TEXT_CHARS = 1500;
/** Walls offer at most a handful of links (the vendor's, a help link); a site's page has a menu. */
export const THIN_LINKS = 12;
/** Score of a wall: one decisive marker or two supporting ones. */
export const WALL_SCORE = 2;
const WEIGHT: Record<BotWallMarker['weight'], number> = { decisive: 2, supporting: 1, context: 0 };

export interface BotWallResult {
  service: string;
  evidence: Evidence[];
}

interface Doc {
  url: string;
  $: CheerioAPI;
  visible: boolean;
}

/** Controls a person fills in to write a message: a captcha guarding one is a form, not a wall. */
function hasMessageForm(docs: Doc[]): boolean {
  for (const d of docs) {
    const textareas = selectAll(d.$, 'textarea').filter((e) => !isHiddenDeep(e));
    if (textareas.length) return true;
    const inputs = selectAll(d.$, 'input').filter((e) => {
      const type = ((e as { attribs?: Record<string, string> }).attribs?.type ?? 'text').toLowerCase();
      return ['text', 'email', 'tel', ''].includes(type) && !isHiddenDeep(e);
    });
    if (inputs.length >= 2) return true;
  }
  return false;
}

function attrUrls(d: Doc): string[] {
  const out: string[] = [];
  for (const [sel, attr] of [['script[src]', 'src'], ['iframe[src]', 'src'], ['link[href]', 'href']] as const) {
    for (const el of selectAll(d.$, sel)) {
      const v = (el as { attribs?: Record<string, string> }).attribs?.[attr];
      if (!v) continue;
      try {
        out.push(new URL(v, d.url).href);
      } catch {
        out.push(v);
      }
    }
  }
  return out;
}

/**
 * `parsed`: the snapshot's documents already parsed (the judging thread's page view), so that the
 * HTML is not parsed twice; without it they are parsed here.
 */
export function detectBotWall(snapshot: PageSnapshot, parsed?: Pick<PageView, '$' | 'frames'>): BotWallResult | null {
  const url = snapshot.finalUrl || snapshot.url;
  const main: Doc = { url, $: parsed?.$ ?? cheerio.load(snapshot.html ?? ''), visible: true };
  const mainText = visibleText(main.$).replace(/[\u2018\u2019]/g, "'");
  const links = selectAll(main.$, 'a[href]').filter((e) => !isHiddenDeep(e)).length;
  if (mainText.length > THIN_TEXT_CHARS || links > THIN_LINKS) return null;

  const frames: Doc[] = parsed
    ? parsed.frames.map((f) => ({ url: f.url, $: f.$, visible: f.visible }))
    : (snapshot.frames ?? []).filter((f) => f.html != null).map((f) => ({ url: f.url, $: cheerio.load(f.html!), visible: f.visible }));
  const docs = [main, ...frames];
  const text = [mainText, ...frames.filter((f) => f.visible).map((f) => visibleText(f.$).replace(/[\u2018\u2019]/g, "'"))].join(' ');
  const title = (snapshot.title || select(main.$, 'title').first().text()).trim();
  const urls = [...(snapshot.requests ?? []).map((r) => r.url), ...(snapshot.frames ?? []).map((f) => f.url), ...docs.flatMap(attrUrls)];
  const inline = docs.flatMap((d) => selectAll(d.$, 'script:not([src])').map((e) => d.$(e as never).text()));
  const headers = snapshot.headers ?? {};
  const globals = new Set(snapshot.globals ?? []);
  const messageForm = hasMessageForm(docs);

  let best: { wall: BotWall; score: number; ev: Evidence[] } | null = null;
  for (const wall of loadBotWalls()) {
    if (wall.kind === 'captcha' && messageForm) continue;
    let score = 0;
    const ev: Evidence[] = [];
    const groups = new Set<string>();
    for (const m of wall.markers) {
      const hit = match(m, { headers, title, text, urls, inline, globals, docs });
      if (hit === null) continue;
      score += WEIGHT[m.weight];
      if (m.group) groups.add(m.group);
      ev.push(evidence(url, hit.source, `bot-wall-${m.kind}`, `${wall.id} (${m.weight}): ${hit.detail}`, m.kind === 'selector' ? m.selector : undefined));
    }
    if (score < WALL_SCORE || !wall.requireGroups.every((g) => groups.has(g))) continue;
    if (snapshot.status !== null && wall.blockStatuses.includes(snapshot.status)) ev.push(evidence(url, 'request', 'bot-wall-status', `${wall.id}: HTTP ${snapshot.status}`));
    if (!best || score > best.score) best = { wall, score, ev };
  }
  return best ? { service: best.wall.id, evidence: best.ev } : null;
}

interface Seen {
  headers: Record<string, string>;
  title: string;
  text: string;
  urls: string[];
  inline: string[];
  globals: Set<string>;
  docs: Doc[];
}

function match(m: BotWallMarker, s: Seen): { source: Evidence['source']; detail: string } | null {
  switch (m.kind) {
    case 'header': {
      const v = s.headers[m.name];
      if (v === undefined || (m.pattern && !new RegExp(m.pattern, 'i').test(v))) return null;
      return { source: 'header', detail: `${m.name}: ${v}` };
    }
    case 'title':
      return new RegExp(m.pattern, 'i').test(s.title) ? { source: 'dom', detail: `title "${s.title}"` } : null;
    case 'text': {
      const hit = new RegExp(m.pattern, 'i').exec(s.text);
      return hit ? { source: 'text', detail: s.text.slice(Math.max(0, hit.index - 40), hit.index + hit[0].length + 40) } : null;
    }
    case 'selector': {
      for (const d of s.docs) if (selectAll(d.$, m.selector).length) return { source: d === s.docs[0] ? 'dom' : 'frame', detail: m.selector };
      return null;
    }
    case 'url': {
      const p = m.pattern.toLowerCase();
      const u = s.urls.find((x) => x.toLowerCase().includes(p));
      return u ? { source: 'request', detail: u } : null;
    }
    case 'inline': {
      const re = new RegExp(m.pattern, 'i');
      const code = s.inline.find((c) => re.test(c));
      return code ? { source: 'script', detail: re.exec(code)![0] } : null;
    }
    case 'global':
      return s.globals.has(m.name) ? { source: 'global', detail: `window.${m.name}` } : null;
  }
}
