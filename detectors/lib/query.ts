/**
 * `$(selector).toArray()` from a document's root, with the same elements in the same order, for
 * less CPU. Cheerio parses and compiles the selector on every call and walks the whole document
 * each time: judging stored snapshots, that was about half of the CPU (the chat vendors' ~120
 * selectors alone walked every page and frame ~120 times). Here
 * - a selector is parsed and compiled once per process (css-select, as cheerio-select does, with
 *   the options cheerio passes for an HTML document);
 * - a document is walked once: its elements in document order (the order of domutils' `find`,
 *   which cheerio uses), then bucketed by id, class, tag name and attribute name on first need;
 * - a selector tests only the elements of its most selective bucket (a superset of its matches:
 *   an element without the id, class, tag or attribute the selector requires cannot match), and
 *   keeps those its compiled test accepts, in document order.
 * The DOM of a snapshot is never changed after parsing (detectors only read it), so an index stays
 * valid for the life of its document. Selectors cheerio runs differently from a plain css-select
 * match (its jQuery positionals such as :first or :eq, :scope and :has, which depend on the
 * query's context, a leading combinator, an HTML string) and documents not parsed as plain HTML go
 * to cheerio itself.
 */
import type { CheerioAPI } from 'cheerio';
import { compile } from 'css-select';
import { isTraversal, parse, type Selector } from 'css-what';
import type { AnyNode, Element } from 'domhandler';

/** A bucket a selector's subject element must be in: same id, a class token, tag name, or having the attribute. */
type Key = { kind: 'id' | 'class' | 'tag' | 'attr'; value: string };

export interface Plan {
  test: (el: Element) => boolean;
  /** per comma-separated group, the buckets its subject must be in; null: test every element */
  groups: Key[][] | null;
}

/**
 * Compiled selectors kept per process. The detectors use a few hundred fixed selectors; the bound
 * only guards against a caller building selectors from page content (then the cache starts over).
 */
export const MAX_PLANS = 2000;
const plans = new Map<string, Plan | null>();

/** cheerio-select handles these pseudo-classes itself (positionals), or they depend on the query's context. */
const CHEERIO_ONLY_PSEUDOS = new Set(['first', 'last', 'eq', 'gt', 'nth', 'lt', 'even', 'odd', 'scope', 'has']);

function cheerioOnly(groups: Selector[][]): boolean {
  return groups.some((g) =>
    g.some(
      (t) =>
        t.type === 'pseudo-element' ||
        t.type === 'column-combinator' ||
        ('namespace' in t && t.namespace != null) ||
        (t.type === 'pseudo' && (CHEERIO_ONLY_PSEUDOS.has(t.name) || (Array.isArray(t.data) && cheerioOnly(t.data)))),
    ),
  );
}

/** The buckets the subject (the compound after the last combinator) of one group requires. */
function keysOf(group: Selector[]): Key[] {
  let start = 0;
  for (let i = 0; i < group.length; i++) if (isTraversal(group[i]!)) start = i + 1;
  const keys: Key[] = [];
  for (const t of group.slice(start)) {
    if (t.type === 'tag') keys.push({ kind: 'tag', value: t.name.toLowerCase() });
    if (t.type !== 'attribute' || t.action === 'not') continue;
    const name = t.name.toLowerCase(); // css-select lowers attribute names in HTML
    // id and class compare case-sensitively unless the selector says `i` (no quirks mode here)
    if (name === 'id' && t.action === 'equals' && t.ignoreCase !== true) keys.push({ kind: 'id', value: t.value });
    else if (name === 'class' && t.action === 'element' && t.ignoreCase !== true && !/\s/.test(t.value)) keys.push({ kind: 'class', value: t.value });
    else keys.push({ kind: 'attr', value: name });
  }
  return keys;
}

/** The compiled plan of a selector (once per process), or null when only cheerio can run it. */
export function planFor(selector: string): Plan | null {
  const cached = plans.get(selector);
  if (cached !== undefined) return cached;
  let plan: Plan | null = null;
  try {
    const groups = parse(selector);
    // a leading + or ~ (cheerio then searches the context itself), or an HTML string
    const relative = groups.some((g) => g.length > 0 && isTraversal(g[0]!));
    if (!relative && !selector.includes('<') && !cheerioOnly(groups)) {
      const keyed = groups.map(keysOf);
      plan = { test: compile<AnyNode, Element>(selector, {}), groups: keyed.every((k) => k.length > 0) ? keyed : null };
    }
  } catch {
    plan = null; // cheerio will throw the same error, and the caller says what to do then
  }
  if (plans.size >= MAX_PLANS) plans.clear();
  plans.set(selector, plan);
  return plan;
}

