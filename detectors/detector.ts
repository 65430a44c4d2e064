/**
 * The detector contract. A detector is one small file in detectors/: a pure, synchronous
 * function from a page (its snapshot, parsed once) to findings. No I/O, no clock, no
 * Playwright. The runner (crawler/judge/judge.ts) catches its errors, times it and records
 * found / absent / error per page, so a detector never needs to guard against itself.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { collapse, visibleText } from './lib/text.ts';
import type { ChannelKey, Evidence, EvidenceSource, Finding, PageSnapshot, SiteContext } from './types.ts';

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

/**
 * What a detector reads of a snapshot. `html` covers the parsed main document and its visible
 * text; `frames` the child frames; `requests` the request log; `globals` the probed JS globals
 * (the names go in `Detector.globals`: the crawler probes exactly those); `widgets` the opened chat
 * widgets; `title` the document title; `headers` the document's response headers. A test checks
 * that the crawler gathers every declared input, and that a detector reads only what it declares.
 */
export type SnapshotInput = 'html' | 'frames' | 'requests' | 'globals' | 'widgets' | 'title' | 'headers';

export interface Detector {
  /** kebab-case noun, unique: "phone-number", "chat-widget" */
  id: string;
  /** bump when the rules change, so stored findings can be told apart */
  version: number;
  /** channels it can report */
  channels: ChannelKey[];
  /** what it reads of the snapshot */
  needs: SnapshotInput[];
  /** the JS globals it looks for (with `globals` in needs) */
  globals?: string[];
  detect(page: PageView): Finding[];
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


/** Evidence helper: clips the detail to 200 characters. */
export function evidence(url: string, source: EvidenceSource, signal: string, detail: string, selector?: string): Evidence {
  const d = collapse(detail);
  const e: Evidence = { url, source, signal, detail: d.length > 200 ? `${d.slice(0, 197)}…` : d };
  if (selector) e.selector = selector;
  return e;
}

