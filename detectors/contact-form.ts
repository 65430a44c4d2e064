/**
 * contact-form: a visible form that sends a message to the organisation (channel "form").
 *
 * Candidates: every <form> of the main document (open shadow roots included) and of readable
 * frames, plus "formless" forms (React style): a <textarea> outside any <form>, grouped with the
 * nearest ancestor (up to 6 levels) that also holds a button.
 * A candidate is a message form when it is visible (not data-ct-hidden) and
 * - it has a visible <textarea> (or a field named/labelled message/demande/question/commentaire)
 *   and a submit control (submit input, <button>, [role=button] with "envoyer/valider/soumettre/
 *   suivant/continuer"), and at least 2 visible fields (a lone textarea is a chat composer); or
 * - step 1 of a multi-step form: a subject menu + an e-mail/phone/name field + a submit, under
 *   contact wording ("formulaire de contact", "nous contacter", "écrivez-nous", "votre demande").
 * Rejected candidates: login (a password field), search (role=search, type=search unless it looks up
 * an address: "Adresse", "Code postal", "Ville" autocomplete inside a contact form, a single field
 * named q/query/search), newsletter (no message field, an e-mail field and "newsletter",
 * "s'inscrire", "abonnez"), cookie settings (inside a CMP container), store locators ("trouver une
 * agence/un magasin", postcode-only), simulators ("simuler", "calculer", "estimer"), blog comment
 * forms (#commentform, wp-comments-post), feedback forms ("cette réponse vous a-t-elle été utile",
 * "votre avis" without name/e-mail fields), chat widgets (inside a chat vendor's container/frame or
 * an element whose id/class says chat/tchat/webchat/chatbot), Medallia/Kampyle/Qualtrics frames.
 *
 * Attributes (of the biggest message form on the page):
 * - fields: visible controls a person fills in, exactly as CONTRACT §4: <input> other than hidden,
 *   submit, button, reset and image, plus <select> and <textarea>. Each radio/checkbox input counts.
 *   A control the crawler marked hidden does not count, except a radio or checkbox drawn by its
 *   visible label (DSFR and other custom controls: the input is clipped or transparent, the label
 *   is what a person clicks).
 * - subjectMenu: any control a person uses to pick a subject: a <select>, a radio group or a
 *   [role=combobox]/[role=listbox] labelled "Objet", "Motif", "Sujet", "Thème", "Nature/Type de
 *   votre demande", "Votre demande concerne"; or, with no such label, a select or radio group
 *   placed before the message field whose choices read as topics (3+ worded choices; civility,
 *   country, dates, "vous êtes", contact preferences excluded), or 3+ topic buttons (button,
 *   role=radio/tab/option, aria-pressed; not submit/back) before the message field.
 * - upload: an <input type=file> in the form (visible or not: file inputs are usually hidden behind
 *   a styled label).
 * - captcha: reCAPTCHA (.g-recaptcha, data-sitekey, google.com/recaptcha or recaptcha.net script,
 *   frame or request, .grecaptcha-badge: invisible v3 counts, it guards the form), hCaptcha,
 *   Friendly Captcha (.frc-captcha), Cloudflare Turnstile (.cf-turnstile, challenges.cloudflare.com),
 *   or a field/image named "captcha".
 * - statedDelay: the page promises a reply time: a reply verb ("réponse", "répondrons", "vous
 *   recontacte", "reviendrons vers vous", "traiter votre demande") within 80 characters of a delay
 *   ("sous 48h", "dans un délai de 5 jours ouvrés", "dans les 24h ouvrées", "sous 72 heures").
 *
 * Never submits anything: it only reads HTML.
 * Known false positives: a "laisser un avis" product review form with name + e-mail + textarea;
 * a job application form with a cover-letter textarea (it is a message form in form only).
 * Tried and rejected: requiring a <form> element (React forms have none); counting a lone
 * textarea + button (chat composers); "sous 48h" alone as a delay (delivery promises).
 */
import type { CheerioAPI } from 'cheerio';
import type { Evidence, Finding } from './types.ts';
import { loadChatVendors } from './data/chat-vendors.ts';
import { evidence, type Detector, type PageView } from './detector.ts';
import { collapse, fold } from './lib/text.ts';
import { isHiddenDeep, selectAll } from './lib/dom.ts';

