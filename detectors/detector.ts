/**
 * The detector contract. A detector is one small file in detectors/: a pure, synchronous
 * function from a page (its snapshot, parsed once) to findings. No I/O, no clock, no
 * Playwright. The runner (crawler/judge.ts) catches its errors, times it and records
 * found / absent / error per page, so a detector never needs to guard against itself.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import type { ChannelKey, Evidence, EvidenceSource, Finding, PageSnapshot, SiteContext } from '../crawler/types.ts';

export interface ParsedFrame {
  url: string;
  title: string;
  visible: boolean;
  $: CheerioAPI;
}

/** A snapshot with its HTML parsed once and shared by all detectors. */
export interface PageView {
  snapshot: PageSnapshot;
  site: SiteContext;
  /** URL of the page after redirects: the `url` to put in evidence */
  url: string;
  /** the main document */
  $: CheerioAPI;
  /** readable child frames */
  frames: ParsedFrame[];
  /** visible text of the main document and readable visible frames, whitespace collapsed */
  text: string;
}

export interface Detector {
  /** kebab-case noun, unique: "phone-number", "chat-widget" */
  id: string;
  /** bump when the rules change, so stored findings can be told apart */
  version: number;
  /** channels it can report */
  channels: ChannelKey[];
  detect(page: PageView): Finding[];
}

const HIDDEN = '[data-ct-hidden="1"]';

/**
 * Text a person can see: hidden subtrees, scripts, styles and inert templates left out. Open
 * shadow roots, serialised as <template shadowrootmode="open">, are rendered content and are kept.
 * Iterative (no recursion, no clone): a hostile page nested thousands deep must not overflow.
 */
export function visibleText($: CheerioAPI): string {
  const body = $('body').get(0) ?? $.root().get(0);
  return body ? nodeText(body as AnyNode) : '';
}

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'head', 'title', 'meta', 'link']);
const BLOCK_TAGS = new Set(['br', 'p', 'div', 'li', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'dt', 'dd', 'tr', 'a', 'button', 'span', 'option', 'label', 'summary', 'details', 'ul', 'ol', 'nav', 'footer', 'header', 'main']);

/** Visible text under one node, whitespace collapsed; same rules as visibleText. */
export function nodeText(root: AnyNode): string {
  const out: string[] = [];
  const stack: (AnyNode | string)[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n === 'string') {
      out.push(n);
      continue;
    }
    if (n.type === 'text') {
      out.push((n as Text).data);
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'root' && n.type !== 'script' && n.type !== 'style') continue;
    const el = n as Element;
    if (n.type !== 'root') {
      const name = el.name?.toLowerCase();
      if (SKIP_TAGS.has(name) || n.type === 'script' || n.type === 'style') continue;
      if (el.attribs?.['data-ct-hidden'] === '1') continue;
      if (name === 'template' && !el.attribs?.shadowrootmode) continue;
      if (BLOCK_TAGS.has(name)) stack.push(' ');
    }
    const kids = (el.children ?? []) as AnyNode[];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return collapse(out.join(''));
}

export function collapse(s: string): string {
  return s.replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, ' ').trim();
}

/** Is the element (or an ancestor) marked hidden by the crawler? */
export function isHidden($: CheerioAPI, el: Parameters<CheerioAPI>[0]): boolean {
  const node = $(el as never);
  return node.is(HIDDEN) || node.parents(HIDDEN).length > 0;
}

export function buildPageView(snapshot: PageSnapshot, site: SiteContext): PageView {
  const $ = cheerio.load(snapshot.html ?? '');
  const frames: ParsedFrame[] = [];
  for (const f of snapshot.frames ?? []) {
    if (f.html == null) continue;
    frames.push({ url: f.url, title: f.title, visible: f.visible, $: cheerio.load(f.html) });
  }
  const texts = [visibleText($), ...frames.filter((f) => f.visible).map((f) => visibleText(f.$))];
  return { snapshot, site, url: snapshot.finalUrl || snapshot.url, $, frames, text: texts.filter(Boolean).join(' ') };
}

/**
 * Is the node, or an ancestor (up to 200 levels), marked hidden by the crawler? Iterative, for
 * raw cheerio nodes (no wrapping).
 */
export function isHiddenDeep(el: unknown): boolean {
  let n = el as { attribs?: Record<string, string>; parent?: unknown } | null | undefined;
  for (let i = 0; n && i < 200; i++) {
    if (n.attribs && n.attribs['data-ct-hidden'] === '1') return true;
    n = n.parent as typeof n;
  }
  return false;
}

/** `$(selector).toArray()` that returns nothing for a selector cheerio cannot parse. */
export function selectAll($: CheerioAPI, selector: string): unknown[] {
  try {
    return $(selector).toArray();
  } catch {
    return [];
  }
}

/** Evidence helper: clips the detail to 200 characters. */
export function evidence(url: string, source: EvidenceSource, signal: string, detail: string, selector?: string): Evidence {
  const d = collapse(detail);
  const e: Evidence = { url, source, signal, detail: d.length > 200 ? `${d.slice(0, 197)}…` : d };
  if (selector) e.selector = selector;
  return e;
}

/** Lower-case, accents removed: for matching French wording. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
