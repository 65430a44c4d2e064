/**
 * Cheerio's element-relative selections — `$(el).is(s)`, `.closest(s)`, `.find(s)` — with the
 * selectors compiled once per process (lib/query.ts) instead of on every call: the contact-form
 * helpers and the link helpers run them for every form control and every link. Each returns what
 * cheerio returns (same elements, same order); what cannot be run the same way goes to cheerio.
 */
import type { CheerioAPI } from 'cheerio';
import { compile } from 'css-select';
import { isTraversal, parse, type Selector } from 'css-what';
import type { AnyNode, Element } from 'domhandler';
import { isTag, MAX_PLANS, plainHtml, planFor } from './query.ts';

/**
 * The test of `$(el).is(selector)` and `.closest(selector)` (cheerio-select compiles the selector
 * without a context for them), or null when only cheerio can run it on this document.
 */
export function matcher($: CheerioAPI, selector: string): ((el: unknown) => boolean) | null {
  const plan = planFor(selector);
  if (!plan || !plainHtml($)) return null;
  const test = plan.test;
  return (el) => isTag(el as AnyNode) && test(el as Element);
}

/** `$(el).closest(selector).get(0)`: the element or its nearest ancestor (tags only) that matches. */
export function closestOf($: CheerioAPI, el: unknown, selector: string): Element | undefined {
  if (!selector) return undefined; // as cheerio: no selector, nothing
  const test = matcher($, selector);
  if (!test) return $(el as never).closest(selector).get(0) as Element | undefined;
  let n = el as AnyNode | null;
  if (n && n.type !== 'root' && !isTag(n)) n = n.parent;
  for (; n && isTag(n); n = n.parent) if (test(n)) return n;
  return undefined;
}

/** One group as its compounds' tests, subject first, each the nearest-ancestor-or-further of the previous. */
type Chain = ((el: Element) => boolean)[];

/** Per selector: its groups as chains, or null when a group uses another combinator than descendant. */
const chainsBySelector = new Map<string, Chain[] | null>();

function hasTraversal(groups: Selector[][]): boolean {
  return groups.some((g) => g.some((t) => isTraversal(t) || (t.type === 'pseudo' && Array.isArray(t.data) && hasTraversal(t.data))));
}

function chainsFor(selector: string): Chain[] | null {
  let chains = chainsBySelector.get(selector);
  if (chains !== undefined) return chains;
  chains = [];
  for (const group of parse(selector)) {
    const compounds: Selector[][] = [[]];
    for (const t of group) {
      if (t.type === 'descendant') compounds.push([]);
      else compounds[compounds.length - 1]!.push(t);
    }
    // another combinator, or one inside a pseudo-class (made relative to the element as well)
    if (compounds.some((c) => c.length === 0 || hasTraversal([c]))) {
      chains = null;
      break;
    }
    chains.push(compounds.reverse().map((c) => compile<AnyNode, Element>([c], {})));
  }
  if (chainsBySelector.size >= MAX_PLANS) chainsBySelector.clear();
  chainsBySelector.set(selector, chains);
  return chains;
}

/**
 * Does `x`, a descendant of `scope` through tags, match the chain with every compound's element at
 * or below `scope`? That is css-select's `:scope selector` with cheerio's array context (the scope
 * element itself may match the leftmost compound). Taking the nearest ancestor for each compound
 * finds a match whenever one exists: descendant combinators only look further up.
 */
function chainMatches(chain: Chain, x: Element, scope: Element): boolean {
  if (!chain[0]!(x)) return false;
  let cur: AnyNode = x;
  for (let k = 1; k < chain.length; ) {
    if (cur === scope || !cur.parent || !isTag(cur.parent)) return false;
    cur = cur.parent;
    if (chain[k]!(cur)) k++;
  }
  return true;
}

/**
 * `$(el).find(selector).toArray()` for one element. Cheerio searches the element's tag children
 * and everything under them, in document order. When the element's parent is a tag, css-select
 * makes the selector relative to it (`:scope selector`): a match must reach the element through
 * its chain of tag parents (nothing inside a nested <template>'s content counts), with every
 * compound matched at or below it. Otherwise the plain test, as for the whole document.
 */
export function findIn($: CheerioAPI, el: unknown, selector: string): Element[] {
  if (!selector) return []; // as cheerio: no selector, nothing
  const n = el as AnyNode;
  const plan = isTag(n) ? planFor(selector) : null;
  const scoped = !!n.parent && isTag(n.parent);
  const chains = plan && scoped ? chainsFor(selector) : null;
  if (!plan || !plainHtml($) || (scoped && !chains)) return $(el as never).find(selector).toArray() as Element[];
  const scope = n as Element;
  const test = chains ? (x: Element) => chains.some((c) => chainMatches(c, x, scope)) : plan.test;
  const out: Element[] = [];
  const stack: AnyNode[] = scope.children.filter(isTag).reverse();
  while (stack.length) {
    const c = stack.pop()!;
    if (isTag(c) && test(c)) out.push(c);
    // scoped: below a non-tag node (a template's content) the chain of tag parents is broken
    const kids = Object.hasOwn(c, 'children') && (!scoped || isTag(c)) ? (c as Element).children : null;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}