type Node = { type?: string; name?: string; attribs?: Record<string, string>; parent?: Node | null };

const NOT_FIELD = new Set(['hidden', 'submit', 'button', 'reset', 'image']);
const CMP_CONTAINER =
  /onetrust|didomi|tarteaucitron|axeptio|cybotcookiebot|cookiebot|usercentrics|qc-cmp|tc-privacy|sd-cmp|cookie[-_]?(banner|consent|settings|preferences)|consent[-_]?(banner|manager)/i;
const CHAT_CONTAINER = /(^|[-_\s])(t?chat|chatbot|webchat|livechat|live-chat|idz|intercom|crisp|tidio|drift|embeddedmessaging|embeddedservice|lpm|genesys|inbenta|df-messenger)([-_\s]|$)/i;
const NON_CHAT_FRAME = /kampyle|medallia|qualtrics|usabilla|hotjar|typeform|trustpilot|google\.com\/recaptcha|recaptcha\.net|hcaptcha|challenges\.cloudflare/i;

const SUBJECT_LABEL =
  /\b(objet|motif|sujet|theme|thematique|rubrique|categorie|nature de (votre|la) (demande|question|reclamation)|type de (votre |la )?(demande|question|reclamation|message)|votre demande concerne|raison de (votre|la) (demande|prise de contact)|je (souhaite|voudrais|veux)|ma demande concerne|subject|topic|reason)\b/;
const MESSAGE_LABEL = /\b(message|demande|question|commentaire|precisions?|votre texte|description|details?|comment|body)\b/;
const SUBMIT_LABEL = /\b(envoyer|envoi|valider|soumettre|transmettre|suivant|continuer|etape suivante|send|submit|next)\b/;
const CONTACT_WORDING = /formulaire de contact|nous contacter|contactez-nous|ecrivez-nous|nous ecrire|votre demande|poser une question|posez votre question|service client|faire une demande|envoyer un message|reclamation/;
const NEWSLETTER = /newsletter|lettre d'information|s'inscrire|inscrivez-vous|abonnez|abonnement|inscription|offres? (et|&) (actualites|bons plans)/;
const LOCATOR = /trouver (une|un|mon|ma|votre) (agence|magasin|boutique|bureau|point de vente|concession|conseiller pres)|code postal ou ville|ville ou code postal|autour de moi|geolocalis/;
const SIMULATOR = /\bsimul\w+|\bcalcul\w+|\bestim\w+|\bdevis\b/;
const FEEDBACK = /ameliorer (cette|notre|la) (reponse|page|article|fiche)|a-t-elle ete utile|a-t-il ete utile|etait-ce utile|votre avis|donnez votre avis|notez|satisfaction/;

