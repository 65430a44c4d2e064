/**
 * Link helpers shared by the email, social, messaging and mobile-app detectors: every
 * `<a href>` of the main document and of readable visible frames, with its visibility, text and
 * a short selector for evidence. Pure, no I/O.
 *
 * Links inside inert `<template>` elements (not open shadow roots) are skipped: they are not
 * rendered. Hidden links (data-ct-hidden="1") are returned with `hidden: true`; each detector
 * decides whether to count them.
 */
import type { CheerioAPI } from 'cheerio';
import type { PageView } from '../detector.ts';
import { collapse } from './text.ts';
import { findIn, isHidden, select } from './dom.ts';
import { parseUrl } from './url.ts';

export interface PageLink {
  href: string;
  /** absolute URL when it parses, else null */
  url: URL | null;
  /** visible-ish text of the link plus its title / aria-label / img alt */
  text: string;
  hidden: boolean;
  /** '' for the main document, else the frame URL */
  frame: string;
  selector: string;
  $: CheerioAPI;
  el: unknown;
}

type Parented = { type?: string; name?: string; attribs?: Record<string, string>; parent?: Parented | null };

/**
 * Is the link under a <template> that is not an open shadow root? The walk of cheerio's
 * `$(el).parents('template')`: the ancestors up to a document node (a template's content is one).
 */
function inInertTemplate(el: unknown): boolean {
  for (let t = (el as Parented).parent; t && t.type !== 'root'; t = t.parent) {
    if (t.type !== 'tag' || t.name !== 'template') continue;
    const attribs = t.attribs ?? {};
    if (!('shadowrootmode' in attribs) && !('shadowroot' in attribs)) return true;
  }
  return false;
}

/** CSS selector for a link, with the href clipped to keep evidence short */
export function linkSelector(tag: string, attr: string, value: string, frame = ''): string {
  const v = value.length > 120 ? value.slice(0, 120) : value;
  const op = value.length > 120 ? '^=' : '=';
  const sel = `${tag}[${attr}${op}"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"]`;
  return frame ? `iframe[src="${frame}"] >> ${sel}` : sel;
}

/** Links of a page view, collected once: four detectors read them, and a view never changes. */
const linksOfView = new WeakMap<PageView, readonly PageLink[]>();

export function pageLinks(page: PageView): readonly PageLink[] {
  let links = linksOfView.get(page);
  if (!links) {
    links = collectLinks(page);
    linksOfView.set(page, links);
  }
  return links;
}

function collectLinks(page: PageView): PageLink[] {
  const out: PageLink[] = [];
  const docs: { $: CheerioAPI; frame: string; base: string }[] = [{ $: page.$, frame: '', base: page.url }];
  for (const f of page.frames) if (f.visible) docs.push({ $: f.$, frame: f.url, base: f.url || page.url });
  for (const d of docs) {
    select(d.$, 'a[href], area[href]').each((_, el) => {
      const a = d.$(el);
      const href = (a.attr('href') ?? '').trim();
      if (!href || href.startsWith('#')) return;
      if (inInertTemplate(el)) return;
      const imgAlt = findIn(d.$, el, 'img[alt], svg title')
        .map((i) => d.$(i).attr('alt') ?? d.$(i).text())
        .join(' ');
      const text = collapse(`${a.text()} ${a.attr('title') ?? ''} ${a.attr('aria-label') ?? ''} ${imgAlt}`);
      out.push({
        href,
        url: parseUrl(href, d.base || 'https://invalid.invalid/'),
        text,
        hidden: isHidden(d.$, el),
        frame: d.frame,
        selector: linkSelector('a', 'href', href, d.frame),
        $: d.$,
        el,
      });
    });
  }
  return out;
}
