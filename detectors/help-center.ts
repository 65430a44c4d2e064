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
import { isHiddenDeep, select, selectAll } from './lib/dom.ts';
import { type Node, CHROME_TAGS, CHROME_ROLES, CHROME_ID, inChrome, txt, HELP_HEADING, HELP_HEADING_H1_ONLY, HELP_HOST, HELP_PATH, PLATFORM_PATH, ARTICLE_HREF, CATEGORY_HREF, HELP_SEARCH_WORDING, FEEDBACK, CONTACT_LABEL, isQuestionText, hrefShape, textWithHidden, MIN_SECTION_QUESTIONS, MIN_PLAIN_QUESTIONS, BREADCRUMB, answerFollows, listMates, readJsonLd } from './lib/help-text.ts';


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
    ld.product || /^product/i.test(select($, 'meta[property="og:type"]').attr('content') ?? '') || select($, '[itemtype*="schema.org/Product"]').length > 0;

  // the page's title and breadcrumb name it: "FAQ | Exemple", "Accueil > Aide > Carte bancaire"
  const title = collapse(page.snapshot.title || select($, 'title').first().text());
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
  const root = (select($, 'body').get(0) ?? $.root().get(0)) as Node | undefined;
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
  const fullText = fold(collapse(textWithHidden((select($, 'body').get(0) ?? $.root().get(0)) as Node | undefined)));
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