const DELAY =
  /(sous|dans (un delai|les|un maximum) (maximum |moyen |de |d'environ )*(de )?|dans un delai de|en moins de|d'ici|au plus tard (sous|dans)|delai (de reponse|moyen de reponse|de traitement)[^.]{0,20}?)\s*(\d{1,3}|une?|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|quarante-huit|soixante-douze|vingt-quatre)\s*(h\b|heures?|jours?|semaines?|mois)( ouvre(e)?s| ouvrables| calendaires)?/;
const REPLY_VERB =
  /\b(reponse|reponses|repondr\w*|repondons|repond|recontact\w*|reviendr\w*|revenir vers vous|vous contacter|vous rappeler|prendr\w* contact|traiter votre (demande|message|question|reclamation))\b/;


function ancestorMatches(el: unknown, re: RegExp): boolean {
  let n = el as Node | null | undefined;
  for (let i = 0; n && i < 60; i++) {
    const a = n.attribs;
    if (a && re.test(`${a.id ?? ''} ${a.class ?? ''} ${a.name ?? ''}`)) return true;
    n = n.parent;
  }
  return false;
}


/** The label a person sees for a control: <label for>, wrapping label, aria-label, placeholder, name. */
function labelOf($: CheerioAPI, el: unknown): string {
  const a = (el as Node).attribs ?? {};
  const parts: string[] = [a['aria-label'] ?? '', a.placeholder ?? '', a.title ?? '', a.name ?? '', a.id ?? ''];
  try {
    if (a.id) parts.push($(`label[for="${a.id.replace(/"/g, '\\"')}"]`).text());
    const wrap = $(el as never).closest('label');
    if (wrap.length) parts.push(wrap.text());
    const fs = $(el as never).closest('fieldset');
    if (fs.length) parts.push(fs.find('legend').first().text());
    if (a['aria-labelledby']) for (const id of a['aria-labelledby'].split(/\s+/)) parts.push($(`#${id.replace(/[^\w-]/g, '')}`).text());
    // a label just before the control in the same wrapper
    parts.push($(el as never).prev('label, span, p, div').first().text());
    parts.push($(el as never).parent().children('label').first().text());
  } catch {
    /* bad id in a selector */
  }
  return fold(collapse(parts.join(' ')));
}

/** an address lookup inside a form (autocomplete of the sender's postal address) */
const ADDRESS_LABEL = /\b(adresse|rue|voie|code postal|ville|commune|localite|address|street)\b/;
/** selects and radio groups that pick something other than a subject */
const NOT_SUBJECT =
  /\b(civilite|titre|genre|sexe|pays|country|nationalite|langue|date|jour|mois|annee|heure|horaire|creneau|region|departement|ville|commune|vous etes|profil|statut|situation|age|tranche|quantite|nombre|indicatif|moyen de contact|etre contacte|preference|recontacter|consentement|j'accepte|newsletter)\b/;
/** a choice shorter than this is a civility or a yes/no ("M.", "Mme", "Oui", "Non") */
const MIN_TOPIC_CHARS = 6;
/** topics offered by a subject picker, placeholder excluded */
const MIN_TOPICS = 3;

/** the choices read as subjects of a request: several, worded, not numbers, not yes/no */
function topicLike(choices: string[]): boolean {
  const real = choices
    .map((c) => collapse(c))
    .filter((c) => c && !/^(-+|choisi\w*|selectionne\w*|veuillez|--)/i.test(fold(c)));
  if (real.length < MIN_TOPICS) return false;
  const worded = real.filter((c) => c.length >= MIN_TOPIC_CHARS && /\p{L}{3}/u.test(c) && !/^\d/.test(c));
  return worded.length >= MIN_TOPICS && worded.length * 2 >= real.length;
}

/** text of a radio or checkbox choice: its label */
function choiceText($: CheerioAPI, el: unknown): string {
  const a = (el as Node).attribs ?? {};
  let t = '';
  try {
    if (a.id) t = $(`label[for="${a.id.replace(/"/g, '\\"')}"]`).first().text();
  } catch {
    /* an id cheerio cannot put in a selector: fall back to the wrapping label */
  }
  if (!t) t = $(el as never).closest('label').text();
  return collapse(t || a.value || '');
}

/** legend of the fieldset, or the radiogroup's label */
function groupLabelOf($: CheerioAPI, el: unknown): string {
  const fs = $(el as never).closest('fieldset, [role="radiogroup"], [role="group"]');
  if (!fs.length) return '';
  const a = fs.attr('aria-label') ?? '';
  const lb = fs.attr('aria-labelledby');
  const byId = lb ? lb.split(/\s+/).map((id) => $(`#${id.replace(/[^\w-]/g, '')}`).text()).join(' ') : '';
  return fold(collapse(`${fs.children('legend').first().text()} ${a} ${byId}`));
}

/**
 * A radio or checkbox the crawler marked hidden but whose label is drawn in its place (DSFR
 * .fr-radio-group, custom checkboxes: the input is clipped or transparent, the label is what a
 * person clicks): a field a person fills in.
 */
function drawnByLabel($: CheerioAPI, el: unknown): boolean {
  const n = el as Node;
  const type = (n.attribs?.type ?? '').toLowerCase();
  if (n.name !== 'input' || (type !== 'radio' && type !== 'checkbox')) return false;
  // only the input itself is hidden, not its group
  if (isHiddenDeep(n.parent)) return false;
  const id = n.attribs?.id;
  let labels: unknown[] = [];
  try {
    if (id) labels = $(`label[for="${id.replace(/"/g, '\\"')}"]`).toArray();
  } catch {
    /* an id cheerio cannot put in a selector */
  }
  const wrap = $(el as never).closest('label').toArray();
  return [...labels, ...wrap].some((l) => !isHiddenDeep(l) && collapse($(l as never).text()).length > 0);
}

/** ≥3 non-submit buttons (or role=radio/tab/option, aria-pressed) with topic wording before the message field */
function topicButtonsBeforeMessage($: CheerioAPI, r: ReturnType<CheerioAPI>, message: unknown): boolean {
  if (!message) return false;
  const all = r.find('button, [role="button"], [role="radio"], [role="tab"], [role="option"], [aria-pressed]').toArray();
  const order = r.find('*').toArray();
  const msgAt = order.indexOf(message as never);
  const topics = all.filter((el) => {
    const n = el as Node;
    if (isHiddenDeep(el) || order.indexOf(el as never) > msgAt) return false;
    if (n.name === 'button' && (n.attribs?.type ?? 'submit') === 'submit' && !('aria-pressed' in (n.attribs ?? {}))) return false;
    const t = collapse($(el as never).text());
    return !SUBMIT_LABEL.test(fold(t)) && !/^(annuler|retour|precedent|fermer|effacer)\b/.test(fold(t));
  });
  return topicLike(topics.map((el) => $(el as never).text()));
}

interface Candidate {
  root: unknown;
  $: CheerioAPI;
  where: string;
}

interface Judged {
  fields: number;
  subjectMenu: boolean;
  upload: boolean;
  captcha: boolean;
  ev: Evidence[];
}

function judge(c: Candidate, url: string, chatSelectors: string[]): Judged | null {
  const { $, root } = c;
  if (isHiddenDeep(root)) return null;
  const r = $(root as never);
  const a = (root as Node).attribs ?? {};
  const idClass = fold(`${a.id ?? ''} ${a.class ?? ''} ${a.action ?? ''} ${a.name ?? ''}`);
  if (/commentform|wp-comments-post|comment-form/.test(idClass)) return null;
  if (ancestorMatches(root, CMP_CONTAINER) || ancestorMatches(root, CHAT_CONTAINER)) return null;
  for (const s of chatSelectors) {
    try {
      if (r.closest(s).length) return null;
    } catch {
      /* vendor selector cheerio cannot run */
    }
  }
  if (a.role === 'search' || /\bsearch\b|recherche/.test(idClass)) return null;

  const controls = r.find('input, select, textarea').toArray();
  if (controls.length === 0 || controls.length > 80) return null;
  let fields = 0;
  let password = false;
  let textarea = false;
  let messageField = false;
  let emailish = false;
  let subjectMenu = false;
  let upload = false;
  let captcha = false;
  const radioGroups = new Map<string, unknown[]>();
  /** positions of selects and radio groups whose choices read as topics, without a subject label */
  const pickers: number[] = [];
  /** document position of the first message field, to tell subject pickers placed before it */
  let messageAt = -1;
  for (const [i, el] of controls.entries()) {
    const n = el as Node;
    const ca = n.attribs ?? {};
    const type = (ca.type ?? 'text').toLowerCase();
    if (n.name === 'input' && type === 'file') upload = true;
    if (/captcha/i.test(`${ca.name ?? ''} ${ca.id ?? ''} ${ca.class ?? ''}`)) captcha = true;
    if (n.name === 'input' && NOT_FIELD.has(type)) continue;
    if (isHiddenDeep(el) && !drawnByLabel($, el)) continue;
    fields++;
    const label = labelOf($, el);
    if (n.name === 'input' && type === 'password') password = true;
    // a search box disqualifies, unless it looks up the sender's address (autocomplete)
    if ((n.name === 'input' && type === 'search') || ca.role === 'combobox') {
      if (!ADDRESS_LABEL.test(label)) {
        if (type === 'search') return null;
      }
    }
    if (n.name === 'textarea') {
      textarea = true;
      messageField = true;
      if (messageAt < 0) messageAt = i;
    } else if (n.name === 'input' && ['text', ''].includes(type) && /\b(message|votre demande|votre question|commentaire)\b/.test(label)) {
      messageField = true;
      if (messageAt < 0) messageAt = i;
    }
    if (n.name === 'input' && (type === 'email' || type === 'tel' || /\b(e-?mail|courriel|telephone|nom|prenom)\b/.test(label))) emailish = true;
    if (n.name === 'select') {
      const options = $(el as never).find('option').toArray().map((o) => collapse($(o).text()));
      if (SUBJECT_LABEL.test(`${label} ${fold(options[0] ?? '')}`)) subjectMenu = true;
      else if ((messageAt < 0 || i < messageAt) && !NOT_SUBJECT.test(label) && topicLike(options)) pickers.push(i);
    }
    if (n.name === 'input' && type === 'radio') {
      const g = ca.name ?? '';
      radioGroups.set(g, [...(radioGroups.get(g) ?? []), el]);
    }
  }
  for (const [, els] of radioGroups) {
    if (els.length < 2) continue;
    const groupLabel = groupLabelOf($, els[0]);
    if (SUBJECT_LABEL.test(`${groupLabel} ${labelOf($, els[0])}`)) subjectMenu = true;
    else {
      // a radio group placed before the message whose choices read as topics
      const at = controls.indexOf(els[0] as never);
      const choices = els.map((e) => choiceText($, e));
      if ((messageAt < 0 || at < messageAt) && !NOT_SUBJECT.test(groupLabel) && topicLike(choices)) pickers.push(at);
    }
  }
  // "Votre demande : [Facturation] [Résiliation] [Déménagement]": topic buttons before the message field
  if (!subjectMenu && topicButtonsBeforeMessage($, r, controls[messageAt])) subjectMenu = true;
  if (!subjectMenu && messageAt >= 0 && pickers.some((i) => i < messageAt)) subjectMenu = true;
  for (const el of r.find('[role="combobox"], [role="listbox"], [aria-haspopup="listbox"]').toArray()) {
    if (!isHiddenDeep(el) && SUBJECT_LABEL.test(labelOf($, el) + fold(collapse($(el as never).text())))) subjectMenu = true;
  }
  if (password) return null;
  if (r.find('.g-recaptcha, [data-sitekey], .h-captcha, .frc-captcha, .cf-turnstile, iframe[src*="recaptcha"], iframe[src*="hcaptcha"], img[src*="captcha" i], img[alt*="captcha" i]').length) captcha = true;

  const formText = fold(collapse(r.text())).slice(0, 3000);
  const submit = r
    .find('button, input[type="submit"], input[type="image"], [role="button"], a[class*="btn"], a[class*="button"]')
    .toArray()
    .some((el) => {
      const n = el as Node;
      const t = fold(`${collapse($(el as never).text())} ${n.attribs?.value ?? ''} ${n.attribs?.['aria-label'] ?? ''}`);
      return (n.name === 'button' && (n.attribs?.type ?? 'submit') === 'submit') || n.attribs?.type === 'submit' || SUBMIT_LABEL.test(t);
    });
  if (!submit) return null;

  const context = `${formText} ${fold(collapse(r.closest('section, article, main, body').first().find('h1, h2').first().text()))}`;
  if (!messageField) {
    // newsletter, locators, simulators and search forms have no message field
    if (!(subjectMenu && emailish && CONTACT_WORDING.test(context))) return null;
  } else {
    if (fields < 2) return null;
    const around = `${formText} ${controls.map((el) => labelOf($, el)).join(' ')} ${fold(collapse(r.parent().text())).slice(0, 1500)}`;
    if (!emailish && FEEDBACK.test(around)) return null;
    if (!textarea && (NEWSLETTER.test(formText) || LOCATOR.test(formText) || SIMULATOR.test(formText))) return null;
  }
  const ev: Evidence[] = [];
  const what = (root as Node).name === 'form' ? `<form${a.id ? ` id="${a.id}"` : ''}${a.action ? ` action="${a.action}"` : ''}>` : `<${(root as Node).name ?? 'div'}> without <form>`;
  ev.push(evidence(url, c.where === url ? 'dom' : 'frame', messageField ? 'message-form' : 'contact-form-step', `${what} ${fields} field(s)${textarea ? ', textarea' : ''}${subjectMenu ? ', subject menu' : ''}${c.where !== url ? ` in frame ${c.where}` : ''}`, (root as Node).name));
  return { fields, subjectMenu, upload, captcha, ev };
}

function detect(page: PageView): Finding[] {
  const url = page.url;
  const vendors = loadChatVendors();
  const chatSelectors = vendors.flatMap((v) => v.selectors.filter((s) => !/^link\b/.test(s)));
  const docs: { $: CheerioAPI; where: string; ok: boolean }[] = [
    { $: page.$, where: url, ok: true },
    ...page.frames.map((f) => ({ $: f.$, where: f.url || url, ok: f.visible && !NON_CHAT_FRAME.test(f.url) && !CHAT_CONTAINER.test(`${f.title} ${f.url}`) })),
  ];
  const chatFrames = vendors.flatMap((v) => v.iframes.map((m) => m.toLowerCase()));
  const judged: Judged[] = [];
  for (const d of docs) {
    if (!d.ok) continue;
    if (d.where !== url && chatFrames.some((m) => d.where.toLowerCase().includes(m))) continue;
    const $ = d.$;
    const cands: Candidate[] = selectAll($, 'form').map((root) => ({ root, $, where: d.where }));
    // formless message forms
    const seenRoots = new Set<unknown>();
    for (const ta of selectAll($, 'textarea')) {
      if ($(ta as never).closest('form').length) continue;
      let n = (ta as Node).parent;
      for (let i = 0; n && i < 6; i++, n = n.parent) {
        if (n.type !== 'tag') break;
        if ($(n as never).find('button, [role="button"], input[type="submit"]').length) {
          if (!seenRoots.has(n)) {
            seenRoots.add(n);
            cands.push({ root: n, $, where: d.where });
          }
          break;
        }
      }
    }
    for (const c of cands) {
      const j = judge(c, url, chatSelectors);
      if (j) judged.push(j);
    }
  }
  if (judged.length === 0) return [];
  judged.sort((a, b) => b.fields - a.fields);
  const best = judged[0];
  const ev = [...best.ev];

  // page-level captcha markers
  let captcha = judged.some((j) => j.captcha);
  if (!captcha) {
    const $ = page.$;
    const marker = selectAll($, '.g-recaptcha, .grecaptcha-badge, [data-sitekey], .h-captcha, .frc-captcha, .cf-turnstile, script[src*="recaptcha"], script[src*="hcaptcha.com"], script[src*="friendlycaptcha"], script[src*="challenges.cloudflare.com/turnstile"], iframe[src*="recaptcha"], iframe[src*="hcaptcha"]')[0];
    const req = (page.snapshot.requests ?? []).find((r) => r && /google\.com\/recaptcha|gstatic\.com\/recaptcha|recaptcha\.net|hcaptcha\.com|friendlycaptcha|challenges\.cloudflare\.com\/turnstile/i.test(r.url ?? ''));
    const frame = (page.snapshot.frames ?? []).find((f) => f && /google\.com\/recaptcha|recaptcha\.net|hcaptcha\.com|challenges\.cloudflare\.com/i.test(f.url ?? ''));
    if (marker) ev.push(evidence(url, 'dom', 'captcha', `<${(marker as Node).name} ${(marker as Node).attribs?.class ?? (marker as Node).attribs?.src ?? ''}>`));
    else if (req) ev.push(evidence(url, 'request', 'captcha', req.url));
    else if (frame) ev.push(evidence(url, 'frame', 'captcha', frame.url));
    captcha = !!(marker || req || frame);
  } else {
    ev.push(evidence(url, 'dom', 'captcha', 'captcha widget or field inside the form'));
  }
  if (best.upload) ev.push(evidence(url, 'dom', 'upload', 'input type=file'));

  // stated reply delay
  let statedDelay = false;
  const text = fold(page.text);
  const re = new RegExp(DELAY.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const around = text.slice(Math.max(0, m.index - 80), m.index + m[0].length + 40);
    if (REPLY_VERB.test(around) && !/\blivr\w+|\bexpedi\w+|\bremboursement\b|\bretractation\b/.test(text.slice(Math.max(0, m.index - 40), m.index))) {
      statedDelay = true;
      ev.push(evidence(url, 'text', 'stated-delay', around.trim()));
      break;
    }
  }

  return [
    {
      channel: 'form',
      detector: 'contact-form',
      attributes: { fields: best.fields, subjectMenu: best.subjectMenu, upload: best.upload, captcha, statedDelay },
      evidence: ev,
    },
  ];
}

export const contactForm: Detector = {
  id: 'contact-form',
  version: 2,
  channels: ['form'],
  needs: ['html', 'frames', 'requests'],
  detect,
};
