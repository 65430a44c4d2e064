/**
 * Reading chat widgets, for the chat-widget detector: the cues that tell a bot from a human in an
 * opened widget's text (and in the page's wording, as a last resort), what a chat frame, container
 * or launcher looks like without a known vendor, the vendor markers matched against URLs and
 * iframes (from detectors/data/chat-vendors.json), and which scripts the browser ran (a tag whose
 * type is not JavaScript was blocked by a consent platform: it only says a chat may load later).
 */
import type { CheerioAPI } from 'cheerio';
import type { ChannelAttributes, ChannelKey, Evidence } from '../types.ts';
import { hostMatches, type ChatVendor } from '../data/chat-vendors.ts';
import { loadNonChatHosts } from '../data/non-chat-hosts.ts';
import { evidence } from '../detector.ts';
import { fold, nodeText } from './text.ts';
import { hostOf } from './url.ts';

export type Node = { type?: string; name?: string; attribs?: Record<string, string>; parent?: Node | null };

/** How a chat finding's kind (bot or human) was decided; carried into the matrix channel. */
export type ClassifiedBy = NonNullable<ChannelAttributes['classifiedBy']>;

export interface Sighting {
  strong: Evidence[];
  weak: Evidence[];
  /** texts of opened widgets (tier 1) */
  widgetTexts: { text: string; html: string | null }[];
  /** texts of vendor frames/containers (tier 2) */
  containerTexts: string[];
  /** iframe titles (unknown vendor) */
  titles: string[];
}

export const MAX_EVIDENCE_PER_KIND = 2;


/** Bot cues (folded text). */
export const BOT_CUES: [RegExp, string][] = [
  [/\bassistante? (virtuel(le)?|digital(e)?|numerique|intelligent(e)?|conversationnel(le)?)\b/, 'assistant virtuel'],
  [/\b(agent|conseill(er|ere)) virtuel(le)?\b/, 'agent virtuel'],
  [/\bchat ?bots?\b|\bbots?\b|\brobots?\b/, 'bot'],
  [/\bje suis [^.!?]{0,40}\b(assistante?|bot|robot|chatbot)\b/, "je suis … l'assistant"],
  [/\bposez[- ]moi\b/, 'posez-moi votre question'],
  [/\b(reponses?|messages?) automatiques?\b|\bgeneree?s? automatiquement\b/, 'réponse automatique'],
  [/\bintelligence artificielle\b/, 'intelligence artificielle'],
];
/** "IA" must be in capitals in the original text (else "ia" matches inside words and names). */
export const IA_CUE = /(^|[^\p{L}])IA([^\p{L}]|$)/u;

