/**
 * help-center: the page IS a FAQ or a help centre (channel "faq").
 *
 * A page is a help page when one of these holds:
 * - schema.org FAQPage JSON-LD (also inside @graph or arrays) with at least one named question, on
 *   a page named a help page (title, breadcrumb, host, path, h1), or with 5+ questions on a page
 *   that is not a product page (schema.org Product, og:type product): an SEO plugin's FAQPage with
 *   an empty mainEntity, or three questions on a product page, is not a FAQ;
 * - the page's <title> ("FAQ | Exemple", "Questions fréquentes - Banque") or a breadcrumb item
 *   ("Accueil > Aide > Carte") names a help page, and the page has a question item or its h1 is a
 *   question (a help article);
 * - plain markup: 5+ questions written in the page as h2–h4 headings, toggles, or paragraphs each
 *   followed by its answer ("<p><strong>Comment … ?</strong></p><p>Vous pouvez…</p>"), or 5+
 *   question links to articles of one URL shape (a help category page); never on a product page;
 * - a help-platform URL: Zendesk Guide (/hc/<locale>/…), Salesforce Experience knowledge
 *   (/s/article/…, /s/topic/…), Freshdesk (/support/solutions…);
 * - a help heading in the main content ("FAQ", "Foire aux questions", "Questions fréquentes",
 *   "Centre d'aide", "Aide", "Aide en ligne", "Comment pouvons-nous vous aider ?") that is the page's
 *   h1, or that heads at least 2 question items on a page named a help page, or 5 elsewhere (not on
 *   a product page: an embedded FAQ section is not the page);
 * - a help URL (host aide.* / help.* / assistance.* / faq.* / support.* / helpcenter.*, or a path
 *   segment faq, aide, questions-frequentes, foire-aux-questions, centre-d-aide, help, assistance)
 *   with at least 3 question items, or a help search, or topic categories;
 * - a help article: a help URL (as above) whose page carries the feedback question ("Cette réponse
 *   vous a-t-elle été utile ?"); article pages list no questions, but their feedback is the FAQ's.
 * Question items: <summary>, accordion toggles (aria-expanded / aria-controls), <dt>, h2–h4 and
 * links whose text ends with "?", plus help-platform article links (/hc/…/articles/,
 * /s/article/, /support/solutions/articles/). Header, nav and footer are never read for items.
 *
 * Attributes:
 * - search: a visible search field for help content: in the main content of a page that is a help
 *   page by URL or h1, or with help wording ("Rechercher dans l'aide", "Posez votre question",
 *   "Comment pouvons-nous vous aider ?"), or anywhere on a help host/platform (there the header
 *   search searches the help). A site-wide header search on a main-site page never counts.
 * - categories: Zendesk categories/sections, Salesforce topics, Freshdesk folders (≥2 links), or
 *   questions grouped under ≥2 headings, or ≥3 tabs of a tablist next to the questions.
 * - questionCount: the largest of the JSON-LD question count and the distinct question items. Help
 *   lists mix questions with statement titles ("Ma carte est bloquée"): a link that does not end
 *   with "?" counts when it sits in a list (ul/ol/dl/role=list) where at least 2 question links, and
 *   at least half of the links, point at targets of the same shape (…/article?id=N, /faq/<slug>).
 * - feedback: "Cette réponse vous a-t-elle été utile ?", "Cet article vous a-t-il été utile ?",
 *   "Était-ce utile ?", "Avez-vous trouvé la réponse…" (hidden text counts: it sits in collapsed
 *   answers).
 * - linksToContact: a link or button in the main content (collapsed answers included) to a human
 *   channel: "Nous contacter", "Contactez-nous", "Service client", "Écrivez-nous", "Envoyer une
 *   demande", a tel: link, a chat/tchat button, a /contact link. Footer links do not count (every
 *   page has one).
 *
 * Deliberately ignored: a footer/header link labelled "FAQ" (the crawler follows it and the FAQ page
 * itself gives the finding); a "Besoin d'aide ?" block on a home page (it is a contact teaser);
 * a single question heading in a blog post.
 * Known false positives: a product page with an h1 "Aide au logement" reads as a help page only if
 * it also lists ≥2 questions; a blog article titled "FAQ : …" with question subheadings counts, and
 * so does a landing page without product markup that writes 5 questions with their answers.
 * Tried and rejected: counting every link under /aide/ as an article (menus link the same
 * 10 topics on every page); "Assistance" alone as a heading (roadside assistance, insurers).
 */