interface DocIndex {
  all: Element[];
  byId?: Map<string, Element[]>;
  byClass?: Map<string, Element[]>;
  byTag?: Map<string, Element[]>;
  byAttr: Map<string, Element[]>;
  position?: Map<Element, number>;
}

const indexes = new WeakMap<CheerioAPI, DocIndex>();

export function isTag(n: AnyNode): n is Element {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/** Every element under the root's element children, depth first, as domutils' `find` visits them. */
function elementsOf($: CheerioAPI): Element[] {
  const root = $.root()[0] as unknown as { children: AnyNode[] };
  const all: Element[] = [];
  const stack: AnyNode[] = root.children.filter(isTag).reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (isTag(n)) all.push(n);
    const kids = Object.hasOwn(n, 'children') ? (n as Element).children : null;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return all;
}

function indexOf($: CheerioAPI): DocIndex {
  let ix = indexes.get($);
  if (!ix) {
    ix = { all: elementsOf($), byAttr: new Map() };
    indexes.set($, ix);
  }
  return ix;
}

function add(map: Map<string, Element[]>, key: string, el: Element): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== el) list.push(el);
  } else map.set(key, [el]);
}

function bucket(ix: DocIndex, key: Key): Element[] {
  if (key.kind === 'attr' && key.value in Object.prototype) {
    // a name an attributes object may inherit (`constructor`): test every element
    return ix.all.filter((el) => el.attribs?.[key.value] != null);
  }
  if (!ix.byTag) {
    const byId = new Map<string, Element[]>();
    const byClass = new Map<string, Element[]>();
    const byTag = new Map<string, Element[]>();
    for (const el of ix.all) {
      add(byTag, el.name, el);
      const a = el.attribs;
      if (!a) continue;
      for (const name in a) if (a[name] != null) add(ix.byAttr, name, el);
      if (a.id != null) add(byId, a.id, el);
      // the tokens css-select's class test finds: whole words between whitespace (JS \s)
      if (a.class != null) for (const c of a.class.split(/\s+/)) if (c) add(byClass, c, el);
    }
    Object.assign(ix, { byId, byClass, byTag });
  }
  const map = key.kind === 'id' ? ix.byId! : key.kind === 'class' ? ix.byClass! : key.kind === 'tag' ? ix.byTag! : ix.byAttr;
  return map.get(key.value) ?? [];
}

/** The elements a plan has to test, in document order. */
function candidates(ix: DocIndex, groups: Key[][] | null): Element[] {
  if (!groups) return ix.all;
  const lists = groups.map((keys) => keys.map((k) => bucket(ix, k)).reduce((a, b) => (b.length < a.length ? b : a)));
  if (lists.length === 1) return lists[0]!;
  // merge the buckets (each in document order) by position, once each
  if (!ix.position) ix.position = new Map(ix.all.map((el, i) => [el, i]));
  const pos = ix.position;
  const at = lists.map(() => 0);
  const out: Element[] = [];
  for (;;) {
    let best = -1;
    let bestPos = Infinity;
    for (let i = 0; i < lists.length; i++) {
      const el = lists[i]![at[i]!];
      if (el === undefined) continue;
      const p = pos.get(el)!;
      if (p < bestPos) {
        bestPos = p;
        best = i;
      }
    }
    if (best < 0) return out;
    const el = lists[best]![at[best]!++]!;
    if (out[out.length - 1] !== el) out.push(el);
  }
}

/** `$(selector).toArray()` on the document of `$`; throws where cheerio throws. */
export function queryAll($: CheerioAPI, selector: string): Element[] {
  const plan = planFor(selector);
  if (!plan || !plainHtml($)) return $(selector).toArray() as Element[];
  const out: Element[] = [];
  for (const el of candidates(indexOf($), plan.groups)) if (plan.test(el)) out.push(el);
  return out;
}

/** Was the document loaded with cheerio's defaults (HTML, no quirks mode, no custom pseudo-classes), as `buildPageView` does? */
export function plainHtml($: CheerioAPI): boolean {
  const o = ($ as unknown as { _options?: Record<string, unknown> })._options ?? {};
  return !o.xmlMode && !o.xml && !o.quirksMode && !o.pseudos && !o.lowerCaseTags && !o.lowerCaseAttributeNames;
}