/** Human-advisor cues (folded text, per sentence). */
export const LIVE_CUES: [RegExp, string][] = [
  [/\b(mettre|mise) en relation avec\b/, 'mise en relation'],
  [/\b(parler|discuter|echanger|chatter|dialoguer) (en direct )?avec (un|une|nos|l'un de nos) (conseill\w+|agents?|humains?|experts?)\b/, 'parler à un conseiller'],
  [/\bconseill(er|ere|eres|ers)\b/, 'conseiller'],
  [/\bagents?\b/, 'agent'],
  [/\b(un|une) humain(e)?\b|\bagent humain\b/, 'humain'],
  [/\b(temps|file|delai) d'attente\b/, "temps d'attente"],
  [/\bdisponibles? du (lundi|mardi)\b|\bdu lundi au (vendredi|samedi|dimanche)\b|\bhoraires d'ouverture\b/, 'disponible du lundi'],
  [/\bvotre (nom|prenom)\b|\bvotre (adresse )?e-?mail\b|\bvotre adresse (mail|electronique)\b|\bn° (de )?client\b|\bnumero (de )?client\b/, 'formulaire pré-chat'],
  [/\b(est|sont) en train d'ecrire\b|\ba rejoint la conversation\b/, 'conseiller en train d’écrire'],
];
/** A sentence that sends the visitor to an advisor by another channel is not a human-chat cue. */
export const OTHER_CHANNEL = /\b(appel\w*|telephon\w*|composez|numero (vert|de telephone)|en agence|votre agence|rendez-vous|rdv|courrier)\b|\d{2} ?\d{2} ?\d{2} ?\d{2}|\b3\d{3}\b/;
export const BOT_PHRASES_TO_STRIP = /\b(agent|conseill(er|ere)) virtuel(le)?\b/g;

export const PAGE_BOT = /\bassistante? virtuel(le)?\b|\bchat ?bot\b|\bagent virtuel\b|\bconseill(er|ere) virtuel(le)?\b/;
export const PAGE_LIVE =
  /\bconseill(er|ere)s? en ligne\b|\b(t?chat|chatter|tchatter|discuter|dialoguer|echanger)( en direct| en ligne)? avec (un|une|nos|l'un de nos) (conseill\w+|experts?|agents?)\b|\bun conseiller vous repond (en direct|en ligne|par t?chat)\b|\blive ?chat avec\b/;

/** Does an opened widget's text read like a chat? */
export const CHAT_LIKE =
  /\bt?chat(bot)?\b|\bconversation\b|\bdiscut\w*\b|\bassistante?\b|\bconseill\w+\b|\bagents?\b|\b(ecrivez|tapez|saisissez|redigez) (votre|un|ici votre) (message|question)\b|\bvotre message\b|\bposez(-moi)? votre question\b|\bcomment (puis-je|pouvons-nous|peut-on) vous aider\b|\benvoyer (un|le|votre) message\b/;
export const NOT_CHAT =
  /\bdonnez[- ](nous )?votre avis\b|\bvotre avis (nous|compte)\b|\bsatisfaction\b|\bnotez\b|\btrustpilot\b|\bmedallia\b|\bkampyle\b|\bqualtrics\b|\benquete\b|\bsondage\b|\bquestionnaire\b|\bnewsletter\b|\bcookies?\b|\btraceurs\b/;

/**
 * A panel that offers a call-back or an appointment (often opened by a generic "Besoin d'aide ?"
 * button) is not a chat, unless it also has a chat composer or talks of a conversation.
 */
export const CALLBACK_PANEL =
  /\b(etre|se faire|vous faire) rappeler?\b|\b(demande de |demander un |rappel gratuit|planifier un )rappel\b|\bnous vous rappel\w*\b|\b(prendre|prenez|reserver|planifier) (un )?rendez-vous\b|\bcreneaux?\b|\bvotre (numero de )?telephone\b/;
export const CHAT_COMPOSER =
  /\bt?chat(bot)?\b|\bconversation\b|\b(ecrivez|tapez|saisissez|redigez) (votre|un|ici votre) (message|question)\b|\bposez(-moi)? votre question\b|\benvoyer (un|le|votre) message\b|\bassistante? virtuel/;

/** iframe title/name/id that reads like a chat: starts with the chat word, or names a chat window. */
export const CHAT_FRAME_TITLE =
  /^(le |la |du |notre |votre )?(live ?|web ?)?t?chat( ?bot)?\b|\b(live ?chat|webchat|chatbot|chat ?widget|widget (de )?t?chat|chat window|messaging window|fenetre (de|du) (t?chat|discussion|conversation|messagerie)|assistante? virtuel(le)?|agent virtuel)\b/;
export const CHAT_FRAME_SRC = /\/(chatbot|webchat|web-chat|livechat|live-chat|tchat)(\/|\.|\?|$)/i;
export const CHAT_CONTAINER_TOKEN = /(^|[-_])(chatbot|webchat|livechat|live-chat|tchat|chat-widget|chatwidget)([-_]|$)/i;
export const CHAT_LAUNCHER_LABEL = /\b(ouvrir|lancer|demarrer|afficher) (le|la|un|une) (t?chat|chatbot|discussion|conversation|assistant)\b|\bdiscuter avec (nous|un conseiller)\b/;




export const patternCache = new Map<string, RegExp | null>();
export function pattern(src: string): RegExp | null {
  if (!patternCache.has(src)) {
    try {
      patternCache.set(src, new RegExp(src, 'i'));
    } catch {
      patternCache.set(src, null);
    }
  }
  return patternCache.get(src) ?? null;
}

/**
 * The markers try each of ~60 vendors on one URL in a row (every request, script, link and iframe):
 * the URL's host and lower-case form are computed once for that run of vendors (a one-entry memo:
 * it cannot grow nor go stale, both are pure functions of url and base; parsing the URL once per
 * vendor was about an eighth of the judge's CPU once the selectors were fast), and each vendor's
 * hosts, paths and iframe markers are lowered once per process.
 */
let memoUrl: string | null = null;
let memoBase = '';
let memoHost: string | null = null;
let memoLower = '';
function urlFacts(url: string, base: string): { host: string | null; lower: string } {
  if (url !== memoUrl || base !== memoBase) {
    memoUrl = url;
    memoBase = base;
    memoHost = hostOf(url, base);
    memoLower = url.toLowerCase();
  }
  return { host: memoHost, lower: memoLower };
}

interface LoweredVendor {
  /** scriptHosts lowered, and with a leading dot: `hostMatches` without lowering them per call */
  hosts: string[];
  dotHosts: string[];
  paths: string[];
  /** iframe markers lowered, and whether each is a weak marker */
  iframes: string[];
  iframeWeak: boolean[];
}
const loweredVendors = new WeakMap<ChatVendor, LoweredVendor>();
function lowered(v: ChatVendor): LoweredVendor {
  let l = loweredVendors.get(v);
  if (!l) {
    const hosts = v.scriptHosts.map((h) => h.toLowerCase());
    l = {
      hosts,
      dotHosts: hosts.map((h) => `.${h}`),
      paths: v.scriptPaths.map((p) => p.toLowerCase()),
      iframes: v.iframes.map((m) => m.toLowerCase()),
      iframeWeak: v.iframes.map((m) => v.weakMarkers.includes(m)),
    };
    loweredVendors.set(v, l);
  }
  return l;
}

/** Does the (lower-case) host match one of the vendor's script hosts? Its original spelling, or null. `hostMatches` for each. */
function vendorHost(host: string, v: ChatVendor): string | null {
  const l = lowered(v);
  for (let i = 0; i < l.hosts.length; i++) if (host === l.hosts[i] || host.endsWith(l.dotHosts[i]!)) return v.scriptHosts[i]!;
  return null;
}

/** The marker of `v` that `url` carries, or null. */
export function urlMarker(url: string, base: string, v: ChatVendor): string | null {
  const { host, lower } = urlFacts(url, base);
  if (host) {
    const h = vendorHost(host, v);
    if (h !== null) return h;
  }
  const paths = lowered(v).paths;
  for (let i = 0; i < paths.length; i++) if (paths[i] && lower.includes(paths[i]!)) return v.scriptPaths[i]!;
  for (const p of v.scriptPatterns ?? []) if (pattern(p)?.test(url)) return p;
  return null;
}

export function iframeMarker(src: string, labels: string[], base: string, v: ChatVendor, strength: 'strong' | 'weak' = 'strong'): string | null {
  const l = lowered(v);
  let s: string | null = null;
  let ll: string[] | null = null;
  for (let i = 0; i < v.iframes.length; i++) {
    if (l.iframeWeak[i] !== (strength === 'weak')) continue;
    const ml = l.iframes[i]!;
    if (!ml) continue;
    s ??= src.toLowerCase();
    if (s.includes(ml)) return v.iframes[i]!;
    ll ??= labels.map((x) => x.toLowerCase());
    if (ll.some((x) => x.includes(ml))) return v.iframes[i]!;
  }
  if (src && strength === 'strong') {
    const host = urlFacts(src, base).host;
    if (host) {
      const h = vendorHost(host, v);
      if (h !== null) return h;
    }
  }
  return null;
}

/**
 * Script types a browser executes (HTML standard: a JavaScript MIME type essence, "module", or no
 * type). Anything else (`text/plain` of Klaro and CookieConsent, `didomi/javascript`, `text/x-…`)
 * is a script a consent platform holds back: the widget may load after consent, it is not there.
 */
export const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'application/ecmascript', 'application/x-ecmascript', 'application/x-javascript', 'text/ecmascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2', 'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5', 'text/jscript', 'text/livescript', 'text/x-ecmascript', 'text/x-javascript']);
export function executableScript(attribs: Record<string, string> | undefined): boolean {
  const type = (attribs?.type ?? '').split(';')[0].trim().toLowerCase();
  return JS_TYPES.has(type);
}

export function nonChatHost(url: string, base: string): boolean {
  const host = urlFacts(url, base).host;
  return !!host && loadNonChatHosts().some((h) => hostMatches(host, h));
}

export function describe($: CheerioAPI, el: unknown): string {
  const n = el as Node;
  const a = n.attribs ?? {};
  let s = `<${n.name ?? '?'}`;
  for (const k of ['id', 'class', 'src', 'href', 'title', 'name', 'aria-label']) if (a[k]) s += ` ${k}="${a[k].slice(0, 80)}"`;
  s += '>';
  const t = nodeText(el as never).slice(0, 80);
  return t ? `${s} ${t}` : s;
}

export function newSighting(): Sighting {
  return { strong: [], weak: [], widgetTexts: [], containerTexts: [], titles: [] };
}

export function push(list: Evidence[], e: Evidence): void {
  const same = list.filter((x) => x.signal === e.signal).length;
  if (same < MAX_EVIDENCE_PER_KIND && !list.some((x) => x.signal === e.signal && x.detail === e.detail)) list.push(e);
}

export interface CueResult {
  bot: string | null;
  live: string | null;
}

export function cues(text: string, html: string | null): CueResult {
  const f = fold(text);
  let bot: string | null = null;
  for (const [re, label] of BOT_CUES) {
    if (re.test(f)) {
      bot = label;
      break;
    }
  }
  if (!bot && IA_CUE.test(text)) bot = 'IA';
  if (!bot && html && /quick[-_]?repl|quickrepl|data-quick-reply|postback|suggested[-_]?(action|repl)/i.test(html)) bot = 'boutons de réponse rapide';
  let live: string | null = null;
  const sentences = f.replace(BOT_PHRASES_TO_STRIP, ' ').split(/[.!?\n]+/);
  outer: for (const [re, label] of LIVE_CUES) {
    for (const s of sentences) {
      if (re.test(s) && !OTHER_CHANNEL.test(s)) {
        live = label;
        break outer;
      }
    }
  }
  if (!live && html) {
    const h = html.toLowerCase();
    if (/<input[^>]+type=["']?email/.test(h) || /<input[^>]+(name|placeholder|aria-label)=["'][^"']*(nom|name|e-?mail|client)/.test(h)) {
      live = 'formulaire pré-chat';
    }
  }
  return { bot, live };
}

export function classifyWidget(
  s: Sighting,
  kind: ChatVendor['kind'] | 'unknown',
  pageFolded: string,
  url: string,
): { channels: Set<ChannelKey>; ev: Evidence[]; by: ClassifiedBy } {
  const out = new Set<ChannelKey>();
  const ev: Evidence[] = [];
  const apply = (r: CueResult, source: 'widget' | 'frame', rule: string): boolean => {
    if (!r.bot && !r.live) return false;
    if (r.bot) {
      out.add('chatbot');
      ev.push(evidence(url, source, `${rule}-chatbot-cue`, r.bot));
    }
    if (r.live) {
      out.add('livechat');
      ev.push(evidence(url, source, `${rule}-livechat-cue`, r.live));
    }
    return true;
  };
  // 1. opened widget text
  const merged = s.widgetTexts.reduce<CueResult>(
    (acc, w) => {
      const r = cues(w.text, w.html);
      return { bot: acc.bot ?? r.bot, live: acc.live ?? r.live };
    },
    { bot: null, live: null },
  );
  if (apply(merged, 'widget', 'widget-text')) return { channels: out, ev, by: 'widget-text' };
  // 2. frames and containers of the vendor
  const merged2 = s.containerTexts.reduce<CueResult>(
    (acc, t) => {
      const r = cues(t, null);
      return { bot: acc.bot ?? r.bot, live: acc.live ?? r.live };
    },
    { bot: null, live: null },
  );
  if (apply(merged2, 'frame', 'container-text')) return { channels: out, ev, by: 'widget-text' };
  // 3. fallback
  if (kind === 'chatbot' || kind === 'livechat') {
    out.add(kind);
    ev.push(evidence(url, 'text', `vendor-kind-${kind}`, `no widget text; vendor is a ${kind} product`));
    return { channels: out, ev, by: 'vendor-product' };
  }
  if (kind === 'unknown') {
    const t = s.titles.map(fold).find((x) => /\bbot\b|chatbot|assistante? virtuel|agent virtuel/.test(x));
    if (t) {
      out.add('chatbot');
      ev.push(evidence(url, 'frame', 'frame-title-chatbot-cue', t));
      return { channels: out, ev, by: 'widget-text' };
    }
  }
  const pb = PAGE_BOT.exec(pageFolded);
  const pl = PAGE_LIVE.exec(pageFolded);
  if (pb) {
    out.add('chatbot');
    ev.push(evidence(url, 'text', 'page-text-chatbot-cue', pb[0]));
  }
  if (pl) {
    out.add('livechat');
    ev.push(evidence(url, 'text', 'page-text-livechat-cue', pl[0]));
  }
  if (!pb && !pl) {
    // A chat is there but nothing says bot or human: reported under livechat (a chat window is
    // the one thing known), marked classifiedBy "unknown" so no reader takes it for an observation.
    out.add('livechat');
    ev.push(evidence(url, 'text', 'unclassified-chat', 'widget not opened or silent, neither bot nor advisor wording: kind unknown'));
    return { channels: out, ev, by: 'unknown' };
  }
  return { channels: out, ev, by: 'page-wording' };
}
