/**
 * Reading help pages, for the help-center detector: what marks a help section (headings, hosts,
 * paths of help platforms), what counts as a question of a FAQ (a question sentence followed by
 * its answer, a list of question links of one URL shape), the page chrome to leave out (header,
 * menus, footer), breadcrumbs and schema.org FAQPage/Product blocks. Pure functions of the parsed
 * page.
 */
import type { CheerioAPI } from 'cheerio';
import { collapse, fold } from './text.ts';
import { selectAll } from './dom.ts';

/** A cheerio node as these helpers read it. */
export type Node = { type?: string; name?: string; attribs?: Record<string, string>; parent?: Node | null; children?: Node[] };

export const CHROME_TAGS = new Set(['header', 'nav', 'footer']);
export const CHROME_ROLES = new Set(['banner', 'navigation', 'contentinfo']);
export const CHROME_ID = /^(site[-_]?|main[-_]?|page[-_]?|global[-_]?)?(header|footer|navbar|nav|navigation|menu|mega[-_]?menu)$/i;

export function inChrome(el: unknown): boolean {
  let n = el as Node | null | undefined;
  for (let i = 0; n && i < 200; i++) {
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      const a = n.attribs ?? {};
      if (n.name && CHROME_TAGS.has(n.name)) return true;
      if (a.role && CHROME_ROLES.has(a.role)) return true;
      if (a.id && CHROME_ID.test(a.id)) return true;
      if (a.class && a.class.split(/\s+/).some((c) => CHROME_ID.test(c))) return true;
    }
    n = n.parent;
  }
  return false;
}



export function txt($: CheerioAPI, el: unknown): string {
  return collapse($(el as never).text());
}

export const HELP_HEADING =
  /^(faq|f\.a\.q\.?|foire aux questions|(les )?questions (les plus )?(frequentes|courantes|posees)|vos questions( frequentes)?|centre d'aide|aide|aide en ligne|aide et contact|aide & contact|espace aide|(besoin d'aide|comment pouvons-nous vous aider|comment peut-on vous aider|une question)\s*\??)(\s*[:\-–—].*)?$/;
