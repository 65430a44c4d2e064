/**
 * DOM helpers for detectors reading a snapshot with cheerio: the crawler marks every element a
 * person cannot see with data-ct-hidden="1"; these tell whether a node is under such a mark, and
 * select without throwing on selectors cheerio cannot parse.
 */
import type { CheerioAPI } from 'cheerio';

const HIDDEN = '[data-ct-hidden="1"]';

/** Is the element (or an ancestor) marked hidden by the crawler? */
export function isHidden($: CheerioAPI, el: Parameters<CheerioAPI>[0]): boolean {
  const node = $(el as never);
  return node.is(HIDDEN) || node.parents(HIDDEN).length > 0;
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