import type { CheerioAPI } from 'cheerio';
import type { Evidence, Finding } from './types.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { collapse, fold } from './lib/text.ts';
import { isHiddenDeep, selectAll } from './lib/dom.ts';

type Node = { type?: string; name?: string; attribs?: Record<string, string>; parent?: Node | null; children?: Node[] };

const CHROME_TAGS = new Set(['header', 'nav', 'footer']);
const CHROME_ROLES = new Set(['banner', 'navigation', 'contentinfo']);
const CHROME_ID = /^(site[-_]?|main[-_]?|page[-_]?|global[-_]?)?(header|footer|navbar|nav|navigation|menu|mega[-_]?menu)$/i;

function inChrome(el: unknown): boolean {
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



function txt($: CheerioAPI, el: unknown): string {
  return collapse($(el as never).text());
}

const HELP_HEADING =
  /^(faq|f\.a\.q\.?|foire aux questions|(les )?questions (les plus )?(frequentes|courantes|posees)|vos questions( frequentes)?|centre d'aide|aide|aide en ligne|aide et contact|aide & contact|espace aide|(besoin d'aide|comment pouvons-nous vous aider|comment peut-on vous aider|une question)\s*\??)(\s*[:\-–—].*)?$/;
const HELP_HEADING_H1_ONLY = /^(besoin d'aide|comment pouvons-nous vous aider|comment peut-on vous aider|une question)/;
const HELP_HOST = /^(aide|help|assistance|faq|support|helpcenter|help-center|centre-aide|centredaide|aide-en-ligne|questions)[.-]/;
const HELP_PATH = /\/(faq|faqs|aide|aides|help|assistance|questions-frequentes|questions-reponses|foire-aux-questions|centre-d-aide|centre-aide|aide-en-ligne|support)(\/|\.html?|$|[?#-])/i;
const PLATFORM_PATH = /\/hc\/[a-z]{2}(-[a-z]{2})?(\/|$)|\/s\/(article|topic|knowledge)\b|\/support\/solutions\b/i;
const ARTICLE_HREF = /\/hc\/[a-z-]+\/articles\/\d+|\/s\/article\/|\/support\/solutions\/articles\/\d+/i;
const CATEGORY_HREF = /\/hc\/[a-z-]+\/(categories|sections)\/\d+|\/s\/topic\/|\/support\/solutions\/(folders\/)?\d+/i;
const HELP_SEARCH_WORDING =
  /rechercher dans (l'aide|la faq|le centre d'aide|nos questions|l'assistance)|posez( nous)? votre question|quelle est votre question|tapez votre question|saisissez votre question|comment (pouvons-nous|peut-on|puis-je) vous aider|rechercher une (question|reponse|aide)|trouvez (une|votre|vos) reponses?|vous avez une question|search (the )?help|how can we help/;
const FEEDBACK =
  /(cette|la) (reponse|page|information|fiche|aide|question) (vous )?a-t-elle (ete )?(utile|aide)|cet (article|contenu) (vous )?a-t-il (ete )?(utile|aide)|etait-ce utile|est-ce que (cette|cet) \w+ (vous )?a (ete )?(utile|aide)|avez-vous trouve (la|une|votre|ce que)|cette reponse vous convient|votre avis sur cette (reponse|page)|(vous )?a-t-(elle|il) ete utile/;
const CONTACT_LABEL =
  /\b(nous contacter|contactez[- ]nous|contacter (un|le|notre) (conseiller|service)|service (client|clients|consommateurs)|relation client|ecrivez[- ]nous|envoyer une demande|soumettre une demande|faire une demande|nous ecrire|parler a un conseiller|discuter avec un conseiller|t?chat(ter)? avec|lancer le t?chat|appelez[- ]nous|formulaire de contact|(ecrire|parler|joindre) a (un|une|votre) (conseiller|conseillere|agent)|joindre (un|une|votre) (conseiller|conseillere)|etre rappele|rendez[- ]vous (telephonique|avec un conseiller))\b/;

/**
 * Questions a help page asks the visitor, not questions it answers: the contact teaser under the
 * list ("Vous n'avez pas trouvé votre réponse ?"), the feedback question, "Besoin d'aide ?".
 */
const NOT_AN_ITEM =
  /^(vous n'avez pas trouve|vous ne trouvez pas|pas trouve (de |la |votre )?reponse|(vous avez )?(d'autres|encore des|toujours des|une autre) questions?|besoin (d'aide|de plus d'aide|d'un conseil|d'autres informations)|une (question|autre question)|(avez-vous|vous avez) (une|des) questions?|que recherchez-vous|comment (pouvons-nous|peut-on|puis-je) vous aider)\b/;

function isQuestionText(t: string): boolean {
  if (!(t.length >= 8 && t.length <= 250 && /\?\s*$/.test(t))) return false;
  const f = fold(t);
  return !NOT_AN_ITEM.test(f) && !FEEDBACK.test(f);
}

/**
 * The "shape" of a link target, to tell the articles of a help list from the other links: host and
 * path plus the names of the query parameters (…/article?id=1 and …/article?id=2 share a shape),
 * or, without a query, host and parent folder (/faq/resilier and /faq/demenager share one).
 */
function hrefShape(href: string, base: string): string | null {
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

const LIST_TAGS = new Set(['ul', 'ol', 'dl']);

/**
 * All the text under a node, hidden subtrees included (collapsed answers carry the feedback
 * question), scripts and styles left out, a space after every element. Iterative: a page nested
 * thousands deep must not overflow the stack.
 */
function textWithHidden(root: Node | undefined): string {
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
const MIN_SECTION_QUESTIONS = 5;
/** questions written as headings or paragraphs (not links) that make a page with plain markup a FAQ */
const MIN_PLAIN_QUESTIONS = 5;
/** answer text that must follow a question paragraph (a rhetorical "Vous déménagez ?" has none) */
const MIN_ANSWER_CHARS = 20;
const BREADCRUMB =
  'nav[aria-label*="breadcrumb" i], nav[aria-label*="ariane" i], [class*="breadcrumb" i], [itemtype*="BreadcrumbList"], [id*="breadcrumb" i]';

/** the next element after a question paragraph is its answer: text, and not another question */
function answerFollows($: CheerioAPI, el: unknown): boolean {
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
function listMates(
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
function readJsonLd($: CheerioAPI): { questions: number; product: boolean } {
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

function detect(page: PageView): Finding[] {
  const $ = page.$;
  const url = page.url;
  let host = '';
  let path = '';
  try {
    const u = new URL(url);
    host = u.hostname.toLowerCase();
    path = u.pathname;
  } catch {
    /* no URL */
  }
  const ev: Evidence[] = [];
  const helpHost = HELP_HOST.test(host.replace(/^www\./, ''));
  const platform = PLATFORM_PATH.test(path);
  const helpPath = HELP_PATH.test(path);

  // JSON-LD
  const ld = readJsonLd($);
  const ldCount = ld.questions;
  const productPage =
    ld.product || /^product/i.test($('meta[property="og:type"]').attr('content') ?? '') || $('[itemtype*="schema.org/Product"]').length > 0;

  // the page's title and breadcrumb name it: "FAQ | Exemple", "Accueil > Aide > Carte bancaire"
  const title = collapse(page.snapshot.title || $('title').first().text());
  const titleHelp = title.split(/\s[|\-–—:·»]\s|\s?[|–—·»]\s?/).some((seg) => HELP_HEADING.test(fold(seg).trim()));
  let breadcrumbHelp = '';
  for (const el of selectAll($, BREADCRUMB)) {
    const items = $(el as never).find('li, a, span[itemprop="name"]').toArray().map((i) => collapse($(i).text()));
    const hit = items.slice(1).find((t) => t.length <= 60 && HELP_HEADING.test(fold(t)));
    if (hit) {
      breadcrumbHelp = hit;
      break;
    }
  }
  const h1 = selectAll($, 'h1').find((e) => !isHiddenDeep(e));
  const h1Question = !!h1 && isQuestionText(txt($, h1));
  if (ldCount > 0) ev.push(evidence(url, 'dom', 'faqpage-jsonld', `schema.org FAQPage with ${ldCount} question(s)`, 'script[type="application/ld+json"]'));
  if (platform) ev.push(evidence(url, 'url', 'help-platform-url', path));

  // headings in main content
  let h1Help = false;
  let helpHeadingEl: unknown = null;
  for (const el of selectAll($, 'h1, h2, h3, [role="heading"]')) {
    if (inChrome(el) || isHiddenDeep(el)) continue;
    const t = fold(txt($, el)).replace(/\s+/g, ' ').trim();
    if (!t || t.length > 80 || !HELP_HEADING.test(t)) continue;
    const isH1 = (el as Node).name === 'h1';
    if (!isH1 && HELP_HEADING_H1_ONLY.test(t)) continue;
    if (isH1) h1Help = true;
    if (!helpHeadingEl || isH1) helpHeadingEl = el;
  }

  // question items in main content (document order, with the heading they sit under)
  const questions = new Map<string, string>(); // text → heading
  /** questions written in the page (headings, paragraphs, toggles), not links to other pages */
  const plain = new Set<string>();
  const groups = new Set<string>();
  let articleLinks = 0;
  let categoryLinks = 0;
  let currentHeading = '';
  /** question links with their href shape, and the other links of the main content (see listMates) */
  const questionLinks = new Map<unknown, string>();
  const otherLinks: { el: Node; sig: string; text: string; heading: string }[] = [];
  const root = ($('body').length ? $('body') : ($.root() as never)).get(0) as Node | undefined;
  const walk = (n: Node | undefined, depth: number): void => {
    if (!n || depth > 200) return;
    for (const c of n.children ?? []) {
      if (c.type === 'root') {
        walk(c, depth + 1);
        continue;
      }
      if (c.type !== 'tag') continue;
      const name = c.name ?? '';
      const a = c.attribs ?? {};
      if (name === 'script' || name === 'style' || name === 'noscript') continue;
      if (CHROME_TAGS.has(name) || (a.role && CHROME_ROLES.has(a.role)) || (a.id && CHROME_ID.test(a.id))) continue;
      if (a.class && a.class.split(/\s+/).some((k) => CHROME_ID.test(k))) continue;
      if (name === 'template' && !('shadowrootmode' in a) && !('shadowroot' in a)) continue;
      const hidden = a['data-ct-hidden'] === '1';
      if (/^h[2-4]$/.test(name) && !hidden) {
        const t = collapse($(c as never).text());
        if (isQuestionText(t)) {
          questions.set(t, currentHeading);
          plain.add(t);
        } else if (t.length <= 80) currentHeading = t;
        continue;
      }
      // a question written as a paragraph ("<p><strong>Comment … ?</strong></p>") followed by its answer
      if (name === 'p' && !hidden) {
        const t = collapse($(c as never).text());
        if (isQuestionText(t) && answerFollows($, c)) {
          questions.set(t, currentHeading);
          plain.add(t);
          continue;
        }
      }
      const isToggle = name === 'summary' || name === 'dt' || (('aria-expanded' in a || 'aria-controls' in a) && (name === 'button' || a.role === 'button' || name === 'a' || name === 'div'));
      if (isToggle && !isHiddenDeep(c)) {
        const t = collapse($(c as never).text());
        if (isQuestionText(t) || (name === 'summary' && t.length >= 8 && t.length <= 250)) {
          questions.set(t, currentHeading);
          if (isQuestionText(t)) plain.add(t);
          continue;
        }
      }
      if (name === 'a' && !isHiddenDeep(c)) {
        const href = a.href ?? '';
        const t = collapse($(c as never).text());
        if (ARTICLE_HREF.test(href)) {
          articleLinks++;
          if (t) questions.set(t, currentHeading);
          continue;
        }
        if (CATEGORY_HREF.test(href)) categoryLinks++;
        const sig = hrefShape(href, url);
        if (isQuestionText(t)) {
          questions.set(t, currentHeading);
          if (sig) questionLinks.set(c, sig);
          continue;
        }
        if (sig && t.length >= 8 && t.length <= 250) otherLinks.push({ el: c, sig, text: t, heading: currentHeading });
      }
      walk(c, depth + 1);
    }
  };
  walk(root, 0);
  for (const m of listMates($, questionLinks, otherLinks)) if (!questions.has(m.text)) questions.set(m.text, m.heading);
  for (const h of questions.values()) if (h) groups.add(h);
  const itemCount = questions.size;

  // is it a help page?
  // named a help page by its title or breadcrumb, its host or path: a short list is enough
  const named = !!titleHelp || !!breadcrumbHelp || helpHost || helpPath;
  // a FAQ section on another page (an SEO block on a product or landing page) is not the page
  const sectionEnough = (n: number) => !productPage && n >= MIN_SECTION_QUESTIONS;
  const headingHeadsQuestions = !!helpHeadingEl && itemCount >= 2 && (named || sectionEnough(itemCount));
  let isHelp = false;
  if (platform) isHelp = true;
  if (ldCount > 0 && (named || h1Help || sectionEnough(ldCount))) isHelp = true;
  if (h1Help || headingHeadsQuestions) {
    isHelp = true;
    ev.push(evidence(url, 'dom', 'help-heading', txt($, helpHeadingEl), (helpHeadingEl as Node).name));
  }
  if (!isHelp && (titleHelp || breadcrumbHelp) && (itemCount >= 1 || h1Question)) {
    isHelp = true;
    ev.push(breadcrumbHelp ? evidence(url, 'dom', 'help-breadcrumb', breadcrumbHelp) : evidence(url, 'dom', 'help-title', title));
  }
  // plain markup: several questions written as headings or paragraphs, or a help category page
  // listing question links to articles of one shape (/aide/carte/<slug>), with nothing naming the page
  const bySig = new Map<string, number>();
  for (const sig of questionLinks.values()) bySig.set(sig, (bySig.get(sig) ?? 0) + 1);
  const articleList = Math.max(0, ...bySig.values());
  if (!isHelp && !productPage && plain.size >= MIN_PLAIN_QUESTIONS) {
    isHelp = true;
    ev.push(evidence(url, 'dom', 'question-list', `${plain.size} questions written in the page`));
  } else if (!isHelp && !productPage && articleList >= MIN_PLAIN_QUESTIONS) {
    isHelp = true;
    ev.push(evidence(url, 'dom', 'question-list', `${articleList} question links to articles`));
  }

  // search field
  let searchEv: Evidence | null = null;
  const primaryHelp = helpHost || platform || helpPath || h1Help;
  for (const el of selectAll($, 'input, textarea, [role="searchbox"], [role="search"], form[role="search"]')) {
    if (isHiddenDeep(el)) continue;
    const a = (el as Node).attribs ?? {};
    const type = (a.type ?? 'text').toLowerCase();
    if ((el as Node).name === 'input' && !['text', 'search', ''].includes(type)) continue;
    const label = fold(`${a.placeholder ?? ''} ${a['aria-label'] ?? ''} ${a.title ?? ''}`);
    const form = $(el as never).closest('form');
    const formText = form.length ? fold(`${form.attr('action') ?? ''} ${form.attr('role') ?? ''} ${form.attr('class') ?? ''} ${form.attr('id') ?? ''}`) : '';
    const searchy =
      type === 'search' || a.role === 'searchbox' || a.role === 'search' || /search|recherch|query|\bq\b/.test(`${fold(a.name ?? '')} ${fold(a.id ?? '')} ${formText} ${label}`);
    const helpWording = HELP_SEARCH_WORDING.test(label);
    if (!searchy && !helpWording) continue;
    const chrome = inChrome(el);
    if (helpWording || (primaryHelp && !chrome) || helpHost || platform) {
      searchEv = evidence(url, 'dom', 'help-search', `${a.placeholder ?? a['aria-label'] ?? a.name ?? 'search field'}${chrome ? ' (header)' : ''}`, (el as Node).name);
      if (!chrome || helpWording) break;
    }
  }

  // categories
  let categories = false;
  let catDetail = '';
  if (categoryLinks >= 2) {
    categories = true;
    catDetail = `${categoryLinks} category/section links`;
  } else if (groups.size >= 2) {
    categories = true;
    catDetail = `questions under ${groups.size} headings: ${[...groups].slice(0, 4).join(' | ')}`;
  } else {
    const tabs = selectAll($, '[role="tab"]').filter((e) => !inChrome(e));
    if (tabs.length >= 3 && itemCount >= 2) {
      categories = true;
      catDetail = `${tabs.length} tabs`;
    }
  }

  // feedback (collapsed answers included)
  const fullText = fold(collapse(textWithHidden(($('body').get(0) ?? $.root().get(0)) as Node | undefined)));
  const fb = FEEDBACK.exec(fullText);
  if (!isHelp && (helpHost || helpPath) && (itemCount >= 3 || searchEv || categories)) {
    isHelp = true;
    ev.push(evidence(url, 'url', 'help-url', `${host}${path}`));
  }
  // A help article: on a help host or path, the page asks whether its answer helped. Article pages
  // list no questions of their own, but their feedback widget is the FAQ's.
  if (!isHelp && (helpHost || helpPath || titleHelp || breadcrumbHelp) && fb) {
    isHelp = true;
    ev.push(evidence(url, 'url', 'help-article', `${host}${path}`));
  }
  if (!isHelp) return [];

  if (itemCount > 0) ev.push(evidence(url, 'dom', 'question-items', `${itemCount} question(s)/article(s): ${[...questions.keys()].slice(0, 3).join(' | ')}`));
  if (searchEv) ev.push(searchEv);
  if (categories) ev.push(evidence(url, 'dom', 'help-categories', catDetail));

  if (fb) ev.push(evidence(url, 'text', 'help-feedback', fb[0]));

  // links to a human channel from the main content
  let contactEv: Evidence | null = null;
  for (const el of selectAll($, 'a, button, [role="button"]')) {
    if (inChrome(el)) continue;
    const a = (el as Node).attribs ?? {};
    const href = a.href ?? '';
    const label = fold(`${txt($, el)} ${a['aria-label'] ?? ''} ${a.title ?? ''}`);
    if (/^tel:/i.test(href) || CONTACT_LABEL.test(label) || /\/(contact|nous-contacter|contactez-nous)(\/|\.|$|\?)|\/requests\/new\b|\/s\/contactsupport/i.test(href)) {
      contactEv = evidence(url, 'dom', 'help-links-to-contact', `${txt($, el).slice(0, 60)} ${href}`.trim(), (el as Node).name);
      break;
    }
  }
  if (contactEv) ev.push(contactEv);

  return [
    {
      channel: 'faq',
      detector: 'help-center',
      attributes: {
        search: !!searchEv,
        categories,
        questionCount: Math.max(ldCount, itemCount, articleLinks),
        feedback: !!fb,
        linksToContact: !!contactEv,
      },
      evidence: ev.length ? ev : [evidence(url, 'url', 'help-page', url)],
    },
  ];
}

export const helpCenter: Detector = {
  id: 'help-center',
  version: 4,
  channels: ['faq'],
  needs: ['html', 'title'],
  detect,
};