export const HELP_HEADING_H1_ONLY = /^(besoin d'aide|comment pouvons-nous vous aider|comment peut-on vous aider|une question)/;
export const HELP_HOST = /^(aide|help|assistance|faq|support|helpcenter|help-center|centre-aide|centredaide|aide-en-ligne|questions)[.-]/;
export const HELP_PATH = /\/(faq|faqs|aide|aides|help|assistance|questions-frequentes|questions-reponses|foire-aux-questions|centre-d-aide|centre-aide|aide-en-ligne|support)(\/|\.html?|$|[?#-])/i;
export const PLATFORM_PATH = /\/hc\/[a-z]{2}(-[a-z]{2})?(\/|$)|\/s\/(article|topic|knowledge)\b|\/support\/solutions\b/i;
export const ARTICLE_HREF = /\/hc\/[a-z-]+\/articles\/\d+|\/s\/article\/|\/support\/solutions\/articles\/\d+/i;
export const CATEGORY_HREF = /\/hc\/[a-z-]+\/(categories|sections)\/\d+|\/s\/topic\/|\/support\/solutions\/(folders\/)?\d+/i;
export const HELP_SEARCH_WORDING =
  /rechercher dans (l'aide|la faq|le centre d'aide|nos questions|l'assistance)|posez( nous)? votre question|quelle est votre question|tapez votre question|saisissez votre question|comment (pouvons-nous|peut-on|puis-je) vous aider|rechercher une (question|reponse|aide)|trouvez (une|votre|vos) reponses?|vous avez une question|search (the )?help|how can we help/;
export const FEEDBACK =
  /(cette|la) (reponse|page|information|fiche|aide|question) (vous )?a-t-elle (ete )?(utile|aide)|cet (article|contenu) (vous )?a-t-il (ete )?(utile|aide)|etait-ce utile|est-ce que (cette|cet) \w+ (vous )?a (ete )?(utile|aide)|avez-vous trouve (la|une|votre|ce que)|cette reponse vous convient|votre avis sur cette (reponse|page)|(vous )?a-t-(elle|il) ete utile/;
export const CONTACT_LABEL =
  /\b(nous contacter|contactez[- ]nous|contacter (un|le|notre) (conseiller|service)|service (client|clients|consommateurs)|relation client|ecrivez[- ]nous|envoyer une demande|soumettre une demande|faire une demande|nous ecrire|parler a un conseiller|discuter avec un conseiller|t?chat(ter)? avec|lancer le t?chat|appelez[- ]nous|formulaire de contact|(ecrire|parler|joindre) a (un|une|votre) (conseiller|conseillere|agent)|joindre (un|une|votre) (conseiller|conseillere)|etre rappele|rendez[- ]vous (telephonique|avec un conseiller))\b/;

/**
 * Questions a help page asks the visitor, not questions it answers: the contact teaser under the
 * list ("Vous n'avez pas trouvé votre réponse ?"), the feedback question, "Besoin d'aide ?".
 */
export const NOT_AN_ITEM =
  /^(vous n'avez pas trouve|vous ne trouvez pas|pas trouve (de |la |votre )?reponse|(vous avez )?(d'autres|encore des|toujours des|une autre) questions?|besoin (d'aide|de plus d'aide|d'un conseil|d'autres informations)|une (question|autre question)|(avez-vous|vous avez) (une|des) questions?|que recherchez-vous|comment (pouvons-nous|peut-on|puis-je) vous aider)\b/;

export function isQuestionText(t: string): boolean {
  if (!(t.length >= 8 && t.length <= 250 && /\?\s*$/.test(t))) return false;
  const f = fold(t);
  return !NOT_AN_ITEM.test(f) && !FEEDBACK.test(f);
}

/**
 * The "shape" of a link target, to tell the articles of a help list from the other links: host and
 * path plus the names of the query parameters (…/article?id=1 and …/article?id=2 share a shape),
 * or, without a query, host and parent folder (/faq/resilier and /faq/demenager share one).
 */
export function hrefShape(href: string, base: string): string | null {
  if (!href || /^(#|javascript:|mailto:|tel:)/i.test(href)) return null;
  try {
    const u = new URL(href, base);
    if (!/^https?:$/.test(u.protocol)) return null;
    const keys = [...new Set([...u.searchParams.keys()])].sort();
    if (keys.length) return `${u.hostname}${u.pathname}?${keys.join('&')}`;
    const dir = u.pathname.replace(/\/+$/, '').replace(/\/[^/]*$/, '/');
    return `${u.hostname}${dir}*`;
  } catch {
    return null;
  }
}

export const LIST_TAGS = new Set(['ul', 'ol', 'dl']);

/**
 * All the text under a node, hidden subtrees included (collapsed answers carry the feedback
 * question), scripts and styles left out, a space after every element. Iterative: a page nested
 * thousands deep must not overflow the stack.
 */
export function textWithHidden(root: Node | undefined): string {
  const out: string[] = [];
  const stack: (Node | ' ')[] = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === ' ') {
      out.push(' ');
      continue;
    }
    if (n.type === 'text') {
      out.push((n as { data?: string }).data ?? '');
      continue;
    }
    if (n.type === 'script' || n.type === 'style' || n.name === 'noscript') continue;
    if (n.name === 'template' && !('shadowrootmode' in (n.attribs ?? {})) && !('shadowroot' in (n.attribs ?? {}))) continue;
    const kids = n.children ?? [];
    stack.push(' ');
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out.join('');
}

/** questions a FAQ section needs to make its page a FAQ when nothing else names the page: SEO
 * blocks on product and landing pages carry 3 to 4 */
export const MIN_SECTION_QUESTIONS = 5;
/** questions written as headings or paragraphs (not links) that make a page with plain markup a FAQ */
export const MIN_PLAIN_QUESTIONS = 5;
/** answer text that must follow a question paragraph (a rhetorical "Vous déménagez ?" has none) */
export const MIN_ANSWER_CHARS = 20;
export const BREADCRUMB =
  'nav[aria-label*="breadcrumb" i], nav[aria-label*="ariane" i], [class*="breadcrumb" i], [itemtype*="BreadcrumbList"], [id*="breadcrumb" i]';

/** the next element after a question paragraph is its answer: text, and not another question */
export function answerFollows($: CheerioAPI, el: unknown): boolean {
  const next = $(el as never).nextAll().first();
  if (!next.length) return false;
  const t = collapse(next.text());
  return t.length >= MIN_ANSWER_CHARS && !/\?\s*$/.test(t);
}

/**
 * Help lists mix question titles ("Comment faire opposition ?") with statement titles ("Ma carte est
 * bloquée", "Perte d'un objet"). A link that does not end with "?" still counts as an article when
 * it sits in the same list (ul/ol/dl, or role=list) as at least 2 question links pointing at targets
 * of the same shape, and question links make at least half of that list's links of that shape.
 * Links elsewhere (menus, category tiles, "Nous contacter") never count.
 */
export function listMates(
  $: CheerioAPI,
  questionLinks: Map<unknown, string>,
  others: { el: Node; sig: string; text: string; heading: string }[],
): { text: string; heading: string }[] {
  const out: { text: string; heading: string }[] = [];
  if (questionLinks.size < 2) return out;
  const otherSig = new Map<unknown, string>(others.map((o) => [o.el, o.sig]));
  const verdict = new Map<unknown, Map<string, boolean>>();
  for (const o of others) {
    if (CONTACT_LABEL.test(fold(o.text))) continue;
    let list: Node | null | undefined = o.el.parent;
    for (let i = 0; list && i < 6; i++, list = list.parent) {
      if (list.type === 'tag' && (LIST_TAGS.has(list.name ?? '') || list.attribs?.role === 'list')) break;
    }
    if (!list || list.type !== 'tag') continue;
    let bySig = verdict.get(list);
    if (!bySig) verdict.set(list, (bySig = new Map()));
    let ok = bySig.get(o.sig);
    if (ok === undefined) {
      let q = 0;
      let all = 0;
      for (const a of $(list as never).find('a').toArray()) {
        if (questionLinks.get(a) === o.sig) q++;
        if (questionLinks.get(a) === o.sig || otherSig.get(a) === o.sig) all++;
      }
      ok = q >= 2 && q * 2 >= all;
      bySig.set(o.sig, ok);
    }
    if (ok) out.push({ text: o.text, heading: o.heading });
  }
  return out;
}

/** FAQPage questions (those with a name) and whether a schema.org Product is described */
export function readJsonLd($: CheerioAPI): { questions: number; product: boolean } {
  let total = 0;
  let product = false;
  const visit = (node: unknown, depth: number): void => {
    if (!node || depth > 8) return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    if (typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const type = o['@type'];
    const types = Array.isArray(type) ? type : [type];
    if (types.includes('Product') || types.includes('ProductGroup')) product = true;
    if (types.includes('FAQPage')) {
      // an SEO plugin's FAQPage with an empty mainEntity is no question at all
      const main = o.mainEntity;
      const list = Array.isArray(main) ? main : main ? [main] : [];
      total += list.filter((q) => q && typeof q === 'object' && typeof (q as Record<string, unknown>).name === 'string' && ((q as Record<string, unknown>).name as string).trim()).length;
      return;
    }
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (const el of selectAll($, 'script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse($(el as never).text()), 0);
    } catch {
      /* malformed JSON-LD: the page's data, not our error; ignore it */
    }
  }
  return { questions: total, product };
}
