/**
 * DOM helpers for detectors reading a snapshot with cheerio: the crawler marks every element a
 * person cannot see with data-ct-hidden="1"; these tell whether a node is under such a mark, and
 * select without throwing on selectors cheerio cannot parse. Document-wide selections go through
 * lib/query.ts (each selector compiled once, each document walked once).
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { isTag, queryAll } from './query.ts';

export { closestOf, findIn, matcher } from './query-element.ts';

type Parented = { type?: string; attribs?: Record<string, string>; parent?: Parented | null };

/**
 * Is the element (or an ancestor) marked hidden by the crawler? The same walk as cheerio's
 * `$(el).is(HIDDEN) || $(el).parents(HIDDEN).length > 0`, without compiling the selector twice per
 * call: the element when it is a tag, then its ancestors up to a document node (a <template>'s
 * content is one: the walk stops there).
 */
export function isHidden(_$: CheerioAPI, el: Parameters<CheerioAPI>[0]): boolean {
  let n = el as unknown as Parented;
  if (isTag(n as unknown as AnyNode) && n.attribs?.['data-ct-hidden'] === '1') return true;
  while (n.parent && n.parent.type !== 'root') {
    n = n.parent;
    if (isTag(n as unknown as AnyNode) && n.attribs?.['data-ct-hidden'] === '1') return true;
  }
  return false;
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
    return queryAll($, selector);
  } catch {
    return [];
  }
}

/** `$(selector)` on the whole document (same elements, same order); throws where cheerio throws. */
export function select($: CheerioAPI, selector: string): Cheerio<Element> {
  return $(queryAll($, selector));
}
