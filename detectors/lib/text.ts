/**
 * The one place detectors get page text from, and the one way they fold it for matching:
 * - `visibleText` / `nodeText`: what a person can see, as one whitespace-collapsed string;
 * - `blockText`: the same, cut into blocks (a heading, a paragraph, a cell) that remember their
 *   container, for rules that need to know what sits next to what (a number and its hours);
 * - `fold` (accents removed, lower case) and `foldSameLength` (the same, keeping offsets valid).
 * Hidden subtrees (data-ct-hidden="1"), scripts, styles and inert templates are left out; open
 * shadow roots, serialised as <template shadowrootmode="open">, are rendered content and kept.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { queryAll } from './query.ts';

/**
 * Text a person can see: hidden subtrees, scripts, styles and inert templates left out. Open
 * shadow roots, serialised as <template shadowrootmode="open">, are rendered content and are kept.
 * Iterative (no recursion, no clone): a hostile page nested thousands deep must not overflow.
 */
export function visibleText($: CheerioAPI): string {
  let text = visibleOf.get($);
  if (text === undefined) {
    const body = queryAll($, 'body')[0] ?? $.root().get(0);
    text = body ? nodeText(body as AnyNode) : '';
    visibleOf.set($, text);
  }
  return text;
}

/**
 * A document's text, read once: the page view, the chat and bot-wall detectors read the visible
 * text of the same documents, the phone and e-mail detectors their blocks. A parsed snapshot is
 * never changed (detectors only read it), so the text stays right for the document's life.
 */
const visibleOf = new WeakMap<CheerioAPI, string>();
const blocksOf = new WeakMap<CheerioAPI, DocText>();

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

/** Lower-case, accents removed: for matching French wording. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function foldChar(ch: string): string {
  const f = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (f.length === ch.length) return f;
  const l = ch.toLowerCase();
  return l.length === ch.length ? l : ch;
}

/** lower case, accents removed, one output char per input char (so offsets stay valid) */
export function foldSameLength(s: string): string {
  const fast = s.replace(/[^\x00-\x7F]/g, foldChar).toLowerCase();
  if (fast.length === s.length) return fast;
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]!);
  return out;
}

interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

export interface TextBlock {
  text: string;
  /** offset of the block in DocText.text */
  start: number;
  end: number;
  /** tag of the block element that owns the text (h2, p, li, div…) */
  tag: string;
  /** ids of the open block elements, from the root to the owner: tells which blocks share a container */
  chain: number[];
}

export interface DocText {
  /** the blocks joined by one space */
  text: string;
  blocks: TextBlock[];
}

const SKIP = new Set(['script', 'style', 'noscript', 'head', 'svg', 'iframe', 'object', 'canvas', 'select']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'option', 'legend', 'label',
]);
const SPACED_INLINE = new Set(['a', 'button', 'span', 'br', 'img', 'input', 'abbr']);

/** Visible text of a document, as blocks (hidden subtrees, scripts and inert templates skipped). */
export function blockText($: CheerioAPI): DocText {
  let doc = blocksOf.get($);
  if (!doc) {
    doc = readBlocks($);
    blocksOf.set($, doc);
  }
  return doc;
}

function readBlocks($: CheerioAPI): DocText {
  const rootEl = (queryAll($, 'body')[0] ?? $.root().get(0)) as unknown as DomNode | undefined;
  const blocks: TextBlock[] = [];
  const stack: { id: number; tag: string }[] = [{ id: 0, tag: 'body' }];
  let nextId = 1;
  let buf = '';
  let text = '';
  const flush = () => {
    const t = collapse(buf.normalize('NFC').replace(/\u00AD/g, ''));
    if (t) {
      if (text) text += ' ';
      const start = text.length;
      text += t;
      blocks.push({ text: t, start, end: text.length, tag: stack[stack.length - 1]!.tag, chain: stack.map((x) => x.id) });
    }
    buf = '';
  };
  const walk = (n: DomNode, depth: number) => {
    if (depth > 400) return;
    if (n.type === 'text') {
      buf += n.data ?? '';
      return;
    }
    if (n.type === 'root') {
      for (const c of n.children ?? []) walk(c, depth + 1);
      return;
    }
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') return;
    const name = (n.name ?? '').toLowerCase();
    if (SKIP.has(name)) return;
    if (n.attribs?.['data-ct-hidden'] === '1') return;
    if (name === 'template' && !('shadowrootmode' in (n.attribs ?? {})) && !('shadowroot' in (n.attribs ?? {}))) return;
    if (name === 'img' || name === 'input') {
      buf += ' ';
      return;
    }
    const block = BLOCK.has(name) && depth > 0;
    if (block) {
      flush();
      stack.push({ id: nextId++, tag: name });
    }
    for (const c of n.children ?? []) walk(c, depth + 1);
    if (block) {
      flush();
      stack.pop();
    } else if (SPACED_INLINE.has(name)) buf += ' ';
  };
  if (rootEl) walk(rootEl, 0);
  flush();
  return { text, blocks };
}
