/**
 * Which links a journey follows, in what order. A link is scored by what it says (its text,
 * title, aria-label) and where it points (path words), so that "Aide et contact" in a footer
 * beats the 80 product links of a mega-menu. Pure functions: tested without a browser.
 *
 * Rejected: following links in document order (mega-menus exhaust the page budget before the
 * footer's contact link), and scoring by region alone (some sites put "Contact" only in the menu).
 */
import { fold } from '../../detectors/lib/text.ts';
import { normalizeUrl, registrableDomain } from '../../detectors/lib/url.ts';

export { normalizeUrl, registrableDomain };

export interface RawLink {
  href: string;
  text: string;
  region: string;
  hidden: boolean;
  kind: 'link' | 'script';
  title?: string;
  aria?: string;
}

/** Words that lead to a human or to help, strongest first. Accent-folded, lower-case. */
const TEXT_RULES: [RegExp, number][] = [
  [/\b(nous contacter|contactez[- ]nous|contact(ez)?|joindre|nous ecrire|ecrivez[- ]nous|ecrire a un conseiller|formulaire de contact)\b/, 100],
  [/\b(service (client|clients|consommateurs?|usagers?)|relation clients?|aide et contact|aide & contact|besoin d'aide|assistance|support)\b/, 90],
  // "aide" alone is the help section; "aides" and "aide à / aux / de …" are benefits or products
  // (public services, banks: "Aide aux étudiants", "Percevoir l'aide en tiers payant").
  [/\b(aide(?!\s+(?:a|au|aux|de|du|des|pour|en|financiere|personnalisee)\b)|faq|foire aux questions|questions (frequentes|courantes)|centre d'aide|help( center)?|une question)\b/, 80],
  [/\b(reclamations?|mediat(eur|ion)|sav|apres[- ]vente)\b/, 55],
  [/\b(chat|tchat|conseiller|messagerie|communaute|forum|entraide|rappel|rendez[- ]vous|telephone|appelez)\b/, 50],
  [/\b(espace (client|personnel)|mon compte|accessibilite|sourds|malentendants|application|appli)\b/, 25],
  // audience hubs: the help and contact entries of large sites often sit one level below them
  [/^(particuliers|professionnels|entreprises|pros?|associations|collectivites|mes demarches|demarches)$/, 22],
  [/\b(mentions legales|plan du site|a propos|qui sommes[- ]nous)\b/, 8],
];

const PATH_RULES: [RegExp, number][] = [
  [/(contact|nous-ecrire|ecrivez|joindre|formulaire)/, 70],
  [/(service-client|relation-client|serviceclient|assistance|support|aide(?!s)(?!-(?:a|au|aux|de|du|des|pour|en)\b)|help|faq|\/hc\/|questions)/, 60],
  [/(reclamation|mediat|sav\b|chat|communaute|community|forum|rappel)/, 35],
  [/(espace-client|accessibilite|sourds|application|appli)/, 15],
];

/** Never followed: logouts, downloads, trackers, printing, language switches to another edition. */
const SKIP_HREF = /(^mailto:|^tel:|^sms:|^javascript:|^data:|^blob:|logout|deconnexion|\/print\b|#$)/i;
const SKIP_EXT = /\.(pdf|zip|docx?|xlsx?|pptx?|jpe?g|png|gif|svg|webp|mp4|mp3|ics|apk|exe|dmg)(\?|$)/i;
const HELP_HOST = /^(aide|help|assistance|support|faq|contact|service-?client|communaute|community|forum|client|particuliers?|www)\./i;
/** Help platforms an actor may host its help centre on, followed only when the link says help. */
const HELP_PLATFORMS = ['zendesk.com', 'my.site.com', 'force.com', 'freshdesk.com', 'helpscoutdocs.com', 'intercom.help'];

/** Same actor's site: same registrable domain, or a help platform host reached through a help link. */
export function isOwnSite(url: string, domain: string, textScore = 0): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  if (registrableDomain(url) === domain) return true;
  return textScore >= 80 && HELP_PLATFORMS.some((p) => u.hostname.endsWith(`.${p}`));
}

export function textScore(text: string): number {
  const t = fold(text).replace(/[?!.:]+$/g, '').trim();
  let best = 0;
  for (const [re, w] of TEXT_RULES) if (re.test(t)) best = Math.max(best, w);
  // A short label that is only a help or contact entry ("Aide", "Nous contacter") beats a long
  // sentence that merely contains the word.
  if (best >= 50 && t.split(/\s+/).length <= 3) best += 15;
  return best;
}

export function scoreLink(link: RawLink, domain: string): number | null {
  if (SKIP_HREF.test(link.href) || SKIP_EXT.test(link.href)) return null;
  const words = [link.text, link.title ?? '', link.aria ?? ''].join(' ');
  const ts = textScore(words);
  if (!isOwnSite(link.href, domain, ts)) return null;
  let u: URL;
  try {
    u = new URL(link.href);
  } catch {
    return null;
  }
  // Path words only: query strings carry product parameters ("?aide=simuler…") more than sections.
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep it encoded */
  }
  path = fold(path);
  let ps = 0;
  for (const [re, w] of PATH_RULES) if (re.test(path)) ps = Math.max(ps, w);
  let score = ts + ps * 0.6;
  if (HELP_HOST.test(u.hostname) && !u.hostname.startsWith('www.') && score > 0) score += 15;
  // Contact links live in footers, headers and help blocks; product menus dilute them.
  if (link.region === 'footer' || link.region === 'header') score += 5;
  if (link.kind === 'script') score += 1;
  // Short, specific labels are stronger than long promotional sentences.
  if (link.text.length > 60) score -= 10;
  return score;
}

export interface Candidate {
  url: string;
  label: string;
  score: number;
  kind: 'link' | 'script';
  /** for script navigation: the data-ct-nav id to click on the parent page */
  navId?: string;
}

/** Scored, deduplicated candidates from one page's links, best first. */
export function rankLinks(links: RawLink[], domain: string): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const l of links) {
    const s = scoreLink(l, domain);
    if (s === null) continue;
    const url = normalizeUrl(l.href);
    const prev = best.get(url);
    if (!prev || s > prev.score) best.set(url, { url, label: l.text || l.aria || l.title || '', score: s, kind: l.kind });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.url.localeCompare(b.url));
}
